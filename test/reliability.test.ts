/**
 * Defence in depth around the lock and the commit, with real processes and files: two runs that
 * overlap anyway (a lock removed by force), what readers see when a run is killed mid-commit,
 * leftovers of killed runs, and (NEWS_ETL_RELIABILITY=full, `npm run test:reliability`) kill -9 at
 * random moments of incremental runs.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { appendFile, cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { execFileSync, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, SHARED, runCli, runCliWithEnv, startCli, duck, currentTables, inputWithBbc, CLI } from './helpers.js';
import { acquireLock, lockPath, unlock } from '../pipeline/lock.js';
import { commit, emptyState, recover } from '../pipeline/state.js';
import { TableSink } from '../pipeline/writers/sink.js';
import { col, table } from '../pipeline/schema.js';
import { prng } from '../bench/corpus.js';
import { currentProcess } from '../pipeline/process-identity.js';

const HEAVY = process.env.NEWS_ETL_RELIABILITY === 'full';
const DOC_TABLES = ['documents', 'mentions', 'entities', 'dates', 'duplicates', 'rejects'];
const ALL = [...DOC_TABLES, 'superseded', 'runs'];
let work: string;
let db: Awaited<ReturnType<typeof duck>>;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'news-etl-reliability-'));
  db = await duck();
});
afterAll(async () => {
  db?.conn.closeSync();
  await rm(work, { recursive: true, force: true });
});

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  return db.query(sql);
}

/** Tables of an uninterrupted run on `input` into a fresh output. */
async function cleanTablesOf(input: string, name: string): Promise<Record<string, string[]>> {
  const out = join(work, name);
  const r = runCli(['run', '-i', input, '-o', out]);
  expect([0, 4], r.stderr).toContain(r.status);
  return currentTables(db.conn, out, DOC_TABLES);
}

const find = (dir: string, ...args: string[]): string => execFileSync('find', [dir, ...args], { encoding: 'utf8' }).trim();

describe('two runs that overlap anyway', () => {
  it('never lose or double a document: the run whose lock was removed fails at its commit, the other keeps its files', async () => {
    const input = join(work, 'overlap-in');
    await inputWithBbc(input, 10, 200);
    const out = join(work, 'overlap-out');
    const first = await startCli(['run', '-i', input, '-o', out], 'run_start');
    const forced = runCli(['unlock', '-o', out, '--force']);
    expect(forced.status, forced.stderr).toBe(0);
    const second = runCli(['run', '-i', input, '-o', out, '--log-format', 'json']);
    expect(second.status, second.stderr).toBe(4);
    expect(await first.done).toBe(1);
    expect(first.stderr()).toMatch(/no longer holds the lock/);
    const third = runCli(['run', '-i', input, '-o', out, '--log-format', 'json']);
    expect(third.status, third.stderr).toBe(0);
    expect(third.stderr).toMatch(/"files_processed":0/);
    const tables = await currentTables(db.conn, out, DOC_TABLES);
    const ids = tables.documents.map((r) => JSON.parse(r).doc_id as string);
    expect(new Set(ids).size).toBe(ids.length);
    expect(tables).toEqual(await cleanTablesOf(input, 'overlap-clean'));
    // The failed run committed nothing, not even its runs row, and left nothing behind.
    const runs = await rows(`SELECT run_id, status FROM read_parquet('${out}/parquet/*/runs/*.parquet') ORDER BY run_id`);
    expect(runs.map((r) => r.status)).toEqual(['success_with_rejects', 'success']);
    expect(await readdir(join(out, '_work'))).toHaveLength(1);
    expect(await readdir(join(out, '_state', 'live'))).toEqual([]);
  }, 300_000);

  it('recovery keeps every file of a run that may still be alive, whoever holds the lock', async () => {
    const out = join(work, 'alive-files');
    const alive = await acquireLock(out, 'alive-run');
    await mkdir(join(out, '_work', 'alive-run', 'dates'), { recursive: true });
    await writeFile(join(out, '_work', 'alive-run', 'dates', 'part-0000.jsonl'), '{}\n');
    await writeFile(join(out, '_state', 'dedupe-alive-run.bin'), 'index');
    await unlock(out, true);
    const other = await acquireLock(out, 'other-run');
    await recover(out);
    expect(await readdir(join(out, '_work'))).toEqual(['alive-run']);
    expect((await readdir(join(out, '_state'))).filter((n) => n.startsWith('dedupe-'))).toEqual(['dedupe-alive-run.bin']);
    await expect(alive.assertHeld()).rejects.toMatchObject({ code: 'E_LOCK_LOST' });
    await other.release();
    await alive.release();
    // Gone: the next recovery sweeps them.
    const later = await acquireLock(out, 'later-run');
    await recover(out);
    expect(await readdir(join(out, '_work'))).toEqual([]);
    await later.release();
  });

  it('a commit whose files are missing fails before it publishes anything', async () => {
    const out = join(work, 'missing-file');
    const t = table('t', '', [col.string('run_id', '')]);
    const lock = await acquireLock(out, 'r1');
    const sink = await TableSink.open(out, 'r1', [t], ['csv', 'parquet']);
    await sink.append('t', { run_id: 'r1' });
    const renames = await sink.close();
    await rm(renames[1].from);
    await expect(commit(out, { runId: 'r1', state: { ...emptyState(), runs: ['r1'] }, renames, deletes: [] }))
      .rejects.toMatchObject({ code: 'E_COMMIT_MISSING_FILE' });
    await lock.release();
    expect(await readdir(out)).toEqual(['_state', '_work']);
    expect(await readdir(join(out, '_state'))).not.toContain('state.json');
  });
});

