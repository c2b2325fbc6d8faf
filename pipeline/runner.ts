/**
 * The runner: composes the selected stages into one stream from the input directory (or a
 * stage checkpoint) to the table writers, under the output lock and the commit protocol of
 * state.ts. It is the only place that knows about files, formats, state and workers.
 *
 *   read ─▶ per-document stages ─▶ checkpoints (_work/<run>/<stage>.jsonl) + dedupe.observe
 *        ─▶ dedupe.resolve ─▶ final pass over the last checkpoint ─▶ tables ─▶ commit
 */
import { randomBytes } from 'node:crypto';
import { link, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Doc } from './doc.js';
import type { StageContext, StageName } from './stage.js';
import type { StageTimes } from './apply.js';
import { PER_DOC_STAGES, STAGE_ORDER } from './registry.js';
import { readInput, type FileSeen } from '../stages/read.js';
import { DedupeIndex, type DedupeDecision } from '../stages/dedupe.js';
import { ALL_TABLES, rowsForDoc, STAGE_MS_COLUMNS } from './tables.js';
import { TableSink } from './writers/sink.js';
import type { OutputFormat } from './writers/types.js';
import { timedSource } from './streams.js';
import type { Logger } from './log.js';
import { acquireLock } from './lock.js';
import { commit, emptyState, loadState, recover, stateDir, type FileRecord, type OutputState } from './state.js';
import { CheckpointWriter, checkpointPath, readCheckpoint, workDir } from './checkpoint.js';
import { perDocTransform } from './transform.js';
import { writeLoadSql } from './loadsql.js';
import { writeFileAtomic } from './fsutil.js';
import { UsageError } from './errors.js';
import { crashPoint } from './crash.js';
import { SchemaError, type Row } from './schema.js';

export interface RunOptions {
  input: string;
  output: string;
  formats: OutputFormat[];
  stages: StageName[];
  /** Worker threads for the per-document stages; 1 runs them in the main thread. */
  concurrency: number;
  log: Logger;
  /** Ignore earlier state: reprocess every input file and replace all earlier output. */
  fullRefresh?: boolean;
  /** Only input files whose path this accepts (sharding). */
  include?: (path: string) => boolean;
  /** Called for every input file handled (progress display). */
  onProgress?: (filesDone: number, docsDone: number) => void;
  /** For tests: a fixed run start. */
  now?: () => Date;
}

export interface StageCounts {
  in: number;
  out: number;
  rejected: number;
  ms: number;
}

export type RunMode = 'incremental' | 'full_refresh' | 'from_checkpoint';

export interface RunSummary {
  runId: string;
  status: 'success' | 'success_with_rejects' | 'failed';
  mode: RunMode;
  startedAt: string;
  finishedAt: string;
  filesSeen: number;
  filesProcessed: number;
  filesDeleted: number;
  documentsRead: number;
  documentsWritten: number;
  duplicates: number;
  rejects: number;
  superseded: number;
  stages: Record<string, StageCounts>;
  error?: string;
}

export function newRunId(at: Date): string {
  return `${at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
}

interface RunPlan {
  mode: RunMode;
  /** Checkpoint to read instead of the input directory (`--from`). */
  fromCheckpoint?: string;
  stages: StageName[];
}

function planRun(opts: RunOptions, state: OutputState): RunPlan {
  const first = opts.stages[0];
  if (opts.fullRefresh) return { mode: 'full_refresh', stages: opts.stages };
  if (first === 'read') return { mode: 'incremental', stages: opts.stages };
  // --from STAGE: read the previous stage's checkpoint from the last run that kept checkpoints.
  const previous = STAGE_ORDER[STAGE_ORDER.indexOf(first) - 1];
  if (!state.checkpointRun || !state.checkpointStages?.includes(previous)) {
    throw new UsageError(`--from ${first} needs the last run's "${previous}" checkpoint, and there is none${state.checkpointRun ? ` (run ${state.checkpointRun} ran ${state.checkpointStages?.join(', ')})` : ''}; run the pipeline from the start first`);
  }
  return { mode: 'from_checkpoint', fromCheckpoint: checkpointPath(opts.output, state.checkpointRun, previous), stages: opts.stages };
}

export async function runPipeline(opts: RunOptions): Promise<RunSummary> {
  const started = opts.now?.() ?? new Date();
  const runId = newRunId(started);
  const lock = await acquireLock(opts.output, runId);
  try {
    if (lock.tookOverFrom) opts.log.info('stale_lock_taken_over', { previous_run: lock.tookOverFrom.runId, previous_pid: lock.tookOverFrom.pid });
    const recovery = await recover(opts.output);
    if (recovery.rolledForward || recovery.removed.length > 0) {
      opts.log.info('recovered', { rolled_forward: recovery.rolledForward ?? '', removed: recovery.removed.length });
    }
    return await runLocked(opts, runId, started);
  } finally {
    await lock.release();
  }
}

