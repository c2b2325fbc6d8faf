import type { Cell } from '../schema.js';
import { MAX_UTF8_PER_UNIT } from './column-bytes.js';
import { SHORT_UNITS, writeUtf8 } from './utf8.js';

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
  return csvRecordOf(names.map((n) => row[n]), escapeFormulas);
}

/** One record of cells in column order (undefined is null), its record delimiter included. */
export function csvRecordOf(cells: readonly (Cell | undefined)[], escapeFormulas: boolean): string {
  let line = csvCell(cells[0], escapeFormulas);
  for (let i = 1; i < cells.length; i++) line += `,${csvCell(cells[i], escapeFormulas)}`;
  return line + CSV_RECORD_END;
}

/** The header record: the column names as text cells. */
export function csvHeader(names: readonly string[], escapeFormulas: boolean): string {
  return csvRecordOf(names, escapeFormulas);
}

// ---------------------------------------------------------------------------------------------
// The same record written straight into the writer's chunk, cell by cell: building the record as
// a string, then flattening and encoding it, was most of what a CSV row cost. csvRecordOf stays
// the reference (test/csv-format.test.ts holds the two to the same bytes).

/** Room for a number: String() of a double is at most 24 characters ("-2.2250738585072014e-308"). */
const NUMBER_BYTES = 32;
const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

/** The most bytes csvRecordInto writes for these cells: a quoted cell may add 3 characters, a unit takes 3 bytes. */
export function csvRecordBound(cells: readonly (Cell | undefined)[]): number {
  let bytes = cells.length + CSV_RECORD_END.length;
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i];
    bytes += typeof v === 'string' ? (v.length + 3) * MAX_UTF8_PER_UNIT : NUMBER_BYTES;
  }
  return bytes;
}

/** Writes csvRecordOf(cells) as UTF-8 at `at` (with room for csvRecordBound(cells)); returns the bytes written. */
export function csvRecordInto(buffer: Buffer, at: number, cells: readonly (Cell | undefined)[], escapeFormulas: boolean): number {
  let p = at;
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) buffer[p++] = COMMA;
    const v = cells[i];
    switch (typeof v) {
      case 'string': p += textInto(buffer, p, v, escapeFormulas); break;
      case 'number': p += writeUtf8(buffer, String(v), p); break;
      case 'boolean': p += writeUtf8(buffer, v ? 'true' : 'false', p); break;
      default: break;
    }
  }
  buffer[p++] = CR;
  buffer[p++] = LF;
  return p - at;
}

function textInto(buffer: Buffer, at: number, value: string, escapeFormulas: boolean): number {
  if (escapeFormulas || value === '') return buffer.write(csvText(value, escapeFormulas), at, 'utf8');
  const written = plainAscii(buffer, at, value);
  if (written >= 0) return written;
  if (!NEEDS_QUOTES.test(value)) return buffer.write(value, at, 'utf8');
  return quotedInto(buffer, at, value);
}

/**
 * csvText of a value that needs quotes, written without making it (a copy with its quotes
 * doubled, then one more with the quotes around it, for texts of a thousand characters): the
 * value's bytes between quotes, its own quotes doubled where they were written.
 */
function quotedInto(buffer: Buffer, at: number, value: string): number {
  buffer[at] = QUOTE;
  const start = at + 1;
  let end = start + buffer.write(value, start, 'utf8');
  if (value.includes('"')) end = doubleQuotes(buffer, start, end);
  buffer[end] = QUOTE;
  return end + 1 - at;
}

/**
 * Doubles each quote of buffer[start, end) in place, from the last one back, so that each byte
 * moves once (the buffer has room past `end`: csvRecordBound counts 3 bytes for a quote's 1).
 * Returns the new end.
 */
function doubleQuotes(buffer: Buffer, start: number, end: number): number {
  const written = buffer.subarray(start, end);
  let quotes = 0;
  for (let q = written.indexOf(QUOTE); q >= 0; q = written.indexOf(QUOTE, q + 1)) quotes++;
  const newEnd = end + quotes;
  let tail = end;
  for (let q = written.lastIndexOf(QUOTE); quotes > 0; q = written.lastIndexOf(QUOTE, q - 1)) {
    const quote = start + q;
    // what follows the quote moves past this quote's double and those of the quotes before it
    buffer.copyWithin(quote + 1 + quotes, quote + 1, tail);
    buffer[quote + quotes] = QUOTE;
    buffer[quote + quotes - 1] = QUOTE;
    tail = quote;
    quotes--;
  }
  return newEnd;
}

/** A short, non-empty ASCII string that needs no quotes, as it is; -1 for any other (nothing of it counts as written). */
function plainAscii(buffer: Buffer, at: number, value: string): number {
  const units = value.length;
  if (units === 0 || units > SHORT_UNITS) return -1;
  for (let i = 0; i < units; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0x80 || code === QUOTE || code === COMMA || code === CR || code === LF) return -1;
    buffer[at + i] = code;
  }
  return units;
}