describe('killed mid-commit', () => {
  it('no reader of the globs or of load.sql sees part of the run; the rerun completes it', async () => {
    const input = join(work, 'midcommit-in');
    await cp(join(ROOT, 'input'), input, { recursive: true });
    const out = join(work, 'midcommit-out');
    expect(runCli(['run', '-i', input, '-o', out]).status).toBe(4);
    const before = await currentTables(db.conn, out, ALL);
    // The second run changes one file (its rows supersede the first run's) and adds one.
    const changed = (await readdir(join(input, 'site-a'))).filter((n) => n.endsWith('.txt'))[0];
    await appendFile(join(input, 'site-a', changed), '\nThe ministry said on Friday that a further statement would follow next week.\n');
    await cp(join(SHARED, 'news', 'bbc', 'business-001.txt'), join(input, 'business-001.txt'));
    const killed = runCliWithEnv(['run', '-i', input, '-o', out], { NEWS_ETL_CRASH_AT: 'mid_commit' });
    expect(killed.status).toBe(137);
    const run = JSON.parse(await readFile(join(out, '_state', 'pending.json'), 'utf8')).body.runId as string;

    // load.sql's views still show the last committed snapshot, nothing of the killed run.
    expect(await currentTables(db.conn, out, ALL)).toEqual(before);
    // Each format's globs show all of the killed run's tables or none of them; the kill fell between the two.
    const visible: Record<string, number[]> = {};
    for (const format of ['csv', 'parquet']) {
      const read = format === 'csv' ? 'read_csv' : 'read_parquet';
      visible[format] = [];
      for (const t of ['documents', 'mentions', 'superseded', 'runs']) {
        // A superseded row names the run it replaces; the run that wrote it is superseded_by.
        const by = t === 'superseded' ? 'superseded_by' : 'run_id';
        const [{ n }] = await rows(`SELECT count(*) AS n FROM ${read}('${out}/${format}/*/${t}/*.${format}') WHERE ${by} = '${run}'`);
        visible[format].push(Number(n));
      }
      // Current rows from the globs alone: each document once.
      const [{ docs, ids }] = await rows(`SELECT count(*) AS docs, count(DISTINCT doc_id) AS ids FROM ${read}('${out}/${format}/*/documents/*.${format}') d
        WHERE NOT EXISTS (SELECT 1 FROM ${read}('${out}/${format}/*/superseded/*.${format}') s WHERE s.doc_id = d.doc_id AND s.run_id = d.run_id)`);
      expect(Number(docs), format).toBe(Number(ids));
    }
    const all = Object.values(visible).filter((counts) => counts.every((n) => n > 0));
    const none = Object.values(visible).filter((counts) => counts.every((n) => n === 0));
    expect([all.length, none.length], JSON.stringify(visible)).toEqual([1, 1]);

    const rerun = runCli(['run', '-i', input, '-o', out, '--log-format', 'json']);
    expect(rerun.status, rerun.stderr).toBe(0);
    expect(rerun.stderr).toContain(`"rolled_forward":"${run}"`);
    expect(await currentTables(db.conn, out, DOC_TABLES)).toEqual(await cleanTablesOf(input, 'midcommit-clean'));
  }, 300_000);
});

