/**
 * A lane carries documents from the read stage to the table files: it applies the per-document
 * stages, writes the stage checkpoints and every row that does not depend on dedupe, spools the
 * documents rows, and computes the dedupe features. At --concurrency N there are N lanes, one per
 * worker thread, each with its own part files; at 1 the one lane runs in the main thread. The main
 * thread is left with reading, the shared dedupe index and the commit.
 *
 * Only `documents` (is_duplicate, duplicate_of, cluster_id, content_hash) and `duplicates` depend
 * on the run's dedupe decisions, which exist once every document has been seen: `finish()` takes
 * them and writes those two tables from the lane's spool.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { getHeapStatistics } from 'node:v8';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Doc, SourceInfo } from './doc.js';
import type { StageContext } from './stage.js';
import { applyWithSnapshots, type StageTimes } from './apply.js';
import { perDocStagesByName } from './registry.js';
import { CheckpointWriter, checkpointPart, workDir } from './checkpoint.js';
import { DOC_TABLES, rowsForDoc } from './tables.js';
import { TableSink } from './writers/sink.js';
import type { OutputFormat } from './writers/types.js';
import { SchemaError, type Row } from './schema.js';
import { dedupeEntryOf, type DedupeDecision } from '../stages/dedupe.js';
import { dedupeFeatures, type DedupeFeatures } from '../stages/dedupe/dedupe-index.js';
import { crashPoint } from './crash.js';
import type { ChromeTable } from '../stages/boilerplate/crossdoc.js';

export interface LaneConfig {
  lane: number;
  output: string;
  runId: string;
  /** Epoch ms (a Date does not survive postMessage as a Date in every Node version's typings). */
  runStartedAt: number;
  /** Per-document stages, in order. */
  stages: string[];
  /** Checkpoint names, one per snapshot applyWithSnapshots returns ('read' first unless the input is a checkpoint). */
  checkpointStages: string[];
  snapshotInput: boolean;
  formats: OutputFormat[];
  dedupe: boolean;
  /** Cross-document chrome lines per source, for the boilerplate stage (see pipeline/chrome-pass.ts). */
  chrome?: ChromeTable;
  /** Tables this lane writes as files even when it has no rows for them (so every table has a file). */
  keepEmptyTables: string[];
}

/** What the main thread needs to know of one processed document. */
export interface LaneDocResult {
  id: string;
  /** The stage that rejected it ('write' for rows that do not fit the schema). */
  rejectStage?: string;
  /** Present when dedupe runs and the document was not rejected. */
  features?: DedupeFeatures;
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
  /** NEWS_ETL_MEMLOG only: this lane's memory at the start of its writing pass, every 10,000 documents, and at the end. */
  memory?: Record<string, Record<string, number>>;
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

/** A documents row waiting for its dedupe decision, with what the dedupe checkpoint line needs. */
interface Spooled {
  row: Row;
  source: SourceInfo;
}

const LANE_TABLES = DOC_TABLES;

/** A spooled document's id and its dedupe decision (null: none, e.g. dedupe did not run). */
export type DecisionFor = [string, DedupeDecision | null];

export class Lane {
  private writeMs = 0;
  private docs = 0;
  private spoolLines: AsyncIterator<string> | undefined;
  private dedupeLog: CheckpointWriter | undefined;
  private pass2StartMemory: Record<string, number> | undefined;
  /** NEWS_ETL_MEMLOG: the lane's memory every 10,000 documents written in pass 2. */
  private readonly pass2Memory: Record<string, Record<string, number>> = {};
  private written = 0;

  private constructor(
    private readonly config: LaneConfig,
    private readonly ctx: StageContext,
    private readonly checkpoints: CheckpointWriter[],
    private readonly spool: CheckpointWriter,
    private readonly spoolPath: string,
    private readonly sink: TableSink,
  ) {}

  static async open(config: LaneConfig): Promise<Lane> {
    const { output, runId, lane } = config;
    const checkpoints = await Promise.all(config.checkpointStages.map((s) => CheckpointWriter.open(checkpointPart(output, runId, s, lane))));
    const spoolPath = join(workDir(output, runId), `.documents-spool-${lane}.jsonl`);
    const spool = await CheckpointWriter.open(spoolPath);
    const sink = await TableSink.open(output, runId, LANE_TABLES, config.formats, lane);
    // One table object for the whole lane: the boilerplate stage caches its lookup sets by table identity.
    const ctx: StageContext = { runId, runStartedAt: new Date(config.runStartedAt), chrome: config.chrome };
    return new Lane(config, ctx, checkpoints, spool, spoolPath, sink);
  }

