/**
 * The output directory's state, under `<output>/_state/`:
 *   state.json         sealed (format version + sha256): committed runs and the formats each
 *                      published, the names, sizes and sha256 of the state files below, the runs
 *                      whose checkpoints are kept, the input folder
 *   files-<run>.jsonl  every input file seen: a header line, then one JSON array per line, [path,
 *                      size, mtime, sha256, the run that wrote its rows, its doc ids, its
 *                      checkpoint runs when not just that run]; written in pieces, so that a run
 *                      over millions of files never builds it as one string
 *   <stage>-<run>.bin  a stage's persisted state (dedupe's index, boilerplate's line counts)
 *   pending.json       a commit in progress (commit.ts)
 *   lock, live/<run>.json                 the lock and the markers of running runs (lock.ts)
 *
 * Nothing is trusted blindly: loading checks state.json's seal, that it lists every published
 * run, the size and checksum of each state file it names (read once), and every committed run's
 * files against its manifest. A state that fails is reported with the file and the way out
 * (`--full-refresh`), before anything is deleted or written.
 */
import { join } from 'node:path';
import { readdir, stat } from 'node:fs/promises';
import { FileTable } from './file-table.js';
import { isSafeSegment, RUN_FOLDER_PREFIX, WORK_DIR } from './layout.js';
import { OUTPUT_FORMATS } from './writers/types.js';
import { liveRuns } from './lock.js';
import {
  emptyState, pendingPath, readFilesTable, readStoredState, rememberFingerprint, stateDir, verifyOutput, type OutputState,
} from './state-store.js';

export { commit, type PendingCommit } from './commit.js';
export { recover, type RecoveryReport, type RecoverOptions } from './recovery.js';
export { emptyState, readStateFile, stageStateFile, stateDir, type CheckpointRun, type FileRecord, type OutputState } from './state-store.js';

export async function loadState(output: string): Promise<OutputState> {
  const stored = await readStoredState(output);
  await verifyOutput(output, stored);
  rememberFingerprint(output, stored?.fingerprint ?? '');
  if (!stored) return emptyState();
  const { body } = stored;
  const files = body.filesTable ? await readFilesTable(join(stateDir(output), body.filesTable), body.digests[body.filesTable]) : new FileTable();
  return {
    version: 1, runs: body.runs, files, stageState: body.stageState, checkpoints: body.checkpoints, input: body.input,
    digests: body.digests, published: body.published,
  };
}

/** True once a commit's pending.json exists: the next run's recover() completes that commit. */
export async function commitInProgress(output: string): Promise<boolean> {
  return stat(pendingPath(output)).then(() => true, () => false);
}

/**
 * What a full refresh deletes once it commits: every published run folder (of every format, in
 * this layout or the one before it), whatever state.json says, and every work folder but a live run's.
 */
export async function replacedByFullRefresh(output: string, runId: string): Promise<string[]> {
  const out: string[] = [];
  for (const format of OUTPUT_FORMATS) {
    for (const name of await readdir(join(output, format)).catch(() => [] as string[])) {
      if (name.startsWith(RUN_FOLDER_PREFIX) && name !== `${RUN_FOLDER_PREFIX}${runId}`) out.push(join(output, format, name));
      else if (!name.startsWith(RUN_FOLDER_PREFIX) && isSafeSegment(name)) out.push(join(output, format, name)); // a table folder of the old layout
    }
  }
  const live = await liveRuns(output);
  for (const run of await readdir(join(output, WORK_DIR)).catch(() => [] as string[])) {
    if (run !== runId && !live.runIds.has(run) && isSafeSegment(run)) out.push(join(output, WORK_DIR, run));
  }
  return out;
}
