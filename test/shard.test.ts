/**
 * Sharding: 3 shards as separate local processes (as a Kubernetes Indexed Job or a Slurm array
 * would run them) plus `news-etl dedupe --global` give the same result as one process.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, rm, readdir } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, ROOT, duck, inputWithBbc, runCli } from './helpers.js';
import { resolveShard, shardOf } from '../pipeline/shard.js';
import { loadStatements } from '../pipeline/loadsql.js';

let work: string;
let input: string;
let db: Awaited<ReturnType<typeof duck>>;

function runAsync(args: string[], env: Record<string, string> = {}): Promise<number | null> {
  return new Promise((res) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore' });
    child.on('exit', (code) => res(code));
  });
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'news-etl-shard-'));
  input = join(work, 'in');
  // Real syndicated copies: the first 12 exact-duplicate groups of bbc, plus 60 other articles.
  await inputWithBbc(input, 12, 60);
  db = await duck();
}, 60_000);
afterAll(async () => {
  db?.conn.closeSync();
  await rm(work, { recursive: true, force: true });
});

describe('shard assignment', () => {
  it('is deterministic and spreads files over all shards', () => {
    const paths = Array.from({ length: 300 }, (_, i) => `site/${i}.txt`);
    const counts = [0, 0, 0];
    for (const p of paths) counts[shardOf(p, 3)]++;
    expect(paths.map((p) => shardOf(p, 3))).toEqual(paths.map((p) => shardOf(p, 3)));
    for (const c of counts) expect(c).toBeGreaterThan(70);
  });

  it('defaults from Slurm array and Kubernetes Indexed Job variables', () => {
    expect(resolveShard('2/5', {})).toEqual({ index: 2, count: 5 });
    expect(resolveShard(undefined, { SLURM_ARRAY_TASK_ID: '4', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '4' })).toEqual({ index: 3, count: 4 });
    expect(resolveShard(undefined, { JOB_COMPLETION_INDEX: '1', NEWS_ETL_SHARD_COUNT: '3' })).toEqual({ index: 1, count: 3 });
    expect(() => resolveShard(undefined, { JOB_COMPLETION_INDEX: '1' })).toThrow(/NEWS_ETL_SHARD_COUNT/);
    expect(() => resolveShard('3/3', {})).toThrow(/not in 0..2/);
    expect(resolveShard(undefined, {})).toBeUndefined();
  });
});

describe('3 shards + global dedupe vs one process', () => {
  it('gives the same documents, mentions, dates and dedupe decisions', async () => {
    const single = join(work, 'single');
    const sharded = join(work, 'sharded');
    expect([0, 4]).toContain(runCli(['run', '-i', input, '-o', single, '--format', 'parquet']).status);
    // Three concurrent processes, the shard index from the environment as Kubernetes sets it.
    const codes = await Promise.all([0, 1, 2].map((i) => runAsync(['run', '-i', input, '-o', sharded, '--format', 'parquet'],
      { JOB_COMPLETION_INDEX: String(i), NEWS_ETL_SHARD_COUNT: '3' })));
    for (const c of codes) expect([0, 4]).toContain(c);
    expect((await readdir(join(sharded, 'shards'))).sort()).toEqual(['0-of-3', '1-of-3', '2-of-3']);
    const g = runCli(['dedupe', '--global', '-o', sharded, '--format', 'parquet']);
    expect(g.status, g.stderr).toBe(0);
    const summary = JSON.parse(g.stdout);
    expect(summary.crossShardDuplicates).toBeGreaterThan(0);

    const one = (t: string) => `read_parquet('${single}/parquet/*/${t}/*.parquet')`;
    const all = (t: string) => `read_parquet('${sharded}/shards/*/parquet/*/${t}/*.parquet')`;
    const same = async (a: string, b: string) => {
      const [r] = await db.query(`SELECT (SELECT count(*) FROM ((${a}) EXCEPT ALL (${b}))) + (SELECT count(*) FROM ((${b}) EXCEPT ALL (${a}))) AS n, (SELECT count(*) FROM (${a})) AS rows`);
      return { differing: Number(r.n), rows: Number(r.rows) };
    };
    const docCols = 'doc_id, source_path, title, published_date, date_source, text, word_count';
    expect(await same(`SELECT ${docCols} FROM ${one('documents')}`, `SELECT ${docCols} FROM ${all('documents')}`)).toMatchObject({ differing: 0 });
    for (const t of ['mentions', 'dates', 'rejects']) {
      const r = await same(`SELECT * EXCLUDE (run_id) FROM ${one(t)}`, `SELECT * EXCLUDE (run_id) FROM ${all(t)}`);
      expect(r.differing, t).toBe(0);
    }
    const decisions = await same(
      `SELECT doc_id, cluster_id, is_duplicate, duplicate_of, similarity, method FROM ${one('dedupe')}`,
      `SELECT doc_id, cluster_id, is_duplicate, duplicate_of, similarity, method FROM read_parquet('${sharded}/global/parquet/*/dedupe_global/*.parquet')`,
    );
    expect(decisions.differing).toBe(0);
    expect(decisions.rows).toBeGreaterThan(80);
    const [dups] = await db.query(`SELECT count(*) AS n FROM ${one('dedupe')} WHERE is_duplicate`);
    expect(Number(dups.n)).toBeGreaterThanOrEqual(12);
  }, 180_000);
});

describe('one output, one layout', () => {
  it('refuses (exit 2) sharded and unsharded runs in one output, and two shard counts; dedupe --global too', async () => {
    const plain = join(work, 'layout-plain');
    expect(runCli(['run', '-i', input, '-o', plain, '--log-format', 'json', '--rejects-exit-code', '0']).status).toBe(0);
    expect(runCli(['run', '-i', input, '-o', plain, '--shard', '0/2', '--log-format', 'json']).status).toBe(2);
    const sharded = join(work, 'layout-sharded');
    expect(runCli(['run', '-i', input, '-o', sharded, '--shard', '0/2', '--log-format', 'json', '--rejects-exit-code', '0']).status).toBe(0);
    expect(runCli(['run', '-i', input, '-o', sharded, '--log-format', 'json']).status).toBe(2);
    expect(runCli(['run', '-i', input, '-o', sharded, '--shard', '0/3', '--log-format', 'json']).status).toBe(2);
    const partial = runCli(['dedupe', '--global', '-o', sharded, '--log-format', 'json']);
    expect(partial.status).toBe(0);
    expect(partial.stderr).toMatch(/"shards_missing".*1-of-2/);
    expect(await readdir(join(sharded, 'shards'))).toEqual(['0-of-2']);
  }, 120_000);
});

describe('dedupe --global over csv-only shards', () => {
  it('writes a load.sql that reads the shards in the format they hold', async () => {
    const out = join(work, 'csv-shards');
    for (const i of [0, 1]) expect([0, 4]).toContain(runCli(['run', '-i', input, '-o', out, '--shard', `${i}/2`, '--format', 'csv']).status);
    const g = runCli(['dedupe', '--global', '-o', out]);
    expect(g.status, g.stderr).toBe(0);
    expect(runCli(['dedupe', '--global', '-o', out, '--format', 'parquet']).status).toBe(2);
    for (const stmt of loadStatements(out)) await db.conn.run(stmt);
    const [docs] = await db.query('SELECT count(*) AS n FROM documents');
    expect(Number(docs.n)).toBeGreaterThan(60);
    const [global] = await db.query('SELECT count(*) AS n FROM dedupe_global');
    expect(Number(global.n)).toBe(Number(docs.n));
    // the views count the cross-shard decisions: copies whose original another shard holds
    const [globalDups] = await db.query('SELECT count(*) AS n FROM dedupe_global WHERE is_duplicate');
    const [viewDups] = await db.query('SELECT count(*) AS n FROM documents WHERE is_duplicate');
    const [listed] = await db.query('SELECT count(*) AS n FROM duplicates');
    expect(Number(globalDups.n)).toBeGreaterThanOrEqual(12);
    expect([Number(viewDups.n), Number(listed.n)]).toEqual([Number(globalDups.n), Number(globalDups.n)]);
  }, 120_000);
});
