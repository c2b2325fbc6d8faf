/**
 * One run per output directory, for real.
 *
 * Each run first writes a *live marker*, `_state/live/<run>.json` (its pid, host, boot id, pid
 * namespace, start time, lease), and keeps it open. The lock `_state/lock` is a hard link to the
 * holder's marker, created with link(2), which fails if the lock exists: the lock is never seen
 * half written, and its inode is the holder's. A thread of the holder touches the marker (so the
 * lock) every lease/6: the mtime is a lease that says the holder lives even where its pid
 * cannot be checked (another host, another pid namespace: PID 1 in a container).
 *
 * A lock is stale when its holder is dead on this host (pid gone, or reused: another start
 * time), or, when the holder is elsewhere, when its lease ran out; an unreadable lock older than
 * a grace period is stale too. Taking a stale lock over must not race: two runs that both saw
 * it stale, or one that saw a lock that has since vanished and been recreated, would otherwise
 * both end up holding it. So a lock is only ever replaced (or removed) under a *gate*: a file
 * named after the exact lock file seen (device, inode, ctime), created with link(2) like the lock
 * itself. Whoever creates the gate checks that the lock is still that file and replaces it with
 * a rename; everyone else backs off. A heartbeat changes the ctime, so a live holder's lock is
 * never replaced on an old reading. A gate whose creator died is itself taken over the same way.
 * Release goes through the same gate, and only when the lock is still the releaser's own inode.
 */
import { Worker } from 'node:worker_threads';
import { link, mkdir, open, readdir, readFile, writeFile, type FileHandle } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { EXIT, NewsEtlError } from './errors.js';
import { currentProcess } from './process-identity.js';
import { TEMP_TAG } from './fsutil.js';
import { stateDirOf } from './layout.js';
import { identityOf, judge, leaseMs, look, parseOwner, replaceIfUnchanged, sameInode, unlinkQuietly, type LockOwner } from './lock-gate.js';

export { judge, leaseMs, type LockOwner } from './lock-gate.js';

const ACQUIRE_ATTEMPTS = 12;

export const lockPath = (output: string): string => join(stateDirOf(output), 'lock');
export const liveDir = (output: string): string => join(stateDirOf(output), 'live');
const markerPath = (output: string, runId: string): string => join(liveDir(output), `${runId}.json`);

function describeOwner(owner: LockOwner): string {
  return `run ${owner.runId}, pid ${owner.pid} on ${owner.host}, started ${owner.startedAt}`;
}

export class LockHeldError extends NewsEtlError {
  constructor(readonly path: string, readonly owner: LockOwner | undefined, why: string) {
    const output = dirname(dirname(path));
    super('E_LOCK_HELD', `${owner ? `another run (${describeOwner(owner)})` : 'another run'} holds the lock ${path} (${why}). `
      + `If that run is gone, \`news-etl unlock --output ${output}\` removes a stale lock (with --force, any lock)`, EXIT.lockHeld);
  }
}

export class LockLostError extends NewsEtlError {
  constructor(path: string) {
    super('E_LOCK_LOST', `this run no longer holds the lock ${path} (it was removed or taken over): it stops without committing, so that two runs never commit over each other`);
  }
}

export interface Lock {
  owner: LockOwner;
  /** The stale holder this run took the lock over from, if any (`runId` '?' for an unreadable lock). */
  tookOverFrom?: LockOwner;
  /** Throws LockLostError unless the lock file is still this run's. */
  assertHeld(): Promise<void>;
  release(): Promise<void>;
}

/** Locks this process holds, by output directory: the commit checks it still holds one before it publishes. */
const held = new Map<string, HeldLock>();

const HEARTBEAT = `
const { workerData } = require('node:worker_threads');
const { futimesSync } = require('node:fs');
setInterval(() => { const now = new Date(); try { futimesSync(workerData.fd, now, now); } catch {} }, workerData.everyMs);
`;

class HeldLock implements Lock {
  private heartbeat: Worker | undefined;

  constructor(
    private readonly output: string,
    readonly owner: LockOwner,
    private readonly marker: FileHandle,
    private readonly markerInode: string,
    readonly tookOverFrom: LockOwner | undefined,
  ) {
    // A thread of its own, so that a main thread busy for a while (a huge document at
    // --concurrency 1, a big settle) does not let the lease run out.
    // Its code is CommonJS: it must not inherit flags such as --input-type=module from the process.
    this.heartbeat = new Worker(HEARTBEAT, { eval: true, execArgv: [], workerData: { fd: marker.fd, everyMs: Math.max(50, Math.floor((owner.leaseMs ?? leaseMs()) / 6)) } });
    this.heartbeat.unref();
    held.set(resolve(output), this);
  }

  async assertHeld(): Promise<void> {
    if (!sameInode(await identityOf(lockPath(this.output)), this.markerInode)) throw new LockLostError(lockPath(this.output));
  }

  async release(): Promise<void> {
    if (held.get(resolve(this.output)) === this) held.delete(resolve(this.output));
    await this.heartbeat?.terminate();
    this.heartbeat = undefined;
    try {
      const path = lockPath(this.output);
      const identity = await identityOf(path);
      // Someone else's lock (ours was taken over or removed by `unlock --force`) is theirs to release.
      if (identity && sameInode(identity, this.markerInode)) await replaceIfUnchanged(path, identity, null, this.owner);
    } finally {
      await this.marker.close();
      await unlinkQuietly(markerPath(this.output, this.owner.runId));
    }
  }
}

