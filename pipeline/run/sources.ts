/**
 * Where a run's documents come from: fresh from the input (the source stage), or, for a rerun of
 * later stages, the current documents rebuilt from their checkpoint deltas, up to the first stage
 * that runs (re-reading the input when a stage that runs needs the raw page).
 */
import type { Doc } from '../doc.js';
import { applyDelta } from '../apply.js';
import { CheckpointReader } from '../checkpoint.js';
import { EXIT, NewsEtlError } from '../errors.js';
import { loadSource, STAGE_ORDER, STAGES } from '../registry.js';
import type { Rebuilt } from '../checkpoint.js';
import type { FileRecord } from '../file-table.js';
import type { Logger } from '../log.js';
import type { Incremental } from './incremental.js';
import type { RunPlan } from './plan.js';

export interface SourceOptions {
  input: string;
  include?: (path: string) => boolean;
  onFile?: () => void;
  /** Stop after this many documents (a trial run on a sample); records an earlier limited run took do not count. */
  limit?: number;
}

export function freshDocuments(inc: Incremental, opts: SourceOptions): AsyncIterable<Doc> {
  return (async function* () {
    let n = 0;
    for await (const doc of (await loadSource()).read(opts.input, inc.readOptions(opts.include, opts.onFile))) {
      inc.docRead(doc);
      yield doc;
      if (opts.limit !== undefined && inc.countsTowardsLimit(doc) && ++n >= opts.limit) {
        inc.stopAt(doc);
        return;
      }
    }
  })();
}

/** The current files to rerun, in the files table's order: all, or those --only names. */
function* currentFiles(inc: Incremental, only: ReadonlySet<string> | undefined): Generator<[string, FileRecord]> {
  for (const entry of inc.files.entries()) if (!only || only.has(entry[0])) yield entry;
}

export class CheckpointMissingError extends NewsEtlError {
  constructor(docId: string, path: string, runs: readonly string[]) {
    super('E_CHECKPOINT_MISSING', `the checkpoints of run(s) ${runs.join(', ')} hold no record of document ${docId} (${path}): `
      + 'they are damaged or were removed; rerun from the start (--full-refresh rebuilds everything)');
  }
}

export class CheckpointOutdatedError extends NewsEtlError {
  constructor(docId: string, path: string, stage: string, field: string) {
    super('E_CHECKPOINT_OUTDATED', `the checkpoint of document ${docId} (${path}) holds no "${field}" from stage ${stage}: `
      + `an earlier version of news-etl wrote it, and the stages of this rerun read it; rerun with --from ${stage}`, EXIT.usage);
  }
}

/** Per stage a rerun keeps: the fields it always sets that a stage of the rerun reads. */
export type KeptFields = ReadonlyMap<string, readonly (keyof Doc)[]>;

/** Once per run: which kept stages' fields the rerun's stages read. */
export function keptFieldsRead(rerun: ReadonlySet<string>): KeptFields {
  const read = new Set(STAGES.filter((s) => rerun.has(s.name)).flatMap((s) => s.reads));
  const needed = new Map<string, (keyof Doc)[]>();
  for (const s of STAGES) {
    const fields = rerun.has(s.name) ? [] : (s.always ?? []).filter((f) => read.has(f));
    if (fields.length > 0) needed.set(s.name, fields);
  }
  return needed;
}

/**
 * A kept stage's delta must carry every field it always sets that a rerun stage reads; an older
 * version of the stage may not have set it, and the rerun would go on without it unnoticed.
 */
export function checkKeptFields(rebuilt: Rebuilt, needed: KeptFields, path: string): void {
  if (rebuilt.doc.reject || needed.size === 0) return;
  for (const [stage, delta] of rebuilt.stages) {
    for (const field of needed.get(stage) ?? []) {
      if (delta[field] === undefined) throw new CheckpointOutdatedError(rebuilt.doc.id, path, stage, field);
    }
  }
}

/**
 * The current documents as the stages before the first selected one left them. A document whose
 * checkpoints are missing stops the run: rerunning only part of the documents would leave the
 * others' rows superseded and unreplaced.
 */
export function rebuiltDocuments(plan: RunPlan, inc: Incremental, reader: CheckpointReader, only?: ReadonlySet<string>): AsyncIterable<Doc> {
  const rerun = new Set(plan.stages);
  const needed = keptFieldsRead(rerun);
  return (async function* () {
    for (const [path, record] of currentFiles(inc, only)) {
      const runs = record.checkpointRuns ?? [record.runId];
      inc.fileRerun(path);
      for (const id of record.docIds) {
        const rebuilt = await reader.rebuild(id, runs, STAGE_ORDER, rerun);
        if (!rebuilt) throw new CheckpointMissingError(id, path, runs);
        checkKeptFields(rebuilt, needed, path);
        yield rebuilt.doc;
      }
    }
  })();
}

/**
 * Like rebuiltDocuments, with each document's raw page read again from the input: the file must be
 * unchanged since it was processed (else its documents are left as they are, with a warning).
 */
export function rereadDocuments(plan: RunPlan, inc: Incremental, reader: CheckpointReader, input: string, log: Logger, only?: ReadonlySet<string>): AsyncIterable<Doc> {
  const rerun = new Set(plan.stages);
  const needed = keptFieldsRead(rerun);
  const paths = new Set<string>();
  for (const [path] of currentFiles(inc, only)) paths.add(path);
  return (async function* () {
    const changed = new Set<string>();
    for await (const doc of (await loadSource()).read(input, { include: (p: string) => paths.has(p) })) {
      const record = inc.files.get(doc.source.path);
      if (!record || !record.docIds.includes(doc.id) || changed.has(doc.source.path)) continue;
      const runs = record.checkpointRuns ?? [record.runId];
      const rebuilt = await reader.rebuild(doc.id, runs, STAGE_ORDER, rerun);
      if (!rebuilt) throw new CheckpointMissingError(doc.id, doc.source.path, runs);
      checkKeptFields(rebuilt, needed, doc.source.path);
      if (rebuilt.doc.source.sha256 !== doc.source.sha256) {
        log.warn('source_changed', { path: doc.source.path, detail: 'the input file changed since it was processed: run without --from/--stages first; its documents are left as they are' });
        changed.add(doc.source.path);
        continue;
      }
      inc.fileRerun(doc.source.path);
      yield rebuilt.stages.reduce((d, [stage, delta]) => applyDelta(d, stage, delta), { ...doc, meta: rebuilt.doc.meta });
    }
  })();
}
