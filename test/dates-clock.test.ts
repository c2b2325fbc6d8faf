/**
 * No value of the output depends on the day the pipeline runs: the same input (the shipped
 * samples, 2004-05 BBC articles without a date, 1987 Reuters wire stories whose datelines have no
 * year) run with the clock a year apart (NEWS_ETL_NOW, through the CLI) gives the same tables.
 * Relative expressions are resolved against the document's publication date, or stay relative.
 */
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { currentTables, duck, inputWithBbc, runCliWithEnv, SHARED } from './helpers.js';

const TABLES = ['documents', 'mentions', 'entities', 'dates', 'dedupe', 'rejects'];
const REUTERS_STORIES = 30;

let work: string;
let db: Awaited<ReturnType<typeof duck>>;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'news-etl-clock-'));
  await inputWithBbc(join(work, 'in'), 3, 60);
  const reuters = join(SHARED, 'news/reuters/txt');
  await mkdir(join(work, 'in', 'reuters'));
  const stories = (await readdir(reuters)).filter((f) => f.endsWith('.txt')).sort().slice(0, REUTERS_STORIES);
  for (const f of stories) await copyFile(join(reuters, f), join(work, 'in', 'reuters', f));
  for (const [name, now] of [['now', '2026-03-01T12:00:00Z'], ['later', '2027-03-01T12:00:00Z']]) {
    const r = runCliWithEnv(['run', '--input', join(work, 'in'), '--output', join(work, name), '--format', 'parquet'], { NEWS_ETL_NOW: now });
    expect([0, 4], r.stderr).toContain(r.status);
  }
  db = await duck();
}, 300_000);

afterAll(async () => {
  db?.conn.closeSync();
  await rm(work, { recursive: true, force: true });
});

describe('the clock', () => {
  it('a year later, every table holds the same rows (run ids aside)', async () => {
    const now = await currentTables(db.conn, join(work, 'now'), TABLES);
    const later = await currentTables(db.conn, join(work, 'later'), TABLES);
    expect(now.dates.length).toBeGreaterThan(100);
    for (const t of TABLES) expect(later[t], t).toEqual(now[t]);
  });

  it('sets the run start the tables report from NEWS_ETL_NOW', async () => {
    const [run] = await db.query(`SELECT CAST(started_at AS VARCHAR) AS started FROM read_parquet('${work}/later/parquet/*/runs/*.parquet')`);
    expect(String(run.started)).toMatch(/^2027-03-01 12:00:00/);
  });

  it('refuses a NEWS_ETL_NOW that is no instant, as a usage error', () => {
    const r = runCliWithEnv(['run', '--input', join(work, 'in'), '--output', join(work, 'bad')], { NEWS_ETL_NOW: 'next tuesday' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('NEWS_ETL_NOW');
  });
});

describe('anchors', () => {
  const rows = async (where: string): Promise<Record<string, unknown>[]> => db.query(
    `SELECT d.source_path, CAST(d.published_date AS VARCHAR) AS published, m.surface, m.value, CAST(m.date AS VARCHAR) AS day,
       CAST(m.anchor AS VARCHAR) AS anchor, m.anchor_source
     FROM read_parquet('${work}/now/parquet/*/dates/*.parquet') m
     JOIN read_parquet('${work}/now/parquet/*/documents/*.parquet') d USING (doc_id) WHERE ${where}`);

  it('undated articles keep relative values: a weekday is XXXX-WXX-n, a month XXXX-MM, with no day and no anchor', async () => {
    const undated = await rows(`d.published_date IS NULL AND m.value LIKE 'XXXX%'`);
    expect(undated.length).toBeGreaterThan(20);
    for (const r of undated) expect([r.day, r.anchor, r.anchor_source]).toEqual([null, null, 'none']);
    const fridays = undated.filter((r) => r.surface === 'Friday');
    expect(fridays.length).toBeGreaterThan(0);
    for (const r of fridays) expect(r.value).toBe('XXXX-WXX-5');
    for (const r of undated.filter((r) => r.surface === 'December')) expect(r.value).toBe('XXXX-12');
  });

  it('the 1987 wire stories get no date from their year-less datelines', async () => {
    const [n] = await db.query(`SELECT count(*) AS dated FROM read_parquet('${work}/now/parquet/*/documents/*.parquet') WHERE source_path LIKE 'reuters/%' AND published_date IS NOT NULL`);
    expect(Number(n.dated)).toBe(0);
  });

  it('dated articles resolve relative expressions against their publication date', async () => {
    const anchored = await rows(`m.anchor IS NOT NULL`);
    expect(anchored.length).toBeGreaterThan(5);
    for (const r of anchored) {
      expect(r.anchor).toBe(r.published);
      expect(r.anchor_source).toMatch(/^(?:published|dateline)$/);
      expect(String(r.value)).not.toContain('X');
    }
  });
});