  async process(docs: Doc[]): Promise<LaneBatchResult> {
    const stages = perDocStagesByName(this.config.stages);
    const times: StageTimes = {};
    const results: LaneDocResult[] = [];
    for (const input of docs) {
      const { doc, snapshots } = applyWithSnapshots(input, stages, this.ctx, times, this.config.snapshotInput);
      for (let i = 0; i < snapshots.length; i++) await this.checkpoints[i].writeJson(snapshots[i]);
      let features: DedupeFeatures | undefined;
      if (!doc.reject && this.config.dedupe) {
        const t1 = performance.now();
        features = dedupeFeatures(dedupeEntryOf(doc));
        times.dedupe = (times.dedupe ?? 0) + (performance.now() - t1);
      }
      const t0 = performance.now();
      // The features' hash is the row's content_hash: not normalized and hashed a second time.
      const rows = this.checkedRows(doc, features && Buffer.from(features.hash).toString('hex'));
      const spooled = rows.documents?.[0];
      delete rows.documents;
      await this.sink.appendAll(rows);
      if (spooled) await this.spool.writeJson(JSON.stringify({ row: spooled, source: doc.source } satisfies Spooled));
      this.writeMs += performance.now() - t0;
      const result: LaneDocResult = { id: doc.id };
      if (doc.reject) result.rejectStage = doc.reject.stage;
      else if (features) result.features = features;
      results.push(result);
    }
    const before = this.docs;
    this.docs += docs.length;
    if (process.env.NEWS_ETL_MEMLOG && Math.floor(before / 10_000) !== Math.floor(this.docs / 10_000)) {
      return { results, times, memory: { lane: this.config.lane, docs: this.docs, ...threadMemoryMb() } };
    }
    return { results, times };
  }

  /** The document's rows; a document whose rows do not fit the schema is rejected (`invalid_row`), the run goes on. */
  private checkedRows(doc: Doc, contentHash?: string): Record<string, Row[]> {
    const rows = rowsForDoc(doc, this.config.runId, contentHash);
    try {
      this.sink.check(rows);
      return rows;
    } catch (err) {
      if (!(err instanceof SchemaError)) throw err;
      doc.reject = { stage: 'write', reason: 'invalid_row', detail: err.message };
      return rowsForDoc(doc, this.config.runId);
    }
  }

  /**
   * Writes the next `decisions.length` spooled documents rows with their dedupe decisions (in
   * spool order: the order this lane processed them). The main thread sends them in chunks, so
   * neither side ever holds every decision of a big run.
   */
  async decide(decisions: readonly DecisionFor[]): Promise<void> {
    if (process.env.NEWS_ETL_MEMLOG && !this.spoolLines) this.pass2StartMemory = threadMemoryMb();
    const spool = await this.openSpool();
    const t0 = performance.now();
    for (const [id, decision] of decisions) {
      const next = await spool.next();
      if (next.done) throw new Error(`lane ${this.config.lane}: a decision for ${id} but no spooled document left`);
      const spooled = JSON.parse(next.value) as Spooled;
      if (spooled.row.doc_id !== id) throw new Error(`lane ${this.config.lane}: decision for ${id} but the spool holds ${String(spooled.row.doc_id)} next`);
      await this.writeDocument(spooled, decision);
      if (process.env.NEWS_ETL_MEMLOG && ++this.written % 10_000 === 0) this.pass2Memory[`docs_${this.written}`] = threadMemoryMb();
    }
    this.writeMs += performance.now() - t0;
  }

  /** Writes the spooled rows no decision was sent for (all of them when dedupe does not run), closes every file. */
  async finish(): Promise<LaneFinish> {
    const spool = await this.openSpool();
    const t0 = performance.now();
    for (let next = await spool.next(); !next.done; next = await spool.next()) {
      await this.writeDocument(JSON.parse(next.value) as Spooled, null);
    }
    await this.dedupeLog?.close();
    await rm(this.spoolPath, { force: true });
    const keep = new Set(this.config.keepEmptyTables);
    const renames = await this.sink.close((table) => keep.has(table));
    this.writeMs += performance.now() - t0;
    const memory = process.env.NEWS_ETL_MEMLOG ? { start: this.pass2StartMemory ?? {}, ...this.pass2Memory, end: threadMemoryMb() } : undefined;
    return { renames, rowCounts: Object.fromEntries(this.sink.rowCounts), writeMs: this.writeMs, heapMb: heapMb(), memory };
  }

  private async openSpool(): Promise<AsyncIterator<string>> {
    if (!this.spoolLines) {
      for (const c of this.checkpoints) await c.close();
      await this.spool.close();
      const { output, runId, lane } = this.config;
      if (this.config.dedupe) this.dedupeLog = await CheckpointWriter.open(checkpointPart(output, runId, 'dedupe', lane));
      const lines = createInterface({ input: createReadStream(this.spoolPath, { encoding: 'utf8' }), crlfDelay: Infinity });
      this.spoolLines = lines[Symbol.asyncIterator]();
    }
    return this.spoolLines;
  }

  private async writeDocument({ row, source }: Spooled, decision: DedupeDecision | null): Promise<void> {
    if (decision) {
      row.content_hash = decision.contentHash;
      row.is_duplicate = decision.isDuplicate;
      row.duplicate_of = decision.duplicateOf ?? null;
      row.cluster_id = decision.clusterId ?? null;
      await this.dedupeLog?.writeJson(JSON.stringify({ id: row.doc_id, source, dup: decision }));
      if (decision.isDuplicate && decision.duplicateOf) {
        await this.sink.append('duplicates', {
          doc_id: row.doc_id, duplicate_of: decision.duplicateOf, similarity: decision.similarity ?? 1, method: decision.method ?? 'exact', run_id: this.config.runId,
        });
      }
    }
    await this.sink.append('documents', row);
    crashPoint('mid_write');
  }

  /** Drops everything this lane wrote to table files (checkpoints go with the run's _work folder). */
  async abort(): Promise<void> {
    if (!this.spoolLines) {
      for (const c of this.checkpoints) await c.close().catch(() => undefined);
      await this.spool.close().catch(() => undefined);
    }
    await this.dedupeLog?.close().catch(() => undefined);
    await this.sink.abort();
  }
}
