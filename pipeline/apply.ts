/**
 * Applying document stages to one document, and what each stage changed (its delta: the fields it
 * writes, as it left them). A stage that throws rejects that document only (`stage_error`, or the
 * reason of a DocumentRejected); one that runs past the document's time budget too (`stage_timeout`).
 */
import type { Doc } from './doc.js';
import type { DocStage, StageContext } from './stage.js';
import { StageTimeoutError } from './budget.js';
import { DocumentRejected } from './doc-reject.js';

/** Milliseconds per stage name, summed. */
export type StageTimes = Record<string, number>;

export function addTimes(into: StageTimes, from: StageTimes): void {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
}

/** Fields whose entries carry the stage that added them: a stage's delta holds only its own entries. */
const TAGGED_LISTS = new Set<keyof Doc>(['removed', 'notes']);

/** What `stage` (by name and written fields) holds of `doc`: never `raw`, which the input still has. */
export function deltaOf(name: string, writes: readonly (keyof Doc)[], doc: Doc): Partial<Doc> {
  const delta: Record<string, unknown> = {};
  for (const field of writes) {
    if (field === 'raw') continue;
    const value = doc[field];
    if (value === undefined) continue;
    delta[field] = TAGGED_LISTS.has(field) ? (value as { stage: string }[]).filter((e) => e.stage === name) : value;
  }
  if (doc.reject?.stage === name) delta.reject = doc.reject;
  return delta as Partial<Doc>;
}

/** Lays a stage's delta over a document: its fields replace the document's, its tagged entries replace that stage's. */
export function applyDelta(doc: Doc, name: string, delta: Partial<Doc>): Doc {
  const out: Record<string, unknown> = { ...doc };
  for (const [field, value] of Object.entries(delta)) {
    out[field] = TAGGED_LISTS.has(field as keyof Doc)
      ? [...((doc[field as keyof Doc] as { stage: string }[] | undefined) ?? []).filter((e) => e.stage !== name), ...(value as unknown[])]
      : value;
  }
  return out as unknown as Doc;
}

function errorText(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}

export interface Applied {
  doc: Doc;
  /** Per stage that ran, in order: its delta. */
  deltas: [stage: string, delta: Partial<Doc>][];
}

/**
 * Runs `stages` in order on one document; `prepared` holds each stage's prepare() value by name.
 * After `dropRawAfter`, the last stage that reads `raw`, the document goes on without it.
 */
export function applyDocStages(
  doc: Doc, stages: readonly DocStage[], prepared: Readonly<Record<string, unknown>>, ctx: StageContext, times: StageTimes, dropRawAfter?: string,
): Applied {
  return applyDocStagesToAll([doc], stages, prepared, ctx, times, dropRawAfter)[0];
}

/**
 * `applyDocStages` for a batch of documents, one stage over the whole batch before the next: a
 * stage's code and tables stay in the processor's caches from one document to the next, instead
 * of being evicted by the other stages' between two documents. Each document's result is the
 * same as alone (stages are pure); its time budget counts its own time in every stage.
 */
export function applyDocStagesToAll(
  docs: readonly Doc[], stages: readonly DocStage[], prepared: Readonly<Record<string, unknown>>, ctx: StageContext, times: StageTimes, dropRawAfter?: string,
): Applied[] {
  const applied: Applied[] = docs.map((doc) => ({ doc, deltas: [] }));
  const spentMs = new Float64Array(docs.length);
  for (const stage of stages) {
    let stageMs = 0;
    for (const [i, a] of applied.entries()) {
      if (a.doc.reject) continue;
      const t0 = performance.now();
      a.doc = applyStage(stage, a.doc, prepared, ctx, spentMs[i]);
      const ms = performance.now() - t0;
      spentMs[i] += ms;
      stageMs += ms;
      a.deltas.push([stage.name, deltaOf(stage.name, stage.writes, a.doc)]);
      if (stage.name === dropRawAfter && a.doc.raw !== '') a.doc = { ...a.doc, raw: '' };
    }
    times[stage.name] = (times[stage.name] ?? 0) + stageMs;
  }
  return applied;
}

/** One stage on one document that has already spent `spentMs` of its budget; a throw or an overrun rejects it. */
function applyStage(stage: DocStage, doc: Doc, prepared: Readonly<Record<string, unknown>>, ctx: StageContext, spentMs: number): Doc {
  ctx.budget?.start(spentMs);
  try {
    const out = stage.process(doc, ctx, prepared[stage.name]);
    if (ctx.budget?.exceeded) throw new StageTimeoutError(ctx.budget.ms);
    return out;
  } catch (err) {
    if (err instanceof DocumentRejected) return { ...doc, reject: { stage: stage.name, reason: err.reason, detail: err.message } };
    const reason = err instanceof StageTimeoutError ? 'stage_timeout' : 'stage_error';
    return { ...doc, reject: { stage: stage.name, reason, detail: reason === 'stage_timeout' ? (err as Error).message : errorText(err) } };
  }
}
