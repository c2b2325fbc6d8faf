/**
 * The end of a successful run: the stages' persisted states, the new state (files, stage states,
 * kept checkpoints), and the commit that publishes every file of the run at once (state.ts).
 */
import { join } from 'node:path';
import { writeFileAtomic } from '../fsutil.js';
import { commit, replacedByFullRefresh, stageStateFile, stateDir, type CheckpointRun, type OutputState } from '../state.js';
import { workDir } from '../checkpoint.js';
import type { OutputFormat } from '../writers/types.js';
import type { RunPlan } from './plan.js';

/** Runs whose checkpoints are kept besides those that still hold current deltas (for `inspect --run`). */
export const DEFAULT_KEEP_CHECKPOINT_RUNS = 30;

export interface RunResult {
  output: string;
  runId: string;
  plan: RunPlan;
  formats: OutputFormat[];
  /** The state before the run, and the one the run started from (empty on a full refresh). */
  previous: OutputState;
  base: OutputState;
  /** Absolute input folder, when the run read one. */
  input?: string;
  /** Stage name -> bytes to persist (prepare() results and corpus memories). */
  persist: Map<string, Iterable<Uint8Array>>;
  /** Stages the run checkpointed (none when no document was processed). */
  checkpointed: string[];
  keepCheckpointRuns: number;
  renames: { from: string; to: string }[];
}

/** Kept checkpoint runs: the newest `keep`, and every older one that still holds some file's current deltas. */
function keptCheckpoints(r: RunResult, state: OutputState): { kept: CheckpointRun[]; dropped: string[] } {
  const all = [...(r.base.checkpoints ?? []), ...(r.checkpointed.length ? [{ run: r.runId, stages: r.checkpointed }] : [])];
  const inUse = state.files.checkpointRunsInUse();
  const recent = new Set(all.slice(-r.keepCheckpointRuns).map((c) => c.run));
  const kept = all.filter((c) => recent.has(c.run) || inUse.has(c.run));
  const keptRuns = new Set(kept.map((c) => c.run));
  const dropped = (r.previous.checkpoints ?? []).map((c) => c.run).filter((run) => !keptRuns.has(run));
  return { kept, dropped };
}

export async function commitRun(r: RunResult, files: OutputState['files']): Promise<OutputState> {
  const stageState = { ...r.base.stageState };
  for (const [stage, chunks] of r.persist) {
    const file = stageStateFile(stage, r.runId);
    await writeFileAtomic(join(stateDir(r.output), file), chunks);
    stageState[stage] = file;
  }
  const state: OutputState = { version: 1, runs: [...r.base.runs, r.runId], files, stageState, input: r.input ?? r.base.input };
  const { kept, dropped } = keptCheckpoints(r, state);
  state.checkpoints = kept;
  const deletes = dropped.map((run) => workDir(r.output, run));
  if (r.checkpointed.length === 0) deletes.push(workDir(r.output, r.runId));
  for (const [stage, file] of Object.entries(r.previous.stageState ?? {})) {
    if (stageState[stage] !== file) deletes.push(join(stateDir(r.output), file));
  }
  if (r.plan.mode === 'full_refresh') deletes.push(...await replacedByFullRefresh(r.output, r.runId));
  await commit(r.output, { runId: r.runId, state, renames: r.renames, deletes });
  return state;
}
