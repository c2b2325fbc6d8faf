/**
 * The runner: composes the selected stages into one stream from the input directory (or a
 * stage checkpoint) to the table writers, under the output lock and the commit protocol of
 * state.ts. It is the only place that knows about files, formats, state and workers.
 *
 *   read ─▶ per-document stages ─▶ checkpoints (_work/<run>/<stage>.jsonl) + dedupe.observe
 *        ─▶ dedupe.resolve ─▶ final pass over the last checkpoint ─▶ tables ─▶ commit
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Doc } from './doc.js';
import type { StageName } from './stage.js';
import { addTimes, type StageTimes } from './apply.js';
import { PER_DOC_STAGES, STAGE_ORDER } from './registry.js';
import { readInput, type FileSeen } from '../stages/read.js';
import { DedupeIndex } from '../stages/dedupe.js';
import { ChromeCounts } from '../stages/boilerplate/crossdoc.js';
import { countChrome } from './chrome-pass.js';
import { ALL_TABLES, DOC_TABLES, RUN_TABLES, STAGE_MS_COLUMNS } from './tables.js';
import { partitionDir, TableSink, tablesWithoutFiles } from './writers/sink.js';
import type { OutputFormat } from './writers/types.js';
import { batches, mapOrdered, timedSource } from './streams.js';
import type { Logger } from './log.js';
import { acquireLock } from './lock.js';
import { commit, commitInProgress, emptyState, loadState, readStateFile, recover, replacedByFullRefresh, stateDir, type OutputState } from './state.js';
import { checkpointDir, checkpointFiles, readCheckpointDir, workDir } from './checkpoint.js';
import { InlineLanes, WorkerLanes, type Lanes } from './workers/pool.js';
import { heapMb, threadMemoryMb, type DecisionFor, type LaneConfig } from './lane.js';
import { writeLoadSql } from './loadsql.js';
import { writeFileAtomic } from './fsutil.js';
import { UsageError } from './errors.js';
import { crashPoint } from './crash.js';
import { DocIdList } from './doc-id-list.js';
import type { Row } from './schema.js';

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

/** Documents go to a lane in batches: big enough that messaging costs little, small enough to keep lanes even. */
const BATCH_DOCS = 64;
const BATCH_CHARS = 1 << 20;

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
  return { mode: 'from_checkpoint', fromCheckpoint: checkpointDir(opts.output, state.checkpointRun, previous), stages: opts.stages };
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
    return await runLocked(opts, runId, started);
  } finally {
    await lock.release();
  }
}

