/**
 * The commit protocol. A run writes each format's table files into its own staging folder
 * (`_work/<run>/publish/<format>/<table>/part-<k>.<ext>`, which no reader's glob reaches) and
 * closes them. Then commit():
 *
 *   1. checks the run still holds the lock, that every file it must publish is there, and that
 *      state.json is still the one the run started from (another run did not commit meanwhile);
 *   2. writes the files table, each staging folder's manifest, then `_state/pending.json`
 *      (sealed: the new state, what to publish, what to delete, the state it replaces);
 *   3. publishes each format's folder with one rename to `<format>/run-<run>/`;
 *   4. replaces state.json, deletes what the commit made obsolete, removes pending.json.
 *
 * A reader of one format's globs sees all of a run's tables or none of them; load.sql's views
 * show only the runs committed when it was written. kill -9 before pending.json leaves the old
 * state (the staging folder is swept later); after it, the next run completes the commit.
 */
import { mkdir, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { crashPoint } from './crash.js';
import { writeFileAtomic, digestOf } from './fsutil.js';
import { seal, sha256Hex, StateError, unseal } from './integrity.js';
import { assertLockHeld, liveRuns } from './lock.js';
import { assertNoSymlinkOnTheWay, insideOutput, isDeletablePath, isOutputFormat, isSafeSegment, publishedRunDir, stagingRunDir, STATE_DIR, UnsafePathError, WORK_DIR } from './layout.js';
import { writeManifest } from './manifest.js';
import {
  checkStateShape, filesTableChunks, STATE_FILE, loadedFingerprint, namedStateFiles, pendingPath, readStoredState, rememberFingerprint, sealState, stateDir,
  stateFingerprint, statePath, type OutputState, type StoredState,
} from './state-store.js';
import { NewsEtlError } from './errors.js';
import { OUTPUT_FORMATS, type OutputFormat } from './writers/types.js';

export interface PendingCommit {
  runId: string;
  state: OutputState;
  /** Every table file of the run: `from` in its staging folder, `to` where publishing puts it. */
  renames: { from: string; to: string }[];
  /** Run folders, checkpoints and state files to delete once the commit is in place. */
  deletes: string[];
}

/** pending.json's body: everything the next run needs to finish the commit, paths relative to the output. */
export interface PendingBody {
  runId: string;
  /** Fingerprint of the state.json this commit replaces ('' for none). */
  replaces: string;
  state: StoredState;
  publish: OutputFormat[];
  deletes: string[];
}

export const PENDING = { format: 'news-etl-pending', version: 1 };

export class CommitError extends NewsEtlError {}

/** Steps 1–4; the renames' sources must all be closed, complete files. */
export async function commit(output: string, pending: PendingCommit): Promise<void> {
  await assertLockHeld(output);
  const publish = await checkStaged(output, pending);
  const base = await readStoredState(output).catch(() => undefined);
  const replaces = await stateFingerprint(output);
  const expected = loadedFingerprint(output);
  if (expected !== undefined && expected !== replaces) {
    throw new CommitError('E_STATE_CHANGED', `${statePath(output)} changed since this run loaded it: another run committed meanwhile; this run stops without committing`);
  }
  const state = await storedStateFor(output, pending, publish, base?.body);
  for (const format of publish) await writeManifest(stagingRunDir(output, format, pending.runId), pending.runId, format);
  const obsolete = await obsoleteStateFiles(output, state);
  const body: PendingBody = { runId: pending.runId, replaces, state, publish, deletes: [...pending.deletes.map((d) => deletable(output, d)), ...obsolete] };
  await assertLockHeld(output);
  await writeFileAtomic(pendingPath(output), seal(PENDING.format, PENDING.version, body));
  await finishCommit(output, body);
}

/** The formats to publish; throws if a file the run must publish is missing (it would vanish silently). */
async function checkStaged(output: string, pending: PendingCommit): Promise<OutputFormat[]> {
  const formats = new Set<OutputFormat>();
  for (const { from, to } of pending.renames) {
    const format = OUTPUT_FORMATS.find((f) => insideOutput(stagingRunDir(output, f, pending.runId), from) !== undefined);
    const rel = format && insideOutput(stagingRunDir(output, format, pending.runId), from);
    if (!format || !rel || insideOutput(publishedRunDir(output, format, pending.runId), to) !== rel) {
      throw new CommitError('E_COMMIT_BAD_FILE', `commit of run ${pending.runId}: ${from} -> ${to} is not a file of its staging folder`);
    }
    const exists = await stat(from).then((s) => s.isFile(), () => false);
    if (!exists) {
      throw new CommitError('E_COMMIT_MISSING_FILE', `commit of run ${pending.runId}: ${from} is missing (removed by another process?); nothing of this run was published`);
    }
    formats.add(format);
  }
  return OUTPUT_FORMATS.filter((f) => formats.has(f));
}

async function storedStateFor(output: string, pending: PendingCommit, publish: OutputFormat[], base: StoredState | undefined): Promise<StoredState> {
  const { state, runId } = pending;
  // A run that changed no file's record (an unchanged input) keeps the files table it loaded.
  const kept = state.files.unchangedFrom;
  const keep = kept !== undefined && kept === base?.filesTable && base.digests[kept] !== undefined;
  const filesTable = keep ? kept : `files-${runId}.jsonl`;
  const digests: StoredState['digests'] = {
    [filesTable]: keep ? base.digests[kept] : await writeFileAtomic(join(stateDir(output), filesTable), filesTableChunks(state.files)),
  };
  for (const name of Object.values(state.stageState ?? {})) {
    if (!name) continue;
    const path = join(stateDir(output), name);
    if (!await stat(path).then((s) => s.isFile(), () => false)) throw new CommitError('E_COMMIT_MISSING_FILE', `commit of run ${runId}: the state file ${path} is missing`);
    digests[name] = state.digests?.[name] ?? await digestOf(path);
  }
  const published: StoredState['published'] = {};
  for (const run of state.runs) {
    const formats = run === runId ? publish : (state.published?.[run] ?? base?.published[run]);
    if (formats && formats.length > 0) published[run] = formats;
  }
  return {
    runs: state.runs, published, filesTable, stageState: state.stageState, checkpoints: state.checkpoints, input: state.input, digests,
  };
}

/** State files (files table, stage states) the new state does not name and no live run owns. */
async function obsoleteStateFiles(output: string, state: StoredState): Promise<string[]> {
  const keep = new Set(namedStateFiles(state));
  const live = await liveRuns(output);
  const names = await readdir(stateDir(output)).catch(() => [] as string[]);
  return names
    .filter((n) => STATE_FILE.test(n) && !keep.has(n))
    .filter((n) => ![...live.runIds].some((run) => n.includes(run)))
    .map((n) => `${STATE_DIR}/${n}`);
}

/** A path to delete, relative to the output, refused unless it is one the protocol deletes. */
function deletable(output: string, path: string, file = 'commit'): string {
  const rel = insideOutput(output, path);
  if (!rel) throw new UnsafePathError(file, path, 'outside the output folder');
  if (!isDeletablePath(rel)) throw new UnsafePathError(file, path, 'which is not a run folder, checkpoint folder or state file');
  return rel;
}

/** pending.json checked: sealed, and naming nothing but what a commit touches inside the output. */
export function checkPending(output: string, text: string): PendingBody {
  const file = pendingPath(output);
  const body = unseal<PendingBody>(text, file, { ...PENDING, wayOut: 'To rebuild the output from the input, rerun with --full-refresh (which discards pending.json without acting on it).' });
  if (typeof body.runId !== 'string' || !isSafeSegment(body.runId)) throw new UnsafePathError(file, String(body.runId), 'which is not a run id');
  if (!Array.isArray(body.publish) || !body.publish.every(isOutputFormat)) throw new UnsafePathError(file, String(body.publish), 'which are not output formats');
  if (!Array.isArray(body.deletes)) throw new UnsafePathError(file, String(body.deletes), 'which is not a list of paths');
  checkStateShape(body.state, file);
  for (const d of body.deletes) {
    if (typeof d !== 'string' || isAbsolute(d) || insideOutput(output, join(output, d)) === undefined) throw new UnsafePathError(file, String(d), 'outside the output folder');
    if (deletable(output, join(output, d), file) !== d) throw new UnsafePathError(file, d, 'which is not a plain path inside the output folder');
  }
  return body;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

/** Steps 3–4, also run by the next run's recovery to complete a commit a kill interrupted. */
export async function finishCommit(output: string, body: PendingBody): Promise<void> {
  const file = pendingPath(output);
  for (const format of body.publish) {
    const staged = stagingRunDir(output, format, body.runId);
    const target = publishedRunDir(output, format, body.runId);
    await assertNoSymlinkOnTheWay(output, `${WORK_DIR}/${body.runId}/publish/${format}`, file);
    await assertNoSymlinkOnTheWay(output, `${format}/run-${body.runId}`, file);
    if (await exists(target)) continue; // published before a kill
    if (!await exists(staged)) throw new StateError('E_COMMIT_MISSING_FILE', file, `names run ${body.runId}, but neither ${staged} nor ${target} exists`);
    await mkdir(join(output, format), { recursive: true });
    await rename(staged, target);
    crashPoint('mid_commit');
  }
  const text = sealState(body.state);
  const current = await stateFingerprint(output);
  if (current !== body.replaces && current !== sha256Hex(text)) {
    throw new StateError('E_STATE_CHANGED', file, `replaces a state.json that is no longer there: ${statePath(output)} changed after this commit began`);
  }
  if (current !== sha256Hex(text)) await writeFileAtomic(statePath(output), text);
  rememberFingerprint(output, sha256Hex(text));
  for (const rel of body.deletes) {
    await assertNoSymlinkOnTheWay(output, rel, file);
    await rm(join(output, ...rel.split('/')), { recursive: true, force: true });
  }
  await rm(file, { force: true });
  await removeEmptyStaging(output, body.runId);
}

/** The staging folder is empty once published; a run without checkpoints leaves nothing else in _work/<run>. */
async function removeEmptyStaging(output: string, runId: string): Promise<void> {
  for (const dir of [join(output, WORK_DIR, runId, 'publish'), join(output, WORK_DIR, runId)]) {
    await rmdir(dir).catch(() => undefined);
  }
}
