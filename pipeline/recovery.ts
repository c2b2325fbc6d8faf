/**
 * Recovery, at the start of every run, with the lock held and before anything else touches the
 * output: complete a commit that pending.json describes, check the state (state.json, the state
 * files it names, every committed run's files) and refuse to go on if it cannot be trusted, then
 * sweep what runs that are gone left behind. Nothing a run that may still be alive wrote is
 * swept, whoever holds the lock: its live marker (lock.ts) protects its work folder, state files
 * and temporary files.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { checkPending, finishCommit } from './commit.js';
import { tempTagOf } from './fsutil.js';
import { StateError } from './integrity.js';
import { liveRuns, removeLockLeftovers, type LiveRuns } from './lock.js';
import { UnsafePathError, WORK_DIR } from './layout.js';
import {
  namedStateFiles, pendingPath, STATE_FILE, readStoredState, rememberFingerprint, stateDir, stateFingerprint, verifyOutput, type StoredState,
} from './state-store.js';

export interface RecoveryReport {
  rolledForward?: string;
  removed: string[];
}

export interface RecoverOptions {
  /** The run replaces all output: a state that cannot be trusted is no reason to stop, and is not acted on. */
  fullRefresh?: boolean;
}

const untrusted = (err: unknown): boolean => err instanceof StateError || err instanceof UnsafePathError;

export async function recover(output: string, options: RecoverOptions = {}): Promise<RecoveryReport> {
  const report: RecoveryReport = { removed: [] };
  await completePendingCommit(output, options, report);
  let stored: Awaited<ReturnType<typeof readStoredState>>;
  try {
    stored = await readStoredState(output);
    await verifyOutput(output, stored);
  } catch (err) {
    if (!options.fullRefresh || !untrusted(err)) throw err;
    stored = undefined;
  }
  rememberFingerprint(output, stored?.fingerprint ?? await stateFingerprint(output));
  await sweep(output, stored?.body, report);
  return report;
}

async function completePendingCommit(output: string, options: RecoverOptions, report: RecoveryReport): Promise<void> {
  let text: string;
  try {
    text = await readFile(pendingPath(output), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  try {
    const body = checkPending(output, text);
    await finishCommit(output, body);
    report.rolledForward = body.runId;
  } catch (err) {
    if (!options.fullRefresh || !untrusted(err)) throw err;
    await rm(pendingPath(output), { force: true });
    report.removed.push(pendingPath(output));
  }
}


function ownedByLiveRun(name: string, live: LiveRuns): boolean {
  for (const run of live.runIds) if (name.includes(run)) return true;
  return false;
}

function isDeadTempFile(name: string, live: LiveRuns): boolean {
  const tag = tempTagOf(name);
  return tag !== undefined && !live.tempTags.has(tag);
}

async function removeAll(paths: string[], report: RecoveryReport): Promise<void> {
  for (const p of paths) {
    await rm(p, { recursive: true, force: true });
    report.removed.push(p);
  }
}

async function namesIn(dir: string): Promise<string[]> {
  return readdir(dir).catch(() => [] as string[]);
}

/** Leftovers of runs that are gone: uncommitted state files, work folders, temporary files, lock gates. */
async function sweep(output: string, committed: StoredState | undefined, report: RecoveryReport): Promise<void> {
  const live = await liveRuns(output);
  report.removed.push(...await removeLockLeftovers(output));
  const named = new Set(committed ? namedStateFiles(committed) : []);
  const stateNames = await namesIn(stateDir(output));
  await removeAll(stateNames
    .filter((n) => (STATE_FILE.test(n) && !named.has(n) && !ownedByLiveRun(n, live)) || isDeadTempFile(n, live))
    .map((n) => join(stateDir(output), n)), report);
  await removeAll((await namesIn(output)).filter((n) => isDeadTempFile(n, live)).map((n) => join(output, n)), report);
  // A committed run's work folder (its checkpoints) is the commits' to delete; an uncommitted one is garbage once its run is gone.
  const committedRuns = new Set(committed?.runs ?? []);
  await removeAll((await namesIn(join(output, WORK_DIR)))
    .filter((run) => !committedRuns.has(run) && !live.runIds.has(run))
    .map((run) => join(output, WORK_DIR, run)), report);
}
