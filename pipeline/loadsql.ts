/**
 * `<output>/load.sql`: DuckDB views over every table, showing current rows only (rows of earlier
 * runs that a later run replaced are listed in `superseded` and filtered out). Its paths are
 * relative to the output folder, so it works wherever the folder is copied or mounted: run it from
 * there (`cd output && duckdb -init load.sql`), or from elsewhere after
 * `SET file_search_path = 'path/to/output'` (DuckDB then resolves relative paths against it).
 *
 * The views are a snapshot: they read only the runs committed when the file was written (the
 * `news_etl_committed_runs` view), so a run published while a query runs, or one a kill left
 * half committed, never shows in them; the next load.sql adds it, whole.
 */
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { resolve, join } from 'node:path';
import { writeFileAtomic } from './fsutil.js';
import { ALL_TABLES, CURRENT_VIEW_SQL, dedupeGlobalTable, EXTRA_VIEW_SQL } from './tables.js';
import { DUCKDB_TYPE, type TableSchema } from './schema.js';
import type { OutputFormat } from './writers/types.js';
import { publishedRunDir, tableGlob } from './layout.js';
import { readStoredState } from './state-store.js';

const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/**
 * CSV views state the dialect the writers use (csv-format.ts): left to guess, DuckDB reads it from
 * the first file, and a first file with no quoted cell made it split a later `"$40,000"` in two.
 */