async function runLocked(opts: RunOptions, runId: string, started: Date): Promise<RunSummary> {
  const log = opts.log;
  // A full refresh replaces everything: it neither needs nor trusts the earlier state.
  const previousState = opts.fullRefresh ? emptyState() : await loadState(opts.output);
  const plan = planRun(opts, previousState);
  const baseState: OutputState = plan.mode === 'full_refresh' ? emptyState() : previousState;
  const times: StageTimes = {};
  const selected = new Set(plan.stages);
  const summary: RunSummary = {
    runId, status: 'success', mode: plan.mode, startedAt: started.toISOString(), finishedAt: '', filesSeen: 0, filesProcessed: 0,
    filesDeleted: 0, documentsRead: 0, documentsWritten: 0, duplicates: 0, rejects: 0, superseded: 0, stages: {},
  };
  log.info('run_start', { run_id: runId, mode: plan.mode, input: opts.input, output: opts.output, stages: plan.stages.join(','), concurrency: opts.concurrency });

  const index = baseState.dedupeIndex
    ? DedupeIndex.fromBuffer(await readStateFile(opts.output, baseState, baseState.dedupeIndex))
    : new DedupeIndex();
  // Changed in place: a failed run records itself against the state reloaded from disk (recordFailedRun).
  const files = baseState.files;
  let filesSeen = 0;
  let filesProcessed = 0;
  /** A new JSONL file's sha256 is known only once it is read to its end; readInput fills it in on the same object. */
  const shaLater: FileSeen[] = [];
  /** --from: the checkpoint's documents by source path. */
  const rerunIds = new Map<string, string[]>();
  const supersededRows: Row[] = [];
  const supersede = (path: string, reason: 'changed' | 'deleted' | 'rerun'): void => {
    const old = files.get(path);
    if (!old) return;
    for (const id of old.docIds) {
      supersededRows.push({ doc_id: id, run_id: old.runId, superseded_by: runId, reason });
      index.remove(id);
    }
  };

  const readOptions = {
    unchanged: (p: string, size: number, mtimeMs: number) => files.sameStat(p, size, mtimeMs),
    sameContent: (p: string, sha: string) => files.sameSha(p, sha),
    known: (p: string) => files.has(p),
  };
  let filesDone = 0;
  let docsDone = 0;
  const onFile = (f: FileSeen): void => {
    filesSeen++;
    if (f.status === 'read') {
      // A file read again has changed: its earlier rows are superseded by what this run writes.
      supersede(f.path, 'changed');
      files.set(f.path, { size: f.size, mtimeMs: f.mtimeMs, sha256: f.sha256, docIds: [], runId });
      if (f.sha256 === '') shaLater.push(f);
      filesProcessed++;
    } else if (files.has(f.path)) {
      // Unchanged content with a new mtime: remember the mtime so the next run skips it unread.
      files.setStat(f.path, f.size, f.mtimeMs);
    }
    files.markSeen(f.path);
    filesDone++;
    opts.onProgress?.(filesDone, docsDone);
  };
  const source: AsyncIterable<Doc> = plan.fromCheckpoint
    ? readCheckpointDir(plan.fromCheckpoint)
    : readInput(opts.input, { ...readOptions, onFile, include: opts.include });

  // Cross-document chrome: earlier runs' line counts plus a sample of this run's new documents.
  const chrome = baseState.chromeCounts
    ? ChromeCounts.fromJSON(JSON.parse((await readStateFile(opts.output, baseState, baseState.chromeCounts)).toString('utf8')))
    : new ChromeCounts();
  if (selected.has('boilerplate') && plan.mode !== 'from_checkpoint') {
    const pass = await countChrome(opts.input, { ...readOptions, include: opts.include }, chrome);
    times.boilerplate = (times.boilerplate ?? 0) + pass.ms;
    log.info('chrome_pass', { documents: pass.docs, ms: Math.round(pass.ms) });
  }
  const chromeTable = chrome.table();

  const perDoc = PER_DOC_STAGES.filter((s) => selected.has(s.name));
  const checkpointStages = [...(plan.mode === 'from_checkpoint' ? [] : ['read']), ...perDoc.map((s) => s.name)];
  const dedupe = selected.has('dedupe');
  // One file per table even when empty, so a reader's glob finds every table: wherever a table has
  // none yet (the first run, a first run that failed, a format added later, a full refresh).
  const needsFile = plan.mode === 'full_refresh' ? new Set(ALL_TABLES.map((t) => t.name)) : await tablesWithoutFiles(opts.output, opts.formats, ALL_TABLES.map((t) => t.name));
  const laneConfig = (lane: number): LaneConfig => ({
    lane, output: opts.output, runId, runStartedAt: started.getTime(), stages: perDoc.map((s) => s.name), checkpointStages,
    snapshotInput: plan.mode !== 'from_checkpoint', formats: opts.formats, dedupe, chrome: chromeTable,
    keepEmptyTables: lane === 0 ? DOC_TABLES.map((t) => t.name).filter((t) => needsFile.has(t)) : [],
  });
  const sink = await TableSink.open(opts.output, runId, RUN_TABLES, opts.formats);
  const stageCounts: Record<string, StageCounts> = {};
  for (const s of plan.stages) stageCounts[s] = { in: 0, out: 0, rejected: 0, ms: 0 };
  summary.stages = stageCounts;
  let lanes: Lanes | undefined;
  let commitStarted = false;
  let committed = false;
  const memory: { mainHeapAfterPass1Mb?: number; laneHeapMb?: number[] } = {};

  try {
    lanes = opts.concurrency <= 1 ? await InlineLanes.open(laneConfig(0)) : await WorkerLanes.open(opts.concurrency, laneConfig);
    // Pass 1: read; in the lanes, per-document stages, checkpoints, rows and dedupe features; here, the dedupe index.
    const timed = timedSource(source, (ms) => { times.read = (times.read ?? 0) + ms; });
    const counted = (async function* () {
      for await (const d of timed) {
        summary.documentsRead++;
        const path = d.source.path;
        if (plan.mode === 'from_checkpoint') {
          let ids = rerunIds.get(path);
          if (!ids) {
            supersede(path, 'rerun');
            rerunIds.set(path, (ids = []));
          }
          ids.push(d.id);
        } else {
          if (files.has(path)) files.addDocId(path, d.id);
        }
        yield d;
      }
    })();
    // Per lane, the ids of the documents it spooled, in its order: decisions go back in that order.
    const laneDocs: DocIdList[] = Array.from({ length: lanes.size }, () => new DocIdList());
    const running = lanes;
    for await (const { lane, batch } of mapOrdered(batches(counted, BATCH_DOCS, BATCH_CHARS), (b) => running.process(b), lanes.inFlight)) {
      addTimes(times, batch.times);
      if (batch.memory) log.info('memory', { at: 'lane', ...batch.memory });
      for (const r of batch.results) {
        docsDone++;
        if (docsDone % 20_000 === 0) memoryLog(log, 'pass1', docsDone);
        if (r.rejectStage && stageCounts[r.rejectStage]) stageCounts[r.rejectStage].rejected++;
        if (r.features) {
          const t0 = performance.now();
          index.observeFeatures(r.features, runId);
          times.dedupe = (times.dedupe ?? 0) + (performance.now() - t0);
          laneDocs[lane].push(r.features.docId);
        }
      }
    }
    crashPoint('after_pass1');
    memoryLog(log, 'after_pass1', docsDone);
    if (process.env.NEWS_ETL_HEAPSNAP) (await import('node:v8')).writeHeapSnapshot(process.env.NEWS_ETL_HEAPSNAP);

    // Files that vanished since the last run.
    if (plan.mode !== 'from_checkpoint') {
      for (const path of files.unseen()) {
        supersede(path, 'deleted');
        files.delete(path);
        summary.filesDeleted++;
      }
    }

    // Pass 2, in the lanes: the spooled documents rows with their dedupe decisions.
    if (dedupe) {
      const t0 = performance.now();
      index.settle();
      memoryLog(log, 'after_settle', docsDone);
      times.dedupe = (times.dedupe ?? 0) + (performance.now() - t0);
    }
    memory.mainHeapAfterPass1Mb = heapMb();
    const finished = await lanes.finish((lane) => decisionChunks(index, laneDocs[lane], process.env.NEWS_ETL_MEMLOG ? (n) => memoryLog(log, `pass2_lane${lane}`, n) : undefined));
    laneDocs.length = 0;
    memory.laneHeapMb = finished.map((f) => f.heapMb);
    finished.forEach((f, lane) => {
      if (f.memory) for (const [at, m] of Object.entries(f.memory)) log.info('memory', { at: `lane_pass2_${at}`, lane, ...m });
    });
    memoryLog(log, 'after_lanes_finish', docsDone);
    times.write = finished.reduce((ms, f) => ms + f.writeMs, 0);
    const rowCounts = new Map<string, number>();
    for (const f of finished) for (const [table, n] of Object.entries(f.rowCounts)) rowCounts.set(table, (rowCounts.get(table) ?? 0) + n);
    for (const row of supersededRows) await sink.append('superseded', row);

    // State for the commit.
    memoryLog(log, 'before_state', docsDone);
    for (const file of shaLater) files.setSha(file.path, file.sha256);
    for (const [path, ids] of rerunIds) {
      const old = files.get(path);
      files.set(path, { size: old?.size ?? 0, mtimeMs: old?.mtimeMs ?? 0, sha256: old?.sha256 ?? '', docIds: ids, runId });
    }
    summary.filesSeen = filesSeen;
    summary.filesProcessed = plan.mode === 'from_checkpoint' ? 0 : filesProcessed;
    summary.documentsWritten = rowCounts.get('documents') ?? 0;
    summary.duplicates = rowCounts.get('duplicates') ?? 0;
    summary.rejects = rowCounts.get('rejects') ?? 0;
    summary.superseded = supersededRows.length;
    if (summary.rejects > 0) summary.status = 'success_with_rejects';
    fillStageFlow(summary, plan.stages, times);
    summary.finishedAt = new Date().toISOString();
    await sink.append('runs', runRow(opts, plan, summary, times));

    const indexFile = `dedupe-${runId}.bin`;
    const chromeFile = `chrome-${runId}.json`;
    const processedDocs = summary.documentsRead > 0;
    const newState: OutputState = {
      version: 1,
      runs: [...baseState.runs, runId],
      files,
      dedupeIndex: selected.has('dedupe') || baseState.dedupeIndex ? indexFile : undefined,
      chromeCounts: chromeFile,
      checkpointRun: processedDocs ? runId : baseState.checkpointRun,
      checkpointStages: processedDocs ? [...checkpointStages, ...(dedupe ? ['dedupe'] : [])] : baseState.checkpointStages,
    };
    if (plan.mode === 'from_checkpoint' && processedDocs) {
      // Keep the earlier stages' checkpoints of the run we started from, so inspect still sees every stage.
      const earlier = (previousState.checkpointStages ?? []).filter((s) => STAGE_ORDER.indexOf(s as StageName) < STAGE_ORDER.indexOf(plan.stages[0]));
      for (const s of earlier) await linkCheckpoint(opts.output, previousState.checkpointRun!, runId, s);
      newState.checkpointStages = [...earlier, ...(newState.checkpointStages ?? [])];
    }
    if (newState.dedupeIndex) await writeFileAtomic(join(stateDir(opts.output), indexFile), index.toChunks());
    await writeFileAtomic(join(stateDir(opts.output), chromeFile), JSON.stringify(chrome.toJSON()));
    memoryLog(log, 'after_index_write', docsDone);
    const renames = [...finished.flatMap((f) => f.renames), ...await sink.close((table) => needsFile.has(table))];
    const deletes: string[] = [];
    if (previousState.dedupeIndex && previousState.dedupeIndex !== newState.dedupeIndex) deletes.push(join(stateDir(opts.output), previousState.dedupeIndex));
    if (previousState.chromeCounts && previousState.chromeCounts !== newState.chromeCounts) deletes.push(join(stateDir(opts.output), previousState.chromeCounts));
    if (previousState.checkpointRun && previousState.checkpointRun !== newState.checkpointRun) deletes.push(workDir(opts.output, previousState.checkpointRun));
    if (!processedDocs) deletes.push(workDir(opts.output, runId));
    if (plan.mode === 'full_refresh') deletes.push(...await replacedByFullRefresh(opts.output, runId));
    crashPoint('before_commit');
    commitStarted = true;
    await commit(opts.output, { runId, state: newState, renames, deletes });
    committed = true;
    memoryLog(log, 'after_commit', docsDone);
    crashPoint('after_commit');
    await writeLoadSql(opts.output, opts.formats);
    memoryLog(log, 'after_load_sql', docsDone);
  } catch (err) {
    summary.status = 'failed';
    summary.error = err instanceof Error ? err.message : String(err);
    summary.finishedAt = new Date().toISOString();
    if (committed || (commitStarted && await commitInProgress(opts.output))) {
      // The run's tables are committed (or pending.json lets the next run roll the commit forward):
      // nothing may be removed now. The run row says what was committed; this says what failed after.
      log.error('run_failed_after_commit', { run_id: runId, committed, error: summary.error });
      await lanes?.close();
      return summary;
    }
    await lanes?.abort();
    await sink.abort();
    // A lane that died could not remove its files: nothing of this run's tables is kept.
    for (const f of opts.formats) for (const t of DOC_TABLES) await rm(partitionDir(opts.output, f, t.name, runId), { recursive: true, force: true });
    await rm(workDir(opts.output, runId), { recursive: true, force: true });
    await recordFailedRun(opts, plan, summary, times);
    log.error('run_failed', { run_id: runId, error: summary.error });
  } finally {
    await lanes?.close();
  }
  for (const name of plan.stages) log.info('stage', { stage: name, ...summary.stages[name] });
  log.info('run_end', {
    max_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    main_heap_mb: memory.mainHeapAfterPass1Mb ?? null, lane_heap_mb: memory.laneHeapMb?.join(',') ?? null,
    run_id: runId, status: summary.status, mode: summary.mode, files_seen: summary.filesSeen, files_processed: summary.filesProcessed,
    files_deleted: summary.filesDeleted, documents_read: summary.documentsRead, documents_written: summary.documentsWritten,
    duplicates: summary.duplicates, rejects: summary.rejects, superseded: summary.superseded,
  });
  return summary;
}

