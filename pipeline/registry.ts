/**
 * The stages, in pipeline order: the one list the runner, the lanes, the CLI and the checkpoints
 * take their stages from. Adding a stage is one module and one line here.
 */
import type { CorpusStage, DocStage, TransformStage } from './stage.js';
import { read } from '../stages/read.js';
import { boilerplate } from '../stages/boilerplate.js';
import { language } from '../stages/language.js';
import { dates } from '../stages/dates.js';
import { entities } from '../stages/entities.js';
import { dedupe } from '../stages/dedupe.js';
import { UsageError } from './errors.js';

export const SOURCE = read;

/** Document stages first, then corpus stages (their features are computed from the finished document). */
export const STAGES: readonly TransformStage[] = [
  boilerplate,
  language,
  dates,
  entities,
  dedupe,
];

export const STAGE_ORDER: readonly string[] = [SOURCE.name, ...STAGES.map((s) => s.name)];

const firstCorpus = STAGES.findIndex((s) => s.kind === 'corpus');
if (firstCorpus >= 0 && STAGES.slice(firstCorpus).some((s) => s.kind === 'doc')) {
  throw new Error('registry: document stages must come before corpus stages');
}

export function stageDescriptions(): { name: string; describe: string }[] {
  return [SOURCE, ...STAGES].map((s) => ({ name: s.name, describe: s.describe }));
}

export function stageByName(name: string): TransformStage {
  const stage = STAGES.find((s) => s.name === name);
  if (!stage) throw new Error(`not a stage after the source: ${name}`);
  return stage;
}

export function docStages(names: readonly string[]): DocStage[] {
  return names.map(stageByName).filter((s): s is DocStage => s.kind === 'doc');
}

export function corpusStages(names: readonly string[]): CorpusStage[] {
  return names.map(stageByName).filter((s): s is CorpusStage => s.kind === 'corpus');
}

/** Index in pipeline order (the source is 0). */
export const stageIndex = (name: string): number => STAGE_ORDER.indexOf(name);

function checkName(name: string): string {
  if (!STAGE_ORDER.includes(name)) throw new UsageError(`unknown stage "${name}"; stages are: ${STAGE_ORDER.join(', ')}`);
  return name;
}

export interface StageSelection {
  stages?: string;
  from?: string;
  to?: string;
}

/**
 * The stages that run, in pipeline order. Without the source (e.g. `--from entities`,
 * `--stages entities`), the run rebuilds the current documents from the checkpoints of the stages
 * before the first one chosen, and keeps every other stage's results as they are.
 */
export function selectStages(sel: StageSelection): string[] {
  if (sel.stages && (sel.from || sel.to)) throw new UsageError('use either --stages or --from/--to, not both');
  let chosen: string[];
  if (sel.stages) {
    const names = sel.stages.split(',').map((s) => s.trim()).filter(Boolean).map(checkName);
    chosen = STAGE_ORDER.filter((s) => names.includes(s));
  } else {
    const from = stageIndex(checkName(sel.from ?? SOURCE.name));
    const to = stageIndex(checkName(sel.to ?? STAGE_ORDER[STAGE_ORDER.length - 1]));
    if (from > to) throw new UsageError(`--from ${sel.from} comes after --to ${sel.to}`);
    chosen = STAGE_ORDER.slice(from, to + 1);
  }
  if (chosen.length === 0) throw new UsageError('no stage selected');
  return chosen;
}

/**
 * A rerun keeps the results of the stages it does not run. Those must not rest on a text the rerun
 * rewrites (their offsets would point into another text): such a selection is refused. A kept stage
 * that reads other fields the rerun rewrites keeps its results, with a warning (returned).
 */
export function checkRerunConsistent(chosen: readonly string[]): string[] {
  if (chosen[0] === SOURCE.name) return [];
  const written = new Set<string>();
  const warnings: string[] = [];
  for (const stage of STAGES.slice(stageIndex(chosen[0]) - 1)) {
    if (chosen.includes(stage.name)) {
      for (const f of stage.writes) written.add(f);
      continue;
    }
    const stale = stage.reads.filter((f) => written.has(f));
    const advice = `run it too (e.g. --from ${chosen[0]}) to refresh them`;
    if (stale.includes('text')) throw new UsageError(`stage "${stage.name}" reads the text, which this rerun rewrites: ${advice}`);
    if (stale.length > 0) warnings.push(`stage "${stage.name}" keeps its results, though it reads ${stale.join(', ')}, which this rerun rewrites: ${advice}`);
  }
  return warnings;
}
