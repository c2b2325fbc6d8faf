import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, readdir, rm, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { TableSink } from '../pipeline/writers/sink.js';
import { col, nullable, table, DUCKDB_TYPE, SchemaError, type Row } from '../pipeline/schema.js';

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
