/**
 * A lane carries documents from the source to the table files: it applies the document stages,
 * writes each document's checkpoint deltas and its rows, and computes what the corpus stages need
 * of it. At --concurrency N there are N lanes, one per worker thread, each with its own part files;
 * at 1 the one lane runs in the main thread. The main thread is left with reading, the corpus
 * stages' memory (and the tables only they decide) and the commit.
 */
import { readFileSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import type { Doc } from './doc.js';
import type { CorpusStage, DocStage, StageContext } from './stage.js';
import { applyDocStagesToAll, deltaOf, type StageTimes } from './apply.js';
import { corpusStages, docStages, SOURCE } from './registry.js';
import { DeltaWriter, LANE_PART } from './checkpoint.js';
import { DOC_TABLES, type DocTable } from './tables.js';
import { TableSink } from './writers/sink.js';
import type { CsvOptions, OutputFormat } from './writers/types.js';
import { SchemaError, type Row } from './schema.js';
import { crashPoint } from './crash.js';
import { DocBudget } from './budget.js';

export interface LaneConfig {
  lane: number;
  output: string;
  runId: string;
  /** Epoch ms (a Date does not survive postMessage as a Date in every Node version's typings). */
  runStartedAt: number;
  /** Document stages to apply, in order. */
  docStages: string[];
  /** Corpus stages of the run: the lane computes their features; their tables are written where they decide. */
  corpusStages: string[];
  /** Documents arrive fresh from the source (not rebuilt from checkpoints): the source's delta is checkpointed too. */
  fromSource: boolean;
  /** The last stage of the run that reads `raw`; documents go on without it after that. */
  dropRawAfter?: string;
  /** Stage name -> what its prepare() returned for this run. */
  prepared: Record<string, unknown>;
  formats: OutputFormat[];
  csv?: CsvOptions;
  /** Tables this lane writes as files even when it has no rows for them (so every table has a file). */
  keepEmptyTables: string[];
  /** Per-document time budget in ms over all its document stages (0: none). */
  docTimeoutMs: number;
}

/** What the main thread needs to know of one processed document. */
export interface LaneDocResult {
  id: string;
  /** Why it was rejected ('write' for rows that do not fit the schema), and its source path. */
  reject?: { stage: string; reason: string; path: string; line?: number };
  /** Per corpus stage of the run, the document's features; absent for a rejected document. */
  features?: Record<string, unknown>;
}

export interface LaneBatchResult {
  results: LaneDocResult[];
  times: StageTimes;
  /** NEWS_ETL_MEMLOG only: this lane's heap after a full GC, every 10,000 documents. */
  memory?: Record<string, number>;
}

export interface LaneFinish {
  renames: { from: string; to: string }[];
  rowCounts: Record<string, number>;
  /** ms spent building, checking and writing rows (the `write` stage), in this lane. */
  writeMs: number;
  /** This thread's V8 heap in use at the end (memory diagnostics in the run_end log line). */
  heapMb: number;
}

/** This thread's memory after a full GC when node runs with --expose-gc (diagnostics only). */
export function threadMemoryMb(): Record<string, number> {
  (globalThis as { gc?: () => void }).gc?.();
  const h = getHeapStatistics();
  const m = process.memoryUsage();
  const mb = (n: number) => Math.round(n / 2 ** 20);
  // The process's peak RSS so far (Linux): which phase set the run's peak.
  const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
  return { rss_mb: mb(m.rss), ...(hwm ? { peak_rss_mb: mb(Number(hwm) * 1024) } : {}), heap_used_mb: mb(h.used_heap_size), heap_total_mb: mb(h.total_heap_size), external_mb: mb(h.external_memory), array_buffers_mb: mb(m.arrayBuffers) };
}

export function heapMb(): number {
  return Math.round(getHeapStatistics().used_heap_size / 2 ** 20);
}

export class Lane {
  private writeMs = 0;
  private docs = 0;
  private loaded: Promise<unknown> | undefined;
  private stages: DocStage[] = [];
  private corpus: CorpusStage[] = [];

  private constructor(
    private readonly config: LaneConfig,
    private readonly ctx: StageContext,
    private readonly tables: readonly DocTable[],
    private readonly checkpoint: DeltaWriter,
    private readonly sink: TableSink,
  ) {}

  /** The stages' modules and what they load: on the first batch, not at open, so a run with no document to process imports none. */
  private async load(): Promise<void> {
    [this.stages, this.corpus] = await Promise.all([docStages(this.config.docStages), corpusStages(this.config.corpusStages)]);
    await Promise.all(this.stages.map((s) => s.load?.()));
  }

  static async open(config: LaneConfig): Promise<Lane> {
    const { output, runId, lane } = config;
    const checkpoint = await DeltaWriter.open(output, runId, LANE_PART, lane);
    // A corpus stage that runs writes its own tables where it decides, in the main thread.
    const tables = laneTables(config.corpusStages);
    const sink = await TableSink.open(output, runId, tables, config.formats, lane, config.csv);
    const ctx = { runId, runStartedAt: new Date(config.runStartedAt), budget: new DocBudget(config.docTimeoutMs) };
    return new Lane(config, ctx, tables, checkpoint, sink);
  }

  async process(docs: Doc[]): Promise<LaneBatchResult> {
    await (this.loaded ??= this.load());
    const times: StageTimes = {};
    const results: LaneDocResult[] = [];
    const applied = applyDocStagesToAll(docs, this.stages, this.config.prepared, this.ctx, times, this.config.dropRawAfter);
    for (const [i, input] of docs.entries()) {
      const { doc, deltas } = applied[i];
      await this.checkpoint.write(doc.id, input, this.config.fromSource ? [[SOURCE.name, deltaOf(SOURCE.name, SOURCE.writes, input)], ...deltas] : deltas);
      const t0 = performance.now();
      const written = await this.writeRows(doc);
      this.writeMs += performance.now() - t0;
      results.push(this.result(written, times));
    }
    const before = this.docs;
    this.docs += docs.length;
    if (process.env.NEWS_ETL_MEMLOG && Math.floor(before / 10_000) !== Math.floor(this.docs / 10_000)) {
      return { results, times, memory: { lane: this.config.lane, docs: this.docs, ...threadMemoryMb() } };
    }
    return { results, times };
  }

  private result(doc: Doc, times: StageTimes): LaneDocResult {
    if (doc.reject) return { id: doc.id, reject: { stage: doc.reject.stage, reason: doc.reject.reason, path: doc.source.path, line: doc.source.line } };
    if (this.corpus.length === 0) return { id: doc.id };
    const features: Record<string, unknown> = {};
    for (const stage of this.corpus) {
      const t0 = performance.now();
      features[stage.name] = stage.features(doc);
      times[stage.name] = (times[stage.name] ?? 0) + (performance.now() - t0);
    }
    return { id: doc.id, features };
  }

  /** The document's rows; a document whose rows do not fit the schema is rejected (`invalid_row`), the run goes on. */
  private async writeRows(doc: Doc): Promise<Doc> {
    try {
      await this.sink.appendAll(this.rowsOf(doc));
    } catch (err) {
      if (!(err instanceof SchemaError)) throw err;
      doc = { ...doc, reject: { stage: 'write', reason: 'invalid_row', detail: err.message } };
      await this.sink.appendAll(this.rowsOf(doc));
    }
    crashPoint('mid_write');
    return doc;
  }

  private rowsOf(doc: Doc): Record<string, Row[]> {
    const rows: Record<string, Row[]> = {};
    for (const t of this.tables) {
      const r = t.rows(doc, this.config.runId);
      if (r.length > 0) rows[t.name] = r;
    }
    return rows;
  }

  /** Closes every file; returns the renames that publish this lane's table files. */
  async finish(): Promise<LaneFinish> {
    const t0 = performance.now();
    await this.checkpoint.close();
    const keep = new Set(this.config.keepEmptyTables);
    const renames = await this.sink.close((table) => keep.has(table));
    this.writeMs += performance.now() - t0;
    return { renames, rowCounts: Object.fromEntries(this.sink.rowCounts), writeMs: this.writeMs, heapMb: heapMb() };
  }

  /** Drops everything this lane wrote to table files (checkpoints go with the run's _work folder). */
  async abort(): Promise<void> {
    await this.checkpoint.abort();
    await this.sink.abort();
  }
}

/** The document tables lanes write: all but those of the run's corpus stages. */
export function laneTables(runCorpusStages: readonly string[]): DocTable[] {
  return DOC_TABLES.filter((t) => !t.stage || !runCorpusStages.includes(t.stage));
}
