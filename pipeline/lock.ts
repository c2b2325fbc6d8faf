/**
 * One run per output directory. The lock is a file created with O_EXCL holding the owner's pid and
 * host; a lock whose owner is a dead process on this host (a killed run) is stale and taken over.
 */
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { EXIT, NewsEtlError } from './errors.js';

export interface LockOwner {
  pid: number;
  host: string;
  runId: string;
  startedAt: string;
}

export class LockHeldError extends NewsEtlError {
  constructor(readonly path: string, readonly owner: LockOwner | undefined) {
    super('E_LOCK_HELD', owner
      ? `another run (${owner.runId}, pid ${owner.pid} on ${owner.host}, started ${owner.startedAt}) holds the lock ${path}; if it is not running, delete the file`
      : `the lock ${path} is held by another run`, EXIT.lockHeld);
  }
}

export function lockPath(output: string): string {
  return join(output, '_state', 'lock');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(path: string): Promise<LockOwner | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as LockOwner;
  } catch {
    return undefined;
  }
}

export interface Lock {
  owner: LockOwner;
  /** The stale owner this run took the lock over from, if any. */
  tookOverFrom?: LockOwner;
  release(): Promise<void>;
}

const TORN_LOCK_GRACE_MS = 5_000;

async function ageMs(path: string): Promise<number> {
  try {
    return Date.now() - (await stat(path)).mtimeMs;
  } catch {
    return Infinity;
  }
}

export async function acquireLock(output: string, runId: string): Promise<Lock> {
  const path = lockPath(output);
  await mkdir(dirname(path), { recursive: true });
  const owner: LockOwner = { pid: process.pid, host: hostname(), runId, startedAt: new Date().toISOString() };
  let tookOverFrom: LockOwner | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fh = await open(path, 'wx');
      await fh.writeFile(JSON.stringify(owner));
      await fh.close();
      return { owner, tookOverFrom, release: () => rm(path, { force: true }) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const current = await readOwner(path);
    const stale = current !== undefined && current.host === owner.host && !isAlive(current.pid);
    // A lock file that cannot be parsed and is not brand new was cut short by a kill between create and write.
    const torn = current === undefined && (await ageMs(path)) > TORN_LOCK_GRACE_MS;
    if (!stale && !torn) throw new LockHeldError(path, current);
    // Move the stale lock aside atomically, so that of two runs racing to take it over only one wins.
    const aside = `${path}.stale-${process.pid}`;
    try {
      await rename(path, aside);
      await rm(aside, { force: true });
    } catch {
      /* another run moved it first; try again */
    }
    tookOverFrom = current;
  }
  throw new LockHeldError(path, await readOwner(path));
}

/** For tests and tools: write a lock as if another process held it. */
export async function writeLockFile(output: string, owner: LockOwner): Promise<void> {
  const path = lockPath(output);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify(owner));
}
