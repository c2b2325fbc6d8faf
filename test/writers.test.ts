import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { copyFile, mkdir, mkdtemp, readdir, rm, readFile, writeFile } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Writable } from 'node:stream';
import parquet from 'parquetjs-lite';
import parquetThrift from 'parquetjs-lite/gen-nodejs/parquet_types.js';
import parquetUtil from 'parquetjs-lite/lib/util.js';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { TableSink } from '../pipeline/writers/sink.js';
import { SerializedStruct } from '../pipeline/writers/thrift-bytes.js';
import { ParquetTableWriter, fastPathVerified, parquetSchemaFor, toParquetValue, writeToMemory, type ParquetPath } from '../pipeline/writers/parquet.js';
import { ALL_TABLES, datesTable, documentsTable, dedupeTable, runsTable, runStagesTable } from '../pipeline/tables.js';
import { loadSql, loadStatements, writeLoadSql } from '../pipeline/loadsql.js';
import { parseCsv } from '../bench/bench-parquet.js';
import { runCli, SHARED } from './helpers.js';
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
    const files = await readdir(join(dir, 'parquet', 'run-test1', 'sample'));
    expect(files).toEqual(['part-0000.parquet']);
    expect(await readdir(join(dir, 'csv', 'run-test1', 'sample'))).toEqual(['part-0000.csv']);
  });

  it('writes Parquet that DuckDB reads with the declared types and nullability', async () => {
    const described = await query(`DESCRIBE SELECT * FROM read_parquet('${dir}/parquet/*/sample/*.parquet')`);
    const types = Object.fromEntries(described.map((r) => [r.column_name, r.column_type]));
    for (const c of sample.columns) expect(types[c.name], c.name).toBe(DUCKDB_TYPE[c.type]);
  });

  it('round-trips every value, including commas, quotes, newlines, non-ASCII and nulls, through Parquet', async () => {
    const back = await query(`SELECT id, note, n, x, flag, CAST(day AS VARCHAR) AS day, strftime(timezone('UTC', "at"), '%Y-%m-%dT%H:%M:%S.000Z') AS "at"
      FROM read_parquet('${dir}/parquet/*/sample/*.parquet') ORDER BY id`);
    const expected = [...rows].sort((a, b) => String(a.id).localeCompare(String(b.id)));
    expect(back.map((r) => ({ ...r, n: Number(r.n) }))).toEqual(expected);
  });

  it('writes RFC 4180 CSV that DuckDB reads with the same rows and values', async () => {
    const csvGlob = `${dir}/csv/*/sample/*.csv`;
    const counts = await query(`SELECT (SELECT count(*) FROM read_csv('${csvGlob}')) AS c, (SELECT count(*) FROM read_parquet('${dir}/parquet/*/sample/*.parquet')) AS p`);
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
    const raw = await readFile(join(dir, 'csv', 'run-test1', 'sample', 'part-0000.csv'), 'utf8');
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

  it('prefixes formula-like text cells with a quote only when asked, never a negative number', async () => {
    const formulas = ['=1+2', '+1', '-1', '@SUM(A1)', '\tx', '＝1', 'a=1', ''];
    const written = formulas.map((note, i) => ({ ...rows[0], id: `f${i}`, note, n: -5, x: -0.5 }));
    const cells: Record<string, string[]> = {};
    for (const escapeFormulas of [false, true]) {
      const out = join(dir, `formulas-${escapeFormulas}`);
      const sink = await TableSink.open(out, 'f', [sample], ['csv'], 0, { escapeFormulas });
      for (const r of written) await sink.append('sample', r);
      await sink.commit();
      const [, ...records] = parseCsv(await readFile(join(out, 'csv', 'run-f', 'sample', 'part-0000.csv'), 'utf8'));
      for (const r of records) expect(r.slice(2, 4)).toEqual(['-5', '-0.5']);
      cells[String(escapeFormulas)] = records.map((r) => r[1] as string);
    }
    expect(cells.false).toEqual(formulas);
    expect(cells.true).toEqual(formulas.map((f) => (/^[=+\-@\t＝]/.test(f) ? `'${f}` : f)));
  });

  it('refuses a row that does not fit the schema', async () => {
    const sink = await TableSink.open(join(dir, 'bad'), 'x', [sample], ['csv']);
    await expect(sink.append('sample', { ...rows[0], n: 1.5 })).rejects.toBeInstanceOf(SchemaError);
    await expect(sink.append('sample', { ...rows[0], id: null })).rejects.toThrow(/not nullable/);
    await expect(sink.append('sample', { ...rows[0], stray: 'x' })).rejects.toThrow(/sample has no column stray/);
    // as many keys as columns, one of them stray in place of a nullable column
    const { note: _note, ...withoutNote } = rows[0];
    await expect(sink.append('sample', { ...withoutNote, stray: 'x' })).rejects.toThrow(/sample has no column stray/);
    await expect(sink.append('sample', { ...withoutNote, note: undefined as unknown as null, stray: 'x' })).rejects.toThrow(/sample has no column stray/);
    await sink.abort();
    expect((await readdir(join(dir, 'bad'), { recursive: true })).filter((n) => n.endsWith('.csv'))).toEqual([]);
  });

  it('writes an empty table as a readable file with zero rows', async () => {
    const sink = await TableSink.open(join(dir, 'empty'), 'e', [sample], ['csv', 'parquet']);
    await sink.commit();
    const r = await query(`SELECT count(*) AS c FROM read_parquet('${dir}/empty/parquet/*/sample/*.parquet')`);
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
    warc_record_id: n(12, `urn:uuid:${i}`),
    url: n(4, `https://example.org/news/${i}?q=ä&x=1`),
    title: n(5, TEXTS[(i + 1) % TEXTS.length].slice(0, 80)),
    author: n(6, i % 6 === 0 ? '' : 'Jane Doe'),
    dateline: n(12, i % 7 === 0 ? 'WASHINGTON, March 3' : 'SALVADOR, Feb 26'),
    agency: n(13, i % 5 === 0 ? 'Reuters' : 'MENAFN'),
    language: n(7, ['en', 'de', 'fr'][i % 3]),
    language_confidence: n(12, DOUBLES[i % DOUBLES.length]),
    declared_language: n(13, ['en-US', 'de', ''][i % 3]),
    published_date: n(8, DAYS[i % DAYS.length]),
    published_at: n(9, TIMES[i % TIMES.length]),
    crawled_at: n(13, TIMES[(i + 2) % TIMES.length]),
    date_source: ['field', 'header', 'text', 'none'][i % 4],
    text: TEXTS[i % TEXTS.length],
    word_count: i === 7 ? 2_147_483_647 : i === 8 ? -2_147_483_648 : i % 5 === 0 ? 0 : i * 37,
    boilerplate_lines_removed: i % 13,
    source_bytes: 1000 + i,
    source_sha256: 'f'.repeat(64),
    run_id: '20260101T000000Z-abcdef',
  };
}

const runRow = (i: number): Row => ({
  run_id: `run-${i}`, started_at: TIMES[i % TIMES.length], finished_at: TIMES[(i + 1) % TIMES.length],
  status: 'success', input: 'input/ü', stages: 'read,dates', mode: 'full_refresh',
  files_seen: i, files_processed: i - 30, files_deleted: 0, files_skipped: 0, documents_read: 2_147_483_647, records_skipped: i, documents_written: i, duplicates: 0,
  rejects: 1, superseded: 2,
  error: isNull(i, 1) ? null : i % 2 ? '' : 'E_BOOM: “bad” input',
});

const datesRow = (i: number): Row => ({
  doc_id: `d${i % 40}`, surface: ['18 March 2024', 'März', '', 'le 1er août'][i % 4], start: i, end: i + 13,
  value: DAYS[i % DAYS.length], date: isNull(i, 2) ? null : DAYS[(i * 3) % DAYS.length], granularity: 'day',
  anchor: isNull(i, 3) ? null : DAYS[(i * 5) % DAYS.length], anchor_source: isNull(i, 3) ? 'none' : 'published', run_id: 'r',
});

const dedupeRow = (i: number): Row => ({
  doc_id: `d${i}`, cluster_id: `c${i % 50}`, is_duplicate: i % 3 !== 0, duplicate_of: i % 3 ? `d${i - 1}` : null,
  similarity: i % 3 ? DOUBLES[i % DOUBLES.length] : null, method: i % 3 ? (i % 2 ? 'near' : 'exact') : null,
  content_hash: `h${(i * 2654435761) % 4294967296}`, run_id: 'r',
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
    : c.type === 'timestamp' ? `strftime(timezone('UTC', "${c.name}"), '%Y-%m-%dT%H:%M:%S.%gZ') AS "${c.name}"` : `"${c.name}"`));
  return (await query(`SELECT ${cols.join(', ')} FROM read_parquet('${file}', file_row_number = true) ORDER BY file_row_number`)) as Row[];
}

const toMemory = (schema: TableSchema, rows: Row[], path: ParquetPath): Promise<Buffer> => writeToMemory(schema, rows, path, 2048);

/** Every page header (decoded) and page body of a Parquet file, column chunk by column chunk, and its decoded footer. */
function pagesOf(file: Buffer): { headers: any[]; bodies: Buffer[]; metadata: any } {
  const { metadata } = splitFooter(file);
  const headers: any[] = [];
  const bodies: Buffer[] = [];
  for (const group of metadata.row_groups) {
    for (const chunk of group.columns) {
      let at = Number(chunk.meta_data.data_page_offset);
      for (let values = 0; values < Number(chunk.meta_data.num_values);) {
        const header = new parquetThrift.PageHeader();
        at += parquetUtil.decodeThrift(header, file, at);
        headers.push(header);
        bodies.push(file.subarray(at, at + header.compressed_page_size));
        at += header.compressed_page_size;
        values += header.data_page_header_v2.num_values;
      }
    }
  }
  return { headers, bodies, metadata };
}

/** The statistics objects of decoded page headers and footer, with how many carry a distinct count. */
function statisticsOf(file: { headers: any[]; metadata: any }): { all: any[]; distinct: number } {
  const all = [
    ...file.headers.map((h) => h.data_page_header_v2.statistics),
    ...file.metadata.row_groups.flatMap((g: any) => g.columns.map((c: any) => c.meta_data.statistics)),
  ].filter((s) => s);
  return { all, distinct: all.filter((s) => s.distinct_count !== null).length };
}

describe('Parquet writer fast path', () => {
  const documents = Array.from({ length: 5000 }, (_, i) => documentRow(i));

  it('generates rows that fit the real schemas (else the comparisons below would prove little)', () => {
    for (const r of documents) checkRow(documentsTable, r);
    expect(documents.filter((r) => r.published_date === null).length).toBeGreaterThan(500);
    expect(documents.filter((r) => r.published_date !== null && String(r.published_date) < '1970').length).toBeGreaterThan(500);
  });

  it('is taken for every table: parquetjs-lite writes the same bytes for the probe rows either way', async () => {
    for (const t of ALL_TABLES) expect(await fastPathVerified(t), t.name).toBe(true);
    // decided once a table has more rows than a few (the probes would cost a small table more than they save)
    const small = await writeParquet(documentsTable, documents.slice(0, 3), join(dir, 'fast-path-undecided.parquet'));
    expect(small.fastPath).toBeUndefined();
    const w = await writeParquet(documentsTable, documents.slice(0, 300), join(dir, 'fast-path-flag.parquet'));
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
    for (const [schema, make, n] of [[runsTable, runRow, 60], [datesTable, datesRow, 500], [dedupeTable, dedupeRow, 100]] as const) {
      const rows = Array.from({ length: n }, (_, i) => make(i));
      for (const r of rows) checkRow(schema, r);
      const file = join(dir, `${schema.name}-small-groups.parquet`);
      await writeParquet(schema, rows, file, 7);
      expect(await readParquet(schema, file), schema.name).toEqual(rows);
    }
  });

  it('writes byte for byte what parquetjs-lite writes through its generic appendRow', async () => {
    const [generic, fast] = await Promise.all([toMemory(documentsTable, documents, 'generic'), toMemory(documentsTable, documents, 'flat-distinct')]);
    expect(fast.length).toBeGreaterThan(100_000);
    expect(fast.equals(generic)).toBe(true);
  });

  it('writes the same pages and footer without the distinct counts when not verifying', async () => {
    const [verified, written] = await Promise.all([toMemory(documentsTable, documents, 'flat-distinct'), toMemory(documentsTable, documents, 'flat')]);
    const [a, b] = [pagesOf(verified), pagesOf(written)];
    const [statsA, statsB] = [statisticsOf(a), statisticsOf(b)];
    expect(statsA.distinct).toBeGreaterThan(50);
    expect(statsB.all.length).toBe(statsA.all.length);
    expect(statsB.distinct).toBe(0);
    for (const s of statsA.all) s.distinct_count = null;
    expect(b.bodies.map((p) => p.length)).toEqual(a.bodies.map((p) => p.length));
    expect(Buffer.concat(b.bodies).equals(Buffer.concat(a.bodies))).toBe(true);
    expect(b.headers).toEqual(a.headers);
    // only the offsets and sizes that the shorter statistics moved may differ
    for (const m of [a.metadata, b.metadata]) {
      for (const g of m.row_groups) {
        g.total_byte_size = null;
        for (const c of g.columns) [c.file_offset, c.meta_data.data_page_offset, c.meta_data.total_compressed_size, c.meta_data.total_uncompressed_size] = [null, null, null, null];
      }
    }
    expect(b.metadata).toEqual(a.metadata);
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
    // DuckDB shows UTC timestamp statistics as '1969-07-20 20:17:40+00' / '2038-01-19 03:14:08.999+00'
    expect(by.published_at).toMatchObject(range('published_at', (v) => String(v).replace('T', ' ').replace(/(\.000)?Z$/, '+00')));
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

  it('holds written row groups\' footer metadata as their footer bytes, and writes the same file', async () => {
    const compact = join(dir, 'footer-compact.parquet');
    const w = await ParquetTableWriter.open(datesTable, compact, 64);
    for (let i = 0; i < 640; i++) await w.append(datesRow(i));
    const groups: unknown[] = (w as unknown as { writer: { envelopeWriter: { rowGroups: unknown[] } } }).writer.envelopeWriter.rowGroups;
    expect(groups.length).toBe(10);
    for (const g of groups) expect(g).toBeInstanceOf(SerializedStruct);
    await w.close();
    const [stats] = await query(`SELECT count(*) AS n FROM parquet_metadata('${compact}') WHERE stats_min_value IS NOT NULL`);
    expect(Number(stats.n)).toBeGreaterThan(0);
    expect(await readParquet(datesTable, compact)).toEqual(Array.from({ length: 640 }, (_, i) => datesRow(i)));
    // the same footer as the thrift objects give: serialized again whole, through encodeFooter
    const bytes = readFileSync(compact);
    const footerLength = bytes.readUInt32LE(bytes.length - 8);
    const objects = await ParquetTableWriter.open(datesTable, join(dir, 'footer-objects.parquet'), 64);
    // row groups left as parquetjs-lite's thrift objects
    (objects as unknown as { compactFooterMetadata: () => void }).compactFooterMetadata = () => undefined;
    for (let i = 0; i < 640; i++) await objects.append(datesRow(i));
    await objects.close();
    const plain = readFileSync(join(dir, 'footer-objects.parquet'));
    expect(plain.readUInt32LE(plain.length - 8)).toBe(footerLength);
    expect(plain.equals(bytes)).toBe(true);
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

// ---------------------------------------------------------------------------------------------
// Timestamps as UTC instants (Parquet LogicalType TIMESTAMP, isAdjustedToUTC) and in CSV

const TIMESTAMP_COLUMNS = ALL_TABLES.flatMap((t) => t.columns.filter((c) => c.type === 'timestamp').map((c) => ({ table: t, column: c.name })));
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The file parquetjs-lite itself writes for these rows (its appendRow and its own footer). */
async function stockParquet(schema: TableSchema, rows: Row[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new Writable({ write(chunk: Buffer, _enc, done) { chunks.push(chunk); done(); } });
  const writer = await parquet.ParquetWriter.openStream(parquetSchemaFor(schema), out, { rowGroupSize: 2048, pageIndex: false });
  for (const row of rows) {
    const record: Record<string, unknown> = {};
    for (const c of schema.columns) {
      const v = toParquetValue(c, row[c.name] ?? null);
      if (v !== undefined) record[c.name] = v;
    }
    await writer.appendRow(record);
  }
  await writer.close();
  return Buffer.concat(chunks);
}

/** A Parquet file split into everything before the footer and the decoded FileMetaData. */
function splitFooter(file: Buffer): { body: Buffer; metadata: any } {
  const length = file.readUInt32LE(file.length - 8);
  const start = file.length - 8 - length;
  const metadata = new parquetThrift.FileMetaData();
  parquetUtil.decodeThrift(metadata, file, start);
  return { body: file.subarray(0, start), metadata };
}

describe('UTC timestamps', () => {
  it('reads every timestamp column as TIMESTAMP WITH TIME ZONE holding the written instant, whatever the session time zone', async () => {
    expect(TIMESTAMP_COLUMNS.map((t) => `${t.table.name}.${t.column}`)).toEqual(expect.arrayContaining(['documents.published_at', 'runs.started_at', 'runs.finished_at']));
    const zoned = await (await DuckDBInstance.create(':memory:')).connect();
    try {
      await zoned.run(`SET TimeZone = 'Asia/Kathmandu'`);
      const make: Record<string, (i: number) => Row> = { documents: documentRow, runs: runRow };
      for (const { table: t, column } of TIMESTAMP_COLUMNS) {
        const rows = Array.from({ length: 200 }, (_, i) => make[t.name](i));
        const file = join(dir, `utc-${t.name}-${column}.parquet`);
        await writeParquet(t, rows, file);
        const read = async (sql: string) => (await zoned.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
        const [described] = await read(`SELECT column_type FROM (DESCRIBE SELECT "${column}" FROM read_parquet('${file}'))`);
        expect(described.column_type, column).toBe('TIMESTAMP WITH TIME ZONE');
        const back = await read(`SELECT epoch_ms("${column}") AS ms, strftime(timezone('UTC', "${column}"), '%Y-%m-%dT%H:%M:%S.%gZ') AS utc
          FROM read_parquet('${file}', file_row_number = true) ORDER BY file_row_number`);
        const written = rows.map((r) => r[column]);
        expect(written.filter((v) => v !== null).length).toBeGreaterThan(50);
        expect(back.map((r) => (r.ms === null ? null : Number(r.ms)))).toEqual(written.map((v) => (v === null ? null : Date.parse(String(v)))));
        expect(back.map((r) => r.utc)).toEqual(written);
      }
    } finally {
      zoned.closeSync();
    }
  });

  it('writes parquetjs-lite\'s own file, but for the LogicalType TIMESTAMP(isAdjustedToUTC, MILLIS) on exactly the timestamp columns', async () => {
    for (const [schema, rows] of [[documentsTable, Array.from({ length: 3000 }, (_, i) => documentRow(i))], [runsTable, Array.from({ length: 40 }, (_, i) => runRow(i))],
      [datesTable, Array.from({ length: 100 }, (_, i) => datesRow(i))]] as const) {
      const ours = splitFooter(await writeToMemory(schema, rows, 'flat-distinct', 2048));
      const stock = splitFooter(await stockParquet(schema, rows));
      expect(ours.body.equals(stock.body), schema.name).toBe(true);
      const leaves = ours.metadata.schema.slice(1);
      expect(leaves.map((e: any) => e.name)).toEqual(schema.columns.map((c) => c.name));
      schema.columns.forEach((c, k) => {
        const logical = leaves[k].logicalType;
        if (c.type !== 'timestamp') expect(logical, c.name).toBeNull();
        else expect(logical?.TIMESTAMP, c.name).toMatchObject({ isAdjustedToUTC: true, unit: { MILLIS: {}, MICROS: null } });
      });
      for (const element of ours.metadata.schema) element.logicalType = null;
      expect(ours.metadata, schema.name).toEqual(stock.metadata);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Real pages through the CLI: CSV formula escaping, and CSV and Parquet timestamps agreeing

/** The first character that makes a spreadsheet run a cell as a formula (csv-stringify's escape_formulas list). */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** Every row of a table's CSV parts in an output folder, cells as written (null = empty unquoted field). */
function csvRows(output: string, t: TableSchema): Array<Record<string, string | null>> {
  const runs = readdirSync(join(output, 'csv')).filter((r) => r.startsWith('run-'));
  const files = runs.flatMap((r) => readdirSync(join(output, 'csv', r, t.name)).filter((f) => f.endsWith('.csv')).map((f) => join(output, 'csv', r, t.name, f)));
  return files.flatMap((f) => {
    const [header, ...records] = parseCsv(readFileSync(f, 'utf8'));
    return records.map((r) => Object.fromEntries(header.map((name, k) => [name as string, r[k]])));
  });
}

describe('CSV of real pages', () => {
  // Real pages with cells a spreadsheet would run: a changelog's "+ Added ..." lines in the text,
  // tweet titles starting with "@", an author field of dashes; most with a publication time.
  const PAGES = ['pages/readability/tumblr.html', 'pages/htmldate-mediacloud/1556626357.html',
    'pages/htmldate-mediacloud/1676646261.html', 'pages/htmldate-mediacloud/1556637845.html'];
  let plain: string;
  let escaped: string;

  beforeAll(async () => {
    const input = join(dir, 'real-pages');
    await mkdir(input, { recursive: true });
    for (const p of PAGES) await copyFile(join(SHARED, p), join(input, basename(p)));
    plain = join(dir, 'real-plain');
    escaped = join(dir, 'real-escaped');
    const common = ['--input', input, '--log-format', 'json', '--rejects-exit-code', '0'];
    const a = runCli(['run', ...common, '--output', plain]);
    expect(a.status, a.stderr).toBe(0);
    // two lanes: the flag must reach the worker threads too
    const b = runCli(['run', ...common, '--output', escaped, '--csv-escape-formulas', '--concurrency', '2']);
    expect(b.status, b.stderr).toBe(0);
  }, 120_000);

  it('writes cells verbatim by default and, with --csv-escape-formulas, prefixes exactly the formula-like text cells with a quote', () => {
    const compared = ALL_TABLES.filter((t) => t !== runsTable && t !== runStagesTable);
    const formulaCells = new Set<string>();
    for (const t of compared) {
      const textColumns = t.columns.filter((c) => c.type !== 'int' && c.type !== 'double' && c.type !== 'bool').map((c) => c.name);
      const key = (r: Record<string, string | null>): string => JSON.stringify(t.columns.filter((c) => c.name !== 'run_id').map((c) => r[c.name]));
      const expected = csvRows(plain, t).map((r) => {
        const out = { ...r };
        for (const c of textColumns) {
          const v = r[c];
          if (v !== null && FORMULA_START.test(v)) {
            formulaCells.add(`${t.name}.${c}`);
            out[c] = `'${v}`;
          }
        }
        return key(out);
      });
      const got = csvRows(escaped, t);
      expect(got.map(key).sort(), t.name).toEqual(expected.sort());
      for (const r of got) for (const c of textColumns) expect(FORMULA_START.test(r[c] ?? ''), `${t.name}.${c}: ${r[c]}`).toBe(false);
    }
    // else the comparison above proves nothing: the pages were chosen for these cells
    expect([...formulaCells]).toEqual(expect.arrayContaining(['documents.title']));
    expect(formulaCells.size).toBeGreaterThanOrEqual(2);
  });

  it('leaves Parquet alone: the escaped run\'s Parquet text is the unescaped CSV text', async () => {
    const parquetText = await query(`SELECT text FROM read_parquet('${escaped}/parquet/*/documents/*.parquet')`);
    expect(parquetText.map((r) => r.text).sort()).toEqual(csvRows(plain, documentsTable).map((r) => r.text ?? '').sort());
  });

  it('CSV views read a quoted cell in a later run\'s file when the first run\'s files quoted none', async () => {
    const input = join(dir, 'quoting-in');
    const out = join(dir, 'quoting-out');
    await mkdir(input);
    await writeFile(join(input, 'a.jsonl'), '{"id":"a","text":"Joe Biden met Olaf Scholz in Berlin on Monday."}\n');
    expect(runCli(['run', '--input', input, '--output', out, '--format', 'csv']).status).toBe(0);
    await writeFile(join(input, 'b.jsonl'), '{"id":"b","text":"Apple paid $40,000 to Joe Biden, the report said."}\n');
    expect(runCli(['run', '--input', input, '--output', out, '--format', 'csv']).status).toBe(0);
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    try {
      for (const stmt of loadStatements(out)) await db.run(stmt);
      const rows = (await db.runAndReadAll(`SELECT surface FROM mentions WHERE entity_type = 'MONEY'`)).getRowObjectsJS();
      expect(rows).toEqual([{ surface: '$40,000' }]);
    } finally {
      db.closeSync();
    }
  });

  it('load.sql loads, with typed empty views, where no committed run wrote a table (a failed run writes only its runs row)', async () => {
    const out = join(dir, 'runs-only');
    const r = runCli(['run', '--input', join(SHARED, 'seeds'), '--output', out, '--format', 'parquet', '--log-format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    // what a failed run leaves: its runs row and no other table
    const [runFolder] = readdirSync(join(out, 'parquet'));
    for (const table of readdirSync(join(out, 'parquet', runFolder))) if (table !== 'runs') await rm(join(out, 'parquet', runFolder, table), { recursive: true });
    await writeLoadSql(out, ['parquet']);
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    try {
      for (const stmt of loadStatements(out)) await db.run(stmt);
      expect((await db.runAndReadAll('SELECT count(*) AS n FROM runs')).getRowObjectsJS()).toEqual([{ n: 1n }]);
      expect((await db.runAndReadAll('SELECT count(*) AS n FROM documents')).getRowObjectsJS()).toEqual([{ n: 0n }]);
      const [d] = (await db.runAndReadAll(`SELECT column_type FROM (DESCRIBE SELECT published_at FROM documents_all)`)).getRowObjectsJS();
      expect(d.column_type).toBe('TIMESTAMP WITH TIME ZONE');
    } finally {
      db.closeSync();
    }
  });

  it('writes CSV timestamps as ISO 8601 UTC that load.sql\'s typed CSV views read as the same instants as the Parquet views', async () => {
    const docs = csvRows(plain, documentsTable);
    const stamps = [...docs.map((r) => r.published_at), ...csvRows(plain, runsTable).flatMap((r) => [r.started_at, r.finished_at])].filter((v) => v !== null);
    expect(docs.filter((r) => r.published_at !== null).length).toBeGreaterThan(0);
    for (const v of stamps) expect(v).toMatch(ISO_UTC);
    const instants: Record<string, unknown[]> = {};
    for (const format of ['csv', 'parquet'] as const) {
      const db = await (await DuckDBInstance.create(':memory:')).connect();
      try {
        await db.run(`SET TimeZone = 'America/Los_Angeles'`);
        const committed = (JSON.parse(readFileSync(join(plain, '_state', 'state.json'), 'utf8')) as { body: { runs: string[] } }).body.runs;
        for (const stmt of loadStatements(plain, loadSql([format], committed))) await db.run(stmt);
        for (const { table: t, column } of TIMESTAMP_COLUMNS) {
          const [d] = (await db.runAndReadAll(`SELECT column_type FROM (DESCRIBE SELECT "${column}" FROM ${t.name}_all)`)).getRowObjectsJS();
          expect(d.column_type, `${format} ${t.name}.${column}`).toBe('TIMESTAMP WITH TIME ZONE');
        }
        const rows = (await db.runAndReadAll(`SELECT doc_id, epoch_ms(published_at) AS ms FROM documents_all ORDER BY doc_id`)).getRowObjectsJS();
        instants[format] = rows.map((r) => [r.doc_id, r.ms === null ? null : Number(r.ms)]);
      } finally {
        db.closeSync();
      }
    }
    expect(instants.csv).toEqual(instants.parquet);
    const fromText = docs.map((r) => [r.doc_id, r.published_at === null ? null : Date.parse(r.published_at)]).sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1));
    expect(instants.parquet).toEqual(fromText);
  });
});
