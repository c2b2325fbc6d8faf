import type { Doc } from './doc.js';
import type { PerDocStage, StageContext } from './stage.js';
import { rawNeededAfter } from './registry.js';

/** Milliseconds per stage name, summed. */
export type StageTimes = Record<string, number>;

export function addTimes(into: StageTimes, from: StageTimes): void {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
}

/**
 * Runs per-document stages in order on one doc. A stage that throws rejects the document (with
 * the stage's name and the error) instead of failing the run: one bad document never costs the others.
 */
export function applyPerDocStages(doc: Doc, stages: readonly PerDocStage[], ctx: StageContext, times: StageTimes): Doc {
  let current = doc;
  for (const stage of stages) {
    if (current.reject) break;
    const t0 = performance.now();
    try {
      current = stage.process(current, ctx);
    } catch (err) {
      current = { ...current, reject: { stage: stage.name, reason: 'stage_error', detail: errorText(err) } };
    }
    times[stage.name] = (times[stage.name] ?? 0) + (performance.now() - t0);
  }
  return current;
}

function errorText(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}

export interface Processed {
  doc: Doc;
  /** JSON of the document as it left each stage, in stage order (the checkpoint lines). */
  snapshots: string[];
}

/** Like applyPerDocStages, also serializing the document after every stage for the checkpoints. */
export function applyWithSnapshots(doc: Doc, stages: readonly PerDocStage[], ctx: StageContext, times: StageTimes, snapshotInput = false): Processed {
  // The input's own checkpoint line is serialized here too, so that with workers it is not the main thread's work.
  const snapshots: string[] = snapshotInput ? [JSON.stringify(doc)] : [];
  let current = doc;
  for (const stage of stages) {
    current = applyPerDocStages(current, [stage], ctx, times);
    // After the last stage that reads raw, documents flow (and are checkpointed) without it: for HTML that is most of the bytes.
    if (!rawNeededAfter(stage.name) && current.raw !== '') current = { ...current, raw: '' };
    // Serialized right away: a later stage can then never change what this checkpoint says.
    snapshots.push(JSON.stringify(current));
  }
  return { doc: current, snapshots };
}
