/**
 * Streaming gunzip that keeps what comes before damage: every byte decoded before a corrupt or
 * cut member reaches the reader, then the error.
 *
 * node:zlib's Gunzip cannot promise that. Given input that holds several members (a crawler's WARC
 * has one per record), it decodes them all within one call to zlib, and a data error in the last
 * of them is reported instead of that call's output: the intact members decoded in the same call
 * are dropped with it (every intact record before a corrupt one, in a small file). So here each
 * member's header and trailer are read in JS and its deflate body goes through an InflateRaw of
 * its own, which stops at the member's end: no call spans two members. Within a damaged member
 * only the output of the failing call (one output chunk at most, 16 KiB) can be lost; the
 * member's earlier output has been delivered already.
 *
 * Errors carry zlib's codes and messages (Z_DATA_ERROR "incorrect header check", "incorrect data
 * check", ...; Z_BUF_ERROR "unexpected end of file" for input cut short), as Gunzip's do. Zero
 * bytes between or after members are padding and passed over (Gunzip ignores everything after a
 * zero byte that follows a member; here a member after the padding is still read).
 *
 * Memory: the decoder holds at most one input chunk and, when the reader is slower than zlib, a
 * queue of output of about OUT_QUEUE_BYTES (zlib is paused until the reader has taken it), however
 * large the file or however far a member expands (a gzip bomb streams through in bounded memory).
 */
import type { TransformOptions } from 'node:stream';
import { constants, crc32, createInflateRaw, inflateRawSync, type ZlibOptions } from 'node:zlib';

/** Output decoded ahead of the reader before zlib is paused. */
const OUT_QUEUE_BYTES = 1 << 20;
/** A member whose deflate data fits in this much input is decoded in one synchronous call ... */
const SYNC_IN_BYTES = 256 * 1024;
/** ... unless it expands past this. */
const SYNC_OUT_BYTES = 1 << 20;
const EMPTY = Buffer.alloc(0);
const FHCRC = 0x02;
const FEXTRA = 0x04;
const FNAME = 0x08;
const FCOMMENT = 0x10;
const RESERVED_FLAGS = 0xe0;

function zlibError(code: 'Z_DATA_ERROR' | 'Z_BUF_ERROR', message: string): Error {
  return Object.assign(new Error(message), { code, errno: constants[code] });
}

const cutShort = (): Error => zlibError('Z_BUF_ERROR', 'unexpected end of file');

/** The compressed bytes: pulled chunk by chunk, with what a member left unread put back in front. */
class Input {
  private buf: Buffer = EMPTY;
  private done = false;

  constructor(private readonly source: AsyncIterator<Buffer>) {}

  get buffered(): Buffer {
    return this.buf;
  }

  /** Reads on until at least `n` bytes are buffered; false when the input ends first. */
  async fill(n: number): Promise<boolean> {
    while (this.buf.length < n) {
      const next = await this.pull();
      if (next === null) return false;
      this.buf = this.buf.length > 0 ? Buffer.concat([this.buf, next]) : next;
    }
    return true;
  }

  take(n: number): Buffer {
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    return out;
  }

  /** What is buffered, else the next chunk; null at the end of the input. */
  async chunk(): Promise<Buffer | null> {
    return this.buf.length > 0 ? this.take(this.buf.length) : this.pull();
  }

  unread(bytes: Buffer): void {
    if (bytes.length > 0) this.buf = this.buf.length > 0 ? Buffer.concat([bytes, this.buf]) : bytes;
  }

  async close(): Promise<void> {
    await this.source.return?.();
  }

  private async pull(): Promise<Buffer | null> {
    if (this.done) return null;
    const next = await this.source.next();
    if (next.done) {
      this.done = true;
      return null;
    }
    return next.value;
  }
}

/** The decompressed bytes of gzip data, member after member. Throws (after the last good byte) on damage. */
export async function* gunzipChunks(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const input = new Input(chunks[Symbol.asyncIterator]());
  let trySync = true;
  try {
    while (await memberHeader(input)) {
      const body = { crc: 0, size: 0, used: 0 };
      await input.fill(SYNC_IN_BYTES);
      const whole = trySync ? inflateWhole(input.buffered.subarray(0, SYNC_IN_BYTES)) : undefined;
      if (whole) {
        input.take(whole.used);
        body.crc = crc32(whole.out);
        body.size = whole.out.length;
        if (whole.out.length > 0) yield whole.out;
      } else {
        yield* memberBody(input, body);
        // a run of big members goes straight to the stream; a small one tries the quick way again
        trySync = body.used <= SYNC_IN_BYTES;
      }
      if (!(await input.fill(8))) throw cutShort();
      const trailer = input.take(8);
      if (trailer.readUInt32LE(0) !== body.crc) throw zlibError('Z_DATA_ERROR', 'incorrect data check');
      if (trailer.readUInt32LE(4) !== body.size % 2 ** 32) throw zlibError('Z_DATA_ERROR', 'incorrect length check');
    }
  } finally {
    await input.close();
  }
}