async function runLocked(opts: RunOptions, runId: string, started: Date): Promise<RunSummary> {
  const log = opts.log;
  const previousState = await loadState(opts.output);
  const plan = planRun(opts, previousState);
  const baseState: OutputState = plan.mode === 'full_refresh' ? emptyState() : previousState;
  const ctx: StageContext = { runId, runStartedAt: started };
  const times: StageTimes = {};
  const selected = new Set(plan.stages);
  const summary: RunSummary = {
    runId, status: 'success', mode: plan.mode, startedAt: started.toISOString(), finishedAt: '', filesSeen: 0, filesProcessed: 0,
    filesDeleted: 0, documentsRead: 0, documentsWritten: 0, duplicates: 0, rejects: 0, superseded: 0, stages: {},
  };
  log.info('run_start', { run_id: runId, mode: plan.mode, input: opts.input, output: opts.output, stages: plan.stages.join(','), concurrency: opts.concurrency });

  const index = baseState.dedupeIndex
    ? DedupeIndex.fromBuffer(await readFile(join(stateDir(opts.output), baseState.dedupeIndex)))
    : new DedupeIndex();
  const files: Record<string, FileRecord> = { ...baseState.files };
  const seenFiles = new Map<string, FileSeen>();
  const docIdsByFile = new Map<string, string[]>();
  const supersededRows: Row[] = [];
  const supersede = (path: string, reason: 'changed' | 'deleted' | 'rerun'): void => {
    const old = files[path];
    if (!old) return;
    for (const id of old.docIds) {
      supersededRows.push({ doc_id: id, run_id: old.runId, superseded_by: runId, reason });
      index.remove(id);
    }
  };

  let filesDone = 0;
  let docsDone = 0;
  const onFile = (f: FileSeen): void => {
    seenFiles.set(f.path, f);
    // A file read again has changed: its earlier rows are superseded by what this run writes.
    if (f.status === 'read') supersede(f.path, 'changed');
    filesDone++;
    opts.onProgress?.(filesDone, docsDone);
  };
  const source: AsyncIterable<Doc> = plan.fromCheckpoint
    ? readCheckpoint(plan.fromCheckpoint)
    : readInput(opts.input, {
      unchanged: (p, size, mtimeMs) => files[p] !== undefined && files[p].size === size && files[p].mtimeMs === mtimeMs,
      sameContent: (p, sha) => files[p] !== undefined && files[p].sha256 === sha && sha !== '',
      known: (p) => files[p] !== undefined,
      onFile,
      include: opts.include,
    });

  const perDoc = PER_DOC_STAGES.filter((s) => selected.has(s.name));
  const checkpointStages = [...(plan.mode === 'from_checkpoint' ? [] : ['read']), ...perDoc.map((s) => s.name)];
  const finalCheckpoint = checkpointPath(opts.output, runId, checkpointStages[checkpointStages.length - 1] ?? 'read');
  const sink = await TableSink.open(opts.output, runId, ALL_TABLES, opts.formats);
  const stageCounts: Record<string, StageCounts> = {};
  for (const s of plan.stages) stageCounts[s] = { in: 0, out: 0, rejected: 0, ms: 0 };
  summary.stages = stageCounts;

  try {
    // Pass 1: read, per-document stages, checkpoints, dedupe signatures.
    const writers = await Promise.all(checkpointStages.map((s) => CheckpointWriter.open(checkpointPath(opts.output, runId, s))));
    const timed = timedSource(source, (ms) => { times.read = (times.read ?? 0) + ms; });
    const counted = (async function* () {
      for await (const d of timed) {
        summary.documentsRead++;
        if (plan.mode === 'from_checkpoint') {
          const path = d.source.path;
          if (!docIdsByFile.has(path)) supersede(path, 'rerun');
        }
        const ids = docIdsByFile.get(d.source.path) ?? [];
        ids.push(d.id);
        docIdsByFile.set(d.source.path, ids);
        yield d;
      }
    })();
    const transform = perDocTransform(counted, perDoc, ctx, opts.concurrency, times, plan.mode !== 'from_checkpoint');
    try {
      for await (const { doc, snapshots } of transform.results) {
        // One snapshot per checkpoint file, in the same order (read first, unless starting from a checkpoint).
        for (let i = 0; i < snapshots.length; i++) await writers[i].writeJson(snapshots[i]);
        docsDone++;
        if (selected.has('dedupe') && !doc.reject) {
          const t0 = performance.now();
          index.observe({ docId: doc.id, text: doc.text, published: doc.published?.date ?? null }, runId);
          times.dedupe = (times.dedupe ?? 0) + (performance.now() - t0);
        }
      }
    } finally {
      await transform.close();
    }
    for (const w of writers) await w.close();
    crashPoint('after_pass1');

    // Files that vanished since the last run.
    if (plan.mode !== 'from_checkpoint') {
      for (const path of Object.keys(files)) {
        if (!seenFiles.has(path)) {
          supersede(path, 'deleted');
          delete files[path];
          summary.filesDeleted++;
        }
      }
    }

    let decisions = new Map<string, DedupeDecision>();
    if (selected.has('dedupe')) {
      const t0 = performance.now();
      decisions = index.resolve();
      times.dedupe = (times.dedupe ?? 0) + (performance.now() - t0);
    }

    // Pass 2: the final checkpoint, with dedupe decisions, into the tables.
    const w0 = performance.now();
    const dedupeLog = selected.has('dedupe') ? await CheckpointWriter.open(checkpointPath(opts.output, runId, 'dedupe')) : undefined;
    for await (const doc of readCheckpoint(finalCheckpoint)) {
      const decision = decisions.get(doc.id);
      if (decision) {
        doc.dup = decision;
        // The dedupe checkpoint holds only what dedupe adds; the document itself is in the one before.
        await dedupeLog?.writeJson(JSON.stringify({ id: doc.id, source: doc.source, dup: decision }));
      }
      let rows = rowsForDoc(doc, runId);
      try {
        sink.check(rows);
      } catch (err) {
        // A stage produced a value its table cannot hold: that document is rejected, the run goes on.
        if (!(err instanceof SchemaError)) throw err;
        doc.reject = { stage: 'write', reason: 'invalid_row', detail: err.message };
        rows = rowsForDoc(doc, runId);
      }
      await sink.appendAll(rows);
      if (doc.reject && stageCounts[doc.reject.stage]) stageCounts[doc.reject.stage].rejected++;
      crashPoint('mid_write');
    }
    await dedupeLog?.close();
    for (const row of supersededRows) await sink.append('superseded', row);
    times.write = performance.now() - w0;

    // State for the commit.
    for (const [path, ids] of docIdsByFile) {
      const seen = seenFiles.get(path);
      const old = files[path];
      files[path] = {
        size: seen?.size ?? old?.size ?? 0,
        mtimeMs: seen?.mtimeMs ?? old?.mtimeMs ?? 0,
        sha256: seen?.sha256 ?? old?.sha256 ?? '',
        docIds: ids,
        runId,
      };
    }
    for (const [path, seen] of seenFiles) {
      // Unchanged content with a new mtime: remember the mtime so the next run skips it unread.
      if (!docIdsByFile.has(path) && files[path]) files[path] = { ...files[path], size: seen.size, mtimeMs: seen.mtimeMs };
    }
    summary.filesSeen = seenFiles.size;
    summary.filesProcessed = plan.mode === 'from_checkpoint' ? 0 : [...seenFiles.values()].filter((f) => f.status === 'read').length;
    summary.documentsWritten = sink.rowCounts.get('documents') ?? 0;
    summary.duplicates = sink.rowCounts.get('duplicates') ?? 0;
    summary.rejects = sink.rowCounts.get('rejects') ?? 0;
    summary.superseded = supersededRows.length;
    if (summary.rejects > 0) summary.status = 'success_with_rejects';
    fillStageFlow(summary, plan.stages, times);
    summary.finishedAt = new Date().toISOString();
    await sink.append('runs', runRow(opts, plan, summary, times));

    const indexFile = `dedupe-${runId}.bin`;
    const processedDocs = summary.documentsRead > 0;
    const newState: OutputState = {
      version: 1,
      runs: [...baseState.runs, runId],
      files,
      dedupeIndex: selected.has('dedupe') || baseState.dedupeIndex ? indexFile : undefined,
      checkpointRun: processedDocs ? runId : baseState.checkpointRun,
      checkpointStages: processedDocs ? [...checkpointStages, ...(selected.has('dedupe') ? ['dedupe'] : [])] : baseState.checkpointStages,
    };
    if (plan.mode === 'from_checkpoint' && processedDocs) {
      // Keep the earlier stages' checkpoints of the run we started from, so inspect still sees every stage.
      const earlier = (previousState.checkpointStages ?? []).filter((s) => STAGE_ORDER.indexOf(s as StageName) < STAGE_ORDER.indexOf(plan.stages[0]));
      for (const s of earlier) await link(checkpointPath(opts.output, previousState.checkpointRun!, s), checkpointPath(opts.output, runId, s));
      newState.checkpointStages = [...earlier, ...(newState.checkpointStages ?? [])];
    }
    if (newState.dedupeIndex) await writeFileAtomic(join(stateDir(opts.output), indexFile), index.toBuffer());
    const earlierTables = new Set(previousState.runs.length > 0 && plan.mode !== 'full_refresh' ? ALL_TABLES.map((t) => t.name) : []);
    const renames = await sink.close((table) => !earlierTables.has(table));
    const deletes: string[] = [];
    if (previousState.dedupeIndex && previousState.dedupeIndex !== newState.dedupeIndex) deletes.push(join(stateDir(opts.output), previousState.dedupeIndex));
    if (previousState.checkpointRun && previousState.checkpointRun !== newState.checkpointRun) deletes.push(workDir(opts.output, previousState.checkpointRun));
    if (!processedDocs) deletes.push(workDir(opts.output, runId));
    if (plan.mode === 'full_refresh') {
      for (const old of previousState.runs) for (const f of opts.formats) for (const t of ALL_TABLES) deletes.push(join(opts.output, f, t.name, `run-${old}`));
    }
    crashPoint('before_commit');
    await commit(opts.output, { runId, state: newState, renames, deletes });
    crashPoint('after_commit');
    await writeLoadSql(opts.output, opts.formats);
  } catch (err) {
    await sink.abort();
    await rm(workDir(opts.output, runId), { recursive: true, force: true });
    summary.status = 'failed';
    summary.error = err instanceof Error ? err.message : String(err);
    summary.finishedAt = new Date().toISOString();
    await recordFailedRun(opts, plan, summary, times, previousState);
    log.error('run_failed', { run_id: runId, error: summary.error });
  }
  for (const name of plan.stages) log.info('stage', { stage: name, ...summary.stages[name] });
  log.info('run_end', {
    max_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    run_id: runId, status: summary.status, mode: summary.mode, files_seen: summary.filesSeen, files_processed: summary.filesProcessed,
    files_deleted: summary.filesDeleted, documents_read: summary.documentsRead, documents_written: summary.documentsWritten,
    duplicates: summary.duplicates, rejects: summary.rejects, superseded: summary.superseded,
  });
  return summary;
}

