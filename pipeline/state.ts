/**
 * The output directory's state, under `<output>/_state/`:
 *   state.json     committed runs, the names of the files table and of each stage's persisted
 *                  state, the runs whose checkpoints are kept (and their stages), the input folder
 *   files-<run>.jsonl  every input file seen: one JSON array per line, [path, size, mtime, sha256,
 *                  the run that wrote its rows, its doc ids, its checkpoint runs if not just that
 *                  run]; a file of its own, written in pieces, so that a run over millions of
 *                  files never builds the whole state as one string
 *   pending.json   a commit in progress (see below)
 *   <stage>-<run>.bin  a stage's persisted state (dedupe's index, boilerplate's line counts); lock
 *
 * Commit protocol: a run writes every table file under a hidden temporary name and closes it;
 * then writes pending.json (the new state plus the list of renames); then renames the files into
 * place; then replaces state.json; then deletes pending.json. Recovery at the start of the next
 * run rolls a commit with pending.json forward (all its files were complete before pending.json
 * existed) and deletes everything else a killed run left: temporary files and partitions of
 * runs that state.json does not list. So after kill -9 at any moment and a rerun, the tables
 * are as if the killed run had either fully committed or never started.
 */
import { createReadStream } from 'node:fs';
import { readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { writeFileAtomic } from './fsutil.js';
import { crashPoint } from './crash.js';
import { OUTPUT_FORMATS } from './writers/types.js';
import { FileTable, type FileRecord } from './file-table.js';

export type { FileRecord };

/** A run whose checkpoints (_work/<run>/) are kept, and the stages they hold. */
export interface CheckpointRun {
  run: string;
  stages: string[];
}

export interface OutputState {
  version: 1;
  /** Committed runs, oldest first. */
  runs: string[];
  files: FileTable;
  /** Stage name -> file name under _state/ of what the stage persisted (dedupe's index, boilerplate's line counts). */
  stageState?: Record<string, string>;
  /** Runs whose checkpoints are kept, oldest first. */
  checkpoints?: CheckpointRun[];
  /** The input folder of the last run that read one (absolute): reruns of later stages re-read from it. */
  input?: string;
  /** On disk only: the file under _state/ holding `files` (state.json then has no `files`). */
  filesTable?: string;
}

/** state.json of earlier versions of this program, which named the two stage states and one checkpoint run. */
interface LegacyFields {
  dedupeIndex?: string;
  chromeCounts?: string;
  checkpointRun?: string;
  checkpointStages?: string[];
}

/** Older state.json: the stage states move under stageState; checkpoints of the old whole-document format are not kept. */
function upgrade<T extends Omit<OutputState, 'files'>>(stored: T & LegacyFields): T {
  const { dedupeIndex, chromeCounts, checkpointRun: _run, checkpointStages: _stages, ...rest } = stored;
  if (!dedupeIndex && !chromeCounts) return rest as T;
  const stageState: Record<string, string> = { ...rest.stageState };
  if (dedupeIndex) stageState.dedupe = dedupeIndex;
  if (chromeCounts) stageState.boilerplate = chromeCounts;
  return { ...rest, stageState } as T;
}

export interface PendingCommit {
  runId: string;
  state: OutputState;
  renames: { from: string; to: string }[];
  /** Partitions and files to delete once the commit is in place (full refresh, old indexes, old checkpoints). */
  deletes: string[];
}

export const emptyState = (): OutputState => ({ version: 1, runs: [], files: new FileTable() });

export const stateDir = (output: string): string => join(output, '_state');
/** `<stage>-<run>.<ext>`: a stage's persisted state (older outputs: chrome-<run>.json for boilerplate's). */
const STAGE_STATE_FILE = /^[a-z][a-z0-9_]*-\d{8}T\d{6}Z-[0-9a-f]{6}\.(bin|json)$/;
export const stageStateFile = (stage: string, runId: string): string => `${stage}-${runId}.bin`;
const statePath = (output: string): string => join(stateDir(output), 'state.json');
const pendingPath = (output: string): string => join(stateDir(output), 'pending.json');

export async function loadState(output: string): Promise<OutputState> {
  let state: Omit<OutputState, 'files'> & { files?: Record<string, FileRecord> };
  try {
    state = upgrade(JSON.parse(await readFile(statePath(output), 'utf8')) as typeof state);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyState();
    throw err;
  }
  // Older outputs keep `files` inline in state.json.
  const files = state.filesTable ? await readFilesTable(join(stateDir(output), state.filesTable)) : FileTable.fromRecords(state.files ?? {});
  delete state.filesTable;
  return { ...state, files };
}

type FileLine = [path: string, size: number, mtimeMs: number, sha256: string, runId: string, docIds: string[], checkpointRuns?: string[]];

async function readFilesTable(path: string): Promise<FileTable> {
  const files = new FileTable();
  for await (const line of createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity })) {
    if (line === '') continue;
    const [p, size, mtimeMs, sha256, runId, docIds, checkpointRuns] = JSON.parse(line) as FileLine;
    files.set(p, { size, mtimeMs, sha256, runId, docIds, checkpointRuns });
  }
  return files;
}

