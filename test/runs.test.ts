/**
 * Runs that cron can trust, tested with real processes and files: incremental reruns, changed
 * files, the lock, kill -9 at every commit step, bad inputs, and --from a checkpoint.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { cp, mkdir, mkdtemp, readdir, rm, writeFile, appendFile, symlink, readFile } from 'node:fs/promises';
import { execFileSync, spawn } from 'node:child_process';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, SHARED, CLI, runCli, runCliWithEnv, startCli, duck, currentTables } from './helpers.js';
import { writeLockFile } from '../pipeline/lock.js';
import { loadState } from '../pipeline/state.js';

const DOC_TABLES = ['documents', 'mentions', 'entities', 'dates', 'dedupe', 'rejects'];
/** The current-rows views analysts read: the tables, plus duplicates over dedupe. */
const VIEWS = [...DOC_TABLES, 'duplicates'];
let work: string;
let db: Awaited<ReturnType<typeof duck>>;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'news-etl-runs-'));
  db = await duck();
});
afterAll(async () => {
  db?.conn.closeSync();
  await rm(work, { recursive: true, force: true });
});

async function freshInput(name: string): Promise<string> {
  const dir = join(work, name);
  await cp(join(ROOT, 'input'), dir, { recursive: true });
  return dir;
}

async function count(sql: string): Promise<number> {
  const [r] = await db.query(sql);
  return Number(Object.values(r)[0]);
}

const allRows = (out: string, t: string): string => `read_parquet('${out}/parquet/*/${t}/*.parquet')`;

