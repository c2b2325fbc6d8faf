/**
 * The lock under attack: synchronised races of real processes on stale locks of every kind, release
 * only by the owner, staleness where the pid cannot be checked (containers, other hosts), and
 * `news-etl unlock`. `npm run test:reliability` runs the races hundreds of times; `npm test` runs
 * a few dozen.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdir, mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { spawn, spawnSync } from 'node:child_process';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT, runCli } from './helpers.js';
import { acquireLock, lockPath, readLockOwner, unlock, writeLockFile, type LockOwner } from '../pipeline/lock.js';
import { currentProcess } from '../pipeline/process-identity.js';

const HEAVY = process.env.NEWS_ETL_RELIABILITY === 'full';
const RACES_PER_KIND = HEAVY ? 100 : 10;
const RACERS = 4;
/** How far ahead a race's start is announced: enough for every contender to be waiting for it. */
const START_AHEAD_MS = 40;
const HOLD_MS = 10;

let work: string;
beforeAll(async () => { work = await mkdtemp(join(tmpdir(), 'news-etl-lock-')); });
afterAll(async () => { await rm(work, { recursive: true, force: true }); });

const longAgo = (): Date => new Date(Date.now() - 3_600_000);

/** The lock file a run leaves when it is killed -9: acquired for real by a process that then dies. */
let killedRunLock: Promise<string> | undefined;
function lockOfAKilledRun(): Promise<string> {
  killedRunLock ??= killARun();
  return killedRunLock;
}

async function killARun(): Promise<string> {
  const out = join(work, 'killed-holder');
  const script = `import('${join(ROOT, 'dist/pipeline/lock.js')}').then(async (m) => { await m.acquireLock(${JSON.stringify(out)}, 'killed'); process.kill(process.pid, 'SIGKILL'); });`;
  const r = spawnSync(process.execPath, ['-e', script]);
  expect(r.signal).toBe('SIGKILL');
  const owner = await readLockOwner(out);
  expect(owner?.runId).toBe('killed');
  return JSON.stringify(owner);
}

type Kind = 'dead-pid' | 'torn' | 'expired-lease' | 'vanishing';
interface TrialResult { trial: number; pid: number; lateMs: number; won: boolean; tookOver?: boolean; double?: boolean; lost?: boolean; code?: string }

/** A stale lock of one kind in a fresh output directory; for 'vanishing', a live lock this process releases at the start. */
async function prepare(dir: string, kind: Kind, deadLock: string): Promise<(() => Promise<void>) | undefined> {
  await mkdir(join(dir, '_state'), { recursive: true });
  const path = lockPath(dir);
  if (kind === 'dead-pid') await writeFile(path, deadLock);
  if (kind === 'torn') await writeFile(path, '');
  if (kind === 'expired-lease') {
    const elsewhere: LockOwner = { pid: 1, host: 'another-host.example', runId: 'elsewhere', startedAt: longAgo().toISOString(), leaseMs: 30_000 };
    await writeFile(path, JSON.stringify(elsewhere));
  }
  if (kind !== 'vanishing') {
    await utimes(path, longAgo(), longAgo());
    return undefined;
  }
  const lock = await acquireLock(dir, `vanishing-${dir.slice(-4)}`);
  return () => lock.release();
}

async function race(kind: Kind, trials: number): Promise<TrialResult[][]> {
  const deadLock = await lockOfAKilledRun();
  const racers = Array.from({ length: RACERS }, () => spawn(process.execPath, [join(ROOT, 'test/lock-racer.mjs')], { stdio: ['pipe', 'pipe', 'inherit'] }));
  const outputs = racers.map((r) => createInterface({ input: r.stdout! })[Symbol.asyncIterator]());
  for (const o of outputs) expect((await o.next()).value).toBe('ready');
  const byTrial: TrialResult[][] = [];
  try {
    for (let trial = 0; trial < trials; trial++) {
      const dir = join(work, `${kind}-${trial}`);
      const release = await prepare(dir, kind, deadLock);
      // Every contender gets the race before it starts: a start that waits for the slowest one.
      const startAt = Date.now() + START_AHEAD_MS;
      for (const r of racers) r.stdin!.write(`${JSON.stringify({ trial, dir, startAt, holdMs: HOLD_MS })}\n`);
      // The live holder of a 'vanishing' lock lets go around the moment the contenders start.
      const releaseAt = startAt + (trial % 6) - 3;
      const released = release && new Promise<void>((done, fail) => { setTimeout(() => release().then(done, fail), releaseAt - Date.now()); });
      byTrial.push(await Promise.all(outputs.map(async (o) => JSON.parse((await o.next()).value as string) as TrialResult)));
      await released;
    }
  } finally {
    for (const r of racers) r.stdin!.end();
  }
  return byTrial;
}

