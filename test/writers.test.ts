import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, readdir, rm, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import parquet from 'parquetjs-lite';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { TableSink } from '../pipeline/writers/sink.js';
import { ParquetTableWriter, fastPathVerified, writeToMemory } from '../pipeline/writers/parquet.js';
import { ALL_TABLES, datesTable, documentsTable, duplicatesTable, runsTable } from '../pipeline/tables.js';
import { col, checkRow, nullable, table, DUCKDB_TYPE, SchemaError, type Row, type TableSchema } from '../pipeline/schema.js';

const sample = table('sample', 'round-trip sample', [
  col.string('id', ''),
  nullable(col.string('note', '')),
  col.int('n', ''),
  col.double('x', ''),
  col.bool('flag', ''),
  nullable(col.date('day', '')),
  nullable(col.timestamp('at', '')),
]);

const tricky = [
  'plain',
  'comma, inside',
  'a "quoted" word',
  'line one\nline two\r\nline three',
  'non-ASCII: Москва, 北京, café, ‘curly’ “quotes”, emoji 🗞️',
  '',
  // A bare LF (no comma, quote or CRLF): seen in a real dates.surface; must still be quoted.
  'July\nat 4',
];

const rows: Row[] = tricky.map((note, i) => ({
  id: `r${i}`,
  note,
  n: i * 1000 - 2,
  x: i / 3,
  flag: i % 2 === 0,
  day: i === 2 ? null : i === 4 ? '1953-03-05' : `2024-03-${String(10 + i).padStart(2, '0')}`,
  at: i === 3 ? null : i === 4 ? '1962-10-16T09:34:00.000Z' : `2024-03-21T09:3${i}:00.000Z`,
}));
rows.push({ id: 'nulls', note: null, n: 0, x: 0, flag: false, day: null, at: null });

let dir: string;
let conn: DuckDBConnection;

async function query(sql: string): Promise<Record<string, unknown>[]> {
  const reader = await conn.runAndReadAll(sql);
  return reader.getRowObjectsJS() as Record<string, unknown>[];
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'news-etl-writers-'));
  const sink = await TableSink.open(dir, 'test1', [sample], ['csv', 'parquet']);
  for (const r of rows) await sink.append('sample', r);
  await sink.commit();
  conn = await (await DuckDBInstance.create(':memory:')).connect();
});

afterAll(async () => {
  conn?.closeSync();
  await rm(dir, { recursive: true, force: true });
});

