/**
 * A full disk fails a write some time after it was handed to the stream. Every writer must then
 * reject its next write, close or abort with that error (or settle quietly on abort), never wait
 * for a 'drain' that an errored stream does not emit: that wait was a run that hung on a full disk
 * instead of exiting 1. /dev/full fails every write with ENOSPC, as a full disk does.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CsvTableWriter } from '../pipeline/writers/csv.js';
import { openFileStream, writeChunk, endFileStream, discardFileStream, WRITE_AHEAD_BYTES } from '../pipeline/writers/file-stream.js';
import { DeltaWriter, LANE_PART, partName, workDir } from '../pipeline/checkpoint.js';
import { col, table } from '../pipeline/schema.js';
import type { Doc } from '../pipeline/doc.js';

const hasDevFull = existsSync('/dev/full');
const small = table('small', 'one column', [col.string('id', '')]);

/** Fails the test instead of hanging it when the promise does not settle. */
async function settles<T>(p: Promise<T>, ms = 5_000): Promise<{ ok: true; value: T } | { ok: false; error: NodeJS.ErrnoException }> {
  const timeout = sleep(ms).then(() => { throw new Error(`did not settle within ${ms} ms`); });
  try {
    return { ok: true, value: await Promise.race([p, timeout]) };
  } catch (err) {
    if (err instanceof Error && /did not settle/.test(err.message)) throw err;
    return { ok: false, error: err as NodeJS.ErrnoException };
  }
}

let work: string;
beforeAll(async () => { work = await mkdtemp(join(tmpdir(), 'news-etl-full-')); });
afterAll(async () => { await rm(work, { recursive: true, force: true }); });

describe.runIf(hasDevFull)('writers on a full disk (/dev/full)', () => {
  it('a write after the stream failed rejects with ENOSPC instead of waiting for drain', async () => {
    const out = openFileStream('/dev/full');
    await writeChunk(out, 'small enough to be buffered\n'); // taken; the disk refuses it later
    await sleep(50);
    expect(out.errored).toBeTruthy();
    const r = await settles(writeChunk(out, 'x'.repeat(1 << 20)));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('ENOSPC');
    expect((await settles(endFileStream(out))).ok).toBe(false);
    expect((await settles(discardFileStream(out))).ok).toBe(true);
  });

  it('a write that fills the buffer rejects when the disk refuses it', async () => {
    const out = openFileStream('/dev/full');
    const r = await settles(writeChunk(out, 'x'.repeat(WRITE_AHEAD_BYTES)));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('ENOSPC');
  });

  it('CSV: appends, close and abort settle with the error', async () => {
    // Short rows: a batch is taken into the stream's buffer at once, and the disk refuses it later.
    const w = await CsvTableWriter.open(small, '/dev/full');
    const append = async (from: number, count: number) => {
      for (let i = from; i < from + count; i++) await w.append({ id: `row ${i}` });
    };
    expect((await settles(append(0, 1_024))).ok).toBe(true);
    await sleep(50);
    const more = await settles(append(1_024, 2_048));
    expect(more.ok ? undefined : more.error.code).toBe('ENOSPC');
    const closed = await settles(w.close());
    expect(closed.ok ? undefined : closed.error.code).toBe('ENOSPC');
    expect((await settles(w.abort())).ok).toBe(true);
  });

  it('checkpoint deltas: a failed write rejects, and abort settles', async () => {
    // The part files a DeltaWriter opens, made links to /dev/full before it opens them.
    const dir = workDir(work, 'r');
    await mkdir(dir, { recursive: true });
    for (const ext of ['jsonl.deflate', 'idx']) await symlink('/dev/full', join(dir, `${partName(LANE_PART, 0)}.${ext}`));
    const writer = await DeltaWriter.open(work, 'r', LANE_PART, 0);
    const doc = { id: 'd', text: 'z'.repeat(4_000) } as unknown as Doc;
    let failed: NodeJS.ErrnoException | undefined;
    for (let i = 0; i < 2_000 && !failed; i++) {
      const r = await settles(writer.write(`d${i}`, doc, [['boilerplate', { text: `${'w'.repeat(4_000)}${i}` }]]));
      if (!r.ok) failed = r.error;
      if (i % 64 === 0) await sleep(1);
    }
    const closed = await settles(writer.close());
    expect(failed?.code ?? (closed.ok ? undefined : closed.error.code)).toBe('ENOSPC');
    expect((await settles(writer.abort())).ok).toBe(true);
  });
});
