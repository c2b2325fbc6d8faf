/**
 * Bytes -> text for the read stage: strict UTF-8 for text documents, the HTML charset rules for
 * pages (stages/html/charset.ts) with an HTTP charset where a web archive gives one, and UTF-16
 * and UTF-32 wherever a byte-order mark says so or the bytes are detectably UTF-16 (ASCII-range
 * text with a NUL in every other byte), so such files are decoded instead of being called binary.
 */
import { isUtf8 } from 'node:buffer';
import { decodeHtml } from '../html/charset.js';

export type Decoded = { ok: true; text: string } | { ok: false; reason: string; detail: string };

/** Share of NUL bytes above which a file is binary; below it they are stray bytes and dropped. */
const MAX_NUL_SHARE = 0.01;
/** Bytes looked at to tell BOM-less UTF-16 from other bytes. */
const UTF16_SNIFF_BYTES = 4096;
/** UTF-16 of ASCII-range text has a NUL in (nearly) every high byte and (nearly) none in the low ones. */
const UTF16_HIGH_NUL_SHARE = 0.3;
const UTF16_LOW_NUL_SHARE = 0.05;
/** Text with more control characters than this is not text, whatever it decoded from. */
const MAX_CONTROL_SHARE = 0.1;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export type UnicodeForm = 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';
export interface UnicodeSniff { form: UnicodeForm; bomLength: number }

/** UTF-16/32 by byte-order mark, or BOM-less UTF-16 by its NUL pattern; null otherwise (UTF-8's BOM included). */
export function sniffUnicode(bytes: Uint8Array): UnicodeSniff | null {
  const [a, b, c, d] = bytes;
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) return { form: 'utf-32le', bomLength: 4 };
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return { form: 'utf-32be', bomLength: 4 };
  if (a === 0xff && b === 0xfe) return { form: 'utf-16le', bomLength: 2 };
  if (a === 0xfe && b === 0xff) return { form: 'utf-16be', bomLength: 2 };
  const n = Math.min(bytes.length, UTF16_SNIFF_BYTES) & ~1;
  if (n < 4) return null;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNuls++;
    if (bytes[i + 1] === 0) oddNuls++;
  }
  const half = n / 2;
  if (oddNuls / half > UTF16_HIGH_NUL_SHARE && evenNuls / half < UTF16_LOW_NUL_SHARE) return { form: 'utf-16le', bomLength: 0 };
  if (evenNuls / half > UTF16_HIGH_NUL_SHARE && oddNuls / half < UTF16_LOW_NUL_SHARE) return { form: 'utf-16be', bomLength: 0 };
  return null;
}

function describe(sniff: UnicodeSniff): string {
  return `${sniff.form.toUpperCase()}${sniff.bomLength > 0 ? ' (byte-order mark)' : ' (no byte-order mark; detected from the NUL bytes)'}`;
}

/** Decodes UTF-16/32 strictly: an unpaired surrogate, a code point out of range or a cut unit is a reject that says so. */
export function decodeUnicode(bytes: Uint8Array, sniff: UnicodeSniff): Decoded {
  const body = bytes.subarray(sniff.bomLength);
  let text: string | null;
  if (sniff.form === 'utf-16le' || sniff.form === 'utf-16be') {
    try { text = new TextDecoder(sniff.form, { fatal: true }).decode(body); } catch { text = null; }
  } else {
    text = decodeUtf32(body, sniff.form === 'utf-32le');
  }
  if (text === null) return { ok: false, reason: 'invalid_charset', detail: `${describe(sniff)}, but not valid ${sniff.form.toUpperCase()} (a cut or unpaired unit)` };
  if (controlShare(text) > MAX_CONTROL_SHARE) {
    return { ok: false, reason: 'binary_content', detail: `decodes as ${describe(sniff)} to mostly control characters: not text` };
  }
  return { ok: true, text };
}

function decodeUtf32(body: Uint8Array, littleEndian: boolean): string | null {
  if (body.length % 4 !== 0) return null;
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const parts: string[] = [];
  const points: number[] = [];
  for (let i = 0; i < body.length; i += 4) {
    const cp = view.getUint32(i, littleEndian);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
    points.push(cp);
    // fromCodePoint takes its arguments on the stack: bounded batches.
    if (points.length === 8192) { parts.push(String.fromCodePoint(...points)); points.length = 0; }
  }
  parts.push(String.fromCodePoint(...points));
  return parts.join('');
}

