import { DUCKDB_TYPE, type TableSchema } from './schema.js';

/** The README's schema section, generated from the schemas so it cannot drift. */
export function schemaMarkdown(tables: TableSchema[]): string {
  const out: string[] = [];
  for (const t of tables) {
    out.push(`### \`${t.name}\``, '', t.doc, '', '| column | type | null | meaning |', '|---|---|---|---|');
    for (const c of t.columns) out.push(`| \`${c.name}\` | ${DUCKDB_TYPE[c.type]} | ${c.nullable ? 'yes' : 'no'} | ${c.doc} |`);
    out.push('');
  }
  return out.join('\n');
}
