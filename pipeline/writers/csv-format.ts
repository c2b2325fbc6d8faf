import type { Cell } from '../schema.js';

/**
 * The CSV text of cells, byte for byte as csv-stringify writes them with CsvTableWriter's options
 * (CRLF records, `true`/`false`, "" for an empty string, nothing for null, quoting a field that
 * holds a comma, a quote, CR or LF, quotes doubled): its generic per-field option handling and
 * casting was most of what a CSV table cost. test/csv-format.test.ts holds it to csv-stringify.
 */
const NEEDS_QUOTES = /[",\r\n]/;

/** What makes a spreadsheet run a cell as a formula: csv-stringify's escape_formulas list. */
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);

function csvText(value: string, escapeFormulas: boolean): string {
  if (value === '') return '""';
  const quote = NEEDS_QUOTES.test(value);
  const text = escapeFormulas && FORMULA_START.has(value[0]) ? `'${value}` : value;
  return quote ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvCell(value: Cell | undefined, escapeFormulas: boolean): string {
  switch (typeof value) {
    case 'string': return csvText(value, escapeFormulas);
    case 'number': return String(value);
    case 'boolean': return value ? 'true' : 'false';
    default: return '';
  }
}

const CSV_RECORD_END = '\r\n';

/** One record of the row's cells under `names`, its record delimiter included. */
export function csvRecord(row: Readonly<Record<string, Cell>>, names: readonly string[], escapeFormulas: boolean): string {
  let line = csvCell(row[names[0]], escapeFormulas);
  for (let i = 1; i < names.length; i++) line += `,${csvCell(row[names[i]], escapeFormulas)}`;
  return line + CSV_RECORD_END;
}

/** The header record: the column names as text cells. */
export function csvHeader(names: readonly string[], escapeFormulas: boolean): string {
  return csvRecord(Object.fromEntries(names.map((n) => [n, n])), names, escapeFormulas);
}