function source(format: OutputFormat, t: TableSchema, root = '.'): string {
  const glob = sqlString(tableGlob(root, format, t.name).replace(/^\.\//, ''));
  const read = format === 'parquet'
    ? `read_parquet(${glob}, union_by_name = true)`
    : `read_csv(${glob}, header = true, delim = ',', quote = '"', escape = '"', columns = {${t.columns.map((c) => `'${c.name}': '${DUCKDB_TYPE[c.type]}'`).join(', ')}})`;
  return `${read} WHERE run_id IN (SELECT run_id FROM news_etl_committed_runs)`;
}

function committedRunsView(runs: readonly string[]): string {
  // A VALUES list cannot be empty; a view over a typed empty select can.
  const rows = runs.length > 0 ? `SELECT * FROM (VALUES ${runs.map((r) => `(${sqlString(r)})`).join(', ')}) t(run_id)` : 'SELECT NULL::VARCHAR AS run_id WHERE false';
  return `CREATE OR REPLACE VIEW news_etl_committed_runs AS ${rows};`;
}

/** A table's typed columns with no rows: its view while no committed run has written a file of it. */
function emptySource(t: TableSchema): string {
  return `(SELECT ${t.columns.map((c) => `NULL::${DUCKDB_TYPE[c.type]} AS "${c.name}"`).join(', ')} WHERE false)`;
}

/** The format the views read: parquet where the output has it. */
const viewFormat = (formats: readonly OutputFormat[]): OutputFormat => (formats.includes('parquet') ? 'parquet' : 'csv');

export interface LoadSqlOptions {
  /** Where the format folders are, relative to load.sql (`shards/*` for a sharded root). */
  root?: string;
  /** Statements after the `_all` views (a sharded root's `dedupe_global`). */
  extra?: string[];
  /**
   * Whether the output holds a file of the table (default: every table). A table none has yet
   * (every run so far failed, and a failed run writes only its `runs` row) gets a typed empty
   * view: DuckDB refuses a glob that matches no file, which would make the whole file fail.
   */
  present?: (table: string) => boolean;
  /** A table's current view in place of the usual one (a sharded root's `dedupe`). */
  currentOf?: Readonly<Record<string, string>>;
}

export function loadSql(formats: OutputFormat[], committedRuns: readonly string[], options: LoadSqlOptions = {}): string {
  const { root = '.', extra = [], present = () => true, currentOf = {} } = options;
  const format = viewFormat(formats);
  const lines = [
    '-- DuckDB views over the news-etl tables (generated; rewritten by every run).',
    '-- Paths are relative to this folder: run it from here (duckdb -init load.sql), or from elsewhere',
    "-- after SET file_search_path = 'path/to/this/folder'.",
    `-- Raw history of every table: the ${'`'}<table>_all${'`'} views. Current rows: the plain views.`,
    '-- Only the runs committed when this file was written (news_etl_committed_runs) are visible.',
    committedRunsView(committedRuns),
  ];
  for (const t of ALL_TABLES) {
    lines.push(`CREATE OR REPLACE VIEW ${t.name}_all AS SELECT * FROM ${present(t.name) ? source(format, t, root) : emptySource(t)};`);
  }
  lines.push(...extra);
  for (const t of ALL_TABLES) {
    const hasDoc = t.columns.some((c) => c.name === 'doc_id') && t.columns.some((c) => c.name === 'run_id') && t.name !== 'superseded';
    const current = currentOf[t.name] ?? (hasDoc
      ? `SELECT * FROM ${t.name}_all t WHERE NOT EXISTS (SELECT 1 FROM superseded_all s WHERE s.doc_id = t.doc_id AND s.run_id = t.run_id)`
      : `SELECT * FROM ${t.name}_all`);
    lines.push(`CREATE OR REPLACE VIEW ${t.name}${CURRENT_VIEW_SQL[t.name] ? '_current' : ''} AS ${current};`);
  }
  // Views over other views last: DuckDB binds a view when it is created.
  for (const [name, sql] of Object.entries(CURRENT_VIEW_SQL)) lines.push(`CREATE OR REPLACE VIEW ${name} AS ${sql};`);
  for (const [name, sql] of Object.entries(EXTRA_VIEW_SQL)) lines.push(`CREATE OR REPLACE VIEW ${name} AS ${sql};`);
  return lines.join('\n') + '\n';
}

/** Views over the runs state.json lists as committed. */
export async function writeLoadSql(output: string, formats: OutputFormat[]): Promise<void> {
  const body = (await readStoredState(output))?.body;
  const runs = body?.runs ?? [];
  const format = viewFormat(formats);
  const present = await tablesWithFiles(output, format, runs.filter((run) => body?.published[run]?.includes(format)));
  await writeFileAtomic(join(output, 'load.sql'), loadSql(formats, runs, { present: (table) => present.has(table) }));
}

/** The tables of which one of the runs' published folders of the format holds a file. */
async function tablesWithFiles(output: string, format: OutputFormat, runs: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const run of runs) {
    const dir = publishedRunDir(output, format, run);
    for (const table of await readdir(dir).catch(() => [] as string[])) {
      if (found.has(table)) continue;
      const files = await readdir(join(dir, table)).catch(() => [] as string[]);
      if (files.some((f) => f.endsWith(`.${format}`))) found.add(table);
    }
  }
  return found;
}

/**
 * The current dedupe decisions of a sharded output: each shard's, with the cross-shard decision of
 * `dedupe --global` in its place where there is one, so `documents.is_duplicate` and `duplicates`
 * count a copy whose original is in another shard.
 */
const GLOBAL_DEDUPE_SQL = `SELECT t.* REPLACE (
  coalesce(g.cluster_id, t.cluster_id) AS cluster_id,
  coalesce(g.is_duplicate, t.is_duplicate) AS is_duplicate,
  CASE WHEN g.doc_id IS NULL THEN t.duplicate_of ELSE g.duplicate_of END AS duplicate_of,
  CASE WHEN g.doc_id IS NULL THEN t.similarity ELSE g.similarity END AS similarity,
  CASE WHEN g.doc_id IS NULL THEN t.method ELSE g.method END AS method
) FROM dedupe_all t LEFT JOIN dedupe_global g ON g.doc_id = t.doc_id
WHERE NOT EXISTS (SELECT 1 FROM superseded_all s WHERE s.doc_id = t.doc_id AND s.run_id = t.run_id)`;

/**
 * Sharded output: views over every shard's tables, plus the global dedupe decisions; `committedRuns`
 * are the shards' committed runs and the global dedupe run, as `dedupe --global` saw them.
 */
export async function writeShardedLoadSql(output: string, formats: OutputFormat[], committedRuns: readonly string[]): Promise<void> {
  const extra = [`CREATE OR REPLACE VIEW dedupe_global AS SELECT * FROM ${source(viewFormat(formats), dedupeGlobalTable, 'global')};`];
  await writeFileAtomic(join(output, 'load.sql'), loadSql(formats, committedRuns, { root: 'shards/*', extra, currentOf: { dedupe: GLOBAL_DEDUPE_SQL } }));
}

/**
 * The statements that load an output's tables from any working directory: the search path set to
 * the output folder, then its load.sql. For programs (the report, tests); people `cd` or SET it.
 */
export function loadStatements(output: string, sql = readFileSync(join(output, 'load.sql'), 'utf8')): string[] {
  return [`SET file_search_path = ${sqlString(resolve(output))}`, ...sql.split(';\n').map((s) => s.trim()).filter((s) => s !== '' && !/^(--[^\n]*\n?)*$/.test(s))];
}