/** In/out per stage: each stage receives what the one before it passed on, minus rejects. */
function fillStageFlow(summary: RunSummary, stages: StageName[], times: StageTimes): void {
  let alive = summary.documentsRead;
  for (const name of stages) {
    const c = summary.stages[name];
    c.ms = Math.round(times[name] ?? 0);
    c.in = alive;
    alive -= c.rejected;
    c.out = alive;
  }
}

function runRow(opts: RunOptions, plan: RunPlan, summary: RunSummary, times: StageTimes): Row {
  const row: Row = {
    run_id: summary.runId,
    started_at: summary.startedAt,
    finished_at: summary.finishedAt,
    status: summary.status,
    input: plan.fromCheckpoint ?? opts.input,
    stages: plan.stages.join(','),
    mode: plan.mode,
    files_seen: summary.filesSeen,
    files_processed: summary.filesProcessed,
    files_deleted: summary.filesDeleted,
    documents_read: summary.documentsRead,
    documents_written: summary.documentsWritten,
    duplicates: summary.duplicates,
    rejects: summary.rejects,
    superseded: summary.superseded,
    error: summary.error ?? null,
  };
  for (const s of STAGE_MS_COLUMNS) row[`ms_${s}`] = Math.round(times[s] ?? 0);
  return row;
}

/** A failed run still gets its runs row (and nothing else), committed like any other run. */
async function recordFailedRun(opts: RunOptions, plan: RunPlan, summary: RunSummary, times: StageTimes, state: OutputState): Promise<void> {
  try {
    const runsOnly = ALL_TABLES.filter((t) => t.name === 'runs');
    const sink = await TableSink.open(opts.output, summary.runId, runsOnly, opts.formats);
    summary.documentsWritten = 0;
    await sink.append('runs', runRow(opts, plan, summary, times));
    const renames = await sink.close();
    await commit(opts.output, { runId: summary.runId, state: { ...state, runs: [...state.runs, summary.runId] }, renames, deletes: [] });
  } catch (err) {
    opts.log.error('run_row_not_written', { run_id: summary.runId, error: err instanceof Error ? err.message : String(err) });
  }
}
