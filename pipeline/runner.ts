/**
 * The runner: one run of the selected stages under the output lock and the commit protocol. It
 * composes what pipeline/run/ provides (plan, incremental bookkeeping, sources, the two passes,
 * the commit) and never names a stage: the stages come from the registry.
 *
 *   source or checkpoints ─▶ lanes (document stages, deltas, rows, features) ─▶ corpus stages
 *     observe ─▶ settle, decide (their deltas and tables) ─▶ runs, run_stages ─▶ commit
 */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Doc } from './doc.js';
import type { CorpusMemory } from './stage.js';
import type { StageTimes } from './apply.js';
import { corpusStages, SOURCE, STAGES } from './registry.js';
import { peeked } from './streams.js';
import { DocIdList } from './doc-id-list.js';
import { ALL_TABLES, DOC_TABLES, RUN_TABLES, runRow, runStageRows } from './tables.js';
import { TableSink, tablesWithoutFiles } from './writers/sink.js';
import type { CsvOptions, OutputFormat } from './writers/types.js';
import type { Logger } from './log.js';
import { acquireLock } from './lock.js';
import { commit, commitInProgress, emptyState, loadState, readStateFile, recover, type OutputState } from './state.js';
import { CheckpointReader, workDir } from './checkpoint.js';
import { InlineLanes, WorkerLanes, type Lanes } from './workers/pool.js';
import { heapMb, laneTables, type LaneConfig, type LaneFinish } from './lane.js';
import { writeLoadSql } from './loadsql.js';
import type { FileTable } from './file-table.js';
import { DeletionsRefusedError, failureMessage, UsageError } from './errors.js';

/** Share of the current documents a run may mark deleted before it refuses. */
export const DEFAULT_MAX_DELETIONS = 0.5;
import { crashPoint } from './crash.js';
import { planRun, type RunPlan } from './run/plan.js';
import { Incremental, type SupersedeReason } from './run/incremental.js';
import { freshDocuments, rebuiltDocuments, rereadDocuments } from './run/sources.js';
import { NOTHING_PREPARED, prepareStages, type PreparedRun } from './run/prepare.js';
import { memoryLog, passOne, passTwo } from './run/passes.js';
import { commitRun, DEFAULT_KEEP_CHECKPOINT_RUNS } from './run/commit-run.js';
import { newSummary, type RunSummary } from './run/summary.js';
import { LazyMemory } from './run/lazy-memory.js';

export type { RunMode, RunSummary, StageCounts } from './run/summary.js';

export interface RunOptions {
  /** Input folder; a rerun of later stages may leave it out (the state remembers the last one). */
  input?: string;
  output: string;
  formats: OutputFormat[];
  csv?: CsvOptions;
  stages: string[];
  /** Worker threads for the document stages; 1 runs them in the main thread. */
  concurrency: number;
  log: Logger;
  /** Ignore earlier state: reprocess every input file and replace all earlier output. */
  fullRefresh?: boolean;
  /** Only input files whose path this accepts (sharding). */
  include?: (path: string) => boolean;
  /** --include / --exclude globs on input paths; files left out are counted as skipped. */
  includeGlobs?: string[];
  excludeGlobs?: string[];
  /** Follow symlinks out of the input folder (--follow-symlinks). */
  followSymlinks?: boolean;
  /** Folders no symlink in the input may lead the reader into (the output, with every shard's). */
  avoidFolders?: string[];
  /** Stop after this many documents (rejects included): a trial run on a sample (--limit). */
  limit?: number;
  /** Reprocess just these documents: input paths (relative to the input folder) or doc ids. */
  only?: string[];
  /** Checkpoint runs kept besides those holding current deltas (default DEFAULT_KEEP_CHECKPOINT_RUNS). */
  keepCheckpointRuns?: number;
  /** Per-document time budget in seconds over its document stages; past it the document is a `stage_timeout` reject (default 30, 0: none). */
  docTimeoutS?: number;
  /** Share of the current documents a run may mark deleted before it refuses (default 0.5), unless allowDeletions. */
  maxDeletions?: number;
  allowDeletions?: boolean;
  /** Called as the run moves on: prepare, documents, settle, commit. */
  onPhase?: (phase: string) => void;
  /** Called for every input file and document handled (progress display). */
  onProgress?: (filesDone: number, docsDone: number) => void;
  /** For tests: a fixed run start. */
  now?: () => Date;
}

