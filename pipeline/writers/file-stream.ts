import { createWriteStream, type WriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

/**
 * What a file stream holds before writeChunk waits for it to drain: a few of the writers' chunks
 * (a Parquet row group of documents is a few MB). With the default (16 KiB) every chunk waited
 * until the file system had taken it, and a lane spent that time idle instead of encoding the next
 * rows while the thread pool writes. The cost is memory outside the JS heap, bounded by this times
 * the files a lane has open (its tables' CSV and Parquet parts and its checkpoint), and reached only
 * when the disk is slower than the lane.
 */
export const WRITE_AHEAD_BYTES = 1 << 22;

/**
 * A file write stream whose failure is kept, not thrown: an fs stream that fails (a full disk)
 * emits 'error' once, whenever its pending write fails, and with nobody listening at that moment
 * the process dies. The error stays in `errored` and the next write or end rejects with it.
 */
export function openFileStream(path: string, options?: { encoding?: BufferEncoding }): WriteStream {
  const out = createWriteStream(path, { ...options, highWaterMark: WRITE_AHEAD_BYTES });
  out.on('error', () => undefined);
  return out;
}

/**
 * Writes a chunk and, when the stream's buffer is full, waits until it takes more. Rejects with
 * the stream's error instead: an errored stream never emits 'drain', and waiting for one was a
 * run that hung on a full disk instead of failing.
 */
export async function writeChunk(out: Writable, chunk: string | Uint8Array): Promise<void> {
  if (out.errored) throw out.errored;
  if (out.destroyed || out.writableEnded) throw new Error(`write to ${nameOf(out)} after it was closed`);
  if (out.write(chunk)) return;
  await new Promise<void>((resolve, reject) => {
    const settle = (err?: Error | null): void => {
      out.off('drain', onDrain);
      out.off('error', settle);
      out.off('close', onClose);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = (): void => settle();
    const onClose = (): void => settle(out.errored ?? new Error(`${nameOf(out)} was closed before its data was written`));
    out.on('drain', onDrain);
    out.on('error', settle);
    out.on('close', onClose);
  });
}

const nameOf = (out: Writable): string => String((out as Partial<WriteStream>).path ?? 'stream');

/** Ends the stream and waits until its data is in the file; rejects with the stream's error. */
export async function endFileStream(out: WriteStream): Promise<void> {
  if (out.errored) throw out.errored;
  out.end();
  await finished(out);
}

/** Stops writing: the file is deleted next, so what is buffered need not reach it. */
export async function discardFileStream(out: WriteStream): Promise<void> {
  if (out.destroyed) return;
  out.destroy();
  await finished(out).catch(() => undefined);
}
