/**
 * End to end: the real CLI as a separate process on the shipped sample input and on the seeds,
 * read back with DuckDB the way an analyst would.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { cp, mkdtemp, rm, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { ROOT, SHARED, runCli, duck, currentTables } from './helpers.js';
import { ALL_TABLES } from '../pipeline/tables.js';
import { STAGE_ORDER } from '../pipeline/registry.js';
import { DUCKDB_TYPE } from '../pipeline/schema.js';

let work: string;
let db: Awaited<ReturnType<typeof duck>>;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'news-etl-e2e-'));
  db = await duck();
});
afterAll(async () => {
  db?.conn.closeSync();
  await rm(work, { recursive: true, force: true });
});

const pq = (out: string, t: string): string => `read_parquet('${out}/parquet/*/${t}/*.parquet')`;
const csv = (out: string, t: string): string => `read_csv('${out}/csv/*/${t}/*.csv')`;

describe('news-etl run on the shipped input/', () => {
  let out: string;
  let status: number | null;
  let stderr: string;
  beforeAll(() => {
    out = join(work, 'sample');
    const r = runCli(['run', '--input', join(ROOT, 'input'), '--output', out, '--log-format', 'text']);
    status = r.status;
    stderr = r.stderr;
  });

  it('finishes with the documented "rejects" exit code and a summary per stage on stderr', () => {
    expect(status, stderr).toBe(4);
    for (const stage of [...STAGE_ORDER, 'write']) expect(stderr).toMatch(new RegExp(`stage run_id=\\S+ stage=${stage} in=\\d+ out=\\d+ rejected=\\d+ ms=\\d+`));
  });

  it('logs JSON lines when stderr is not a terminal', () => {
    const r = runCli(['run', '--input', join(ROOT, 'input'), '--output', join(work, 'json-logs')]);
    const events = r.stderr.trim().split('\n').map((l) => JSON.parse(l));
    expect(events.filter((e) => e.event === 'stage').map((e) => e.stage)).toEqual([...STAGE_ORDER, 'write']);
    expect(events.at(-1)).toMatchObject({ event: 'run_end', status: 'success_with_rejects' });
  });

  it('writes every table in both formats, one file each, no temporary files', async () => {
    for (const format of ['csv', 'parquet']) {
      const [run, ...others] = await readdir(join(out, format));
      expect(others).toEqual([]);
      const tables = (await readdir(join(out, format, run))).filter((n) => n !== 'manifest.json').sort();
      expect(tables).toEqual(ALL_TABLES.map((t) => t.name).sort());
      for (const t of tables) expect(await readdir(join(out, format, run, t))).toEqual([`part-0000.${format}`]);
    }
  });

  it('has Parquet tables with the declared types and the same row counts as the CSV tables', async () => {
    for (const t of ALL_TABLES) {
      const described = await db.query(`DESCRIBE SELECT * FROM ${pq(out, t.name)}`);
      expect(described.map((r) => [r.column_name, r.column_type]), t.name).toEqual(t.columns.map((c) => [c.name, DUCKDB_TYPE[c.type]]));
      const [counts] = await db.query(`SELECT (SELECT count(*) FROM ${pq(out, t.name)}) AS p, (SELECT count(*) FROM ${csv(out, t.name)}) AS c`);
      expect(Number(counts.p), t.name).toBe(Number(counts.c));
    }
  });

  it('rejects the broken files and still processes the good ones', async () => {
    const rejects = await db.query(`SELECT source_path, reason FROM ${pq(out, 'rejects')} ORDER BY source_path`);
    expect(rejects.length).toBeGreaterThanOrEqual(2);
    expect(rejects.map((r) => r.reason)).toEqual(expect.arrayContaining(['empty_file', 'bad_json']));
    const [docs] = await db.query(`SELECT count(*) AS n, count(published_date) AS dated, count(title) AS titled FROM ${pq(out, 'documents')}`);
    expect(Number(docs.n)).toBeGreaterThanOrEqual(10);
    expect(Number(docs.dated)).toBe(Number(docs.n));
  });

  it('marks syndicated copies as duplicates of the earliest kept copy', async () => {
    const dups = await db.query(`SELECT d.doc_id, d.duplicate_of, d.method, d.similarity, k.is_duplicate AS kept_is_dup
      FROM ${pq(out, 'dedupe')} d JOIN ${pq(out, 'dedupe')} k ON k.doc_id = d.duplicate_of WHERE d.is_duplicate`);
    expect(dups.length).toBeGreaterThanOrEqual(2);
    for (const d of dups) {
      expect(d.kept_is_dup).toBe(false);
      expect(d.similarity as number).toBeGreaterThanOrEqual(0.7);
    }
    expect(new Set(dups.map((d) => d.method))).toEqual(new Set(['exact', 'near']));
    // Analysts filter documents on is_duplicate through load.sql's views: the same copies.
    const views = await currentTables(db.conn, out, ['documents', 'duplicates']);
    expect(views.documents.filter((d) => JSON.parse(d).is_duplicate === true).length).toBe(dups.length);
    expect(views.duplicates.length).toBe(dups.length);
  });

  it('gives mentions whose offsets point at their surface in the document text', async () => {
    const bad = await db.query(`SELECT m.doc_id, m.surface FROM ${pq(out, 'mentions')} m JOIN ${pq(out, 'documents')} d USING (doc_id)
      WHERE substring(d.text, m.start + 1, m."end" - m.start) <> m.surface`);
    expect(bad).toEqual([]);
    const badDates = await db.query(`SELECT x.doc_id, x.surface FROM ${pq(out, 'dates')} x JOIN ${pq(out, 'documents')} d USING (doc_id)
      WHERE substring(d.text, x.start + 1, x."end" - x.start) <> x.surface`);
    expect(badDates).toEqual([]);
  });

  it('gives the same tables with --concurrency 2 (worker threads) as with 1', async () => {
    const out2 = join(work, 'sample-c2');
    const r = runCli(['run', '--input', join(ROOT, 'input'), '--output', out2, '--concurrency', '2']);
    expect(r.status, r.stderr).toBe(4);
    for (const t of ['documents', 'mentions', 'dates', 'dedupe', 'rejects']) {
      const diff = await db.query(`SELECT count(*) AS n FROM (
        (SELECT * EXCLUDE (run_id) FROM ${pq(out, t)} EXCEPT ALL SELECT * EXCLUDE (run_id) FROM ${pq(out2, t)})
        UNION ALL
        (SELECT * EXCLUDE (run_id) FROM ${pq(out2, t)} EXCEPT ALL SELECT * EXCLUDE (run_id) FROM ${pq(out, t)}))`);
      expect(Number(diff[0].n), t).toBe(0);
    }
  });

  it('adds nothing on a rerun with the same input, and keeps every run in runs', async () => {
    const r = runCli(['run', '--input', join(ROOT, 'input'), '--output', out]);
    expect(r.status).toBe(0);
    const [d] = await db.query(`SELECT count(*) AS n, count(DISTINCT doc_id) AS ids FROM ${pq(out, 'documents')}`);
    expect(Number(d.n)).toBe(Number(d.ids));
    const runs = await db.query(`SELECT status, documents_written, rejects FROM ${pq(out, 'runs')} ORDER BY run_id`);
    expect(runs.map((x) => [x.status, Number(x.documents_written)])).toEqual([['success_with_rejects', Number(d.n)], ['success', 0]]);
  });

  it('writes a load.sql with paths relative to its folder, which loads the same tables after the folder is copied', async () => {
    const sql = await readFile(join(out, 'load.sql'), 'utf8');
    expect(sql).not.toContain(out);
    const copy = join(work, 'copied-elsewhere', 'out');
    await cp(out, copy, { recursive: true });
    const here = await currentTables(db.conn, out, ['documents', 'mentions', 'dedupe']);
    const there = await duck();
    try {
      // What a person does in the copied folder: `cd copy && duckdb -init load.sql` (the search path stands for the cd).
      await there.conn.run(`SET file_search_path = '${copy}'`);
      for (const stmt of sql.split(';\n').filter((x) => x.trim() !== '')) await there.conn.run(stmt);
      const [n] = await there.query('SELECT count(*) AS n FROM documents');
      expect(Number(n.n)).toBeGreaterThanOrEqual(10);
      expect(await currentTables(there.conn, copy, ['documents', 'mentions', 'dedupe'])).toEqual(here);
    } finally {
      there.conn.closeSync();
    }
  });
});

describe('news-etl run on the five seeds', () => {
  let out: string;
  let docs: Record<string, unknown>[];
  let entities: Record<string, unknown>[];
  beforeAll(async () => {
    out = join(work, 'seeds');
    const r = runCli(['run', '--input', join(SHARED, 'seeds'), '--output', out]);
    expect(r.status, r.stderr).toBe(0);
    docs = await db.query(`SELECT source_path, title, CAST(published_date AS VARCHAR) AS published_date, date_source, text, doc_id
      FROM ${pq(out, 'documents')} ORDER BY source_path`);
    entities = await db.query(`SELECT d.source_path, e.entity, e.entity_type FROM ${pq(out, 'entities')} e JOIN ${pq(out, 'documents')} d USING (doc_id)`);
  });

  it('dates each seed by the header or dateline date the text shows', () => {
    expect(docs.map((d) => d.published_date)).toEqual(['2024-03-21', '2024-10-06', '2024-11-24', '2023-12-20', '2022-01-25']);
    expect(docs.map((d) => d.date_source)).toEqual(['header', 'header', 'header', 'dateline', 'header']);
  });

  it('takes the headlines as titles', () => {
    expect(docs.map((d) => d.title)).toEqual([
      'Russia, China to Stand ‘Back to Back,’ Supporting Each Other: Ambassador',
      null,
      'Russia-China relationship now ‘unprecedented’ – Putin',
      'President Xi urges enhanced Trade and Economic cooperation with Russia',
      'Xi names the ‘new heights’ China-Russia relations reached in 2021',
    ]);
  });

  it('leaves no chrome line in text', () => {
    const chrome = [/^Comment$/m, /Story Code/, /^Sponsored$/m, /Breaking News/, /Leave a Reply/, /Your email address/, /0 comments on/,
      /^Credit:/m, /FILE PHOTO/, /Featured Stories/, /Iraqi Resistance/, /^ ?date \d{4}/m, /^\w+day,? \d+ \w+,? \d{4}/m];
    for (const d of docs) for (const re of chrome) expect(d.text as string, `${d.source_path} ${re}`).not.toMatch(re);
  });

  it('finds the people, organisations and places under canonical names, once per document', () => {
    const want: Record<string, string[]> = {
      PERSON: ['Xi Jinping', 'Vladimir Putin', 'Wang Yi', 'Mikhail Mishustin', 'Zhao Lijian'],
      ORG: ['NATO', 'BRICS', 'Gazprom', 'Shanghai Cooperation Organization'],
      PLACE: ['Russia', 'China', 'Beijing', 'Moscow'],
    };
    for (const [type, names] of Object.entries(want)) {
      for (const name of names) {
        expect(entities.some((e) => e.entity === name && e.entity_type === type), `${type} ${name}`).toBe(true);
      }
    }
    const perDoc = new Set<string>();
    for (const e of entities) {
      const key = `${e.source_path}|${e.entity_type}|${e.entity}`;
      expect(perDoc.has(key), key).toBe(false);
      perDoc.add(key);
    }
    // Every Putin/Xi mention resolves to the full name: no short form survives as its own entity.
    expect(entities.filter((e) => e.entity_type === 'PERSON' && ['Putin', 'Xi', 'Wang', 'Mishustin', 'Vladmir Putin'].includes(e.entity as string))).toEqual([]);
  });

  it('keeps title words and punctuation out of entity names', () => {
    for (const e of entities.filter((x) => x.entity_type !== 'MONEY')) {
      const name = e.entity as string;
      expect(name).not.toMatch(/\b(President|Minister|Prime|Ambassador|Spokesman|Mr|Ms)\b/);
      // Demonyms are part of some organisation names ("Chinese Foreign Ministry"), never of a person or place.
      if (e.entity_type !== 'ORG') expect(name).not.toMatch(/\b(Foreign|Chinese|Russian)\b/);
      expect(name).not.toMatch(/[(),:;"“”‘’!?]|'s$|\.$/);
    }
  });
});

describe('the CLI', () => {
  it('lists the stages in order, one per line', () => {
    const r = runCli(['stages']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n').map((l) => l.split(/\s+/)[0])).toEqual([...STAGE_ORDER]);
  });

  it('documents exit codes in --help and exits 2 on usage errors', () => {
    const help = runCli(['run', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Exit codes/);
    expect(runCli(['run', '--stages', 'nope']).status).toBe(2);
    expect(runCli(['run', '--input', join(work, 'does-not-exist')]).status).toBe(2);
    expect(runCli(['frobnicate']).status).toBe(2);
  });

  it('exits 2, before reading anything, on flag values a run cannot honour', () => {
    const out = join(work, 'bad-flags');
    for (const flags of [
      ['--concurrency', '1e9'],
      ['--concurrency', '257'],
      ['--rejects-exit-code', 'abc'],
      ['--rejects-exit-code', '1.5'],
      ['--rejects-exit-code', '256'],
      ['--rejects-exit-code', '-1'],
      ['--progress-interval', '-1'],
      ['--progress-interval', 'abc'],
    ]) {
      const r = runCli(['run', '--input', join(SHARED, 'seeds'), '--output', out, '--log-format', 'json', ...flags]);
      expect(r.status, flags.join(' ')).toBe(2);
      expect(r.stderr).toMatch(new RegExp(flags[0]));
      expect(existsSync(join(out, '_state', 'lock'))).toBe(false);
    }
  });

  it('refuses (exit 2) a run in other formats than the output holds, unless --full-refresh rewrites every table', async () => {
    const out = join(work, 'formats');
    const run = (...flags: string[]) => runCli(['run', '--input', join(SHARED, 'seeds'), '--output', out, '--log-format', 'json', ...flags]);
    expect(run('--format', 'csv').status).toBe(0);
    const refused = run('--format', 'parquet');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/holds its tables as csv/);
    expect(run().status).toBe(2);
    expect(run('--format', 'parquet', '--full-refresh').status).toBe(0);
    expect(run('--format', 'parquet').status).toBe(0);
    const rows = await db.query(`SELECT count(*) AS n FROM ${pq(out, 'documents')}`);
    expect(Number(rows[0].n)).toBeGreaterThan(0);
  });

  it('passes documents through stages left out by --stages', async () => {
    const out = join(work, 'only-read-dedupe');
    const r = runCli(['run', '--input', join(SHARED, 'seeds'), '--output', out, '--stages', 'read,dedupe', '--format', 'parquet']);
    expect(r.status, r.stderr).toBe(0);
    const rows = await db.query(`SELECT boilerplate_lines_removed AS removed, date_source, title FROM ${pq(out, 'documents')}`);
    expect(rows).toHaveLength(5);
    expect(rows.every((x) => Number(x.removed) === 0 && x.date_source === 'none' && x.title === null)).toBe(true);
    const [m] = await db.query(`SELECT count(*) AS n FROM ${pq(out, 'mentions')}`);
    expect(Number(m.n)).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['_state', '_work', 'load.sql', 'parquet']);
  });
});

describe('a run stopped by a signal', () => {
  it('exits 143 on SIGTERM with an interrupted line last, and the next run completes', async () => {
    const { spawn } = await import('node:child_process');
    const out = join(work, 'sigterm');
    const child = spawn(process.execPath, [join(ROOT, 'dist/pipeline/cli.js'), 'run', '--input', join(SHARED, 'news', 'bbc'), '--output', out, '--log-format', 'json'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    const started = new Promise<void>((resolve) => child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('"run_start"')) resolve();
    }));
    await started;
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const last = JSON.parse(stderr.trim().split('\n').at(-1)!);
    // 2,225 articles take seconds; the signal comes as the run starts
    expect(code).toBe(143);
    expect(last).toMatchObject({ level: 'error', event: 'interrupted', signal: 'SIGTERM' });
    // nothing was committed; the lock the stopped run held is taken over
    const again = runCli(['run', '--input', join(SHARED, 'seeds'), '--output', out, '--log-format', 'json']);
    expect(again.status, again.stderr).toBe(0);
  }, 120_000);
});