describe('incremental runs', () => {
  let input: string;
  let out: string;
  let firstDocs: number;
  beforeAll(async () => {
    input = await freshInput('inc-in');
    out = join(work, 'inc-out');
    expect(runCli(['run', '-i', input, '-o', out]).status).toBe(4);
    firstDocs = await count(`SELECT count(*) FROM ${allRows(out, 'documents')}`);
  });

  it('adds no rows when rerun with no new input, but records the run', async () => {
    const r = runCli(['run', '-i', input, '-o', out, '--log-format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    for (const t of DOC_TABLES) {
      const before = await count(`SELECT count(*) FROM ${allRows(out, t)} WHERE run_id <> (SELECT max(run_id) FROM ${allRows(out, 'runs')})`);
      expect(await count(`SELECT count(*) FROM ${allRows(out, t)}`), t).toBe(before);
    }
    expect(await count(`SELECT count(*) FROM ${allRows(out, 'runs')}`)).toBe(2);
    const [last] = await db.query(`SELECT files_processed, documents_written, status FROM ${allRows(out, 'runs')} ORDER BY run_id DESC LIMIT 1`);
    expect(last).toMatchObject({ files_processed: 0, documents_written: 0, status: 'success' });
    expect(r.stderr.trim().split('\n').every((l) => JSON.parse(l).event)).toBe(true);
  });

  it('adds exactly the rows of one added file', async () => {
    await writeFile(join(input, 'site-a', 'added.txt'), 'Monday 1 April 2024 - 08:00\n\nPort of Rotterdam opens new hydrogen terminal\n\nRotterdam, April 1, 2024: The Port of Rotterdam opened a hydrogen import terminal on Monday, its director Allard Castelein said, after two years of construction costing 400 million euros.\n\nThe terminal will handle its first shipments from Oman next year, he told reporters.\n');
    expect(runCli(['run', '-i', input, '-o', out]).status).toBe(0);
    expect(await count(`SELECT count(*) FROM ${allRows(out, 'documents')}`)).toBe(firstDocs + 1);
    const [last] = await db.query(`SELECT source_path, title FROM ${allRows(out, 'documents')} WHERE run_id = (SELECT max(run_id) FROM ${allRows(out, 'documents')})`);
    expect(last).toMatchObject({ source_path: 'site-a/added.txt', title: 'Port of Rotterdam opens new hydrogen terminal' });
  });

  it('replaces the rows of a changed file, so current rows hold each doc_id once with the new content', async () => {
    await appendFile(join(input, 'site-a', 'added.txt'), '\nA second phase doubling the capacity is planned for 2027, the port said.\n');
    expect(runCli(['run', '-i', input, '-o', out]).status).toBe(0);
    const cur = await currentTables(db.conn, out, ['documents']);
    const ids = cur.documents.map((r) => JSON.parse(r).doc_id as string);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(firstDocs + 1);
    const added = cur.documents.map((r) => JSON.parse(r)).find((d) => d.source_path === 'site-a/added.txt');
    expect(added.text).toContain('second phase');
    const sup = await db.query(`SELECT reason FROM ${allRows(out, 'superseded')}`);
    expect(sup.map((s) => s.reason)).toEqual(['changed']);
    // The raw history still has the old version: earlier partitions are never rewritten.
    expect(await count(`SELECT count(*) FROM ${allRows(out, 'documents')} WHERE source_path = 'site-a/added.txt'`)).toBe(2);
  });

  it('a run that fails leaves the committed state as it was: the next run redoes its files', async () => {
    const stateBefore = await loadState(out);
    await writeFile(join(input, 'site-a', 'late.txt'), 'Tuesday 2 April 2024 - 09:00\n\nDutch court blocks Schiphol flight cap\n\nThe Hague, April 2, 2024: A Dutch appeals court blocked the government plan to cut flights at Amsterdam Schiphol airport, siding with KLM and other airlines on Tuesday.\n');
    const failed = runCliWithEnv(['run', '-i', input, '-o', out], { NEWS_ETL_FAIL_AT: 'before_commit' });
    expect(failed.status, failed.stderr).toBe(1);
    const stateAfter = await loadState(out);
    expect([...stateAfter.files.entries()]).toEqual([...stateBefore.files.entries()]);
    expect(stateAfter.runs.length).toBe(stateBefore.runs.length + 1);
    const [last] = await db.query(`SELECT status, documents_written FROM ${allRows(out, 'runs')} ORDER BY run_id DESC LIMIT 1`);
    expect(last).toMatchObject({ status: 'failed', documents_written: 0 });
    // The failed run's new file is new again to the next run.
    expect(runCli(['run', '-i', input, '-o', out]).status).toBe(0);
    expect((await loadState(out)).files.has('site-a/late.txt')).toBe(true);
    expect(await count(`SELECT count(*) FROM ${allRows(out, 'documents')} WHERE source_path = 'site-a/late.txt'`)).toBe(1);
    await rm(join(input, 'site-a', 'late.txt'));
  });

  it('treats a vanished file as deleted, and --full-refresh rebuilds from scratch', async () => {
    await rm(join(input, 'site-a', 'added.txt'));
    expect(runCli(['run', '-i', input, '-o', out]).status).toBe(0);
    const cur = await currentTables(db.conn, out, ['documents']);
    expect(cur.documents.length).toBe(firstDocs);
    expect(runCli(['run', '-i', input, '-o', out, '--full-refresh']).status).toBe(4);
    expect(await count(`SELECT count(*) FROM ${allRows(out, 'documents')}`)).toBe(firstDocs);
    expect(await count(`SELECT count(*) FROM ${allRows(out, 'runs')}`)).toBe(1);
  });
});

describe('the lock', () => {
  it('makes a second run on the same output exit at once with code 3 while the first runs', async () => {
    const out = join(work, 'lock-out');
    const first = await startCli(['run', '-i', join(SHARED, 'news', 'bbc'), '-o', out, '--format', 'parquet'], 'run_start');
    let firstExited = false;
    void first.done.then(() => { firstExited = true; });
    // "At once": the second run does not wait for the lock, it is done while the first still runs
    // (asserted on the order of events, not on a wall-clock bound that a loaded machine breaks).
    const second = spawn(process.execPath, [CLI, 'run', '-i', join(ROOT, 'input'), '-o', out], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    second.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const status = await new Promise<number | null>((r) => second.on('exit', (code) => r(code)));
    expect(firstExited).toBe(false);
    expect(status).toBe(3);
    expect(stderr).toMatch(/holds the lock/);
    // bbc ships a dups.jsonl whose lines are not articles: the first run finishes with rejects.
    expect([0, 4]).toContain(await first.done);
  }, 120_000);

  it('takes over a stale lock left by a killed run', async () => {
    const out = join(work, 'stale-out');
    const dead = spawn(process.execPath, ['-e', '0']);
    const pid = dead.pid!;
    await new Promise((r) => dead.on('exit', r));
    await writeLockFile(out, { pid, host: hostname(), runId: 'killed-run', startedAt: new Date().toISOString() });
    const r = runCli(['run', '-i', join(ROOT, 'input'), '-o', out, '--log-format', 'json']);
    expect(r.status).toBe(4);
    expect(r.stderr).toMatch(/stale_lock_taken_over/);
    expect(await readdir(join(out, '_state'))).not.toContain('lock');
  });

  it('does not take over a lock held by a live process', async () => {
    const out = join(work, 'live-out');
    await writeLockFile(out, { pid: process.pid, host: hostname(), runId: 'live-run', startedAt: new Date().toISOString() });
    expect(runCli(['run', '-i', join(ROOT, 'input'), '-o', out]).status).toBe(3);
  });
});

/** The tables of an uninterrupted run on input/, computed once for every crash test. */
let cleanTables: Promise<Record<string, string[]>> | undefined;
function clean(): Promise<Record<string, string[]>> {
  cleanTables ??= (async () => {
    const out = join(work, 'crash-clean');
    expect(runCli(['run', '-i', join(ROOT, 'input'), '-o', out]).status).toBe(4);
    return currentTables(db.conn, out, VIEWS);
  })();
  return cleanTables;
}

describe('crash safety: kill -9, then rerun', () => {
  for (const point of ['after_pass1', 'mid_write', 'before_commit', 'mid_commit', 'after_commit']) {
    it(`gives tables equal to a clean run's when killed at ${point}`, async () => {
      const out = join(work, `crash-${point}`);
      const killed = runCliWithEnv(['run', '-i', join(ROOT, 'input'), '-o', out], { NEWS_ETL_CRASH_AT: point });
      expect(killed.status).toBe(137);
      // Readers never see a temporary file.
      const visible = execFileSync('find', [out, '-name', '*.parquet', '-o', '-name', '*.csv'], { encoding: 'utf8' });
      expect(visible).not.toMatch(/\.tmp/);
      const rerun = runCli(['run', '-i', join(ROOT, 'input'), '-o', out]);
      expect([0, 4]).toContain(rerun.status);
      expect(await currentTables(db.conn, out, VIEWS)).toEqual(await clean());
      const leftovers = execFileSync('find', [out, '-name', '*.tmp'], { encoding: 'utf8' });
      expect(leftovers).toBe('');
    });
  }
});

describe('a run that throws, then a rerun', () => {
  // Before the commit nothing of the failed run may stay; during or after it nothing committed may be removed.
  for (const point of ['after_pass1', 'mid_write', 'before_commit', 'mid_commit', 'after_commit']) {
    it(`exits 1 and leaves tables equal to a clean run's after a failure at ${point}`, async () => {
      const out = join(work, `fail-${point}`);
      const failed = runCliWithEnv(['run', '-i', join(ROOT, 'input'), '-o', out, '--log-format', 'json'], { NEWS_ETL_FAIL_AT: point });
      expect(failed.status, failed.stderr).toBe(1);
      expect(failed.stderr).toContain(`injected failure at ${point}`);
      const rerun = runCli(['run', '-i', join(ROOT, 'input'), '-o', out]);
      expect([0, 4]).toContain(rerun.status);
      expect(await currentTables(db.conn, out, VIEWS)).toEqual(await clean());
      expect(execFileSync('find', [out, '-name', '*.tmp'], { encoding: 'utf8' })).toBe('');
    });
  }
});

describe('crash safety: kill -9 at arbitrary moments', () => {
  for (const ms of [250, 500, 800, 1200]) {
    it(`gives tables equal to a clean run's when killed after ${ms} ms`, async () => {
      const out = join(work, `timed-${ms}`);
      const child = spawn(process.execPath, [join(ROOT, 'dist/pipeline/cli.js'), 'run', '-i', join(ROOT, 'input'), '-o', out], { stdio: 'ignore' });
      const timer = setTimeout(() => child.kill('SIGKILL'), ms);
      await new Promise((r) => child.on('exit', r));
      clearTimeout(timer);
      const rerun = runCli(['run', '-i', join(ROOT, 'input'), '-o', out]);
      expect([0, 4]).toContain(rerun.status);
      expect(await currentTables(db.conn, out, VIEWS)).toEqual(await clean());
    });
  }
});

describe('bad inputs', () => {
  it('gives every bad input a rejects row with a reason, and the good documents still land', async () => {
    const dir = join(work, 'bad-in');
    await mkdir(join(dir, 'nested'), { recursive: true });
    const put = (name: string, data: string | Buffer) => writeFile(join(dir, name), data);
    await put('good.txt', 'Tuesday, 2 April, 2024\n\nGood story survives bad neighbours\n\nBerlin, April 2, 2024: The good document in this folder is still processed, the team said on Tuesday, even though every file around it is broken.\n');
    await put('good.jsonl', JSON.stringify({ id: 'g1', text: 'A good record in a JSONL file full of bad lines is still read.', published: '2024-04-02' }) + '\n'
      + '{"text": "unterminated\n'
      + JSON.stringify({ title: 'no text here' }) + '\n'
      + JSON.stringify({ text: 42 }) + '\n'
      + '[1, 2, 3]\n'
      + 'null\n'
      + JSON.stringify({ text: '   ' }) + '\n'
      + `${'['.repeat(200_000)}${']'.repeat(200_000)}\n`);
    await put('binary.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
    await put('latin1.txt', Buffer.from('Caf\xe9 cr\xe8me \xe0 Paris', 'latin1'));
    await put('nul-in-text.txt', 'A text file\u0000 with a NUL byte inside.');
    await put('empty.txt', '');
    await put('blank.txt', '\n  \n\t\n');
    await put('empty.jsonl', '');
    await put('utf16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('UTF-16 text', 'utf16le')]));
    await put('gzip.txt', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]));
    await put('huge-line.txt', Buffer.alloc(50 * 1024 * 1024, 0x61));
    await put('truncated.html', '<!doctype html><html><head><title>Cut</title></head><body><p>This page was cut off in the mid');
    await put('bad-utf8.jsonl', Buffer.concat([Buffer.from('{"text": "caf'), Buffer.from([0xe9]), Buffer.from('"}\n')]));
    await symlink(join(dir, 'missing-target.txt'), join(dir, 'dangling.txt'));
    await symlink(dir, join(dir, 'nested', 'loop'));
    execFileSync('mkfifo', [join(dir, 'fifo.txt')]);
    let deep = join(dir, 'deep');
    for (let i = 0; i < 70; i++) deep = join(deep, 'd');
    await mkdir(deep, { recursive: true });
    await writeFile(join(deep, 'too-deep.txt'), 'A document nested seventy folders deep.');

    const out = join(work, 'bad-out');
    const r = runCli(['run', '-i', dir, '-o', out]);
    expect(r.status, r.stderr).toBe(4);
    const rejects = await db.query(`SELECT source_path, source_line, reason, detail FROM ${allRows(out, 'rejects')} ORDER BY source_path, source_line`);
    expect(rejects.length).toBeGreaterThanOrEqual(20);
    for (const rej of rejects) {
      expect(rej.reason).toMatch(/^[a-z0-9_]+$/);
      expect((rej.detail as string).length).toBeGreaterThan(5);
    }
    const reasons = new Set(rejects.map((x) => x.reason));
    for (const reason of ['binary_content', 'invalid_utf8', 'empty_file', 'too_large', 'bad_json', 'missing_text', 'not_an_object',
      'empty_text', 'unreadable', 'symlink_loop', 'not_a_regular_file', 'too_deep']) {
      expect(reasons, reason).toContain(reason);
    }
    expect(rejects.some((x) => x.source_path === 'truncated.html')).toBe(true);
    const docs = await db.query(`SELECT source_path FROM ${allRows(out, 'documents')} ORDER BY source_path`);
    // UTF-16 with a BOM is decoded, not rejected as binary (issue 20).
    expect(docs.map((d) => d.source_path)).toEqual(['good.jsonl', 'good.txt', 'utf16.txt']);
  }, 120_000);
});

describe('rerunning one stage', () => {
  it('--from entities on the last run\'s checkpoint gives the same tables as a full run', async () => {
    const out = join(work, 'from-out');
    expect(runCli(['run', '-i', join(ROOT, 'input'), '-o', out]).status).toBe(4);
    const full = await currentTables(db.conn, out, VIEWS);
    const r = runCli(['run', '-i', join(ROOT, 'input'), '-o', out, '--from', 'entities']);
    expect(r.status, r.stderr).toBe(4);
    const [last] = await db.query(`SELECT mode, documents_read FROM ${allRows(out, 'runs')} ORDER BY run_id DESC LIMIT 1`);
    expect(last.mode).toBe('from_checkpoint');
    expect(Number(last.documents_read)).toBeGreaterThan(10);
    expect(await currentTables(db.conn, out, VIEWS)).toEqual(full);
  });

  it('inspect shows one document after every stage, with what each removed or added', async () => {
    const out = join(work, 'from-out');
    const r = runCli(['inspect', 'site-b/markets/lithium-refining-pact.txt', '-o', out]);
    expect(r.status, r.stderr).toBe(0);
    for (const stage of ['== read', '== boilerplate', '== dates', '== entities', '== dedupe']) expect(r.stdout).toContain(stage);
    expect(r.stdout).toMatch(/line \d+ \[[a-z_]+\]/);
    expect(r.stdout).toMatch(/published: 2024-03-19/);
    expect(r.stdout).toMatch(/duplicate of [0-9a-f]{16} \(exact/);
    expect(runCli(['inspect', 'no/such/doc.txt', '-o', out]).status).toBe(1);
  });

  it('refuses --from when there is no checkpoint to start from', () => {
    const r = runCli(['run', '-i', join(ROOT, 'input'), '-o', join(work, 'never-ran'), '--from', 'entities']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/checkpoint/);
  });
});
