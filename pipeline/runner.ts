/**
 * The runner: composes the selected stages into one stream from the input directory to the
 * table writers. It is the only place that knows about files, formats and workers.
 */
import { randomBytes } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Doc } from './doc.js';
import type { StageContext, StageName } from './stage.js';
import { applyPerDocStages, addTimes, type StageTimes } from './apply.js';
import { PER_DOC_STAGES } from './registry.js';
import { readInput } from '../stages/read.js';
import { createDedupeStage } from '../stages/dedupe.js';
import { DOC_TABLES, rowsForDoc, runsTable, STAGE_MS_COLUMNS } from './tables.js';
import { TableSink } from './writers/sink.js';
import type { OutputFormat } from './writers/types.js';
import { WorkerPool } from './workers/pool.js';
import { batches, mapOrdered, timedSource, timedStage } from './streams.js';
import type { Logger } from './log.js';

export interface RunOptions {
  input: string;
  output: string;
  formats: OutputFormat[];
  stages: StageName[];
  /** Worker threads for the per-document stages; 1 runs them in the main thread. */
  concurrency: number;
  log: Logger;
  /** For tests: a fixed run start. */
  now?: () => Date;
}

export interface StageCounts {
  in: number;
  out: number;
  rejected: number;
  ms: number;
}

export interface RunSummary {
  runId: string;
  status: 'success' | 'success_with_rejects' | 'failed';
  startedAt: string;
  finishedAt: string;
  documentsRead: number;
  documentsWritten: number;
  duplicates: number;
  rejects: number;
  stages: Record<string, StageCounts>;
  error?: string;
}