export function newRunId(at: Date): string {
  return `${at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
}

export async function runPipeline(opts: RunOptions): Promise<RunSummary> {
  const started = opts.now?.() ?? new Date();
  const runId = newRunId(started);
  const lock = await acquireLock(opts.output, runId);
  try {
    if (lock.tookOverFrom) opts.log.info('stale_lock_taken_over', { previous_run: lock.tookOverFrom.runId, previous_pid: lock.tookOverFrom.pid });
    const recovery = await recover(opts.output, { fullRefresh: opts.fullRefresh });
    if (recovery.rolledForward || recovery.removed.length > 0) {
      opts.log.info('recovered', { rolled_forward: recovery.rolledForward ?? '', removed: recovery.removed.length });
    }
    const run = await Run.start(opts, runId, started);
    await run.execute();
    // progress lines stop before the summary: a log's last line is the run's end
    opts.onPhase?.('end');
    return run.end();
  } finally {
    await lock.release();
  }
}

/** Far above any real article's time (milliseconds), far below what makes a cron run overrun. */
export const DEFAULT_DOC_TIMEOUT_S = 30;

/** The input folder a run reads: the one given, else (reruns) the one the state remembers. */
function inputOf(opts: RunOptions, plan: RunPlan, state: OutputState): string | undefined {
  if (opts.input !== undefined) return resolve(opts.input);
  if (plan.fromSource) throw new UsageError('--input is needed: this run reads the input');
  if (plan.rereadsInput && !state.input) throw new UsageError(`stage ${plan.stages[0]} re-reads the input, and the state names none: give --input`);
  return state.input;
}

/** --only: each item is an input path or a doc id; a doc id names its file. */
function onlyPaths(items: string[] | undefined, state: OutputState, fromSource: boolean): Set<string> | undefined {
  if (!items?.length) return undefined;
  const paths = new Set<string>();
  const ids = new Set<string>();
  for (const item of items) (state.files.has(item) ? paths : ids).add(item);
  for (const [path, record] of ids.size ? state.files.entries() : []) {
    for (const id of record.docIds) if (ids.delete(id)) paths.add(path);
  }
  // A path the state does not know yet may be a new input file.
  if (fromSource) for (const item of ids) if (!/^[0-9a-f]{16}$/.test(item)) { paths.add(item); ids.delete(item); }
  if (ids.size > 0) throw new UsageError(`--only: no current document or input file ${[...ids].join(', ')}`);
  return paths;
}

/** One run: what it reads, what it holds while it runs, and what it writes. */
/**
 * The files an earlier state lists, for a full refresh's deletion guard. A full refresh is also the
 * way out of a state that does not load: then there is nothing to count, and the log says so.
 */
async function earlierFiles(opts: RunOptions): Promise<FileTable | undefined> {
  try {
    return (await loadState(opts.output)).files;
  } catch (err) {
    opts.log.warn('deletion_guard_skipped', { detail: `the earlier state does not load (${err instanceof Error ? err.message : String(err)}): the full refresh replaces the output without counting what it drops` });
    return undefined;
  }
}

class Run {
  private readonly times: StageTimes = {};
  private readonly memories = new Map<string, CorpusMemory<unknown>>();
  private lanes: Lanes | undefined;
  private sink: TableSink | undefined;
  private reader: CheckpointReader | undefined;
  private commitStarted = false;
  private committed = false;
  private laneHeapMb: number[] = [];
  private filesDone = 0;

  private constructor(
    private readonly opts: RunOptions,
    private readonly runId: string,
    private readonly started: Date,
    private readonly plan: RunPlan,
    private readonly previous: OutputState,
    private readonly base: OutputState,
    private readonly input: string | undefined,
    private readonly only: Set<string> | undefined,
    private readonly summary: RunSummary,
    private readonly inc: Incremental,
    /** Each stage's persisted state, read (and checked against its digest) before anything is written. */
    private readonly persisted: ReadonlyMap<string, Uint8Array>,
    /** Full refresh: the files the earlier state lists, whose documents the run replaces (for the deletion guard). */
    private readonly replaced?: FileTable,
  ) {}

  static async start(opts: RunOptions, runId: string, started: Date): Promise<Run> {
    // A full refresh replaces everything: it neither needs nor trusts the earlier state.
    const previous = opts.fullRefresh ? emptyState() : await loadState(opts.output);
    const plan = planRun(opts.stages, !!opts.fullRefresh, previous);
    const input = inputOf(opts, plan, previous);
    const base = plan.mode === 'full_refresh' ? emptyState() : previous;
    const only = onlyPaths(opts.only, base, plan.fromSource);
    const summary = newSummary(runId, plan.mode, plan.fromSource ? opts.input! : 'checkpoints', plan.stages, started);
    let run: Run | undefined;
    const forget = (id: string, reason: SupersedeReason): void => run!.forget(id, reason);
    const inc = new Incremental(base.files, runId, forget, plan.fromSource ? only : undefined,
      { includeGlobs: opts.includeGlobs, excludeGlobs: opts.excludeGlobs, followSymlinks: opts.followSymlinks, avoidFolders: [opts.output, ...(opts.avoidFolders ?? [])] });
    const persisted = new Map<string, Uint8Array>();
    for (const [stage, file] of Object.entries(base.stageState ?? {})) persisted.set(stage, await readStateFile(opts.output, base, file));
    const replaced = opts.fullRefresh ? await earlierFiles(opts) : undefined;
    run = new Run(opts, runId, started, plan, previous, base, input, only, summary, inc, persisted, replaced);
    opts.log.info('run_start', { run_id: runId, mode: plan.mode, input: input ?? '', output: opts.output, stages: plan.stages.join(','), concurrency: opts.concurrency });
    for (const warning of plan.warnings) opts.log.warn('stale_results', { run_id: runId, detail: warning });
    return run;
  }

  /**
   * A document's earlier version is gone: every corpus memory forgets it, except in a rerun, where
   * only the corpus stages that run again observe it anew (the others keep their decisions).
   */
  private forget(docId: string, reason: SupersedeReason): void {
    for (const [stage, memory] of this.memories) {
      if (reason !== 'rerun' || this.plan.corpusStages.includes(stage)) memory.forget(docId);
    }
  }

  async execute(): Promise<void> {
    try {
      this.opts.onPhase?.('prepare');
      await this.openMemories();
      const source = await this.firstDocument();
      // No document to process (an unchanged input): no stage is prepared, imported or loaded.
      const prepared = source.empty ? NOTHING_PREPARED : await prepareStages(this.plan.docStages, { runId: this.runId, runStartedAt: this.started }, this.persisted,
        this.plan.fromSource ? { input: this.input!, options: this.inc.newFilesOptions(this.opts.include) } : undefined, this.times);
      const needsFile = await this.tablesNeedingFiles();
      this.sink = await TableSink.open(this.opts.output, this.runId, [...RUN_TABLES, ...this.corpusTables()], this.opts.formats, 0, this.opts.csv);
      const lanesWrite = !source.empty || laneTables(this.plan.corpusStages).some((t) => needsFile.has(t.name));
      this.lanes = lanesWrite ? await this.openLanes(prepared, needsFile) : undefined;
      this.opts.onPhase?.('documents');
      const { observed } = this.lanes
        ? await passOne(source.items, this.lanes, this.runningMemories(), this.summary, this.times, this.opts.log, (docs) => this.opts.onProgress?.(this.filesDone, docs))
        : { observed: new DocIdList() };
      crashPoint('after_pass1');
      memoryLog(this.opts.log, 'after_pass1', this.summary.documentsRead);
      if (this.plan.fromSource) this.afterWalk();
      this.opts.onPhase?.('settle');
      await passTwo(this.opts.output, this.runId, this.runningMemories(), observed, this.sink, this.summary, this.times);
      const finished = this.lanes ? await this.lanes.finish() : [];
      this.opts.onPhase?.('commit');
      await this.commit(finished, prepared, needsFile);
    } catch (err) {
      await this.fail(err);
    } finally {
      await this.lanes?.close();
      await this.reader?.close();
    }
  }

  /** The run's documents, once the first of them is there (or the source has ended): the wait is the source's time. */
  private async firstDocument(): Promise<{ empty: boolean; items: AsyncIterable<Doc> }> {
    const t0 = performance.now();
    const source = await peeked(this.documents());
    this.times[SOURCE.name] = (this.times[SOURCE.name] ?? 0) + (performance.now() - t0);
    return source;
  }

  /** What the walk of the input left to say: files skipped, records passed over, the limit, files gone. */
  private afterWalk(): void {
    const log = this.opts.log;
    const skipped = this.inc.skippedSummary();
    if (skipped) log.warn('files_skipped', { run_id: this.runId, ...skipped });
    const records = Object.values(this.inc.recordsSkipped).reduce((a, b) => a + b, 0);
    if (records > 0) log.info('archive_records_skipped', { run_id: this.runId, ...this.inc.recordsSkipped });
    if (this.inc.limited) log.info('limit_reached', { run_id: this.runId, limit: this.opts.limit, note: 'files not reached are left as they were; the next run goes on from there' });
    this.guardDeletions(this.replaced ? this.replacedAway(this.replaced) : this.inc.vanished());
  }

  /**
   * A full refresh replaces every table with what this run reads: the current documents of the
   * files it did not see (gone from the input, or left out by --only, --include or --limit) are
   * dropped as surely as deleted ones, so the same guard counts them.
   */
  private replacedAway(replaced: FileTable): { deleted: number; current: number } {
    let deleted = 0;
    let current = 0;
    for (const [path, record] of replaced.entries()) {
      current += record.docIds.length;
      if (!this.inc.files.has(path)) deleted += record.docIds.length;
    }
    return { deleted, current };
  }

  /** Refuses a run that would mark more than the allowed share of the current documents deleted. */
  private guardDeletions({ deleted, current }: { deleted: number; current: number }): void {
    const max = this.opts.maxDeletions ?? DEFAULT_MAX_DELETIONS;
    if (deleted > 0 && deleted > max * current && !this.opts.allowDeletions) throw new DeletionsRefusedError(deleted, current, max);
    if (deleted > 0) this.opts.log.warn('documents_deleted', { run_id: this.runId, documents: deleted, of: current });
  }

  /** The run's corpus stages, and any other whose persisted memory must forget superseded documents. */
  private async openMemories(): Promise<void> {
    for (const stage of await corpusStages(STAGES.map((s) => s.name))) {
      const persisted = this.persisted.get(stage.name);
      if (persisted || this.plan.corpusStages.includes(stage.name)) this.memories.set(stage.name, new LazyMemory(stage, persisted));
    }
  }

  private runningMemories(): Map<string, CorpusMemory<unknown>> {
    return new Map([...this.memories].filter(([stage]) => this.plan.corpusStages.includes(stage)));
  }

  private corpusTables() {
    return DOC_TABLES.filter((t) => t.stage && this.plan.corpusStages.includes(t.stage));
  }

  private documents(): AsyncIterable<Doc> {
    if (this.plan.fromSource) {
      return freshDocuments(this.inc, {
        input: this.input!, include: this.opts.include, limit: this.opts.limit,
        onFile: () => { this.opts.onProgress?.(++this.filesDone, this.summary.documentsRead); },
      });
    }
    this.reader = new CheckpointReader(this.opts.output);
    return this.plan.rereadsInput
      ? rereadDocuments(this.plan, this.inc, this.reader, this.input!, this.opts.log, this.only)
      : rebuiltDocuments(this.plan, this.inc, this.reader, this.only);
  }

  private async openLanes(prepared: PreparedRun, needsFile: Set<string>): Promise<Lanes> {
    const lanesTables = laneTables(this.plan.corpusStages).map((t) => t.name);
    const config = (lane: number): LaneConfig => ({
      lane, output: this.opts.output, runId: this.runId, runStartedAt: this.started.getTime(),
      docStages: this.plan.docStages, corpusStages: this.plan.corpusStages, fromSource: this.plan.fromSource, dropRawAfter: this.plan.dropRawAfter,
      prepared: prepared.values, formats: this.opts.formats, csv: this.opts.csv,
      keepEmptyTables: lane === 0 ? lanesTables.filter((t) => needsFile.has(t)) : [],
      docTimeoutMs: (this.opts.docTimeoutS ?? DEFAULT_DOC_TIMEOUT_S) * 1000,
    });
    return this.opts.concurrency <= 1 ? InlineLanes.open(config(0)) : WorkerLanes.open(this.opts.concurrency, config);
  }

  /** One file per table even when empty, so a reader's glob finds every table wherever it has none yet. */
  private async tablesNeedingFiles(): Promise<Set<string>> {
    const names = ALL_TABLES.map((t) => t.name);
    return this.plan.mode === 'full_refresh' ? new Set(names) : tablesWithoutFiles(this.opts.output, this.opts.formats, names);
  }

  private async commit(finished: LaneFinish[], prepared: PreparedRun, needsFile: Set<string>): Promise<void> {
    const sink = this.sink!;
    this.laneHeapMb = finished.map((f) => f.heapMb);
    this.times.write = finished.reduce((ms, f) => ms + f.writeMs, 0);
    const rowCounts = new Map<string, number>();
    for (const f of finished) for (const [table, n] of Object.entries(f.rowCounts)) rowCounts.set(table, (rowCounts.get(table) ?? 0) + n);
    for (const row of this.inc.superseded) await sink.append('superseded', row);
    const checkpointed = this.summary.documentsRead > 0 ? this.plan.stages : [];
    this.inc.settle(this.plan.stages, [...(this.base.checkpoints ?? []), { run: this.runId, stages: checkpointed }]);
    this.fillSummary(rowCounts);
    await sink.append('runs', runRow(this.summary));
    for (const row of runStageRows(this.summary)) await sink.append('run_stages', row);
    const persist = new Map<string, Iterable<Uint8Array>>([...prepared.persist].map(([stage, bytes]) => [stage, [bytes]]));
    for (const [stage, memory] of this.memories) if (memory.changed) persist.set(stage, memory.persist());
    const renames = [...finished.flatMap((f) => f.renames), ...await sink.close((table) => needsFile.has(table))];
    crashPoint('before_commit');
    this.commitStarted = true;
    await commitRun({
      output: this.opts.output, runId: this.runId, plan: this.plan, formats: this.opts.formats, previous: this.previous, base: this.base,
      input: this.plan.fromSource ? this.input : undefined, persist, checkpointed, renames,
      keepCheckpointRuns: this.opts.keepCheckpointRuns ?? DEFAULT_KEEP_CHECKPOINT_RUNS,
    }, this.inc.files);
    this.committed = true;
    crashPoint('after_commit');
    await writeLoadSql(this.opts.output, this.opts.formats);
  }

  private fillSummary(rowCounts: Map<string, number>): void {
    const s = this.summary;
    s.filesSeen = this.inc.filesSeen;
    s.filesProcessed = this.plan.fromSource ? this.inc.filesProcessed : 0;
    s.filesDeleted = this.inc.filesDeleted;
    s.filesSkipped = this.inc.filesSkipped;
    s.recordsSkipped = Object.values(this.inc.recordsSkipped).reduce((a, b) => a + b, 0);
    s.documentsWritten = rowCounts.get('documents') ?? 0;
    s.rejects = rowCounts.get('rejects') ?? 0;
    s.superseded = this.inc.superseded.length;
    if (s.rejects > 0) s.status = 'success_with_rejects';
    let alive = s.documentsRead;
    for (const [stage, c] of Object.entries(s.stageCounts)) {
      c.ms = Math.round(this.times[stage] ?? 0);
      c.in = alive;
      alive -= c.rejected;
      c.out = alive;
    }
    s.finishedAt = new Date().toISOString();
  }

  private async fail(err: unknown): Promise<void> {
    this.opts.onPhase?.('end');
    const s = this.summary;
    s.status = err instanceof DeletionsRefusedError ? 'refused' : 'failed';
    s.error = failureMessage(err, this.opts.output);
    s.finishedAt = new Date().toISOString();
    if (this.committed || (this.commitStarted && await commitInProgress(this.opts.output))) {
      // The run's tables are committed (or pending.json lets the next run roll the commit forward):
      // nothing may be removed now. The run row says what was committed; this says what failed after.
      this.opts.log.error('run_failed_after_commit', { run_id: this.runId, committed: this.committed, error: s.error });
      return;
    }
    await this.lanes?.abort();
    await this.sink?.abort();
    // A lane that died could not remove its files: nothing of this run's tables (staged in its work folder) is kept.
    await rm(workDir(this.opts.output, this.runId), { recursive: true, force: true });
    await recordFailedRun(this.opts.output, this.opts.formats, this.opts.csv, s, this.opts.log);
    if (s.status === 'refused') this.opts.log.error('run_refused', { run_id: this.runId, message: s.error });
    else this.opts.log.error('run_failed', { run_id: this.runId, error: s.error });
  }

  end(): RunSummary {
    const s = this.summary;
    for (const [stage, c] of Object.entries(s.stageCounts)) this.opts.log.info('stage', { run_id: this.runId, stage, ...c });
    this.opts.log.info('run_end', {
      run_id: this.runId, status: s.status, mode: s.mode, files_seen: s.filesSeen, files_processed: s.filesProcessed,
      files_deleted: s.filesDeleted, files_skipped: s.filesSkipped, documents_read: s.documentsRead, records_skipped: s.recordsSkipped, documents_written: s.documentsWritten,
      duplicates: s.duplicates, rejects: s.rejects, superseded: s.superseded,
      duration_ms: Date.parse(s.finishedAt) - Date.parse(s.startedAt),
      max_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024), main_heap_mb: heapMb(), lane_heap_mb: this.laneHeapMb.join(',') || null,
    });
    return s;
  }
}


/** A failed run still gets its runs row (and nothing else), committed like any other run. */
async function recordFailedRun(output: string, formats: OutputFormat[], csv: CsvOptions | undefined, summary: RunSummary, log: Logger): Promise<void> {
  try {
    // Reloaded: the run changed its copy of the files table in place.
    const state = await loadState(output);
    const runsOnly = ALL_TABLES.filter((t) => t.name === 'runs');
    const sink = await TableSink.open(output, summary.runId, runsOnly, formats, 0, csv);
    summary.documentsWritten = 0;
    await sink.append('runs', runRow(summary));
    const renames = await sink.close();
    await commit(output, { runId: summary.runId, state: { ...state, runs: [...state.runs, summary.runId] }, renames, deletes: [] });
    // So that load.sql's runs view shows the failure too.
    await writeLoadSql(output, formats);
  } catch (err) {
    log.error('run_row_not_written', { run_id: summary.runId, error: err instanceof Error ? err.message : String(err) });
  }
}
