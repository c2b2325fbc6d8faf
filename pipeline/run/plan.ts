/** What a run will do, decided from the selected stages and the output's state before anything is read. */
import type { OutputState } from '../state.js';
import type { RunMode } from './summary.js';
import { checkRerunConsistent, SOURCE, stageByName } from '../registry.js';
import { UsageError } from '../errors.js';

export interface RunPlan {
  mode: RunMode;
  /** Selected stages in pipeline order (the source first when it runs). */
  stages: string[];
  /** The source runs: documents come fresh from the input (else they are rebuilt from checkpoints). */
  fromSource: boolean;
  docStages: string[];
  corpusStages: string[];
  /** The last selected stage that reads `raw`. */
  dropRawAfter?: string;
  /** A rerun of later stages that needs `raw`: the input files of the current documents are read again. */
  rereadsInput: boolean;
  /** Kept results that rest on fields the rerun rewrites. */
  warnings: string[];
}

export function planRun(stages: string[], fullRefresh: boolean, state: OutputState): RunPlan {
  const fromSource = stages[0] === SOURCE.name;
  const later = stages.filter((s) => s !== SOURCE.name).map(stageByName);
  const rawReaders = later.filter((s) => s.reads.includes('raw'));
  const plan: RunPlan = {
    mode: fullRefresh ? 'full_refresh' : fromSource ? 'incremental' : 'from_checkpoint',
    stages,
    fromSource,
    docStages: later.filter((s) => s.kind === 'doc').map((s) => s.name),
    corpusStages: later.filter((s) => s.kind === 'corpus').map((s) => s.name),
    dropRawAfter: rawReaders[rawReaders.length - 1]?.name,
    rereadsInput: !fromSource && rawReaders.length > 0,
    warnings: [],
  };
  if (fromSource) return plan;
  if (fullRefresh) throw new UsageError(`--full-refresh reprocesses everything from the input: it needs the ${SOURCE.name} stage`);
  plan.warnings = checkRerunConsistent(stages);
  if (!state.checkpoints?.length) {
    throw new UsageError(`running "${stages[0]}" without "${SOURCE.name}" rebuilds documents from checkpoints, and this output has none yet: run the pipeline from the start first`);
  }
  return plan;
}