function ownerFor(runId: string): LockOwner {
  return { ...currentProcess(), runId, startedAt: new Date().toISOString(), leaseMs: leaseMs(), tempTag: TEMP_TAG };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function acquireLock(output: string, runId: string): Promise<Lock> {
  const path = lockPath(output);
  await mkdir(liveDir(output), { recursive: true });
  const owner = ownerFor(runId);
  const marker = await open(markerPath(output, runId), 'wx');
  try {
    await marker.writeFile(JSON.stringify(owner));
    await marker.sync();
    const markerInode = (await identityOf(markerPath(output, runId)))!;
    for (let attempt = 0; attempt < ACQUIRE_ATTEMPTS; attempt++) {
      try {
        await link(markerPath(output, runId), path);
        return new HeldLock(output, owner, marker, markerInode, undefined);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const seen = await look(path);
      if (!seen) continue; // released between our link and our look: try again
      const verdict = judge(seen);
      if (!verdict.stale) throw new LockHeldError(path, seen.owner, verdict.why);
      if (await replaceIfUnchanged(path, seen.identity, markerPath(output, runId), owner)) {
        return new HeldLock(output, owner, marker, markerInode, seen.owner ?? { pid: 0, host: '?', runId: '?', startedAt: '?' });
      }
      // Another run is taking it over right now: give it a moment, then see who holds it.
      await sleep(5 + 5 * attempt);
    }
    const seen = await look(path);
    throw new LockHeldError(path, seen?.owner, 'contended: several runs tried to take it over at once');
  } catch (err) {
    await marker.close();
    await unlinkQuietly(markerPath(output, runId));
    throw err;
  }
}

/** For the commit: throws unless this process holds the output's lock and the lock file is still its own. */
export async function assertLockHeld(output: string): Promise<void> {
  const lock = held.get(resolve(output));
  if (!lock) throw new NewsEtlError('E_LOCK_NOT_HELD', `committing to ${output} without holding its lock`);
  await lock.assertHeld();
}

export interface UnlockResult {
  removed: boolean;
  owner?: LockOwner;
  why: string;
}

/**
 * `news-etl unlock`: removes a stale lock (a holder gone on this host, or a lease run out
 * elsewhere); a live one only with `force`, since the run holding it would then fail at its commit.
 */
export async function unlock(output: string, force: boolean): Promise<UnlockResult> {
  const path = lockPath(output);
  const seen = await look(path);
  if (!seen) return { removed: false, why: `there is no lock at ${path}` };
  const verdict = judge(seen);
  if (!verdict.stale && !force) throw new LockHeldError(path, seen.owner, `${verdict.why}; not removed without --force`);
  if (!await replaceIfUnchanged(path, seen.identity, null, ownerFor('unlock'))) {
    throw new LockHeldError(path, (await look(path))?.owner, 'it changed while being removed: another run took it');
  }
  return { removed: true, owner: seen.owner, why: verdict.why };
}

export interface LiveRuns {
  runIds: Set<string>;
  tempTags: Set<string>;
}

/**
 * Runs that may still be alive, from their markers; markers of runs judged gone are removed.
 * Recovery keeps every file of these runs, whoever holds the lock.
 */
export async function liveRuns(output: string): Promise<LiveRuns> {
  const live: LiveRuns = { runIds: new Set(), tempTags: new Set() };
  let names: string[];
  try { names = await readdir(liveDir(output)); } catch { return live; }
  for (const name of names) {
    if (!name.endsWith('.json')) continue;
    const seen = await look(join(liveDir(output), name));
    if (!seen) continue;
    if (judge(seen).stale) {
      await unlinkQuietly(join(liveDir(output), name));
    } else {
      live.runIds.add(name.slice(0, -'.json'.length));
      if (seen.owner?.tempTag) live.tempTags.add(seen.owner.tempTag);
    }
  }
  return live;
}

/** Gates and half-done takeovers left by killed processes (`lock.*` beside the lock). */
export async function removeLockLeftovers(output: string): Promise<string[]> {
  const removed: string[] = [];
  const dir = stateDirOf(output);
  let names: string[];
  try { names = await readdir(dir); } catch { return removed; }
  for (const name of names.filter((n) => n.startsWith('lock.'))) {
    const seen = await look(join(dir, name));
    if (seen && judge(seen).stale) {
      await unlinkQuietly(join(dir, name));
      removed.push(join(dir, name));
    }
  }
  return removed;
}

/** For tests and tools: write a lock as if another process held it (as releases before 0.2 wrote it). */
export async function writeLockFile(output: string, owner: Partial<LockOwner> & { pid: number; host: string }): Promise<void> {
  const path = lockPath(output);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify(owner));
}

/** For tests: the lock's holder as written in the lock file. */
export async function readLockOwner(output: string): Promise<LockOwner | undefined> {
  return parseOwner(await readFile(lockPath(output), 'utf8').catch(() => ''));
}
