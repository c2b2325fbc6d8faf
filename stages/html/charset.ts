/**
 * Decoding of HTML bytes in their original charset.
 *
 * Order: a byte-order mark wins; otherwise bytes that are valid UTF-8 are UTF-8 (a legacy page
 * almost never forms valid multi-byte UTF-8 sequences by accident, while pages that declare
 * iso-8859-1 but are served as UTF-8 are common); otherwise the charset the page declares
 * (`<meta charset>` or `<meta http-equiv="Content-Type" content="...; charset=...">` in the
 * first 64 KiB, read with htmlparser2, not with a regex); otherwise windows-1252, which maps
 * every byte. A page that declares UTF-8 but has a few broken sequences is decoded leniently.
 *
 * Reject reasons: `empty_file` (no bytes or only whitespace), `binary_content` (more than a
 * few stray NUL bytes without a UTF-16 BOM, or mostly control characters), `invalid_charset` (the page claims
 * UTF-8 and most of its non-ASCII bytes are not UTF-8, or it decodes to mostly U+FFFD).
 */
import { Parser } from 'htmlparser2';

export type HtmlDecoded =
  | { ok: true; text: string; charset: string }
  | { ok: false; reason: string; detail: string };

/** The HTML spec's prescan looks at 1024 bytes; real pages put the meta later, so look further. */
const PRESCAN_BYTES = 64 * 1024;
const MAX_REPLACEMENT_SHARE = 0.2;
const MAX_CONTROL_SHARE = 0.1;
const MAX_NUL_BYTES = 16;
const MAX_NUL_SHARE = 0.001;

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

export function decodeHtml(bytes: Uint8Array): HtmlDecoded {
  if (bytes.length === 0) return { ok: false, reason: 'empty_file', detail: 'file is 0 bytes' };
  const bom = sniffBom(bytes);
  let text: string;
  let charset: string;
  if (bom) {
    charset = bom.charset;
    text = new TextDecoder(bom.charset).decode(bytes.subarray(bom.length));
  } else {
    const nuls = countByte(bytes, 0);
    // A few stray NULs occur in real pages (they are dropped below); many mean binary or UTF-16.
    if (nuls > MAX_NUL_BYTES && nuls / bytes.length > MAX_NUL_SHARE) {
      return { ok: false, reason: 'binary_content', detail: `${nuls} NUL bytes: not an HTML page (or UTF-16 without BOM)` };
    }
    const declared = declaredCharset(bytes);
    const strict = tryUtf8(bytes);
    if (strict !== null) {
      text = strict;
      charset = 'utf-8';
    } else if (declared && declared !== 'utf-8') {
      charset = declared;
      text = new TextDecoder(declared).decode(bytes);
    } else if (declared === 'utf-8') {
      charset = 'utf-8';
      text = new TextDecoder('utf-8').decode(bytes);
      const bad = countChar(text, 0xfffd);
      if (bad > 0 && bad / Math.max(1, countNonAscii(bytes)) > 0.5) {
        return { ok: false, reason: 'invalid_charset', detail: `declared UTF-8 but ${bad} byte sequences are not UTF-8` };
      }
    } else {
      charset = 'windows-1252';
      text = new TextDecoder('windows-1252').decode(bytes);
    }
  }
  if (text.length > 0 && countChar(text, 0xfffd) / text.length > MAX_REPLACEMENT_SHARE) {
    return { ok: false, reason: 'invalid_charset', detail: `decoding as ${charset} gives mostly replacement characters` };
  }
  if (controlShare(text) > MAX_CONTROL_SHARE) {
    return { ok: false, reason: 'binary_content', detail: 'mostly control characters: not an HTML page' };
  }
  text = text.replace(/\r\n?/g, '\n').replace(/\u0000/g, '');
  if (text.trim() === '') return { ok: false, reason: 'empty_file', detail: 'file holds only whitespace' };
  return { ok: true, text, charset };
}

function sniffBom(bytes: Uint8Array): { charset: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  return null;
}

function countByte(bytes: Uint8Array, value: number): number {
  let n = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === value) n++;
  return n;
}

function tryUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8Strict.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * The charset a page declares in its first 64 KiB, as a label TextDecoder accepts (normalized
 * by TextDecoder itself: "latin1" and "iso-8859-1" both become "windows-1252"), or undefined.
 */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, PRESCAN_BYTES));
  let found: string | undefined;
  const parser = new Parser({
    onopentag(name, attribs) {
      if (found !== undefined || name !== 'meta') return;
      const direct = attribs.charset;
      if (direct) {
        found = normalizeLabel(direct);
        return;
      }
      if ((attribs['http-equiv'] ?? '').toLowerCase() === 'content-type' && attribs.content) {
        found = normalizeLabel(charsetFromContentType(attribs.content));
      }
    },
  }, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  parser.write(head);
  parser.end();
  return found;
}

/** "text/html; charset=ISO-8859-1" -> "ISO-8859-1" (a small string scan, not HTML parsing). */
function charsetFromContentType(content: string): string {
  const lower = content.toLowerCase();
  const at = lower.indexOf('charset');
  if (at < 0) return '';
  let rest = content.slice(at + 'charset'.length).trimStart();
  if (!rest.startsWith('=')) return '';
  rest = rest.slice(1).trim().replace(/^["']/, '');
  const end = rest.search(/[\s;"']/);
  return end < 0 ? rest : rest.slice(0, end);
}

function normalizeLabel(label: string | undefined): string | undefined {
  const trimmed = (label ?? '').trim();
  if (!trimmed) return undefined;
  try {
    const encoding = new TextDecoder(trimmed).encoding;
    // A page cannot really be UTF-16 if its meta was readable as ASCII (HTML spec rule).
    return encoding.startsWith('utf-16') ? 'utf-8' : encoding;
  } catch {
    return undefined; // unknown label: ignored, the fallbacks decide
  }
}

function countChar(text: string, code: number): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === code) n++;
  return n;
}

function countNonAscii(bytes: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) n++;
  return n;
}

function controlShare(text: string): number {
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  let n = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) n++;
  }
  return sample.length ? n / sample.length : 0;
}