describe('CSV and Parquet writers', () => {
  it('renames files into place and leaves no temporary file behind', async () => {
    const files = await readdir(join(dir, 'parquet', 'sample', 'run-test1'));
    expect(files).toEqual(['part-0000.parquet']);
    expect(await readdir(join(dir, 'csv', 'sample', 'run-test1'))).toEqual(['part-0000.csv']);
  });

  it('writes Parquet that DuckDB reads with the declared types and nullability', async () => {
    const described = await query(`DESCRIBE SELECT * FROM read_parquet('${dir}/parquet/sample/**/*.parquet')`);
    const types = Object.fromEntries(described.map((r) => [r.column_name, r.column_type]));
    for (const c of sample.columns) expect(types[c.name], c.name).toBe(DUCKDB_TYPE[c.type]);
  });

  it('round-trips every value, including commas, quotes, newlines, non-ASCII and nulls, through Parquet', async () => {
    const back = await query(`SELECT id, note, n, x, flag, CAST(day AS VARCHAR) AS day, strftime("at", '%Y-%m-%dT%H:%M:%S.000Z') AS "at"
      FROM read_parquet('${dir}/parquet/sample/**/*.parquet') ORDER BY id`);
    const expected = [...rows].sort((a, b) => String(a.id).localeCompare(String(b.id)));
    expect(back.map((r) => ({ ...r, n: Number(r.n) }))).toEqual(expected);
  });

  it('writes RFC 4180 CSV that DuckDB reads with the same rows and values', async () => {
    const csvGlob = `${dir}/csv/sample/**/*.csv`;
    const counts = await query(`SELECT (SELECT count(*) FROM read_csv('${csvGlob}')) AS c, (SELECT count(*) FROM read_parquet('${dir}/parquet/sample/**/*.parquet')) AS p`);
    expect(Number(counts[0].c)).toBe(rows.length);
    expect(Number(counts[0].p)).toBe(rows.length);
    const back = await query(`SELECT id, note, flag, CAST(day AS VARCHAR) AS day FROM read_csv('${csvGlob}') ORDER BY id`);
    for (const r of back) {
      const original = rows.find((x) => x.id === r.id)!;
      // DuckDB's CSV reader maps both empty and "" to NULL by default; the quoting still lets pandas tell them apart.
      expect(r.note ?? '').toBe(original.note ?? '');
      expect(r.flag).toBe(original.flag);
      expect(r.day).toBe(original.day);
    }
    const raw = await readFile(join(dir, 'csv', 'sample', 'run-test1', 'part-0000.csv'), 'utf8');
    expect(raw.split('\r\n')[0]).toBe('id,note,n,x,flag,day,at');
    expect(raw).toContain('"a ""quoted"" word"');
    expect(raw).toContain(',true,');
    expect(raw).toContain(',false,');
    // null is an empty unquoted field, the empty string is "": pandas and DuckDB can tell them apart.
    const nullsLine = raw.split('\r\n').find((l) => l.startsWith('nulls,'));
    expect(nullsLine).toBe('nulls,,0,0,false,,');
    expect(raw).toMatch(/\r\nr5,"",/);
    expect(raw).toContain('"July\nat 4"');
  });

  it('refuses a row that does not fit the schema', async () => {
    const sink = await TableSink.open(join(dir, 'bad'), 'x', [sample], ['csv']);
    await expect(sink.append('sample', { ...rows[0], n: 1.5 })).rejects.toBeInstanceOf(SchemaError);
    await expect(sink.append('sample', { ...rows[0], id: null })).rejects.toThrow(/not nullable/);
    await sink.abort();
    expect(await readdir(join(dir, 'bad', 'csv', 'sample'))).toEqual([]);
  });

  it('writes an empty table as a readable file with zero rows', async () => {
    const sink = await TableSink.open(join(dir, 'empty'), 'e', [sample], ['csv', 'parquet']);
    await sink.commit();
    const r = await query(`SELECT count(*) AS c FROM read_parquet('${dir}/empty/parquet/sample/**/*.parquet')`);
    expect(Number(r[0].c)).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------
// Parquet fast path (flat rows straight into parquetjs-lite's row buffer) on the real table schemas

const TEXTS = [
  'Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn (£600m) for the three months to December.\n\nThe firm said...',
  'Москва, 北京, café, ‘curly’ “quotes”, emoji 🗞️, and a\r\nCRLF',
  '',
  `${'A long article paragraph with "quotes", commas, and ünïcödé. '.repeat(400)}end`,
  'line one\nline two',
];
const DAYS = ['1912-04-15', '1969-12-31', '1970-01-01', '2000-02-29', '2024-03-18', '1066-10-14', '1900-03-01', '2024-12-31'];
const TIMES = ['1969-07-20T20:17:40.000Z', '2024-03-18T09:30:00.123Z', '1900-01-01T00:00:00.000Z', '2038-01-19T03:14:08.999Z', '1970-01-01T00:00:00.000Z'];
const DOUBLES = [1, 0.8734562, 1 / 3, 1e-9, 0.1 + 0.2, 123456.789, 0, -0.25, -1e300, 5e-324];

/** 40% nulls, in runs of 2, 4 or 8 depending on the column (k), and rows where all of them are null. */
const isNull = (i: number, k: number): boolean => i % 97 === 5 || (Math.floor(i / 2 ** (k % 3)) + k) % 5 < 2;

function documentRow(i: number): Row {
  const n = (k: number, v: Row[string]): Row[string] => (isNull(i, k) ? null : v);
  return {
    doc_id: `d${String(i).padStart(6, '0')}`,
    source_path: `bbc/politics-${i}.txt`,
    source_line: n(1, i === 7 ? 2_147_483_647 : i === 8 ? -2_147_483_648 : i + 1),
    source_kind: ['txt', 'html', 'jsonl'][i % 3],
    source_name: n(2, i % 4 === 0 ? 'Le Monde — économie' : 'bbc'),
    record_id: n(3, i % 5 === 0 ? '' : `rec-${i}`),
    url: n(4, `https://example.org/news/${i}?q=ä&x=1`),
    title: n(5, TEXTS[(i + 1) % TEXTS.length].slice(0, 80)),
    author: n(6, i % 6 === 0 ? '' : 'Jane Doe'),
    dateline: n(12, i % 7 === 0 ? 'WASHINGTON, March 3' : 'SALVADOR, Feb 26'),
    agency: n(13, i % 5 === 0 ? 'Reuters' : 'MENAFN'),
    language: n(7, ['en', 'de', 'fr'][i % 3]),
    published_date: n(8, DAYS[i % DAYS.length]),
    published_at: n(9, TIMES[i % TIMES.length]),
    date_source: ['field', 'header', 'text', 'none'][i % 4],
    text: TEXTS[i % TEXTS.length],
    word_count: i === 7 ? 2_147_483_647 : i === 8 ? -2_147_483_648 : i % 5 === 0 ? 0 : i * 37,
    boilerplate_lines_removed: i % 13,
    content_hash: `h${(i * 2654435761) % 4294967296}`,
    is_duplicate: i % 3 === 0,
    duplicate_of: n(10, i % 3 === 0 ? `d${String(i - 1).padStart(6, '0')}` : null),
    cluster_id: n(11, `c${i % 50}`),
    source_bytes: 1000 + i,
    source_sha256: 'f'.repeat(64),
    run_id: '20260101T000000Z-abcdef',
  };
}

const runRow = (i: number): Row => ({
  run_id: `run-${i}`, started_at: TIMES[i % TIMES.length], finished_at: TIMES[(i + 1) % TIMES.length],
  status: 'success', input: 'input/ü', stages: 'read,dates', mode: 'full_refresh',
  files_seen: i, files_processed: i - 30, files_deleted: 0, documents_read: 2_147_483_647, documents_written: i, duplicates: 0,
  rejects: 1, superseded: 2, ms_read: 3, ms_boilerplate: 4, ms_dates: 5, ms_entities: 6, ms_dedupe: 7, ms_write: 8,
  error: isNull(i, 1) ? null : i % 2 ? '' : 'E_BOOM: “bad” input',
});

const datesRow = (i: number): Row => ({
  doc_id: `d${i % 40}`, surface: ['18 March 2024', 'März', '', 'le 1er août'][i % 4], start: i, end: i + 13,
  value: DAYS[i % DAYS.length], date: isNull(i, 2) ? null : DAYS[(i * 3) % DAYS.length], granularity: 'day',
  anchor: isNull(i, 3) ? null : DAYS[(i * 5) % DAYS.length], anchor_source: isNull(i, 3) ? 'none' : 'published', run_id: 'r',
});

const duplicatesRow = (i: number): Row => ({
  doc_id: `d${i}`, duplicate_of: `d${i - 1}`, similarity: DOUBLES[i % DOUBLES.length], method: i % 2 ? 'near' : 'exact', run_id: 'r',
});

async function writeParquet(schema: TableSchema, rows: Row[], file: string, rowGroupSize?: number): Promise<ParquetTableWriter> {
  const w = await ParquetTableWriter.open(schema, file, rowGroupSize);
  for (const r of rows) await w.append(r);
  await w.close();
  return w;
}

/** Every row as DuckDB reads it, in file order, dates and timestamps as the strings the table builders produce. */
async function readParquet(schema: TableSchema, file: string): Promise<Row[]> {
  const cols = schema.columns.map((c) => (c.type === 'date' ? `CAST("${c.name}" AS VARCHAR) AS "${c.name}"`
    : c.type === 'timestamp' ? `strftime("${c.name}", '%Y-%m-%dT%H:%M:%S.%gZ') AS "${c.name}"` : `"${c.name}"`));
  return (await query(`SELECT ${cols.join(', ')} FROM read_parquet('${file}', file_row_number = true) ORDER BY file_row_number`)) as Row[];
}

const toMemory = (schema: TableSchema, rows: Row[], fast: boolean): Promise<Buffer> => writeToMemory(schema, rows, fast, 2048);

describe('Parquet writer fast path', () => {
  const documents = Array.from({ length: 5000 }, (_, i) => documentRow(i));

  it('generates rows that fit the real schemas (else the comparisons below would prove little)', () => {
    for (const r of documents) checkRow(documentsTable, r);
    expect(documents.filter((r) => r.published_date === null).length).toBeGreaterThan(500);
    expect(documents.filter((r) => r.published_date !== null && String(r.published_date) < '1970').length).toBeGreaterThan(500);
  });

  it('is taken for every table: parquetjs-lite writes the same bytes for the probe rows either way', async () => {
    for (const t of ALL_TABLES) expect(await fastPathVerified(t), t.name).toBe(true);
    const w = await writeParquet(documentsTable, [], join(dir, 'fast-path-flag.parquet'));
    expect(w.fastPath).toBe(true);
  });

  it('writes real rows (3 row groups) that DuckDB reads back exactly, with the declared types', async () => {
    const file = join(dir, 'documents-fast.parquet');
    await writeParquet(documentsTable, documents, file);
    const described = await query(`DESCRIBE SELECT * FROM read_parquet('${file}')`);
    expect(described.map((r) => [r.column_name, r.column_type])).toEqual(documentsTable.columns.map((c) => [c.name, DUCKDB_TYPE[c.type]]));
    const [groups] = await query(`SELECT count(DISTINCT row_group_id) AS n FROM parquet_metadata('${file}')`);
    expect(Number(groups.n)).toBe(3);
    expect(await readParquet(documentsTable, file)).toEqual(documents);
  });

  it('round-trips doubles, timestamps, dates before 1970 and nulls with tiny row groups (a page/row-group boundary every 7 rows)', async () => {
    for (const [schema, make, n] of [[runsTable, runRow, 60], [datesTable, datesRow, 500], [duplicatesTable, duplicatesRow, 100]] as const) {
      const rows = Array.from({ length: n }, (_, i) => make(i));
      for (const r of rows) checkRow(schema, r);
      const file = join(dir, `${schema.name}-small-groups.parquet`);
      await writeParquet(schema, rows, file, 7);
      expect(await readParquet(schema, file), schema.name).toEqual(rows);
    }
  });

  it('writes byte for byte what parquetjs-lite writes through its generic appendRow', async () => {
    const [generic, fast] = await Promise.all([toMemory(documentsTable, documents, false), toMemory(documentsTable, documents, true)]);
    expect(fast.length).toBeGreaterThan(100_000);
    expect(fast.equals(generic)).toBe(true);
  });

  it('keeps min/max statistics for date, int and timestamp columns (filter pushdown), none for documents.text', async () => {
    const file = join(dir, 'documents-fast.parquet');
    const stats = await query(`SELECT path_in_schema AS c, stats_min_value AS lo, stats_max_value AS hi
      FROM parquet_metadata('${file}') WHERE row_group_id = 0`);
    const by = Object.fromEntries(stats.map((r) => [r.c, r]));
    const range = (c: string, show = (v: Row[string]): string => String(v)): { lo: string; hi: string } => {
      const vs = documents.slice(0, 2048).map((r) => r[c]).filter((v) => v !== null);
      const cmp = (a: Row[string], b: Row[string]): number => (a! < b! ? -1 : a! > b! ? 1 : 0);
      vs.sort(cmp);
      return { lo: show(vs[0]), hi: show(vs[vs.length - 1]) };
    };
    expect(by.published_date).toMatchObject(range('published_date'));
    expect(by.published_date.lo < '1970').toBe(true);
    // DuckDB shows timestamp statistics as '1969-07-20 20:17:40' / '2038-01-19 03:14:08.999'
    expect(by.published_at).toMatchObject(range('published_at', (v) => String(v).replace('T', ' ').replace(/(\.000)?Z$/, '')));
    expect(by.word_count).toMatchObject({ lo: '-2147483648', hi: '2147483647' });
    expect(by.source_line).toMatchObject(range('source_line'));
    expect(by.doc_id).toMatchObject({ lo: 'd000000', hi: 'd002047' });
    expect(by.text).toMatchObject({ lo: null, hi: null });
    const [withStats] = await query(`SELECT count(*) AS n FROM parquet_metadata('${file}')
      WHERE path_in_schema IN ('published_date', 'published_at', 'word_count') AND stats_min_value IS NOT NULL AND stats_max_value IS NOT NULL`);
    expect(Number(withStats.n)).toBe(3 * 3);
    const rows = await query(`SELECT count(*) AS n FROM read_parquet('${file}') WHERE published_date < DATE '1970-01-01'`);
    expect(Number(rows[0].n)).toBe(documents.filter((r) => r.published_date !== null && String(r.published_date) < '1970').length);
  });

  it('holds written row groups\' footer metadata in exact-size buffers, not in slices of Node\'s shared 8 KiB pool', async () => {
    const w = await ParquetTableWriter.open(datesTable, join(dir, 'footer-compact.parquet'), 64);
    for (let i = 0; i < 640; i++) await w.append(datesRow(i));
    const groups: unknown[] = (w as unknown as { writer: { envelopeWriter: { rowGroups: unknown[] } } }).writer.envelopeWriter.rowGroups;
    const buffers: Buffer[] = [];
    const walk = (o: unknown): void => {
      if (Buffer.isBuffer(o)) buffers.push(o);
      else if (o !== null && typeof o === 'object') for (const v of Object.values(o)) walk(v);
    };
    walk(groups);
    expect(groups.length).toBe(10);
    expect(buffers.length).toBeGreaterThan(10 * datesTable.columns.length);
    const pooled = buffers.filter((b) => b.buffer.byteLength === Buffer.poolSize);
    expect(pooled).toHaveLength(0);
    await w.close();
    const [stats] = await query(`SELECT count(*) AS n FROM parquet_metadata('${join(dir, 'footer-compact.parquet')}') WHERE stats_min_value IS NOT NULL`);
    expect(Number(stats.n)).toBeGreaterThan(0);
    expect(await readParquet(datesTable, join(dir, 'footer-compact.parquet'))).toEqual(Array.from({ length: 640 }, (_, i) => datesRow(i)));
  });

  it('leaves no partial row behind when a value is refused', async () => {
    const file = join(dir, 'refused.parquet');
    const w = await ParquetTableWriter.open(documentsTable, file);
    const rows = documents.slice(0, 10);
    for (const r of rows.slice(0, 5)) await w.append(r);
    // the sink checks rows first; the writer itself must still refuse before it touches any column
    await expect(w.append({ ...rows[5], text: null })).rejects.toThrow(/missing required field: text/);
    for (const r of rows.slice(5)) await w.append(r);
    await w.close();
    expect(await readParquet(documentsTable, file)).toEqual(rows);
  });

  it('falls back to appendRow for every row when parquetjs-lite shreds otherwise than the fast path (e.g. after an upgrade)', async () => {
    // a stand-in for a changed library: its shredder writes every string with a suffix
    const original = parquet.ParquetShredder.shredRecord;
    parquet.ParquetShredder.shredRecord = (schema: unknown, record: Record<string, unknown>, buffer: unknown) =>
      original(schema, { ...record, doc_id: `${String(record.doc_id)}!` }, buffer);
    try {
      const schema = { ...documentsTable }; // not verified yet in this process
      expect(await fastPathVerified(schema)).toBe(false);
      const file = join(dir, 'fallback.parquet');
      const rows = documents.slice(0, 3000);
      const w = await writeParquet(schema, rows, file);
      expect(w.fastPath).toBe(false);
      expect(await readParquet(schema, file)).toEqual(rows.map((r) => ({ ...r, doc_id: `${String(r.doc_id)}!` })));
    } finally {
      parquet.ParquetShredder.shredRecord = original;
    }
  });
});
