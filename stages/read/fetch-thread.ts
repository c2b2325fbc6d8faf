/**
 * Reads and hashes article-sized files on a thread of its own. Opening, reading and closing
 * thousands of small files is system-call time that the stages' own work would otherwise wait
 * for; on this thread it overlaps that work. Requests leave in batches and answers come back in
 * batches, so the main thread's share is one message per batch, not a round trip per file.
 *
 * The thread only fetches bytes: every decision about them (limits, decoding, rejects) stays with
 * the caller. A file too big for it, or of unknown size, is handed back unread, and if the thread
 * dies, every file it still owed is handed back too: the caller then reads it itself.
 */
import { Worker } from 'node:worker_threads';
import type { FsPath } from './walk.js';

/** Size and mtime of a file, taken from the open file. */
export interface FileStat { size: number; mtimeMs: number }

/** What the thread answers for one file. */
export type Fetched =
  | { kind: 'bytes'; bytes: Buffer; sha256: string; stat?: FileStat }
  | { kind: 'error'; error: NodeJS.ErrnoException; stat?: FileStat }
  | { kind: 'handed_back'; stat?: FileStat };

interface Request { id: number; path: FsPath; statted: boolean }
interface Answer { id: number; stat?: FileStat; bytes?: Uint8Array; sha256?: string; code?: string; message?: string; handBack?: boolean }

/** A file over this many bytes is read by the caller (its own bounded and streamed paths). */
const THREAD_MAX_BYTES = 1 << 20;
/** Files per message: enough that messages are rare, few enough that the first answer comes soon. */
const BATCH = 8;
/**
 * Files a reader keeps requested ahead of the one it waits for: several batches, so the thread
 * answers one while the documents of the one before are being processed.
 */
export const FETCH_READ_AHEAD = 8 * BATCH;

const FETCH_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const { openSync, fstatSync, readSync, closeSync } = require('node:fs');
const { createHash } = require('node:crypto');
const asPath = (p) => (typeof p === 'string' ? p : Buffer.from(p.buffer, p.byteOffset, p.byteLength));
function fetchOne(r) {
  let fd, stat;
  try {
    fd = openSync(asPath(r.path), 'r');
    // the open file's size, not the walk's: the file may have changed since
    const s = fstatSync(fd);
    const size = s.size;
    if (!r.statted) stat = { size: s.size, mtimeMs: s.mtimeMs };
    if (size === 0 || size > workerData.maxBytes) return { answer: { id: r.id, stat, handBack: true } };
    const bytes = new Uint8Array(size);
    let filled = 0;
    for (let n = 1; n > 0 && filled < size; filled += n) n = readSync(fd, bytes, filled, size - filled, null);
    const kept = filled < size ? bytes.slice(0, filled) : bytes;
    const sha256 = createHash('sha256').update(kept).digest('hex');
    return { answer: { id: r.id, stat, bytes: kept, sha256 }, transfer: kept.buffer };
  } catch (e) {
    return { answer: { id: r.id, stat, code: e.code, message: e.message } };
  } finally {
    if (fd !== undefined) try { closeSync(fd); } catch {}
  }
}
parentPort.on('message', (batch) => {
  const answers = [];
  const transfer = [];
  for (const r of batch) {
    const { answer, transfer: t } = fetchOne(r);
    answers.push(answer);
    if (t) transfer.push(t);
  }
  parentPort.postMessage(answers, transfer);
});
`;

/** One reading thread for one read of the input; `close()` ends it. */
export class FetchThread {
  private worker: Worker | undefined;
  private broken = false;
  private nextId = 0;
  private queued: Request[] = [];
  private readonly owed = new Map<number, (f: Fetched) => void>();

  /**
   * The file's bytes and hash, or why not; its size and mtime too unless the walk `statted` it.
   * The request leaves with its batch, or at `flush()`; `id` tells `isQueued` which request it is.
   */
  fetch(path: FsPath, statted: boolean): { id: number; fetched: Promise<Fetched> } {
    const id = this.nextId++;
    if (this.broken) return { id, fetched: Promise.resolve({ kind: 'handed_back' }) };
    const fetched = new Promise<Fetched>((resolve) => this.owed.set(id, resolve));
    this.queued.push({ id, path, statted });
    if (this.queued.length >= BATCH) this.flush();
    return { id, fetched };
  }

  /** True while request `id` waits to be sent: its answer cannot come before a `flush()`. */
  isQueued(id: number): boolean {
    return this.queued.length > 0 && id >= this.queued[0].id;
  }

  /** Sends what is queued: a caller about to wait for an answer calls this first. */
  flush(): void {
    if (this.queued.length === 0) return;
    const batch = this.queued;
    this.queued = [];
    const worker = this.thread();
    if (!worker) return this.handBackAll();
    worker.ref();
    worker.postMessage(batch);
  }

  async close(): Promise<void> {
    this.handBackAll();
    const worker = this.worker;
    this.worker = undefined;
    this.broken = true;
    if (worker) await worker.terminate();
  }

  private thread(): Worker | undefined {
    if (this.broken) return undefined;
    if (this.worker) return this.worker;
    const worker = new Worker(FETCH_THREAD, { eval: true, execArgv: [], workerData: { maxBytes: THREAD_MAX_BYTES } });
    worker.on('message', (answers: Answer[]) => this.take(answers));
    // A thread that fails leaves its files to the caller: reading goes on, only slower.
    worker.on('error', () => this.fail());
    worker.on('exit', () => this.fail());
    this.worker = worker;
    return worker;
  }

  private take(answers: Answer[]): void {
    for (const a of answers) {
      const resolve = this.owed.get(a.id);
      if (!resolve) continue;
      this.owed.delete(a.id);
      resolve(fetchedOf(a));
    }
    // An idle thread must not keep the process alive.
    if (this.owed.size === 0) this.worker?.unref();
  }

  private fail(): void {
    this.broken = true;
    this.worker = undefined;
    this.handBackAll();
  }

  private handBackAll(): void {
    this.queued = [];
    for (const resolve of this.owed.values()) resolve({ kind: 'handed_back' });
    this.owed.clear();
  }
}

function fetchedOf(a: Answer): Fetched {
  if (a.bytes) return { kind: 'bytes', bytes: Buffer.from(a.bytes.buffer, a.bytes.byteOffset, a.bytes.byteLength), sha256: a.sha256!, stat: a.stat };
  if (a.handBack) return { kind: 'handed_back', stat: a.stat };
  const error: NodeJS.ErrnoException = new Error(a.message ?? 'read failed');
  error.code = a.code;
  return { kind: 'error', error, stat: a.stat };
}
