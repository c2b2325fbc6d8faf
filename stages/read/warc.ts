/**
 * Web archives, read as a stream of records: WARC (1.0/1.1) and the older ARC (v1 and v2),
 * plain or gzipped (the caller decompresses; member boundaries do not matter to a sequential
 * reader). HTML captures become pages: WARC `response` records with an HTTP 200 text/html
 * response, WARC `resource` records of type text/html, and ARC records of an HTTP 200 text/html
 * response. Every other record is passed over and counted by what it was. A record that is cut
 * short or whose framing is broken is reported, and reading goes on at the next record header.
 *
 * Why not warcio (webrecorder's JS reader): it does not read ARC (both ARC files come out as one
 * record without headers), it buffers until it finds a header terminator (a 300 MB file without
 * one took 966 MB of RSS), it drops a record cut by a truncated gzip member without a word, and
 * it reports a wrong Content-Length only on the console.
 */
import { ByteReader } from './bytes.js';
import { charsetOf, decodeContent, dechunk, isHtmlType, mediaType, parseHeaderLines, parseHttpHead, type HttpHead } from './http.js';

export interface ArchivePage {
  type: 'page';
  ordinal: number;
  uri: string;
  /** ISO 8601 UTC capture time (WARC-Date, or the ARC archive date). */
  crawledAt?: string;
  /** WARC-Record-ID without its angle brackets; ARC records have none. */
  recordId?: string;
  /** The HTML payload, transfer and content codings undone. */
  bytes: Buffer;
  /** The charset the HTTP response (or the resource record) declares. */
  charset?: string;
  /** The file ends inside this record: the page is kept only if its HTML is complete. */
  cut?: { got: number; declared: number };
}

export interface ArchiveSkip {
  type: 'skipped';
  ordinal: number;
  /** The record type (request, revisit, metadata, warcinfo, ...), or why a response is no page (not_html, status_404, ...). */
  why: string;
}

export interface ArchiveReject {
  type: 'reject';
  ordinal: number;
  reason: string;
  detail: string;
  uri?: string;
  recordId?: string;
}

export type ArchiveItem = ArchivePage | ArchiveSkip | ArchiveReject;

const CRLF2 = Buffer.from('\r\n\r\n');
const LF2 = Buffer.from('\n\n');
const BLOCK_ENDS = [CRLF2, LF2];
/** A WARC or HTTP header block larger than this is garbage, not headers. */
const MAX_HEADER_BYTES = 256 * 1024;
const MAX_LINE_BYTES = 64 * 1024;

interface RecordInfo {
  ordinal: number;
  uri?: string;
  recordId?: string;
  crawledAt?: string;
}

/** The records of one archive; `maxBytes` bounds a page's payload (larger ones are `too_large` rejects). */
export async function* archiveRecords(reader: ByteReader, maxBytes: number): AsyncGenerator<ArchiveItem> {
  await skipNewlines(reader);
  const head = (await reader.peek(11)).toString('latin1');
  if (head.startsWith('WARC/')) yield* warcRecords(reader, maxBytes);
  else if (head.startsWith('filedesc://')) yield* arcRecords(reader, maxBytes);
  else if (head.length === 0) return;
  else yield { type: 'reject', ordinal: 1, reason: 'bad_record', detail: `not a WARC or ARC file: it starts with ${JSON.stringify(head)}` };
}

async function skipNewlines(reader: ByteReader): Promise<number> {
  let n = 0;
  for (;;) {
    const b = await reader.peek(1);
    if (b.length === 0 || (b[0] !== 10 && b[0] !== 13)) return n;
    n += await reader.skip(1);
  }
}

/**
 * After a record's content: the blank line(s) that end it; `ends` false when other bytes come
 * first (a wrong Content-Length). Looking past the blank lines reads into the next gzip member:
 * when that member is damaged, the record before it is still whole, so the stream's error is
 * handed back (`broken`) to be thrown after the record, not instead of it.
 */