function controlShare(text: string): number {
  if (text.length === 0) return 0;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f) n++;
  }
  return n / text.length;
}

function countNuls(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(0); i >= 0; i = bytes.indexOf(0, i + 1)) n++;
  return n;
}

/** Strict UTF-8 (or UTF-16/32 where the bytes say so) plus the normalizations every later stage relies on. */
export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { ok: false, reason: 'empty_file', detail: 'no content: the file (or, gzipped, its decompressed data) is 0 bytes' };
  const unicode = sniffUnicode(bytes);
  let text: string;
  if (unicode) {
    const decoded = decodeUnicode(bytes, unicode);
    if (!decoded.ok) return decoded;
    text = decoded.text;
  } else {
    const nul = bytes.indexOf(0);
    const nuls = nul < 0 ? 0 : countNuls(bytes);
    // Scrapers leave stray NULs in real pages (seen: 22 in 12 KB); binary files are full of them.
    if (nuls > bytes.length * MAX_NUL_SHARE) return { ok: false, reason: 'binary_content', detail: `${nuls} NUL bytes, the first at offset ${nul}, and not UTF-16: not a text file` };
    try {
      text = utf8.decode(bytes);
    } catch {
      return { ok: false, reason: 'invalid_utf8', detail: `not valid UTF-8 (first bad byte near offset ${firstInvalidUtf8(bytes)})` };
    }
  }
  text = withoutNuls(text);
  text = normalizeText(text);
  if (text.trim() === '') return { ok: false, reason: 'empty_file', detail: 'file holds only whitespace' };
  return { ok: true, text };
}

/** BOM out, CRLF/CR -> LF, non-breaking and other fixed-width spaces -> plain space. */
/** Stray NUL characters out (scrapers leave them in text; JSON writes them as \u0000). */
export function withoutNuls(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
}

export function normalizeText(text: string): string {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text.replace(/\r\n?/g, '\n').replace(/[\u00a0\u2007\u202f]/g, ' ');
}

export function firstInvalidUtf8(bytes: Uint8Array): number {
  // Binary search on the longest valid prefix: cheap, and gives the user a place to look.
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    // stream: true tolerates a multi-byte sequence cut by the prefix end; a fresh decoder holds no state.
    try { new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true }); lo = mid; } catch { hi = mid - 1; }
  }
  try {
    utf8.decode(bytes.subarray(0, lo));
    return lo;
  } catch {
    // The valid prefix ends inside a multi-byte sequence: the bad sequence starts at its lead byte.
    while (lo > 0 && (bytes[lo - 1] & 0xc0) === 0x80) lo--;
    return lo > 0 ? lo - 1 : 0;
  }
}

/**
 * An HTML page's bytes -> text. `httpCharset` is the charset of the HTTP response that carried
 * the page (web archives); it ranks as the HTML spec ranks it, after a byte-order mark and before
 * the page's own <meta>, except that bytes which are valid UTF-8 stay UTF-8 (the project's rule
 * for pages: a mislabelled UTF-8 page is far more common than Latin-1 that happens to be valid UTF-8).
 */
export function decodeHtmlBytes(bytes: Uint8Array, httpCharset?: string): Decoded {
  const unicode = sniffUnicode(bytes);
  // decodeHtml reads UTF-16 with a BOM itself; UTF-32 and BOM-less UTF-16 are transcoded for it.
  if (unicode && (unicode.bomLength === 0 || unicode.form.startsWith('utf-32'))) {
    const decoded = decodeUnicode(bytes, unicode);
    return decoded.ok ? decodeHtml(Buffer.from(decoded.text, 'utf8')) : decoded;
  }
  const decoder = !unicode && httpCharset ? decoderFor(httpCharset) : undefined;
  if (decoder && decoder.encoding !== 'utf-8' && !startsWithUtf8Bom(bytes) && !isUtf8(bytes)) {
    return decodeHtml(Buffer.from(decoder.decode(bytes), 'utf8'));
  }
  return decodeHtml(bytes);
}

function decoderFor(label: string): InstanceType<typeof TextDecoder> | undefined {
  try { return new TextDecoder(label.trim().toLowerCase()); } catch { return undefined; }
}

function startsWithUtf8Bom(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** A page cut off mid-download: no closing body/html tag and it does not even end on a tag. */
export function looksTruncated(html: string): boolean {
  const tail = html.slice(-65536).toLowerCase();
  if (tail.includes('</html') || tail.includes('</body')) return false;
  return !html.trimEnd().endsWith('>');
}
