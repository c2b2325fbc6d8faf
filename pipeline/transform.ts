/** The per-document part of a run: stages applied inline or in worker threads, in input order. */
import type { Doc } from './doc.js';
import type { PerDocStage, StageContext } from './stage.js';
import { addTimes, applyWithSnapshots, type Processed, type StageTimes } from './apply.js';
import { WorkerPool } from './workers/pool.js';
import { batches, mapOrdered } from './streams.js';

const BATCH_DOCS = 64;
const BATCH_CHARS = 1 << 20;

export interface Transform {
  results: AsyncIterable<Processed>;
  close(): Promise<void>;
}

/** `snapshotInput`: the first snapshot of each result is the document as it came in (the read checkpoint). */
export function perDocTransform(
  docs: AsyncIterable<Doc>, stages: PerDocStage[], ctx: StageContext, concurrency: number, times: StageTimes, snapshotInput: boolean,
): Transform {
  if (stages.length === 0 || concurrency <= 1) {
    return {
      results: (async function* () { for await (const doc of docs) yield applyWithSnapshots(doc, stages, ctx, times, snapshotInput); })(),
      close: async () => undefined,
    };
  }
  const pool = new WorkerPool(concurrency);
  const names = stages.map((s) => s.name);
  const results = (async function* () {
    const run = (batch: Doc[]) => pool.run(names, ctx.runId, ctx.runStartedAt, batch, snapshotInput);
    for await (const out of mapOrdered(batches(docs, BATCH_DOCS, BATCH_CHARS), run, concurrency * 2)) {
      addTimes(times, out.times);
      yield* out.results;
    }
  })();
  return { results, close: () => pool.close() };
}
