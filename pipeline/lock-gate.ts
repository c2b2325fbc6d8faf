/**
 * Files that one process at a time may own (the lock, and the gates that guard its takeover),
 * and how a file's owner is judged gone. See lock.ts for the protocol.
 *
 * A file is identified by device, inode and ctime: a file replaced, recreated, or touched by its
 * owner's heartbeat (which changes its ctime) is another file. `replaceIfUnchanged` replaces or
 * removes a file only if it is still the one identified, and only under the gate named after
 * that identity, which it creates with link(2) like the lock itself; a gate whose creator died is
 * taken over the same way, one level up.
 */
import { link, open, rename, stat, unlink, writeFile, type FileHandle } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { livenessOf, type ProcessIdentity } from './process-identity.js';
import { sha256Hex } from './integrity.js';

export interface LockOwner extends ProcessIdentity {
  runId: string;
  startedAt: string;
  /** How long the holder's heartbeat may stay away before a holder elsewhere counts as gone. */
  leaseMs?: number;
  /** The holder's temporary-file tag (fsutil TEMP_TAG): its `*.tmp` files are not leftovers while it lives. */
  tempTag?: string;
}

const DEFAULT_LEASE_MS = 30_000;
/** A lock or gate that cannot be parsed is stale after this long (nothing news-etl writes is ever seen half written). */
const UNREADABLE_GRACE_MS = 5_000;
/** Gates of gates: each level needs a creator killed inside a takeover, so a few levels are plenty. */
const MAX_GATE_DEPTH = 3;

export function leaseMs(): number {
  const ms = Number(process.env.NEWS_ETL_LOCK_LEASE_MS);
  return Number.isFinite(ms) && ms > 0 ? ms : DEFAULT_LEASE_MS;
}

export const token = (): string => randomBytes(6).toString('hex');

/** What was found at a lock or gate path: which file exactly, and who wrote it. */
export interface Seen {
  identity: string;
  owner?: LockOwner;
  mtimeMs: number;
}

export function parseOwner(text: string): LockOwner | undefined {
  try {
    const o = JSON.parse(text) as LockOwner;
    return o && typeof o === 'object' && Number.isInteger(o.pid) && typeof o.host === 'string' ? o : undefined;
  } catch {
    return undefined;
  }
}

/** Content and identity of the same file: read through one open handle. */
export async function look(path: string): Promise<Seen | undefined> {
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    const st = await fh.stat({ bigint: true });
    const owner = parseOwner(await fh.readFile('utf8'));
    return { identity: `${st.dev}:${st.ino}:${st.ctimeNs}`, owner, mtimeMs: Number(st.mtimeNs / 1_000_000n) };
  } finally {
    await fh.close();
  }
}

export async function identityOf(path: string): Promise<string | undefined> {
  try {
    const st = await stat(path, { bigint: true });
    return `${st.dev}:${st.ino}:${st.ctimeNs}`;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

export interface Verdict {
  stale: boolean;
  why: string;
}

/** Whether the holder of a lock, gate or live marker is gone. */
export function judge(seen: Seen, now = Date.now()): Verdict {
  const age = Math.round(now - seen.mtimeMs);
  const { owner } = seen;
  if (!owner) {
    return age > UNREADABLE_GRACE_MS
      ? { stale: true, why: `unreadable and ${age} ms old` }
      : { stale: false, why: `unreadable but only ${age} ms old: being written` };
  }
  const liveness = livenessOf(owner);
  if (liveness === 'dead') return { stale: true, why: `pid ${owner.pid} no longer runs on ${owner.host}` };
  if (liveness === 'alive') return { stale: false, why: `pid ${owner.pid} runs on this host` };
  const lease = owner.leaseMs ?? leaseMs();
  return age > lease
    ? { stale: true, why: `on another host or pid namespace, lease of ${lease} ms expired ${age - lease} ms ago` }
    : { stale: false, why: `on another host or pid namespace, lease refreshed ${age} ms ago (expires in ${lease - age} ms)` };
}

export async function unlinkQuietly(path: string): Promise<void> {
  await unlink(path).catch((err: NodeJS.ErrnoException) => { if (err.code !== 'ENOENT') throw err; });
}

/**
 * Makes `replacement` (a file to hard-link in; null removes) the file at `target`, provided
 * `target` is still exactly the file `identity` names. False when another process is doing the
 * same, or when `target` changed.
 */
export async function replaceIfUnchanged(target: string, identity: string, replacement: string | null, me: LockOwner, depth = 0): Promise<boolean> {
  const gate = await holdGate(`${target}.take-${sha256Hex(identity).slice(0, 16)}`, me, depth);
  if (!gate) return false;
  try {
    if ((await identityOf(target)) !== identity) return false;
    if (replacement === null) {
      await unlink(target);
    } else {
      const staged = `${target}.${token()}.new`;
      await link(replacement, staged);
      await rename(staged, target);
    }
    return true;
  } finally {
    await gate.release();
  }
}

async function holdGate(gate: string, me: LockOwner, depth: number): Promise<{ release(): Promise<void> } | undefined> {
  const candidate = `${gate}.${token()}`;
  await writeFile(candidate, JSON.stringify(me), { flag: 'wx' });
  const mine = await identityOf(candidate);
  const held = { release: async () => { if (sameInode(await identityOf(gate), mine)) await unlinkQuietly(gate); } };
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await link(candidate, gate);
        return held;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const seen = await look(gate);
      if (!seen) continue;
      if (depth >= MAX_GATE_DEPTH || !judge(seen).stale) return undefined;
      return (await replaceIfUnchanged(gate, seen.identity, candidate, me, depth + 1)) ? held : undefined;
    }
    return undefined;
  } finally {
    await unlinkQuietly(candidate);
  }
}

export function sameInode(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.split(':').slice(0, 2).join(':') === b.split(':').slice(0, 2).join(':');
}

