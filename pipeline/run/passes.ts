/**
 * The two passes of a run. Pass 1: documents go to the lanes in batches (stages, checkpoint
 * deltas, rows) and come back as small results, in input order; the corpus stages observe their
 * features. Pass 2, in the main thread: each corpus stage settles and decides every document it
 * observed; its decisions go to its checkpoint deltas and its tables.
 */
import type { Doc } from '../doc.js';
import type { CorpusMemory } from '../stage.js';
import { addTimes, type StageTimes } from '../apply.js';
import { CORPUS_PART, DeltaWriter } from '../checkpoint.js';
import { DocIdList } from '../doc-id-list.js';
import { batches, mapOrdered, timedSource } from '../streams.js';
import { DOC_TABLES } from '../tables.js';
import type { TableSink } from '../writers/sink.js';
import type { Lanes } from '../workers/pool.js';
import type { Logger } from '../log.js';
import { threadMemoryMb } from '../lane.js';
import { SOURCE } from '../registry.js';
import type { RunSummary } from './summary.js';

/**
 * Documents go to a lane in batches: big enough that messaging costs little and that a stage runs
 * over many documents before the next takes the processor's caches (lanes apply stages batch by
 * batch), small enough to keep lanes even and a batch's memory small.
 */
const BATCH_DOCS = 256;
const BATCH_CHARS = 1 << 20;

export interface Pass1 {
  /** The documents the corpus stages observed, in input order. */
  observed: DocIdList;
}

/** NEWS_ETL_MEMLOG=1: the main thread's memory at points of the run (for finding what grows). */
export function memoryLog(log: Logger, at: string, docs: number): void {
  if (process.env.NEWS_ETL_MEMLOG) log.info('memory', { at, docs, ...threadMemoryMb() });
}

export async function passOne(
  docs: AsyncIterable<Doc>, lanes: Lanes, memories: ReadonlyMap<string, CorpusMemory<unknown>>, summary: RunSummary, times: StageTimes, log: Logger,
  onDoc?: (done: number) => void,
): Promise<Pass1> {
  const observed = new DocIdList();
  const counted = (async function* () {
    for await (const d of timedSource(docs, (ms) => { times[SOURCE.name] = (times[SOURCE.name] ?? 0) + ms; })) {
      summary.documentsRead++;
      yield d;
    }
  })();
  let done = 0;
  for await (const { batch } of mapOrdered(batches(counted, BATCH_DOCS, BATCH_CHARS), (b) => lanes.process(b), lanes.inFlight)) {
    addTimes(times, batch.times);
    if (batch.memory) log.info('memory', { at: 'lane', ...batch.memory });
    for (const r of batch.results) {
      onDoc?.(++done);
      if (done % 20_000 === 0) memoryLog(log, 'pass1', done);
      if (r.reject) {
        const counts = summary.stageCounts[r.reject.stage];
        if (counts) counts.rejected++;
        log.warn('reject', { run_id: summary.runId, path: r.reject.path, line: r.reject.line, stage: r.reject.stage, reason: r.reject.reason });
      }
      if (!r.features) continue;
      for (const [stage, memory] of memories) {
        const t0 = performance.now();
        memory.observe(r.id, r.features[stage], summary.runId);
        times[stage] = (times[stage] ?? 0) + (performance.now() - t0);
      }
      observed.push(r.id);
    }
  }
  return { observed };
}

/** Settles each corpus stage of the run and writes its decisions: checkpoint deltas and its tables' rows. */
export async function passTwo(
  output: string, runId: string, memories: ReadonlyMap<string, CorpusMemory<unknown>>, observed: DocIdList, sink: TableSink, summary: RunSummary, times: StageTimes,
): Promise<void> {
  // Nothing observed, nothing to decide (and a memory nobody touched stays unopened).
  if (memories.size === 0 || observed.length === 0) return;
  const checkpoint = await DeltaWriter.open(output, runId, CORPUS_PART, 0);
  try {
    for (const [stage, memory] of memories) {
      const t0 = performance.now();
      memory.settle();
      times[stage] = (times[stage] ?? 0) + (performance.now() - t0);
    }
    const tables = DOC_TABLES.filter((t) => t.stage && memories.has(t.stage));
    for (let i = 0; i < observed.length; i++) {
      const id = observed.at(i);
      const deltas: [string, Partial<Doc>][] = [];
      for (const [stage, memory] of memories) {
        const delta = memory.decide(id);
        if (delta) deltas.push([stage, delta]);
      }
      const doc = deltas.reduce((d, [, delta]) => ({ ...d, ...delta }), { id } as Doc);
      await checkpoint.write(id, doc, deltas);
      for (const t of tables) for (const row of t.rows(doc, runId)) await sink.append(t.name, row);
      if (doc.dup?.isDuplicate) summary.duplicates++;
    }
  } catch (err) {
    // The run fails with this error: what the checkpoint still buffers goes with its _work folder.
    await checkpoint.abort();
    throw err;
  }
  await checkpoint.close();
}