async function recordEnds(reader: ByteReader): Promise<{ ends: boolean; broken?: { error: unknown } }> {
  const from = reader.offset;
  try {
    return { ends: (await skipNewlines(reader)) > 0 || (await reader.atEnd()) };
  } catch (error) {
    if (reader.offset === from) throw error;
    return { ends: true, broken: { error } };
  }
}

// ---------------------------------------------------------------- WARC

async function* warcRecords(reader: ByteReader, maxBytes: number): AsyncGenerator<ArchiveItem> {
  let ordinal = 0;
  while (!(await reader.atEnd())) {
    ordinal++;
    const at = reader.offset;
    const block = await reader.readThrough(BLOCK_ENDS, MAX_HEADER_BYTES);
    const lines = block?.toString('utf8').split(/\r?\n/);
    if (!block || !lines || !/^WARC\/\d/.test(lines[0])) {
      const found = JSON.stringify((await reader.peek(40)).toString('latin1'));
      // Nothing was consumed when no header block ended in reach: step past this line, or resync finds it again.
      if (!block) await reader.readLine(MAX_LINE_BYTES);
      yield { type: 'reject', ordinal, reason: 'bad_record', detail: `no WARC record header at byte ${at} (found ${block ? JSON.stringify(lines![0].slice(0, 40)) : found}); ${await resyncWarc(reader)}` };
      continue;
    }
    const headers = parseHeaderLines(lines.slice(1));
    const record: RecordInfo = {
      ordinal,
      uri: unbracket(headers.get('warc-target-uri')),
      recordId: unbracket(headers.get('warc-record-id')),
      crawledAt: isoDate(headers.get('warc-date')),
    };
    const lengthText = headers.get('content-length') ?? '';
    if (!/^\d+$/.test(lengthText)) {
      yield reject(record, 'bad_record', `WARC record at byte ${at} has no valid Content-Length (${JSON.stringify(lengthText)}); ${await resyncWarc(reader)}`);
      continue;
    }
    const item = await warcRecord(reader, headers, record, Number(lengthText), maxBytes);
    if (item === 'truncated') {
      yield reject(record, 'truncated_record', `the file ends inside the WARC record at byte ${at} (Content-Length ${lengthText})`);
      return;
    }
    const end = await recordEnds(reader);
    if (!end.ends) {
      yield reject(record, 'bad_record', `the WARC record at byte ${at} does not end where its Content-Length (${lengthText}) says: it is cut short or its length is wrong; ${await resyncWarc(reader)}`);
      continue;
    }
    yield item;
    if (end.broken) throw end.broken.error;
  }
}

/** One record's content, read (a page) or passed over; 'truncated' when the stream ends inside it. */
async function warcRecord(reader: ByteReader, headers: Map<string, string>, record: RecordInfo, length: number, maxBytes: number): Promise<ArchiveItem | 'truncated'> {
  const type = (headers.get('warc-type') ?? 'unknown').toLowerCase();
  const contentType = headers.get('content-type');
  // Some writers leave out a response record's Content-Type; its block is still an HTTP response.
  if (type === 'response' && (!contentType || mediaType(contentType) === 'application/http')) return httpResponse(reader, record, length, maxBytes);
  if (type === 'resource' && isHtmlType(contentType)) {
    if (length > maxBytes) return (await reader.skip(length)) < length ? 'truncated' : tooLarge(record, length, maxBytes);
    const bytes = await reader.read(length);
    return page(record, bytes, charsetOf(contentType), bytes.length < length ? { got: bytes.length, declared: length } : undefined);
  }
  if ((await reader.skip(length)) < length) return 'truncated';
  return { type: 'skipped', ordinal: record.ordinal, why: type === 'response' || type === 'resource' ? 'not_html' : type };
}

/** Moves to the next line that starts a WARC record; says how far that was. */
async function resyncWarc(reader: ByteReader): Promise<string> {
  const from = reader.offset;
  for (;;) {
    if ((await reader.peek(5)).toString('latin1') === 'WARC/') return `reading goes on at the next record header, ${reader.offset - from} bytes on`;
    if ((await reader.readLine(MAX_LINE_BYTES)) === null) return 'no record header follows';
  }
}

