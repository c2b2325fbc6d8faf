/**
 * Short strings are encoded here when they are ASCII (most cells: ids, names, numbers): a call
 * into Buffer.write costs more than this loop for them. Longer ones, and any with another
 * character, take Buffer.write.
 */
export const SHORT_UNITS = 64;

/** Writes `text` as UTF-8 into `buffer` at `at`, which has room for it; returns the bytes written. */
export function writeUtf8(buffer: Buffer, text: string, at: number): number {
  const units = text.length;
  if (units <= SHORT_UNITS) {
    let i = 0;
    for (; i < units; i++) {
      const code = text.charCodeAt(i);
      if (code >= 0x80) break;
      buffer[at + i] = code;
    }
    if (i === units) return units;
  }
  return buffer.write(text, at, 'utf8');
}

/** Writes a 32-bit unsigned length, little-endian, at `at`. */
export function writeUint32LE(buffer: Buffer, value: number, at: number): void {
  buffer[at] = value & 0xff;
  buffer[at + 1] = (value >>> 8) & 0xff;
  buffer[at + 2] = (value >>> 16) & 0xff;
  buffer[at + 3] = value >>> 24;
}
