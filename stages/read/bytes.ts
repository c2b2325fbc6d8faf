/**
 * A pull reader over a stream of byte chunks, for the record formats (WARC, ARC, HTTP) whose
 * framing mixes header lines with counted bodies. Memory is bounded by what the caller asks for:
 * header blocks and lines are read up to a limit, bodies are read whole only when the caller
 * chose to keep them, and skipped otherwise.
 */

const EMPTY = Buffer.alloc(0);

export class ByteReader {
  private buf: Buffer = EMPTY;
  private pos = 0;
  private ended = false;
  /** Bytes consumed so far: the offset of the next byte in the (decompressed) stream. */
  offset = 0;

  constructor(private readonly source: AsyncIterator<Buffer>) {}

  static from(chunks: AsyncIterable<Buffer>): ByteReader {
    return new ByteReader(chunks[Symbol.asyncIterator]());
  }

  private get buffered(): number {
    return this.buf.length - this.pos;
  }

  /** Appends the next chunk to what is buffered; false at the end of the stream. */
  private async more(): Promise<boolean> {
    if (this.ended) return false;
    const next = await this.source.next();
    if (next.done) {
      this.ended = true;
      return false;
    }
    this.buf = this.buffered > 0 ? Buffer.concat([this.buf.subarray(this.pos), next.value]) : next.value;
    this.pos = 0;
    return true;
  }

  private consume(n: number): Buffer {
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    this.offset += n;
    return out;
  }

  /** True when nothing is left. */
  async atEnd(): Promise<boolean> {
    while (this.buffered === 0) if (!(await this.more())) return true;
    return false;
  }

  /** The next `n` bytes without consuming them (fewer at the end of the stream). */
  async peek(n: number): Promise<Buffer> {
    while (this.buffered < n) if (!(await this.more())) break;
    return this.buf.subarray(this.pos, this.pos + Math.min(n, this.buffered));
  }

  /**
   * Bytes up to and including the first occurrence of `marker`, if it occurs within `max` bytes;
   * otherwise null, having consumed nothing. Used for header blocks (marker CRLF CRLF or LF LF).
   */
  async readThrough(markers: Buffer[], max: number): Promise<Buffer | null> {
    let searched = 0;
    for (;;) {
      let best = -1;
      let bestLen = 0;
      for (const m of markers) {
        const at = this.buf.indexOf(m, this.pos + Math.max(0, searched - m.length));
        if (at >= 0 && (best < 0 || at < best)) { best = at; bestLen = m.length; }
      }
      if (best >= 0 && best + bestLen - this.pos <= max) return this.consume(best + bestLen - this.pos);
      if (best >= 0 || this.buffered >= max) return null;
      searched = this.buffered;
      if (!(await this.more())) return null;
    }
  }

  /** A line ending in '\n' (kept), at most `max` bytes; a longer line is consumed and reported by its length. */
  async readLine(max: number): Promise<Buffer | { tooLong: number } | null> {
    let dropped = 0;
    for (;;) {
      const nl = this.buf.indexOf(10, this.pos);
      if (nl >= 0 && dropped === 0 && nl + 1 - this.pos <= max) return this.consume(nl + 1 - this.pos);
      if (nl >= 0) return { tooLong: dropped + this.consume(nl + 1 - this.pos).length };
      if (this.buffered > max) dropped += this.consume(this.buffered).length;
      if (!(await this.more())) {
        if (this.buffered === 0 && dropped === 0) return null;
        return dropped > 0 ? { tooLong: dropped + this.consume(this.buffered).length } : this.consume(this.buffered);
      }
    }
  }

  /** Exactly `n` bytes, or fewer when the stream ends first. */
  async read(n: number): Promise<Buffer> {
    if (this.buffered >= n) return Buffer.from(this.consume(n));
    const parts: Buffer[] = [];
    let got = 0;
    while (got < n) {
      if (this.buffered === 0 && !(await this.more())) break;
      const part = this.consume(Math.min(n - got, this.buffered));
      parts.push(part);
      got += part.length;
    }
    return Buffer.concat(parts, got);
  }

  /** Passes over `n` bytes without keeping them; returns how many there were. */
  async skip(n: number): Promise<number> {
    let skipped = 0;
    while (skipped < n) {
      if (this.buffered === 0 && !(await this.more())) break;
      skipped += this.consume(Math.min(n - skipped, this.buffered)).length;
    }
    return skipped;
  }
}