const DECISION_CHUNK = 4096;

/** NEWS_ETL_MEMLOG=1: the main thread's memory at points of the run (for finding what grows). */
function memoryLog(log: Logger, at: string, docs: number): void {
  if (!process.env.NEWS_ETL_MEMLOG) return;
  // With node --expose-gc the figures are live data, not live data plus garbage not yet collected.
  log.info('memory', { at, docs, ...threadMemoryMb() });
}

/** Decisions are made into objects a chunk at a time, as the lanes take them. */
function* decisionChunks(index: DedupeIndex, ids: DocIdList, onMemory?: (decided: number) => void): Generator<DecisionFor[]> {
  for (let i = 0; i < ids.length; i += DECISION_CHUNK) {
    yield ids.slice(i, i + DECISION_CHUNK).map((id) => [id, index.decision(id) ?? null]);
    if (onMemory && Math.floor(i / 20_000) !== Math.floor((i + DECISION_CHUNK) / 20_000)) onMemory(i + DECISION_CHUNK);
  }
}

/** Hard links, not copies: the earlier run's checkpoint files are deleted when this run commits. */
async function linkCheckpoint(output: string, fromRun: string, toRun: string, stage: string): Promise<void> {
  await mkdir(checkpointDir(output, toRun, stage), { recursive: true });
  for (const file of await checkpointFiles(output, fromRun, stage)) {
    await link(file, join(checkpointDir(output, toRun, stage), basename(file)));
  }
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
async function recordFailedRun(opts: RunOptions, plan: RunPlan, summary: RunSummary, times: StageTimes): Promise<void> {
  try {
    // Reloaded: the run changed its copy of the files table in place.
    const state = await loadState(opts.output);
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
