import { describe, it, expect } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { csvHeader, csvRecord, csvRecordBound, csvRecordInto, csvRecordOf } from '../pipeline/writers/csv-format.js';
import { CsvTableWriter } from '../pipeline/writers/csv.js';
import { col, table, type Cell, type Row } from '../pipeline/schema.js';

/** The options CsvTableWriter wrote its tables with through csv-stringify: the reference for the bytes. */
function referenceCsv(names: string[], rows: Row[], escapeFormulas: boolean): string {
  return stringify(rows.map((r) => names.map((n) => r[n])), {
    columns: names, header: true, record_delimiter: '\r\n', quoted_match: /[\r\n]/, escape_formulas: escapeFormulas,
    cast: {
      boolean: (v) => (v ? 'true' : 'false'),
      string: (v) => (v === '' ? { value: '', quoted_empty: true } : v),
    },
  });
}

const texts = [
  'plain', '', ' ', 'comma, inside', 'a "quoted" word', '"', '""', 'line one\nline two\r\nline three', 'ends in CR\r', '\rstarts in CR',
  'July\nat 4', 'tab\there', '\tleading tab', '=SUM(A1)', '+1', '-1', '-', '@home', '\uFF1Dwide', '\uFF0B', '\uFF0D', '\uFF20x', "'quoted already",
  'non-ASCII: Москва, 北京, café, ‘curly’ “quotes”, emoji 🗞️', '=a,"b"\nc', 'trailing space ', 'x'.repeat(5000),
  '"'.repeat(100), `"${'é'.repeat(80)}"`, 'he said "no", twice: "no".\n"Москва" "北京" 🗞️"'.repeat(20), `${'a'.repeat(70)}"`,
];
const numbers = [0, -0, -7, 2_147_483_647, 0.25, -1e300, 1e21, 1.5e-7, 3];
const cells: Cell[] = [...texts, ...numbers, true, false, null];

describe('csvRecord', () => {
  for (const escapeFormulas of [false, true]) {
    it(`writes the bytes csv-stringify wrote (escapeFormulas ${escapeFormulas})`, () => {
      const names = ['a', 'b', 'c'];
      const rows: Row[] = [];
      for (let i = 0; i < cells.length; i++) rows.push({ a: cells[i], b: cells[(i * 7 + 3) % cells.length], c: cells[(i * 13 + 5) % cells.length] });
      rows.push({ a: null, b: null, c: null }, { a: '', b: '', c: '' });
      const ours = csvHeader(names, escapeFormulas) + rows.map((r) => csvRecord(r, names, escapeFormulas)).join('');
      expect(ours).toBe(referenceCsv(names, rows, escapeFormulas));
    });
  }

  for (const escapeFormulas of [false, true]) {
    it(`writes the same bytes into a buffer as its text (escapeFormulas ${escapeFormulas})`, () => {
      for (let i = 0; i < cells.length; i++) {
        const record = [cells[i], cells[(i * 7 + 3) % cells.length], undefined, cells[(i * 13 + 5) % cells.length], 'x'.repeat(64), 'é'.repeat(70)];
        // filled with quotes: nothing past what is written may count
        const buffer = Buffer.alloc(csvRecordBound(record), '"');
        const length = csvRecordInto(buffer, 0, record, escapeFormulas);
        expect(buffer.toString('utf8', 0, length)).toBe(csvRecordOf(record, escapeFormulas));
      }
    });
  }

  it('writes a missing cell as null', () => {
    expect(csvRecord({ a: 'x' }, ['a', 'b'], false)).toBe('x,\r\n');
  });
});

describe('CsvTableWriter', () => {
  it('writes records longer than its chunk, and many short ones, in order', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'news-etl-csv-'));
    try {
      const schema = table('t', '', [col.int('n', ''), col.string('text', '')]);
      const rows: Row[] = [];
      for (let i = 0; i < 3_000; i++) {
        const text = i % 1_000 === 7 ? `é"${'x'.repeat(400_000 + i)}` : i % 3 === 0 ? `row ${i}, ü` : i % 3 === 1 ? `row ${i}` : cells[i % texts.length] as string;
        rows.push({ n: i, text });
      }
      const path = join(dir, 't.csv');
      const w = await CsvTableWriter.open(schema, path);
      for (const r of rows) await w.append(r);
      await w.close();
      expect(await readFile(path, 'utf8')).toBe(referenceCsv(['n', 'text'], rows, false));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
