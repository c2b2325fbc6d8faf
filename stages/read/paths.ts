/**
 * Input paths as the pipeline names them: relative to the input root, '/'-separated, and as
 * strings even when a file name is not valid UTF-8. Such names keep every byte: a byte that is
 * not part of a valid UTF-8 sequence becomes the lone surrogate U+DC00+byte (Python's
 * "surrogateescape"), which no valid UTF-8 name can produce. So two names that differ only in
 * their undecodable bytes stay two paths, two files-table entries and two doc ids, and the
 * original bytes can be recovered (`pathBytes`) to hash or to open the file.
 */
import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';

const ESCAPE_BASE = 0xdc00;
/** ES2024's String.prototype.isWellFormed, which Node 20 has and the project's ES2023 lib does not declare. */
type WellFormedCheck = string & { isWellFormed(): boolean };

/** A file name's bytes as a path string (surrogate-escaped where they are not UTF-8). */
export function nameFromBytes(bytes: Buffer): string {
  if (isUtf8(bytes)) return bytes.toString('utf8');
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const n = validSequenceLength(bytes, i);
    if (n > 0) {
      out += bytes.toString('utf8', i, i + n);
      i += n;
    } else {
      out += String.fromCharCode(ESCAPE_BASE + bytes[i]);
      i++;
    }
  }
  return out;
}

/** The bytes a path string stands for: UTF-8, with escaped bytes restored. */
export function pathBytes(path: string): Buffer {
  if ((path as WellFormedCheck).isWellFormed()) return Buffer.from(path, 'utf8');
  const parts: Buffer[] = [];
  let run = '';
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    const lone = c >= ESCAPE_BASE + 0x80 && c <= ESCAPE_BASE + 0xff && !(i > 0 && isHighSurrogate(path.charCodeAt(i - 1)));
    if (!lone) { run += path[i]; continue; }
    if (run) parts.push(Buffer.from(run, 'utf8'));
    run = '';
    parts.push(Buffer.of(c - ESCAPE_BASE));
  }
  if (run) parts.push(Buffer.from(run, 'utf8'));
  return Buffer.concat(parts);
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/** Length of the valid UTF-8 sequence starting at i, or 0 when the byte there starts none. */
function validSequenceLength(b: Buffer, i: number): number {
  const lead = b[i];
  if (lead < 0x80) return 1;
  const n = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  if (n === 0 || i + n > b.length) return 0;
  return isUtf8(b.subarray(i, i + n)) ? n : 0;
}

/**
 * A document's id: the first 8 bytes of sha256 over the path's bytes (plus ":<n>" for the n-th
 * record of a JSONL, WARC or ARC file), as 16 hex chars. Hashing the bytes, not the string's
 * UTF-8, is what keeps non-UTF-8 names apart; for UTF-8 names the two are the same bytes.
 */
export function docIdFor(path: string, record?: number): string {
  const h = createHash('sha256').update(pathBytes(path));
  if (record !== undefined) h.update(`:${record}`);
  // Hex of the first 8 bytes: a fresh 16-char string, not a slice that would keep the 64-char digest alive.
  return h.digest().toString('hex', 0, 8);
}
