/**
 * gunzipChunks (stages/read/gunzip.ts): the streamed gunzip of JSONL and web archives. Same bytes
 * as zlib's gunzip on good data, whatever the chunking; on damage, everything decoded before it,
 * then an error with zlib's code; bounded memory ahead of a slow reader.
 */
import { describe, it, expect } from 'vitest';
import { randomBytes } from 'node:crypto';
import { constants, crc32, deflateRawSync, gunzipSync, gzipSync } from 'node:zlib';
import { gunzipChunks } from '../stages/read/gunzip.js';

async function* chunked(data: Buffer, size: number, pause = false): AsyncGenerator<Buffer> {
  for (let i = 0; i < data.length; i += size) {
    if (pause) await new Promise((r) => setImmediate(r));
    yield data.subarray(i, i + size);
  }
}

/** Everything delivered, and the error that ended it (if any); `slow`: the reader waits between chunks. */
async function drain(data: Buffer, size: number, slow = false): Promise<{ out: Buffer; error?: NodeJS.ErrnoException }> {
  const parts: Buffer[] = [];
  try {
    for await (const c of gunzipChunks(chunked(data, size))) {
      parts.push(Buffer.from(c));
      if (slow) await new Promise((r) => setTimeout(r, 1));
    }
    return { out: Buffer.concat(parts) };
  } catch (error) {
    return { out: Buffer.concat(parts), error: error as NodeJS.ErrnoException };
  }
}

/** A member with every optional header field (FEXTRA, FNAME, FCOMMENT, FHCRC). */
function fancyMember(content: Buffer): Buffer {
  const head = Buffer.concat([
    Buffer.from([0x1f, 0x8b, 8, 0x02 | 0x04 | 0x08 | 0x10, 0, 0, 0, 0, 0, 3]),
    Buffer.from([5, 0]), Buffer.from('extra'),
    Buffer.from('name.jsonl\0'), Buffer.from('a comment\0'),
  ]);
  const hcrc = Buffer.alloc(2);
  hcrc.writeUInt16LE(crc32(head) & 0xffff);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(content), 0);
  trailer.writeUInt32LE(content.length, 4);
  return Buffer.concat([head, hcrc, deflateRawSync(content), trailer]);
}

const text = (n: number): Buffer => Buffer.from(Array.from({ length: n }, (_, i) => `line ${i} ${randomBytes(24).toString('base64')}\n`).join(''));

describe('gunzipChunks', () => {
  it('gives the same bytes as zlib for many members, header fields, padding and a member streamed in parts, however the input is cut', async () => {
    const big = text(40_000); // > 256 KiB compressed: streamed, not decoded at once
    const members = [gzipSync('first\n'), fancyMember(Buffer.from('fancy\n')), gzipSync(''), Buffer.alloc(7), gzipSync(big), gzipSync('last\n'), Buffer.alloc(3)];
    const data = Buffer.concat(members);
    const expected = Buffer.concat([Buffer.from('first\nfancy\n'), big, Buffer.from('last\n')]);
    for (const size of [1, 1000, 4096, 1 << 20]) {
      const got = await drain(size === 1 ? data.subarray(0, 2000) : data, size); // byte by byte: through the headers
      if (size === 1) expect(got.error?.code).toBe('Z_BUF_ERROR'); // a 2000-byte cut: the input ends inside the big member
      else expect([got.error, got.out.equals(expected)]).toEqual([undefined, true]);
    }
  });

  it('delivers every member before a damaged one, then fails with zlib codes', async () => {
    const good = Buffer.concat(Array.from({ length: 20 }, (_, i) => gzipSync(`record ${i}\n`)));
    const expected = Array.from({ length: 20 }, (_, i) => `record ${i}\n`).join('');
    const scrambled = gzipSync('record 20\n'.repeat(5));
    for (let k = 12; k < scrambled.length - 8; k++) scrambled[k] ^= 0x5a;
    const badCrc = gzipSync('record 20\n');
    badCrc[badCrc.length - 8] ^= 1;
    const cases: [Buffer, string, string][] = [
      [scrambled, 'Z_DATA_ERROR', ''],
      [badCrc, 'Z_DATA_ERROR', 'record 20\n'], // the bytes come before the trailer that shows them wrong
      [Buffer.from('garbage'), 'Z_DATA_ERROR', ''],
      // cut 5 bytes into its deflate data, which already decode to a few bytes
      [gzipSync('record 20\n').subarray(0, 15), 'Z_BUF_ERROR', gunzipSync(gzipSync('record 20\n').subarray(0, 15), { finishFlush: constants.Z_SYNC_FLUSH }).toString()],
    ];
    for (const [tail, code, more] of cases) {
      // damage in the middle of the file (a cut member can only end it), or at its end
      const inputs = code === 'Z_BUF_ERROR' ? [Buffer.concat([good, tail])] : [Buffer.concat([good, tail, gzipSync('record 21\n')]), Buffer.concat([good, tail])];
      for (const input of inputs) {
        const got = await drain(input, 1 << 20);
        expect([got.error?.code, got.out.toString()]).toEqual([code, expected + more]);
      }
    }
  });

  it('inside a damaged big member, delivers what was decoded before the damage, to a slow reader as to a fast one', async () => {
    const original = text(60_000);
    const gz = gzipSync(original);
    const at = 800_000;
    const damaged = Buffer.from(gz);
    for (let k = at; k < at + 64; k++) damaged[k] ^= 0x5a;
    const before = gunzipSync(gz.subarray(0, at), { finishFlush: constants.Z_SYNC_FLUSH }).length;
    const fast = await drain(damaged, 1 << 20);
    const slow = await drain(damaged, 64 * 1024, true);
    for (const got of [fast, slow]) {
      expect(got.error?.code).toBe('Z_DATA_ERROR');
      // at most the failing call's output (one 16 KiB chunk) is lost
      expect(got.out.length).toBeGreaterThan(before - 16 * 1024);
      const n = Math.min(got.out.length, before);
      expect(got.out.subarray(0, n).equals(original.subarray(0, n))).toBe(true);
    }
  });

  it('decodes no further ahead of a reader that stops than about a MiB (a gzip bomb streams in bounded memory)', async () => {
    const size = 96 * 1024 * 1024;
    const bomb = gzipSync(Buffer.alloc(size));
    const it = gunzipChunks(chunked(bomb, 1 << 20))[Symbol.asyncIterator]();
    const base = process.memoryUsage().arrayBuffers;
    let total = (await it.next()).value!.length;
    let peak = 0;
    for (let i = 0; i < 25; i++) {
      await new Promise((r) => setTimeout(r, 20));
      peak = Math.max(peak, process.memoryUsage().arrayBuffers - base);
    }
    expect(peak).toBeLessThan(16 * 1024 * 1024);
    for (let r = await it.next(); !r.done; r = await it.next()) total += r.value.length;
    expect(total).toBe(size);
  });
});