// ---------------------------------------------------------------- ARC

interface ArcHeader { uri: string; date: string; mime: string; length: number }

/** ARC v1 header lines have 5 fields, v2 ones 10; the URL (first) may hold spaces, so fields are taken from the right. */
function parseArcHeader(line: string, fields: number): ArcHeader | { bad: string } | null {
  const tokens = line.trim().split(' ');
  if (tokens.length < fields) return null;
  const uri = tokens.slice(0, tokens.length - (fields - 1)).join(' ');
  const date = tokens[tokens.length - (fields - 2)];
  const length = tokens[tokens.length - 1];
  if (!/^\d{12,}$/.test(date) || !/^[a-z][a-z0-9+.-]*:/i.test(uri)) return null;
  if (!/^\d+$/.test(length)) return { bad: `archive length ${JSON.stringify(length)} is not a byte count` };
  return { uri, date, mime: tokens[tokens.length - (fields - 3)], length: Number(length) };
}

async function* arcRecords(reader: ByteReader, maxBytes: number): AsyncGenerator<ArchiveItem> {
  let ordinal = 0;
  let fields = 5;
  for (;;) {
    await skipNewlines(reader);
    const at = reader.offset;
    const raw = await reader.readLine(MAX_LINE_BYTES);
    if (raw === null) return;
    ordinal++;
    const line = Buffer.isBuffer(raw) ? raw.toString('utf8') : '';
    const header = parseArcHeader(line, fields);
    const record: RecordInfo = { ordinal, uri: line.split(' ')[0] || undefined };
    if (header === null || 'bad' in header) {
      const why = header ? header.bad : `not an ARC record header: ${JSON.stringify(line.slice(0, 60))}`;
      yield reject(record, 'bad_record', `ARC record at byte ${at}: ${why}; ${await resyncArc(reader, fields)}`);
      continue;
    }
    record.uri = header.uri;
    record.crawledAt = arcDate(header.date);
    let item: ArchiveItem | 'truncated';
    if (header.uri.startsWith('filedesc:')) {
      const block = await reader.read(header.length);
      item = block.length < header.length ? 'truncated' : { type: 'skipped', ordinal, why: 'filedesc' };
      // The version block's first line says which header layout the rest of the file uses.
      if (/^2\s/.test(block.toString('latin1'))) fields = 10;
    } else if (/^https?:/i.test(header.uri) && isHtmlType(header.mime)) {
      item = await httpResponse(reader, record, header.length, maxBytes);
    } else {
      item = (await reader.skip(header.length)) < header.length ? 'truncated' : { type: 'skipped', ordinal, why: 'not_html' };
    }
    if (item === 'truncated') {
      yield reject(record, 'truncated_record', `the file ends inside the ARC record at byte ${at} (archive length ${header.length})`);
      return;
    }
    const end = await recordEnds(reader);
    if (!end.ends) {
      yield reject(record, 'bad_record', `the ARC record at byte ${at} does not end where its archive length (${header.length}) says; ${await resyncArc(reader, fields)}`);
      continue;
    }
    yield item;
    if (end.broken) throw end.broken.error;
  }
}

/** Moves to the next line that parses as an ARC record header with a valid length. */
async function resyncArc(reader: ByteReader, fields: number): Promise<string> {
  const from = reader.offset;
  for (;;) {
    const next = await reader.peek(MAX_LINE_BYTES);
    if (next.length === 0) return 'no record header follows';
    const nl = next.indexOf(10);
    const header = parseArcHeader(next.subarray(0, nl < 0 ? next.length : nl).toString('utf8'), fields);
    if (header && !('bad' in header)) return `reading goes on at the next record header, ${reader.offset - from} bytes on`;
    if ((await reader.readLine(MAX_LINE_BYTES)) === null) return 'no record header follows';
  }
}

// ---------------------------------------------------------------- HTTP payloads

