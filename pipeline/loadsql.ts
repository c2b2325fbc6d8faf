/**
 * `<output>/load.sql`: DuckDB views over every table, showing current rows only (rows of earlier
 * runs that a later run replaced are listed in `superseded` and filtered out).
 * `duckdb -init output/load.sql` or `.read output/load.sql`, then `SELECT * FROM documents`.
 */
import { resolve, join } from 'node:path';
import { writeFileAtomic } from './fsutil.js';
import { ALL_TABLES, CURRENT_VIEW_SQL, dedupeGlobalTable, EXTRA_VIEW_SQL } from './tables.js';
import { DUCKDB_TYPE, type TableSchema } from './schema.js';
import type { OutputFormat } from './writers/types.js';

function source(output: string, format: OutputFormat, t: TableSchema, root = '.'): string {
  const glob = `${resolve(output)}/${root === '.' ? '' : `${root}/`}${format}/${t.name}/**/*.${format}`.replace(/'/g, "''");
  if (format === 'parquet') return `read_parquet('${glob}', union_by_name = true)`;
  const columns = t.columns.map((c) => `'${c.name}': '${DUCKDB_TYPE[c.type]}'`).join(', ');
  return `read_csv('${glob}', header = true, columns = {${columns}})`;
}

export function loadSql(output: string, formats: OutputFormat[], root = '.', extra: string[] = []): string {
  const format: OutputFormat = formats.includes('parquet') ? 'parquet' : 'csv';
  const lines = [
    '-- DuckDB views over the news-etl tables (generated; rewritten by every run).',
    `-- Raw history of every table: the ${'`'}<table>_all${'`'} views. Current rows: the plain views.`,
  ];
  for (const t of ALL_TABLES) {
    lines.push(`CREATE OR REPLACE VIEW ${t.name}_all AS SELECT * FROM ${source(output, format, t, root)};`);
  }
  lines.push(...extra);
  for (const t of ALL_TABLES) {
    const hasDoc = t.columns.some((c) => c.name === 'doc_id') && t.columns.some((c) => c.name === 'run_id') && t.name !== 'superseded';
    const current = hasDoc
      ? `SELECT * FROM ${t.name}_all t WHERE NOT EXISTS (SELECT 1 FROM superseded_all s WHERE s.doc_id = t.doc_id AND s.run_id = t.run_id)`
      : `SELECT * FROM ${t.name}_all`;
    lines.push(`CREATE OR REPLACE VIEW ${t.name}${CURRENT_VIEW_SQL[t.name] ? '_current' : ''} AS ${current};`);
  }
  // Views over other views last: DuckDB binds a view when it is created.
  for (const [name, sql] of Object.entries(CURRENT_VIEW_SQL)) lines.push(`CREATE OR REPLACE VIEW ${name} AS ${sql};`);
  for (const [name, sql] of Object.entries(EXTRA_VIEW_SQL)) lines.push(`CREATE OR REPLACE VIEW ${name} AS ${sql};`);
  return lines.join('\n') + '\n';
}

export async function writeLoadSql(output: string, formats: OutputFormat[]): Promise<void> {
  await writeFileAtomic(join(output, 'load.sql'), loadSql(output, formats));
}

/** Sharded output: views over every shard's tables, plus the global dedupe decisions. */
export async function writeShardedLoadSql(output: string, formats: OutputFormat[]): Promise<void> {
  const format: OutputFormat = formats.includes('parquet') ? 'parquet' : 'csv';
  const extra = [`CREATE OR REPLACE VIEW dedupe_global AS SELECT * FROM ${source(output, format, dedupeGlobalTable, 'global')};`];
  await writeFileAtomic(join(output, 'load.sql'), loadSql(output, formats, 'shards/*', extra));
}