describe('leftovers of killed runs', () => {
  it('no temporary file, gate, dead marker or dead run folder survives a completed run; a live run\'s files do', async () => {
    const out = join(work, 'leftovers');
    expect(runCli(['run', '-i', join(ROOT, 'input'), '-o', out]).status).toBe(4);
    const dead = { host: currentProcess().host, pid: 2 ** 22 + 17, runId: '20200101T000000Z-dead00', startedAt: '2020-01-01T00:00:00.000Z' };
    await writeFile(join(out, '_state', 'state.json.4242-0a0b0c.tmp'), 'torn');
    await writeFile(join(out, '_state', 'dedupe-20200101T000000Z-dead00.bin.4242-0a0b0c.tmp'), 'torn');
    await writeFile(join(out, 'load.sql.4242.tmp'), 'from an older release');
    await writeFile(join(out, '_state', 'files-20200101T000000Z-dead00.jsonl'), 'never committed');
    await writeFile(join(out, '_state', 'live', `${dead.runId}.json`), JSON.stringify(dead));
    await writeFile(join(out, '_state', 'lock.take-0123456789abcdef'), JSON.stringify(dead));
    await mkdir(join(out, '_work', dead.runId, 'publish', 'csv', 'documents'), { recursive: true });
    await writeFile(join(out, '_work', dead.runId, 'publish', 'csv', 'documents', 'part-0000.csv'), 'doc_id\n');
    // A run that is alive (this test process): its files stay.
    const live = { ...currentProcess(), runId: '20300101T000000Z-live00', startedAt: new Date().toISOString(), tempTag: `${process.pid}-abcdef` };
    await writeFile(join(out, '_state', 'live', `${live.runId}.json`), JSON.stringify(live));
    await writeFile(join(out, '_state', `chrome-${live.runId}.json.${live.tempTag}.tmp`), 'being written');
    await mkdir(join(out, '_work', live.runId));

    const r = runCli(['run', '-i', join(ROOT, 'input'), '-o', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(find(out, '-name', '*.tmp')).toBe(join(out, '_state', `chrome-${live.runId}.json.${live.tempTag}.tmp`));
    expect((await readdir(join(out, '_state'))).filter((n) => n.startsWith('lock') || n.includes('dead00'))).toEqual([]);
    expect(await readdir(join(out, '_state', 'live'))).toEqual([`${live.runId}.json`]);
    const workFolders = await readdir(join(out, '_work'));
    expect(workFolders).toHaveLength(2);
    expect(workFolders).toContain(live.runId);

    await rm(join(out, '_state', 'live', `${live.runId}.json`));
    expect(runCli(['run', '-i', join(ROOT, 'input'), '-o', out]).status).toBe(0);
    expect(find(out, '-name', '*.tmp')).toBe('');
    expect(await readdir(join(out, '_work'))).toHaveLength(1);
    await expect(stat(lockPath(out))).rejects.toMatchObject({ code: 'ENOENT' });
  }, 120_000);
});


async function runKilledAfter(args: string[], ms: number): Promise<number | null> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: 'ignore' });
  const timer = setTimeout(() => child.kill('SIGKILL'), ms);
  const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  clearTimeout(timer);
  return code;
}

describe.runIf(HEAVY)('kill -9 at random moments of incremental runs', () => {
  // The oracle is the same history without kills: dedupe decisions depend on which run saw a
  // document first, so the killed output is compared with an output that ran the same steps.
  const TRIALS = 8;
  const STEPS = 3;
  for (let trial = 0; trial < TRIALS; trial++) {
    it(`trial ${trial}: after each step's kills and rerun, tables equal those of the same steps run without kills`, async () => {
      // deterministic choices for the random kill trials
      const random = prng(1000 + trial);
      const input = join(work, `random-${trial}-in`);
      await inputWithBbc(input, 5, 60);
      const spare = (await readdir(join(SHARED, 'news', 'bbc'))).filter((f) => f.startsWith('tech-')).slice(0, 40);
      const killed = join(work, `random-${trial}-killed`);
      const clean = join(work, `random-${trial}-clean`);
      for (let step = 0; step < STEPS; step++) {
        if (step > 0) {
          // Input changes between steps: files added, changed and deleted.
          const bbc = (await readdir(join(input, 'bbc'))).sort();
          await cp(join(SHARED, 'news', 'bbc', spare[step * 3 + (trial % 3)]), join(input, 'bbc', `added-${step}.txt`));
          await appendFile(join(input, 'bbc', bbc[Math.floor(random() * bbc.length)]), `\nUpdated at step ${step}: the company confirmed the figures on Tuesday.\n`);
          await rm(join(input, 'bbc', bbc[Math.floor(random() * bbc.length)]), { force: true });
        }
        const concurrency = String(1 + Math.floor(random() * 2));
        expect([0, 4]).toContain(runCli(['run', '-i', input, '-o', clean, '--concurrency', concurrency]).status);
        for (let kill = 1 + Math.floor(random() * 2); kill > 0; kill--) {
          const afterMs = Math.floor(random() * 5_000);
          const code = await runKilledAfter(['run', '-i', input, '-o', killed, '--concurrency', concurrency], afterMs);
          console.log(`trial ${trial} step ${step}: ${code === null ? 'killed' : `finished (exit ${code}) before the kill`} at ${afterMs} ms`);
        }
        const rerun = runCli(['run', '-i', input, '-o', killed, '--concurrency', concurrency]);
        expect([0, 4], rerun.stderr).toContain(rerun.status);
        expect(await currentTables(db.conn, killed, DOC_TABLES), `step ${step}`).toEqual(await currentTables(db.conn, clean, DOC_TABLES));
        expect(find(killed, '-name', '*.tmp')).toBe('');
      }
    }, 900_000);
  }
});