async function leftovers(dir: string): Promise<string[]> {
  const state = (await readdir(join(dir, '_state'))).filter((n) => n.startsWith('lock'));
  const live = await readdir(join(dir, '_state', 'live')).catch(() => [] as string[]);
  return [...state, ...live.map((n) => `live/${n}`)];
}

describe(`synchronised lock races (${RACERS} processes, ${RACES_PER_KIND} races per kind)`, () => {
  for (const kind of ['dead-pid', 'torn', 'expired-lease', 'vanishing'] as Kind[]) {
    it(`never gives a ${kind} lock to two runs at once, and the losers exit as "lock held"`, async () => {
      const byTrial = await race(kind, RACES_PER_KIND);
      const all = byTrial.flat();
      expect(all).toHaveLength(RACES_PER_KIND * RACERS);
      expect(all.filter((r) => r.double || r.lost)).toEqual([]);
      expect(all.filter((r) => !r.won && r.code !== 'E_LOCK_HELD')).toEqual([]);
      for (const [i, results] of byTrial.entries()) {
        const winners = results.filter((r) => r.won);
        // A stale lock is taken by someone; a released one may be (holders after the first came once it was free again).
        if (kind !== 'vanishing') {
          expect(winners.length, `trial ${i}`).toBeGreaterThanOrEqual(1);
          expect(winners.filter((r) => r.tookOver), `trial ${i}`).toHaveLength(1);
        }
        expect(await leftovers(join(work, `${kind}-${i}`)), `trial ${i}`).toEqual([]);
      }
      const late = all.map((r) => r.lateMs).sort((a, b) => a - b);
      const together = byTrial.filter((t) => t.filter((r) => r.lateMs <= 5).length >= 2).length;
      console.log(`${kind}: ${byTrial.length} races, winners per race ${byTrial.map((t) => t.filter((r) => r.won).length).join('')}; `
        + `${together} races with 2+ contenders starting within 5 ms; start lateness median ${late[late.length >> 1]} ms, p90 ${late[Math.floor(late.length * 0.9)]} ms`);
    }, 120_000 + RACES_PER_KIND * 2_000);
  }
});