function* filesTableChunks(files: FileTable): Generator<string> {
  let chunk: string[] = [];
  for (const [p, f] of files.entries()) {
    const line: FileLine = [p, f.size, f.mtimeMs, f.sha256, f.runId, f.docIds];
    if (f.checkpointRuns) line.push(f.checkpointRuns);
    chunk.push(JSON.stringify(line));
    if (chunk.length === 4096) {
      yield chunk.join('\n') + '\n';
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk.join('\n') + '\n';
}

/** What state.json holds: the state without `files`, which goes to its own table file. */
function onDisk(state: OutputState, filesTable: string): Omit<OutputState, 'files'> {
  const { files: _files, ...rest } = state;
  return { ...rest, filesTable };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** True once a commit's pending.json exists: the next run's recover() completes that commit. */
export async function commitInProgress(output: string): Promise<boolean> {
  return exists(pendingPath(output));
}

/** Steps 2–5 of the protocol; `pending.renames` must all be closed, complete files. */
export async function commit(output: string, pending: PendingCommit): Promise<void> {
  // The files table is complete on disk before pending.json names it, like the dedupe index.
  const filesTable = `files-${pending.runId}.jsonl`;
  await writeFileAtomic(join(stateDir(output), filesTable), filesTableChunks(pending.state.files));
  const stored: StoredCommit = { ...pending, state: onDisk(pending.state, filesTable) };
  await writeFileAtomic(pendingPath(output), JSON.stringify(stored));
  await finishCommit(output, stored);
}

type StoredCommit = Omit<PendingCommit, 'state'> & { state: Omit<OutputState, 'files'> };

async function finishCommit(output: string, pending: StoredCommit): Promise<void> {
  for (const r of pending.renames) {
    if (await exists(r.from)) await rename(r.from, r.to);
    crashPoint('mid_commit');
  }
  await writeFileAtomic(statePath(output), JSON.stringify(pending.state));
  for (const d of pending.deletes) await rm(d, { recursive: true, force: true });
  await removeStaleFilesTables(output, pending.state.filesTable);
  await rm(pendingPath(output), { force: true });
}

/** Files tables other than the committed one: a replaced one, or one written by a run killed before it committed. */
async function removeStaleFilesTables(output: string, keep: string | undefined, report?: RecoveryReport): Promise<void> {
  let names: string[];
  try { names = await readdir(stateDir(output)); } catch { return; }
  for (const f of names) {
    if (f.startsWith('files-') && f.endsWith('.jsonl') && f !== keep) {
      await rm(join(stateDir(output), f), { force: true });
      report?.removed.push(join(stateDir(output), f));
    }
  }
}

/** state.json as stored, without loading the files table (recovery needs only the names in it). */
async function readStoredState(output: string): Promise<Omit<OutputState, 'files'> | undefined> {
  try {
    return upgrade(JSON.parse(await readFile(statePath(output), 'utf8')) as Omit<OutputState, 'files'>);
  } catch (err) {
    // Only a missing state means "nothing committed"; an unreadable one must stop the run, not empty the output.
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

export interface RecoveryReport {
  rolledForward?: string;
  removed: string[];
}

/** Run with the lock held, before anything else touches the output. */
export async function recover(output: string): Promise<RecoveryReport> {
  const report: RecoveryReport = { removed: [] };
  let pending: StoredCommit | undefined;
  try {
    pending = JSON.parse(await readFile(pendingPath(output), 'utf8')) as StoredCommit;
  } catch {
    pending = undefined; // absent, or torn by a kill while being written: that run never committed
  }
  if (pending) {
    await finishCommit(output, pending);
    report.rolledForward = pending.runId;
  } else {
    await rm(pendingPath(output), { force: true });
  }
  const stored = await readStoredState(output);
  await removeStaleFilesTables(output, stored?.filesTable, report);
  const committed = new Set(stored?.runs ?? []);
  const stageFiles = new Set(Object.values(stored?.stageState ?? {}));
  const keptCheckpoints = new Set((stored?.checkpoints ?? []).map((c) => c.run));
  for (const format of OUTPUT_FORMATS) {
    let tables: string[];
    try { tables = await readdir(join(output, format)); } catch { continue; }
    for (const table of tables) {
      const tableDir = join(output, format, table);
      let parts: string[];
      try { parts = await readdir(tableDir); } catch { continue; }
      for (const part of parts) {
        const dir = join(tableDir, part);
        if (part.startsWith('run-') && !committed.has(part.slice(4))) {
          await rm(dir, { recursive: true, force: true });
          report.removed.push(dir);
          continue;
        }
        let files: string[];
        try { files = await readdir(dir); } catch { continue; }
        for (const f of files) {
          if (f.endsWith('.tmp')) {
            await rm(join(dir, f), { force: true });
            report.removed.push(join(dir, f));
          }
        }
      }
    }
  }
  // Stage states written by runs that did not commit, or replaced.
  try {
    for (const f of await readdir(stateDir(output))) {
      if (STAGE_STATE_FILE.test(f) && !stageFiles.has(f)) {
        await rm(join(stateDir(output), f), { force: true });
        report.removed.push(join(stateDir(output), f));
      }
    }
  } catch { /* no state yet */ }
  // Checkpoints of runs that did not commit, or no longer kept.
  try {
    for (const run of await readdir(join(output, '_work'))) {
      if (!keptCheckpoints.has(run)) {
        await rm(join(output, '_work', run), { recursive: true, force: true });
        report.removed.push(join(output, '_work', run));
      }
    }
  } catch { /* no _work yet */ }
  return report;
}
