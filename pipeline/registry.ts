/** The stages in pipeline order, and how a user's --stages/--from/--to choice selects among them. */
import type { PerDocStage, StageName } from './stage.js';
import { READ_STAGE } from '../stages/read.js';
import { boilerplate } from '../stages/boilerplate.js';
import { dates } from '../stages/dates.js';
import { entities } from '../stages/entities.js';
import { createDedupeStage } from '../stages/dedupe.js';
import { UsageError } from './errors.js';

export const STAGE_ORDER: readonly StageName[] = ['read', 'boilerplate', 'dates', 'entities', 'dedupe'];

export const PER_DOC_STAGES: readonly PerDocStage[] = [boilerplate, dates, entities];

/** Whether a stage after `name` reads `doc.raw`; if none does, the document can drop it. */
export function rawNeededAfter(name: string): boolean {
  const at = STAGE_ORDER.indexOf(name as StageName);
  return PER_DOC_STAGES.some((s) => s.readsRaw && STAGE_ORDER.indexOf(s.name) > at);
}

export function stageDescriptions(): { name: StageName; describe: string }[] {
  return [
    { name: 'read', describe: READ_STAGE.describe },
    ...PER_DOC_STAGES.map((s) => ({ name: s.name, describe: s.describe })),
    { name: 'dedupe', describe: createDedupeStage().describe },
  ];
}

export function perDocStagesByName(names: readonly string[]): PerDocStage[] {
  return names.map((n) => {
    const stage = PER_DOC_STAGES.find((s) => s.name === n);
    if (!stage) throw new Error(`not a per-document stage: ${n}`);
    return stage;
  });
}

function checkName(name: string): StageName {
  if (!(STAGE_ORDER as readonly string[]).includes(name)) {
    throw new UsageError(`unknown stage "${name}"; stages are: ${STAGE_ORDER.join(', ')}`);
  }
  return name as StageName;
}

export interface StageSelection {
  stages?: string;
  from?: string;
  to?: string;
}

/**
 * The stages that run, in pipeline order; a stage left out passes documents through unchanged.
 * Without `read` (e.g. `--from entities`, `--stages entities`), the run starts from the last
 * run's checkpoint of the stage before the first one chosen.
 */
export function selectStages(sel: StageSelection): StageName[] {
  if (sel.stages && (sel.from || sel.to)) throw new UsageError('use either --stages or --from/--to, not both');
  let chosen: StageName[];
  if (sel.stages) {
    const names = sel.stages.split(',').map((s) => s.trim()).filter(Boolean).map(checkName);
    chosen = STAGE_ORDER.filter((s) => names.includes(s));
  } else {
    const from = STAGE_ORDER.indexOf(checkName(sel.from ?? 'read'));
    const to = STAGE_ORDER.indexOf(checkName(sel.to ?? 'dedupe'));
    if (from > to) throw new UsageError(`--from ${sel.from} comes after --to ${sel.to}`);
    chosen = STAGE_ORDER.slice(from, to + 1);
  }
  if (chosen.length === 0) throw new UsageError('no stage selected');
  return chosen;
}