export function newRunId(at: Date): string {
  return `${at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
}

const BATCH_DOCS = 64;
const BATCH_CHARS = 1 << 20;

export async function runPipeline(opts: RunOptions): Promise<RunSummary> {
  const started = opts.now?.() ?? new Date();
  const runId = newRunId(started);
  const ctx: StageContext = { runId, runStartedAt: started };
  const times: StageTimes = {};
  const counts: Record<string, StageCounts> = {};
  const stageCounts = (name: string): StageCounts => (counts[name] ??= { in: 0, out: 0, rejected: 0, ms: 0 });
  const selected = new Set(opts.stages);
  const log = opts.log;
  log.info('run_start', { run_id: runId, input: opts.input, output: opts.output, stages: opts.stages.join(','), concurrency: opts.concurrency });

  let stream: AsyncIterable<Doc> = timedSource(readInput(opts.input), (ms) => { times.read = (times.read ?? 0) + ms; });
  const readCounts = stageCounts('read');
  stream = (async function* (src) {
    for await (const d of src) {
      readCounts.out++;
      if (d.reject) readCounts.rejected++;
      yield d;
    }
  })(stream);

  const perDoc = PER_DOC_STAGES.filter((s) => selected.has(s.name));
  let pool: WorkerPool | undefined;
  if (perDoc.length > 0) {
    const names = perDoc.map((s) => s.name);
    if (opts.concurrency > 1) {
      pool = new WorkerPool(opts.concurrency);
      const p = pool;
      stream = (async function* (src) {
        for await (const out of mapOrdered(batches(src, BATCH_DOCS, BATCH_CHARS), (b) => p.run(names, runId, started, b), opts.concurrency * 2)) {
          addTimes(times, out.times);
          yield* out.docs;
        }
      })(stream);
    } else {
      stream = (async function* (src) {
        for await (const d of src) yield applyPerDocStages(d, perDoc, ctx, times);
      })(stream);
    }
  }
  if (selected.has('dedupe')) {
    const dedupe = createDedupeStage();
    stream = timedStage(stream, (docs) => dedupe.run(docs, ctx), (ms) => { times.dedupe = (times.dedupe ?? 0) + ms; });
  }

  const sink = await TableSink.open(opts.output, runId, DOC_TABLES, opts.formats);
  const summary: RunSummary = {
    runId, status: 'success', startedAt: started.toISOString(), finishedAt: '', documentsRead: 0,
    documentsWritten: 0, duplicates: 0, rejects: 0, stages: counts,
  };
  try {
    for await (const doc of stream) {
      summary.documentsRead++;
      const t0 = performance.now();
      await sink.appendAll(rowsForDoc(doc, runId));
      times.write = (times.write ?? 0) + (performance.now() - t0);
      if (doc.reject && doc.reject.stage !== 'read') stageCounts(doc.reject.stage).rejected++;
    }
    const t0 = performance.now();
    await sink.commit();
    times.write = (times.write ?? 0) + (performance.now() - t0);
  } catch (err) {
    await sink.abort();
    summary.status = 'failed';
    summary.error = err instanceof Error ? err.message : String(err);
  } finally {
    await pool?.close();
  }
  summary.documentsWritten = sink.rowCounts.get('documents') ?? 0;
  summary.duplicates = sink.rowCounts.get('duplicates') ?? 0;
  summary.rejects = sink.rowCounts.get('rejects') ?? 0;
  if (summary.status !== 'failed' && summary.rejects > 0) summary.status = 'success_with_rejects';
  for (const name of opts.stages) {
    const c = stageCounts(name);
    c.ms = Math.round(times[name] ?? 0);
  }
  fillStageFlow(summary, opts.stages);
  summary.finishedAt = new Date().toISOString();
  await writeRunRow(opts, summary, times);
  if (summary.status !== 'failed') await dropOlderPartitions(opts.output, runId, opts.formats);
  for (const name of opts.stages) log.info('stage', { stage: name, ...counts[name] });
  log.info('run_end', {
    run_id: runId, status: summary.status, documents_read: summary.documentsRead, documents_written: summary.documentsWritten,
    duplicates: summary.duplicates, rejects: summary.rejects, ...(summary.error ? { error: summary.error } : {}),
  });
  return summary;
}

/** In/out per stage: each stage receives what the one before it passed on, minus rejects. */
function fillStageFlow(summary: RunSummary, stages: StageName[]): void {
  let flowing = summary.stages.read?.out ?? 0;
  let alive = flowing - (summary.stages.read?.rejected ?? 0);
  for (const name of stages) {
    const c = summary.stages[name] ??= { in: 0, out: 0, rejected: 0, ms: 0 };
    if (name === 'read') { c.in = flowing; continue; }
    c.in = alive;
    alive -= c.rejected;
    c.out = alive;
  }
}

async function writeRunRow(opts: RunOptions, summary: RunSummary, times: StageTimes): Promise<void> {
  const sink = await TableSink.open(opts.output, summary.runId, [runsTable], opts.formats);
  const row: Record<string, string | number | null> = {
    run_id: summary.runId,
    started_at: summary.startedAt,
    finished_at: summary.finishedAt,
    status: summary.status,
    input: opts.input,
    stages: opts.stages.join(','),
    documents_read: summary.documentsRead,
    documents_written: summary.documentsWritten,
    duplicates: summary.duplicates,
    rejects: summary.rejects,
    error: summary.error ?? null,
  };
  for (const s of STAGE_MS_COLUMNS) row[`ms_${s}`] = Math.round(times[s] ?? 0);
  await sink.append('runs', row);
  await sink.commit();
}

/**
 * Every run rebuilds the document tables from its whole input, so once a run has committed its
 * partitions the older ones are removed: a glob over a table then reads each doc_id once.
 * The runs table keeps every run.
 */
async function dropOlderPartitions(output: string, runId: string, formats: OutputFormat[]): Promise<void> {
  for (const format of formats) {
    for (const t of DOC_TABLES) {
      const dir = join(output, format, t.name);
      let entries: string[];
      try { entries = await readdir(dir); } catch { continue; }
      for (const e of entries) {
        if (e.startsWith('run-') && e !== `run-${runId}`) await rm(join(dir, e), { recursive: true, force: true });
      }
    }
  }
}
