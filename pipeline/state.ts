/**
 * The output directory's state, under `<output>/_state/`:
 *   state.json     committed runs, every input file seen (size, mtime, sha256, its doc ids, the run
 *                  that wrote them), the dedupe index file, the run holding the latest checkpoints
 *   pending.json   a commit in progress (see below)
 *   dedupe-<run>.bin, lock
 *
 * Commit protocol: a run writes every table file under a hidden temporary name and closes it;
 * then writes pending.json (the new state plus the list of renames); then renames the files into
 * place; then replaces state.json; then deletes pending.json. Recovery at the start of the next
 * run rolls a commit with pending.json forward (all its files were complete before pending.json
 * existed) and deletes everything else a killed run left: temporary files and partitions of
 * runs that state.json does not list. So after kill -9 at any moment and a rerun, the tables
 * are as if the killed run had either fully committed or never started.
 */
import { readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './fsutil.js';
import { crashPoint } from './crash.js';
import { OUTPUT_FORMATS } from './writers/types.js';

export interface FileRecord {
  size: number;
  mtimeMs: number;
  sha256: string;
  /** Every doc id (documents and rejects) the file produced. */
  docIds: string[];
  /** The run whose partitions hold this file's current rows. */
  runId: string;
}

export interface OutputState {
  version: 1;
  /** Committed runs, oldest first. */
  runs: string[];
  files: Record<string, FileRecord>;
  /** File name under _state/ of the persisted dedupe index. */
  dedupeIndex?: string;
  /** The run whose stage checkpoints are kept under _work/ (the last run that processed documents). */
  checkpointRun?: string;
  /** Which stages that run checkpointed, in order. */
  checkpointStages?: string[];
}

export interface PendingCommit {
  runId: string;
  state: OutputState;
  renames: { from: string; to: string }[];
  /** Partitions and files to delete once the commit is in place (full refresh, old indexes, old checkpoints). */
  deletes: string[];
}

export const emptyState = (): OutputState => ({ version: 1, runs: [], files: {} });

export const stateDir = (output: string): string => join(output, '_state');
const statePath = (output: string): string => join(stateDir(output), 'state.json');
const pendingPath = (output: string): string => join(stateDir(output), 'pending.json');

export async function loadState(output: string): Promise<OutputState> {
  try {
    return JSON.parse(await readFile(statePath(output), 'utf8')) as OutputState;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyState();
    throw err;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Steps 2–5 of the protocol; `pending.renames` must all be closed, complete files. */
export async function commit(output: string, pending: PendingCommit): Promise<void> {
  await writeFileAtomic(pendingPath(output), JSON.stringify(pending));
  await finishCommit(output, pending);
}

async function finishCommit(output: string, pending: PendingCommit): Promise<void> {
  for (const r of pending.renames) {
    if (await exists(r.from)) await rename(r.from, r.to);
    crashPoint('mid_commit');
  }
  await writeFileAtomic(statePath(output), JSON.stringify(pending.state));
  for (const d of pending.deletes) await rm(d, { recursive: true, force: true });
  await rm(pendingPath(output), { force: true });
}

export interface RecoveryReport {
  rolledForward?: string;
  removed: string[];
}

/** Run with the lock held, before anything else touches the output. */
export async function recover(output: string): Promise<RecoveryReport> {
  const report: RecoveryReport = { removed: [] };
  let pending: PendingCommit | undefined;
  try {
    pending = JSON.parse(await readFile(pendingPath(output), 'utf8')) as PendingCommit;
  } catch {
    pending = undefined; // absent, or torn by a kill while being written: that run never committed
  }
  if (pending) {
    await finishCommit(output, pending);
    report.rolledForward = pending.runId;
  } else {
    await rm(pendingPath(output), { force: true });
  }
  const state = await loadState(output);
  const committed = new Set(state.runs);
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
  // Dedupe indexes written by runs that did not commit.
  try {
    for (const f of await readdir(stateDir(output))) {
      if (f.startsWith('dedupe-') && f !== state.dedupeIndex) {
        await rm(join(stateDir(output), f), { force: true });
        report.removed.push(join(stateDir(output), f));
      }
    }
  } catch { /* no state yet */ }
  // Checkpoints of runs that did not commit.
  try {
    for (const run of await readdir(join(output, '_work'))) {
      if (run !== state.checkpointRun) {
        await rm(join(output, '_work', run), { recursive: true, force: true });
        report.removed.push(join(output, '_work', run));
      }
    }
  } catch { /* no _work yet */ }
  return report;
}
