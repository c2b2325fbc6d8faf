/**
 * The output's tables as users load them: an in-memory DuckDB with `<output>/load.sql` executed,
 * so the report sees exactly the views (current rows) a person gets after `.read load.sql`.
 *
 * The views most figures read are then copied once into temporary tables of the same names, which
 * DuckDB resolves before the views: every figure's SQL runs unchanged, and the views' anti-joins
 * over `superseded` are computed once instead of once per figure. `documents` is copied without
 * its text, which no figure reads.
 */
import { existsSync } from 'node:fs';
import { loadStatements } from '../loadsql.js';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBResultReader } from '@duckdb/node-api';
import { NewsEtlError, EXIT } from '../errors.js';

/** A result value as the page and its charts use it: numbers, strings, ISO dates, lists. */
export type Value = string | number | boolean | null | Value[];
export type Row = Record<string, Value>;

export interface ReportDb {
  query(sql: string): Promise<Row[]>;
  columns(view: string): Promise<Set<string>>;
  close(): void;
}

/** The views the report reads; an output whose load.sql lacks one was written by an older version. */
export const REQUIRED_VIEWS = ['documents', 'entities', 'dates', 'duplicates', 'rejects', 'rejects_all', 'runs', 'run_stages'] as const;
/** Those several figures read. */
const COPIED_VIEWS = ['documents', 'entities', 'duplicates'] as const;

export async function openOutput(output: string): Promise<ReportDb> {
  const loadSql = join(output, 'load.sql');
  if (!existsSync(loadSql)) {
    throw new NewsEtlError('E_REPORT_NO_OUTPUT', `no ${loadSql}: run \`news-etl run --output ${output}\` first`, EXIT.usage);
  }
  const conn = await (await DuckDBInstance.create(':memory:')).connect();
  // The figures' queries are small: a second thread cost more CPU than it saved wall time, and the
  // report usually runs beside the pipeline on the same machine (docs/benchmarks.md).
  await conn.run('SET threads = 1');
  for (const statement of loadStatements(output)) await conn.run(statement);
  const db = reportDb(conn);
  const views = new Set((await db.query('SELECT view_name FROM duckdb_views() WHERE NOT internal')).map((r) => String(r.view_name)));
  const missing = REQUIRED_VIEWS.filter((v) => !views.has(v));
  if (missing.length > 0) {
    conn.closeSync();
    throw new NewsEtlError('E_REPORT_OLD_OUTPUT', `${loadSql} has no view ${missing.join(', ')}: run the pipeline once more to rewrite it`, EXIT.usage);
  }
  for (const view of COPIED_VIEWS) {
    await conn.run(`CREATE TEMP TABLE ${view} AS SELECT * ${view === 'documents' ? 'EXCLUDE (text) ' : ''}FROM main.${view}`);
  }
  return db;
}

function reportDb(conn: DuckDBConnection): ReportDb {
  return {
    query: async (sql) => rowsOf(await conn.runAndReadAll(sql)),
    columns: async (view) => new Set((rowsOf(await conn.runAndReadAll(`DESCRIBE ${view}`))).map((r) => String(r.column_name))),
    close: () => conn.closeSync(),
  };
}

function rowsOf(result: DuckDBResultReader): Row[] {
  const types = result.columnTypes().map(String);
  const names = result.columnNames();
  return result.getRowObjectsJS().map((r) => {
    const row: Row = {};
    names.forEach((name, i) => { row[name] = plain(r[name], types[i]); });
    return row;
  });
}

/** DATE as `YYYY-MM-DD`, TIMESTAMP as ISO 8601 UTC, integers of any width as numbers. */
function plain(v: unknown, type: string): Value {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return type === 'DATE' ? v.toISOString().slice(0, 10) : v.toISOString();
  if (Array.isArray(v)) return v.map((x) => plain(x, type.replace(/\[\]$/, '')));
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}
