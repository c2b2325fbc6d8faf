/**
 * `news-etl compact`: every run publishes a folder of its own per format, so a year of hourly runs
 * is thousands of folders and tens of thousands of small files, which readers' globs open one by
 * one. Compaction rewrites each table's current rows (rows no later run superseded; `runs` and
 * `run_stages` whole) into one folder per format, and removes the earlier run folders, under the
 * same lock and commit protocol as a run: readers see the old folders or the compacted one, and the
 * current-rows views give the same rows before and after. Rows keep their `run_id`; the superseded
 * pairs, all of them applied, are dropped (the history of replaced rows goes with them).
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { acquireLock } from './lock.js';
import { commit, loadState, recover } from './state.js';
import { ALL_TABLES, CURRENT_VIEW_SQL, runRow, supersededTable } from './tables.js';
import { TableSink } from './writers/sink.js';
import { loadSql, loadStatements, writeLoadSql } from './loadsql.js';
import { publishedRunDir } from './layout.js';
import { publishedFormats } from './state-store.js';
import { newRunId } from './runner.js';
import { newSummary, type RunSummary } from './run/summary.js';
import { NewsEtlError } from './errors.js';
import type { Row, TableSchema } from './schema.js';
import type { Logger } from './log.js';
import type { OutputFormat } from './writers/types.js';

export interface CompactSummary {
  runId: string;
  /** Run folders (all formats) the compaction replaced. */
  runsCompacted: number;
  rows: Record<string, number>;
}

/** Tables whose rows stay whole: the runs' own records, not documents' rows. */
const WHOLE = new Set(['runs', 'run_stages']);

/** The table's rows to keep, with dates and timestamps as the table builders write them. */
function currentRowsSql(t: TableSchema): string {
  const cols = t.columns.map((c) => (c.type === 'date' ? `strftime("${c.name}", '%Y-%m-%d') AS "${c.name}"`
    : c.type === 'timestamp' ? `strftime(timezone('UTC', "${c.name}"), '%Y-%m-%dT%H:%M:%S.%gZ') AS "${c.name}"` : `"${c.name}"`));
  const from = WHOLE.has(t.name) ? `${t.name}_all` : CURRENT_VIEW_SQL[t.name] ? `${t.name}_current` : t.name;
  return `SELECT ${cols.join(', ')} FROM ${from}`;
}

async function copyTable(conn: DuckDBConnection, t: TableSchema, sink: TableSink): Promise<number> {
  if (t.name === supersededTable.name) return 0;
  let n = 0;
  const result = await conn.stream(currentRowsSql(t));
  for await (const rows of result.yieldRowObjectJs()) {
    for (const row of rows) {
      await sink.append(t.name, row as Row);
      n++;
    }
  }
  return n;
}

export async function compact(output: string, log: Logger, now: () => Date = () => new Date()): Promise<CompactSummary> {
  const started = now();
  const runId = newRunId(started);
  const lock = await acquireLock(output, runId);
  try {
    await recover(output);
    const state = await loadState(output);
    const folders = Object.keys(state.published ?? {});
    if (folders.length === 0) throw new NewsEtlError('E_NOTHING_TO_COMPACT', `${output} holds no committed run to compact`);
    const formats = publishedFormats(state.published, Object.keys(state.published ?? {}));
    const conn = await (await DuckDBInstance.create(':memory:')).connect();
    const summary: CompactSummary = { runId, runsCompacted: folders.length, rows: {} };
    try {
      for (const statement of loadStatements(output, loadSql(formats, state.runs))) await conn.run(statement);
      const sink = await TableSink.open(output, runId, [...ALL_TABLES], formats);
      for (const t of ALL_TABLES) summary.rows[t.name] = await copyTable(conn, t, sink);
      const run: RunSummary = { ...newSummary(runId, 'compact', '', [], started), finishedAt: now().toISOString() };
      await sink.append('runs', runRow(run));
      const renames = await sink.close();
      const published = Object.fromEntries(folders.map((r) => [r, [] as OutputFormat[]]));
      const deletes = folders.flatMap((r) => (state.published?.[r] ?? []).map((f) => publishedRunDir(output, f, r)));
      await commit(output, { runId, state: { ...state, runs: [...state.runs, runId], published }, renames, deletes });
    } finally {
      conn.closeSync();
    }
    await writeLoadSql(output, formats);
    log.info('compacted', { run_id: runId, runs_compacted: summary.runsCompacted, ...Object.fromEntries(Object.entries(summary.rows).map(([t, n]) => [`${t}_rows`, n])) });
    return summary;
  } finally {
    await lock.release();
  }
}