/** An HTTP response of `length` bytes (status line, headers, body): a page when it is a 200 text/html. */
async function httpResponse(reader: ByteReader, record: RecordInfo, length: number, maxBytes: number): Promise<ArchiveItem | 'truncated'> {
  // A response without a body may end without the blank line: then the whole record is its head.
  const block = await reader.readThrough(BLOCK_ENDS, Math.min(length, MAX_HEADER_BYTES))
    ?? (length <= MAX_HEADER_BYTES ? await reader.read(length) : null);
  const http = block ? parseHttpHead(block) : null;
  const rest = length - (block?.length ?? 0);
  const passOver = async (item: ArchiveItem): Promise<ArchiveItem | 'truncated'> => ((await reader.skip(rest)) < rest ? 'truncated' : item);
  if (!http) return passOver(reject(record, 'bad_http', 'the record holds no readable HTTP response head'));
  if (http.status !== 200) return passOver({ type: 'skipped', ordinal: record.ordinal, why: `status_${http.status}` });
  if (!isHtmlType(http.headers.get('content-type'))) return passOver({ type: 'skipped', ordinal: record.ordinal, why: 'not_html' });
  if (rest > maxBytes) return passOver(tooLarge(record, rest, maxBytes));
  const body = await reader.read(rest);
  // A capture cut at the end of the file may still hold the whole page (a stale length): its HTML decides.
  const cut = body.length < rest ? { got: body.length, declared: rest } : undefined;
  return decodeHttpBody(record, http, body, maxBytes, cut);
}

async function decodeHttpBody(record: RecordInfo, http: HttpHead, body: Buffer, maxBytes: number, cut: ArchivePage['cut']): Promise<ArchiveItem> {
  const chunked = (http.headers.get('transfer-encoding') ?? '').toLowerCase().includes('chunked');
  const unchunked = chunked ? dechunk(body) : { ok: true as const, bytes: body };
  if (!unchunked.ok) return cut ? cutShort(record, cut) : reject(record, 'bad_http', unchunked.detail);
  const decoded = await decodeContent(unchunked.bytes, http.headers.get('content-encoding'), maxBytes);
  if (!decoded.ok) return decoded.tooLarge ? reject(record, 'too_large', decoded.detail) : cut ? cutShort(record, cut) : reject(record, 'bad_http', decoded.detail);
  return page(record, decoded.bytes, charsetOf(http.headers.get('content-type')), cut);
}

function cutShort(record: RecordInfo, cut: NonNullable<ArchivePage['cut']>): ArchiveReject {
  return reject(record, 'truncated_record', cutDetail(cut));
}

export function cutDetail(cut: NonNullable<ArchivePage['cut']>): string {
  return `the file ends inside this record: ${cut.got} of its ${cut.declared} payload bytes are there, and the page is incomplete`;
}

// ---------------------------------------------------------------- items

function page(record: RecordInfo, bytes: Buffer, charset: string | undefined, cut?: ArchivePage['cut']): ArchivePage {
  const p: ArchivePage = { type: 'page', ordinal: record.ordinal, uri: record.uri ?? '', bytes };
  if (record.crawledAt) p.crawledAt = record.crawledAt;
  if (record.recordId) p.recordId = record.recordId;
  if (charset) p.charset = charset;
  if (cut) p.cut = cut;
  return p;
}

function reject(record: RecordInfo, reason: string, detail: string): ArchiveReject {
  const r: ArchiveReject = { type: 'reject', ordinal: record.ordinal, reason, detail };
  if (record.uri) r.uri = record.uri;
  if (record.recordId) r.recordId = record.recordId;
  return r;
}

function tooLarge(record: RecordInfo, bytes: number, maxBytes: number): ArchiveReject {
  return reject(record, 'too_large', `HTML payload of ${bytes} bytes > limit ${maxBytes}`);
}

/** wget writes WARC 1.0's `<uri>` form; WARC 1.1 dropped the brackets. */
function unbracket(value: string | undefined): string | undefined {
  if (!value) return undefined;
  return value.startsWith('<') && value.endsWith('>') ? value.slice(1, -1) : value;
}

function isoDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/** ARC dates are YYYYMMDDhhmmss (some writers add digits), UTC. */
function arcDate(value: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})/.exec(value);
  return m ? isoDate(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`) : undefined;
}