/**
 * A member's deflate data decoded at once when all of it is in `bytes` and it decodes cleanly to
 * at most SYNC_OUT_BYTES; undefined otherwise (longer, damaged or cut: the member is then streamed,
 * which delivers what comes before damage). A stream per member costs more than decoding a
 * crawler's typical record member; blocking for this much input costs a few ms at most.
 */
function inflateWhole(bytes: Buffer): { out: Buffer; used: number } | undefined {
  try {
    // `info` makes it return the engine too, whose bytesWritten is the input the member took
    const got = inflateRawSync(bytes, { info: true, maxOutputLength: SYNC_OUT_BYTES }) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
    return { out: got.buffer, used: got.engine.bytesWritten };
  } catch {
    return undefined;
  }
}

/** Reads a member's header (RFC 1952); false at the clean end of the input (after any zero padding). */
async function memberHeader(input: Input): Promise<boolean> {
  for (;;) {
    if (!(await input.fill(1))) return false;
    const b = input.buffered;
    let i = 0;
    while (i < b.length && b[i] === 0) i++;
    input.take(i);
    if (i < b.length) break;
  }
  await input.fill(3);
  const id = input.buffered;
  if (id[0] !== 0x1f || (id.length > 1 && id[1] !== 0x8b)) throw zlibError('Z_DATA_ERROR', 'incorrect header check');
  if (id.length > 2 && id[2] !== 8) throw zlibError('Z_DATA_ERROR', 'unknown compression method');
  if (!(await input.fill(10))) throw cutShort();
  const fixed = input.take(10);
  const flags = fixed[3];
  if (flags & RESERVED_FLAGS) throw zlibError('Z_DATA_ERROR', 'unknown header flags set');
  let headerCrc = flags & FHCRC ? crc32(fixed) : 0;
  const seen = (bytes: Buffer): void => {
    if (flags & FHCRC) headerCrc = crc32(bytes, headerCrc);
  };
  if (flags & FEXTRA) {
    if (!(await input.fill(2))) throw cutShort();
    const xlen = input.take(2);
    seen(xlen);
    for (let left = xlen.readUInt16LE(0); left > 0;) {
      if (!(await input.fill(1))) throw cutShort();
      const part = input.take(Math.min(left, input.buffered.length));
      seen(part);
      left -= part.length;
    }
  }
  for (const flag of [FNAME, FCOMMENT]) {
    if (!(flags & flag)) continue;
    // zero-terminated, of any length: passed over as it streams
    for (let end = -1; end < 0;) {
      if (!(await input.fill(1))) throw cutShort();
      end = input.buffered.indexOf(0);
      seen(input.take(end < 0 ? input.buffered.length : end + 1));
    }
  }
  if (flags & FHCRC) {
    if (!(await input.fill(2))) throw cutShort();
    if (input.take(2).readUInt16LE(0) !== (headerCrc & 0xffff)) throw zlibError('Z_DATA_ERROR', 'header crc mismatch');
  }
  return true;
}

/**
 * A member's deflate data through its own InflateRaw, which ends with the deflate stream: the
 * input it did not consume (the trailer and the next members) goes back to `input`. `body` gets
 * the CRC-32 and length of the output for the trailer check, and the input it took.
 */
async function* memberBody(input: Input, body: { crc: number; size: number; used: number }): AsyncGenerator<Buffer> {
  // zlib streams take the stream options too (their types do not say so)
  const options: ZlibOptions & TransformOptions = { readableHighWaterMark: 1 };
  const inflate = createInflateRaw(options);
  const queue: Buffer[] = [];
  let queued = 0;
  let ended = false;
  let failed: Error | undefined;
  let writing = false;
  let finishing = false;
  let written = 0;
  let last: Buffer = EMPTY;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  // Flowing, so each chunk comes straight here as zlib pushes it; paused (the reader is behind),
  // one chunk at most waits inside the stream and zlib makes no further call until it is resumed,
  // so an error can never arrive with decoded output still held in the stream.
  inflate.on('data', (chunk: Buffer) => {
    queue.push(chunk);
    queued += chunk.length;
    body.crc = crc32(chunk, body.crc);
    body.size += chunk.length;
    if (queued >= OUT_QUEUE_BYTES) inflate.pause();
    notify();
  });
  inflate.on('end', () => {
    ended = true;
    notify();
  });
  inflate.on('error', (err: Error) => {
    failed ??= err;
    notify();
  });
  try {
    for (;;) {
      if (queue.length > 0) {
        const chunk = queue.shift()!;
        queued -= chunk.length;
        yield chunk;
        continue;
      }
      if (failed) throw failed;
      if (ended) break;
      if (inflate.isPaused()) inflate.resume();
      // After a write, input left unconsumed means the deflate stream has ended: 'end' follows.
      if (!writing && !finishing && inflate.bytesWritten === written) {
        const chunk = await input.chunk();
        if (chunk === null) {
          finishing = true;
          inflate.end();
        } else {
          writing = true;
          written += chunk.length;
          last = chunk;
          inflate.write(chunk, () => {
            writing = false;
            notify();
          });
        }
        continue;
      }
      await new Promise<void>((resolve) => { wake = resolve; });
    }
    body.used = inflate.bytesWritten;
    input.unread(last.subarray(last.length - (written - inflate.bytesWritten)));
  } finally {
    inflate.destroy();
  }
}
