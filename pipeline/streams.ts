/** Small async-iterable combinators the runner composes stages with. */
import type { Doc } from './doc.js';

/** Counts the time spent waiting on a source's next() (the source's own work). */
export async function* timedSource<T>(source: AsyncIterable<T>, addMs: (ms: number) => void): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  for (;;) {
    const t0 = performance.now();
    const r = await it.next();
    addMs(performance.now() - t0);
    if (r.done) return;
    yield r.value;
  }
}

/** Groups a stream into batches of at most `maxDocs` documents or about `maxChars` characters. */
export async function* batches(docs: AsyncIterable<Doc>, maxDocs: number, maxChars: number): AsyncGenerator<Doc[]> {
  let batch: Doc[] = [];
  let chars = 0;
  for await (const d of docs) {
    batch.push(d);
    chars += d.raw.length;
    if (batch.length >= maxDocs || chars >= maxChars) {
      yield batch;
      batch = [];
      chars = 0;
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * Maps batches concurrently (up to `inFlight` at once) and yields results in input order, so the
 * stream stays deterministic (dedupe keeps the first copy it sees) while workers stay busy.
 */
export async function* mapOrdered<T, R>(items: AsyncIterable<T>, fn: (item: T) => Promise<R>, inFlight: number): AsyncGenerator<R> {
  const pending: Promise<R>[] = [];
  for await (const item of items) {
    const p = fn(item);
    p.catch(() => undefined); // observed when awaited below; avoids an unhandled-rejection crash meanwhile
    pending.push(p);
    if (pending.length >= inFlight) yield await pending.shift()!;
  }
  while (pending.length > 0) yield await pending.shift()!;
}

/**
 * Waits for the stream's first item, so that a caller can skip its set-up when there is none (a
 * run over an unchanged input imports no stage); `items` yields that first item, then the rest.
 */
export async function peeked<T>(source: AsyncIterable<T>): Promise<{ empty: boolean; items: AsyncIterable<T> }> {
  const it = source[Symbol.asyncIterator]();
  const first = await it.next();
  const items = (async function* () {
    if (first.done) return;
    yield first.value;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  })();
  return { empty: first.done === true, items };
}
