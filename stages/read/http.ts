/**
 * The HTTP messages web archives store: the response head (status, headers), the body's
 * transfer coding (chunked) and content coding (gzip, deflate, br), and the charset a
 * Content-Type header names. Pure functions over bytes already read.
 */
import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate, inflateRaw } from 'node:zlib';

export interface HttpHead {
  status: number;
  /** Lower-cased header names; a repeated header keeps its last value. */
  headers: Map<string, string>;
}

const latin1 = new TextDecoder('latin1');

/** Parses a status line and header lines; null when the first line is not an HTTP status line. */
export function parseHttpHead(block: Uint8Array): HttpHead | null {
  const lines = latin1.decode(block).split(/\r?\n/);
  const status = /^HTTP\/\d(?:\.\d)?\s+(\d{3})\b/i.exec(lines[0] ?? '');
  if (!status) return null;
  return { status: Number(status[1]), headers: parseHeaderLines(lines.slice(1)) };
}

/** `Name: value` lines (continuation lines folded in); names lower-cased. */
export function parseHeaderLines(lines: string[]): Map<string, string> {
  const headers = new Map<string, string>();
  let last = '';
  for (const line of lines) {
    if (line === '') continue;
    if ((line[0] === ' ' || line[0] === '\t') && last) {
      headers.set(last, `${headers.get(last)} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    last = line.slice(0, colon).trim().toLowerCase();
    headers.set(last, line.slice(colon + 1).trim());
  }
  return headers;
}

/** The media type of a Content-Type value, lower-cased, without parameters. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

export function charsetOf(contentType: string | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '');
  return m ? m[1] : undefined;
}

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

export function isHtmlType(contentType: string | undefined): boolean {
  return HTML_TYPES.has(mediaType(contentType));
}

export type Body = { ok: true; bytes: Buffer } | { ok: false; detail: string; tooLarge?: boolean };

/**
 * Undoes `Transfer-Encoding: chunked`. A body whose first line is not a chunk size was stored
 * de-chunked by the crawler under the original header (common), and is returned as it is.
 */
export function dechunk(body: Buffer): Body {
  const first = /^([0-9a-fA-F]+)[ \t]*(;[^\r\n]*)?\r?\n/.exec(body.subarray(0, 64).toString('latin1'));
  if (!first) return { ok: true, bytes: body };
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = body.indexOf(10, at);
    const sizeLine = eol < 0 ? '' : body.subarray(at, eol).toString('latin1').split(';')[0].trim();
    if (!/^[0-9a-fA-F]{1,8}$/.test(sizeLine)) return { ok: false, detail: `chunked body: no chunk size at byte ${at}` };
    const size = parseInt(sizeLine, 16);
    const start = eol + 1;
    // The last chunk (size 0) may be followed by trailers; nothing after it is body.
    if (size === 0) return { ok: true, bytes: Buffer.concat(parts) };
    if (start + size > body.length) return { ok: false, detail: `chunked body: a chunk of ${size} bytes at byte ${at} runs past the end of the record` };
    parts.push(body.subarray(start, start + size));
    at = start + size;
    if (body[at] === 13) at++;
    if (body[at] !== 10) return { ok: false, detail: `chunked body: chunk at byte ${start - 1} is not followed by a line end` };
    at++;
  }
}

const inflateAsync = {
  gzip: promisify(gunzip),
  deflate: promisify(inflate),
  deflateRaw: promisify(inflateRaw),
  br: promisify(brotliDecompress),
};

/**
 * Undoes a Content-Encoding, with the decoded size bounded. A body that does not start like its
 * declared coding was stored decoded by the crawler and is returned as it is.
 */
export async function decodeContent(body: Buffer, coding: string | undefined, maxBytes: number): Promise<Body> {
  const c = (coding ?? '').trim().toLowerCase();
  if (c === '' || c === 'identity' || body.length === 0) return { ok: true, bytes: body };
  const options = { maxOutputLength: maxBytes };
  try {
    if (c === 'gzip' || c === 'x-gzip') {
      if (body[0] !== 0x1f || body[1] !== 0x8b) return { ok: true, bytes: body };
      return { ok: true, bytes: await inflateAsync.gzip(body, options) };
    }
    if (c === 'deflate') {
      // Servers send both zlib-wrapped and raw deflate under this name.
      const zlibWrapped = (body[0] & 0x0f) === 8 && ((body[0] << 8) | body[1]) % 31 === 0;
      return { ok: true, bytes: await (zlibWrapped ? inflateAsync.deflate : inflateAsync.deflateRaw)(body, options) };
    }
    if (c === 'br') return { ok: true, bytes: await inflateAsync.br(body, options) };
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ERR_BUFFER_TOO_LARGE') return { ok: false, detail: `decoded ${c} body is over ${maxBytes} bytes`, tooLarge: true };
    return { ok: false, detail: `${c} body cannot be decoded: ${e.message}` };
  }
  return { ok: false, detail: `unknown content coding "${c}"` };
}
