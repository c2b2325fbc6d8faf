/**
 * The stages, in pipeline order: the one list the runner, the lanes, the CLI and the checkpoints
 * take their stages from. Adding a stage is one module and one entry here.
 *
 * An entry says what the pipeline needs to know of a stage before it runs it (name, kind, the
 * fields it reads and writes, its line for `news-etl stages`) and how to import its module. A
 * stage's module is imported only when the stage has work: some load large libraries at import
 * (chrono-node), which `news-etl stages` and a run over an unchanged input do without.
 * test/registry.test.ts checks every entry against its module.
 */
import type { CorpusStage, DocField, DocStage, SourceStage, TransformStage } from './stage.js';
import type { ReadOptions } from '../stages/read.js';
import { UsageError } from './errors.js';

export interface StageInfo {
  name: string;
  kind: 'source' | 'doc' | 'corpus';
  describe: string;
  reads: readonly DocField[];
  writes: readonly DocField[];
  /** See StageBase.always (pipeline/stage.ts). */
  always?: readonly DocField[];
}

interface Entry<S> extends StageInfo {
  module: () => Promise<S>;
}

const SOURCE_ENTRY: Entry<SourceStage<ReadOptions>> = {
  name: 'read',
  kind: 'source',
  describe: 'walk the input directory; decode .txt, .html, .jsonl/.ndjson and WARC/ARC web archives (gzipped or not) into documents; reject unreadable files',
  reads: [],
  writes: ['source', 'meta', 'raw'],
  module: async () => (await import('../stages/read.js')).read,
};

/** Document stages first, then corpus stages (their features are computed from the finished document). */
const ENTRIES: readonly Entry<TransformStage>[] = [
  {
    name: 'boilerplate',
    kind: 'doc',
    describe: 'Keeps the article body of text and HTML documents, finds the headline and page metadata, records removed lines/blocks with reasons',
    reads: ['raw', 'source', 'meta'],
    writes: ['text', 'meta', 'removed', 'page'],
    always: ['text', 'page'],
    module: async () => (await import('../stages/boilerplate.js')).boilerplate,
  },
  {
    name: 'language',
    kind: 'doc',
    describe: 'language of the article text (ISO 639-1, null under 0.5 probability) with fastText\'s lid.176 model',
    reads: ['text'],
    writes: ['language'],
    module: async () => (await import('../stages/language.js')).language,
  },
  {
    name: 'dates',
    kind: 'doc',
    describe: 'publication date with provenance (text: field > header > byline > dateline > text; HTML: page metadata > URL > bylines > modified) and every date expression in the text, as TIMEX3 values resolved against it (relative ones stay relative without it)',
    reads: ['text', 'meta', 'source', 'page', 'language'],
    writes: ['published', 'dates'],
    module: async () => (await import('../stages/dates.js')).dates,
  },
  {
    name: 'entities',
    kind: 'doc',
    describe: 'Tag PERSON/ORG/PLACE/MONEY mentions with a learned sequence tagger (English) and canonicalize names per document',
    reads: ['text', 'language'],
    writes: ['mentions', 'notes'],
    module: async () => (await import('../stages/entities.js')).entities,
  },
  {
    name: 'dedupe',
    kind: 'corpus',
    describe: 'exact (sha256 of normalized text) and near (MinHash 112 perms, LSH 28x4, word 5-grams, Jaccard >= 0.5) duplicates, clustered; earliest published copy is kept',
    reads: ['text', 'published'],
    writes: ['dup'],
    module: async () => (await import('../stages/dedupe.js')).dedupe,
  },
];

const infoOf = ({ name, kind, describe, reads, writes, always }: StageInfo): StageInfo => ({ name, kind, describe, reads, writes, ...(always ? { always } : {}) });

export const SOURCE: StageInfo = infoOf(SOURCE_ENTRY);

export const STAGES: readonly StageInfo[] = ENTRIES.map(infoOf);

export const STAGE_ORDER: readonly string[] = [SOURCE.name, ...STAGES.map((s) => s.name)];

const firstCorpus = STAGES.findIndex((s) => s.kind === 'corpus');
if (firstCorpus >= 0 && STAGES.slice(firstCorpus).some((s) => s.kind === 'doc')) {
  throw new Error('registry: document stages must come before corpus stages');
}

export function stageDescriptions(): { name: string; describe: string }[] {
  return [SOURCE, ...STAGES].map((s) => ({ name: s.name, describe: s.describe }));
}

/** The source stage itself (its module imported on first use). */
export function loadSource(): Promise<SourceStage<ReadOptions>> {
  return SOURCE_ENTRY.module();
}

/** The stage modules, by name, in the order given. */
export async function loadStages(names: readonly string[]): Promise<TransformStage[]> {
  return Promise.all(names.map((name) => entryByName(name).module()));
}

/** Every stage module's own declarations, source first (for the test that holds the entries to them). */
export async function loadAllStages(): Promise<(SourceStage<ReadOptions> | TransformStage)[]> {
  return [await loadSource(), ...await loadStages(STAGES.map((s) => s.name))];
}

function entryByName(name: string): Entry<TransformStage> {
  const entry = ENTRIES.find((s) => s.name === name);
  if (!entry) throw new Error(`not a stage after the source: ${name}`);
  return entry;
}

export function stageByName(name: string): StageInfo {
  return infoOf(entryByName(name));
}

/** The document stages among `names`, their modules imported. */
export async function docStages(names: readonly string[]): Promise<DocStage[]> {
  return (await loadStages(names.filter((n) => entryByName(n).kind === 'doc'))) as DocStage[];
}

/** The corpus stages among `names`, their modules imported. */
export async function corpusStages(names: readonly string[]): Promise<CorpusStage[]> {
  return (await loadStages(names.filter((n) => entryByName(n).kind === 'corpus'))) as CorpusStage[];
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
