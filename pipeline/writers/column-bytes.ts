import { writeUint32LE, writeUtf8 } from './utf8.js';

/** A UTF-16 unit takes at most 3 bytes of UTF-8. */
export const MAX_UTF8_PER_UNIT = 3;
const FIRST_BYTES = 1 << 16;

/**
 * PLAIN-encoded BYTE_ARRAY values (a 4-byte little-endian length, then the bytes) written straight
 * into one growing buffer: parquetjs-lite's encoder makes a Buffer per value and copies it once more.
 */
export class ColumnBytes {
  private buffer = Buffer.allocUnsafeSlow(FIRST_BYTES);
  private used = 0;

  addString(value: string): void {
    this.reserve(4 + value.length * MAX_UTF8_PER_UNIT);
    const at = this.used;
    const length = writeUtf8(this.buffer, value, at + 4);
    writeUint32LE(this.buffer, length, at);
    this.used = at + 4 + length;
  }

  /** The values so far; the next ones start a new page, in the same memory: the view is good until then. */
  take(): Buffer {
    const page = this.buffer.subarray(0, this.used);
    this.used = 0;
    return page;
  }

  private reserve(bytes: number): void {
    if (this.used + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(this.buffer.length * 2, this.used + bytes));
    this.buffer.copy(grown, 0, 0, this.used);
    this.buffer = grown;
  }
}