describe('release and takeover', () => {
  it('releases only its own lock: after `unlock --force` and a new holder, the old holder removes nothing', async () => {
    const out = join(work, 'owner-only');
    const first = await acquireLock(out, 'first');
    expect((await unlock(out, true)).removed).toBe(true);
    const second = await acquireLock(out, 'second');
    await expect(first.assertHeld()).rejects.toMatchObject({ code: 'E_LOCK_LOST' });
    await first.release();
    expect((await readLockOwner(out))?.runId).toBe('second');
    await second.release();
    await expect(stat(lockPath(out))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refreshes its lease from a thread of its own, also while the main thread is busy', async () => {
    const out = join(work, 'heartbeat');
    process.env.NEWS_ETL_LOCK_LEASE_MS = '600';
    try {
      const lock = await acquireLock(out, 'beating');
      expect(lock.owner.leaseMs).toBe(600);
      const before = (await stat(lockPath(out))).mtimeMs;
      const until = Date.now() + 1_000;
      while (Date.now() < until) { /* a main thread stuck in a long synchronous task */ }
      const after = (await stat(lockPath(out))).mtimeMs;
      expect(after).toBeGreaterThan(before + 300);
      await lock.release();
    } finally {
      delete process.env.NEWS_ETL_LOCK_LEASE_MS;
    }
  });

  it('treats PID 1 of an earlier container incarnation (same pid, another start time) as gone', async () => {
    const out = join(work, 'pid1-restarted');
    const me = currentProcess();
    await writeLockFile(out, { ...me, pid: 1, startTicks: '1', runId: 'before-restart', startedAt: longAgo().toISOString(), leaseMs: 30_000 });
    const lock = await acquireLock(out, 'after-restart');
    expect(lock.tookOverFrom?.runId).toBe('before-restart');
    await lock.release();
  });

  it('keeps a lock from another pid namespace or host while its lease is fresh, and takes it over once it ran out', async () => {
    for (const elsewhere of [{ pidNamespace: 'pid:[4026000001]', host: hostname() }, { host: 'another-host.example' }]) {
      const out = join(work, `lease-${elsewhere.host}-${elsewhere.pidNamespace ?? ''}`);
      await writeLockFile(out, { ...currentProcess(), ...elsewhere, pid: 1, runId: 'in-a-pod', startedAt: new Date().toISOString(), leaseMs: 30_000 });
      await expect(acquireLock(out, 'next-pod')).rejects.toThrow(/lease refreshed \d+ ms ago.*news-etl unlock/);
      await utimes(lockPath(out), longAgo(), longAgo());
      const lock = await acquireLock(out, 'next-pod');
      expect(lock.tookOverFrom?.runId).toBe('in-a-pod');
      await lock.release();
    }
  });
});

describe('news-etl unlock', () => {
  it('refuses a live lock without --force (exit 3), removes it with --force, and removes a stale one', async () => {
    const out = join(work, 'unlock-cli');
    await writeLockFile(out, { ...currentProcess(), runId: 'alive', startedAt: new Date().toISOString() });
    const refused = runCli(['unlock', '-o', out]);
    expect(refused.status).toBe(3);
    expect(refused.stderr).toMatch(/pid \d+ runs on this host; not removed without --force/);
    expect((await readLockOwner(out))?.runId).toBe('alive');
    const forced = runCli(['unlock', '-o', out, '--force']);
    expect(forced.status, forced.stderr).toBe(0);
    expect(forced.stdout).toMatch(/removed the lock of run alive/);
    await expect(stat(lockPath(out))).rejects.toMatchObject({ code: 'ENOENT' });

    await writeLockFile(out, { host: 'another-host.example', pid: 7, runId: 'gone-host', startedAt: longAgo().toISOString(), leaseMs: 1_000 });
    await utimes(lockPath(out), longAgo(), longAgo());
    const stale = runCli(['unlock', '-o', out]);
    expect(stale.status, stale.stderr).toBe(0);
    expect(stale.stdout).toMatch(/removed the lock of run gone-host .*lease of 1000 ms expired/);
    expect(runCli(['unlock', '-o', out]).stdout).toMatch(/there is no lock/);
  });
});

describe('the heartbeat thread', () => {
  // The bench and embedders start the CLI from an ES module (`node --input-type=module -e`): the
  // heartbeat's CommonJS code must not inherit that flag.
  it('runs when the CLI is imported by a process started with --input-type=module', async () => {
    const work = await mkdtemp(join(tmpdir(), 'news-etl-heartbeat-'));
    try {
      await mkdir(join(work, 'in'));
      await writeFile(join(work, 'in', 'a.txt'), 'A story\n\nSomething happened in the town square on a quiet afternoon.\n');
      const cli = join(ROOT, 'dist/pipeline/cli.js');
      const script = `process.argv = [process.argv[0], ${JSON.stringify(cli)}, ...process.argv.slice(1)]; await import(${JSON.stringify(cli)});`;
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, '--', 'run', '-i', join(work, 'in'), '-o', join(work, 'out')], { encoding: 'utf8', timeout: 120_000 });
      expect(r.status, r.stderr).toBe(0);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }, 120_000);
});
