/**
 * One input file -> its documents: a whole-file document (.txt, .html, gzipped or not), the
 * records of a JSONL file, or the HTML captures of a web archive. Unreadable parts become
 * rejected Docs with a reason; nothing here throws for bad input.
 */
import { createHash, type Hash } from 'node:crypto';
import { closeSync, createReadStream, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { newDoc, type Doc, type DocMeta, type SourceInfo } from '../../pipeline/doc.js';
import { decodeHtmlBytes, decodeText, firstInvalidUtf8, looksTruncated, sniffUnicode } from './decode.js';
import { isGzipMagic } from './formats.js';
import { boundedLines, parseJsonlRecord } from './jsonl.js';
import { docIdFor } from './paths.js';
import { ioProblem, type FsPath, type InputFile } from './walk.js';
import { ByteReader } from './bytes.js';
import { gunzipChunks } from './gunzip.js';
import { archiveRecords, cutDetail, type ArchivePage } from './warc.js';
import type { Fetched, FileStat } from './fetch-thread.js';

/** Larger than any article; a bigger document, JSONL line or archived page is a dump or a scraping accident. */
export const MAX_DOC_BYTES = 16 * 1024 * 1024;
/**
 * Files up to this size are read synchronously: an article-sized file costs more in libuv's
 * thread-pool round trips (open, fstat, read, close, each a promise) than in the system calls
 * themselves, and blocking for one small read is shorter than one of those round trips.
 */
const SYNC_READ_BYTES = 1 << 20;
/** Big reads: fewer turns of the event loop per gigabyte of JSONL or WARC. */
const READ_CHUNK = 1 << 20;
const gunzipAsync = promisify(gunzip);

export function rejectedDoc(source: SourceInfo, stage: string, reason: string, detail: string): Doc {
  const doc = newDoc(docIdFor(source.path, source.line), source, '');
  doc.reject = { stage, reason, detail };
  return doc;
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The first folder under the input root names the source (site) when nothing better is known. */
function folderMeta(rel: string): DocMeta {
  return rel.includes('/') ? { sourceName: rel.slice(0, rel.indexOf('/')) } : {};
}

function statOrUndefined(path: FsPath): FileStat | undefined {
  try {
    const info = statSync(path);
    return { size: info.size, mtimeMs: info.mtimeMs };
  } catch {
    return undefined;
  }
}

export interface Unchanged { unchanged: true; sha256: string; stat?: FileStat }
/** A document, or a reject; `retry` when the problem may pass without the file changing. */
export interface FileResult { doc: Doc; retry?: boolean; stat?: FileStat }

type ReadHere =
  | { kind: 'bytes'; bytes: Buffer; sha256?: string; stat?: FileStat }
  | { kind: 'error'; error: unknown; stat?: FileStat }
  | { kind: 'too_large'; size: number; stat?: FileStat };

/**
 * A file that is one document. `sameContent` skips it once its bytes are hashed and known.
 * `fetched`: what the reading thread already did for it; without it, or handed back, the file is read here.
 */
export async function readDocumentFile(file: InputFile, sameContent: (path: string, sha: string) => boolean, fetched?: Fetched): Promise<FileResult | Unchanged> {
  const got: ReadHere = fetched === undefined || fetched.kind === 'handed_back' ? await readHere(file, fetched?.stat) : fetched;
  // a file that cannot be opened may still be stat'ed: its record keeps its size and mtime
  const stat = got.kind === 'error' && !got.stat && !file.statted ? statOrUndefined(file.abs) : got.stat;
  const source: SourceInfo = { path: file.rel, kind: file.format.kind, bytes: stat?.size ?? file.size, sha256: '' };
  const reject = (reason: string, detail: string): FileResult => ({ doc: rejectedDoc(source, 'read', reason, detail), stat });
  if (got.kind === 'too_large') return reject('too_large', `${got.size} bytes > limit ${MAX_DOC_BYTES}`);
  if (got.kind === 'error') {
    const p = ioProblem(got.error, 'file');
    return { ...reject(p.reason, p.detail), retry: p.retry };
  }
  let bytes = got.bytes;
  source.bytes = bytes.length;
  source.sha256 = got.sha256 ?? sha256(bytes);
  if (sameContent(file.rel, source.sha256)) return { unchanged: true, sha256: source.sha256, stat };
  if (isGzipMagic(bytes)) {
    try {
      bytes = await gunzipAsync(bytes, { maxOutputLength: MAX_DOC_BYTES });
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (e.code === 'ERR_BUFFER_TOO_LARGE') return reject('too_large', `decompressed over the limit of ${MAX_DOC_BYTES} bytes`);
      return reject('bad_gzip', `gzip data is cut short or corrupt: ${e.message}`);
    }
  }
  if (file.format.kind === 'html') {
    const html = decodeHtmlBytes(bytes);
    if (!html.ok) return reject(html.reason, html.detail);
    if (looksTruncated(html.text)) return reject('truncated_html', 'HTML ends inside the document (no </body> or </html>, last character not ">"): the download was cut short');
    return { doc: newDoc(docIdFor(file.rel), source, html.text, folderMeta(file.rel)), stat };
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) return reject(decoded.reason, decoded.detail);
  return { doc: newDoc(docIdFor(file.rel), source, decoded.text, folderMeta(file.rel)), stat };
}

/**
 * Opens and reads the file on this thread. `known`: its size and mtime, already taken from the
 * open file elsewhere; a file the walk did not stat and nobody else opened is fstat'ed here.
 */
async function readHere(file: InputFile, known: FileStat | undefined): Promise<ReadHere> {
  let stat = known;
  let fd: number | undefined;
  try {
    if (!file.statted && !stat) {
      fd = openSync(file.abs, 'r');
      const info = fstatSync(fd);
      stat = { size: info.size, mtimeMs: info.mtimeMs };
    }
    const size = stat?.size ?? file.size;
    if (size > MAX_DOC_BYTES) return { kind: 'too_large', size, stat };
    const bytes = size > SYNC_READ_BYTES ? await readFile(file.abs) : fd !== undefined ? readOpenFile(fd, size) : readFileSync(file.abs);
    return { kind: 'bytes', bytes, stat };
  } catch (error) {
    return { kind: 'error', error, stat };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * readFileSync(fd) for a file just fstat'ed at `size` bytes, without a second fstat: up to `size`
 * bytes (fewer if it shrank meanwhile). An empty size may be a file whose size the system does not
 * tell (procfs): it is read to its end by readFileSync.
 */
function readOpenFile(fd: number, size: number): Buffer {
  if (size === 0) return readFileSync(fd);
  const bytes = Buffer.allocUnsafe(size);
  let filled = 0;
  for (let n = 1; n > 0 && filled < size; filled += n) n = readSync(fd, bytes, filled, size - filled, null);
  return filled < size ? bytes.subarray(0, filled) : bytes;
}

/** The first bytes of a file (to tell gzip by its magic number); opening it also tells early whether it can be read. */
export async function readHead(path: FsPath, n = 4): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(n), 0, n, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export async function hashFile(path: FsPath): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: READ_CHUNK })) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** The file's sha256 while it streams; `hash` may be dropped midway (the file is then left unhashed). */
interface Hashing { hash?: Hash }

async function* fileChunks(path: FsPath, hashing: Hashing): AsyncGenerator<Buffer> {
  const stream = createReadStream(path, { highWaterMark: READ_CHUNK });
  try {
    for await (const chunk of stream) {
      hashing.hash?.update(chunk as Buffer);
      yield chunk as Buffer;
    }
  } finally {
    stream.destroy();
  }
}

/** The file's bytes, gunzipped as they stream when they start with the gzip magic number (the name is not trusted). */
function contentChunks(path: FsPath, head: Buffer, hashing: Hashing): AsyncIterable<Buffer> {
  const raw = fileChunks(path, hashing);
  // Not node:zlib's Gunzip: on damage it drops the intact members decoded with it (gunzip.ts).
  return isGzipMagic(head) ? gunzipChunks(raw) : raw;
}

/** Hooks a multi-document file reports through. */
export interface StreamHooks {
  /** sha256 of the file's bytes, for a file not hashed before it was read; called once it is read to its end. */
  onSha: (sha: string) => void;
  /** The file could not be read for a reason that may pass: it must be read again next run. */
  onRetry: () => void;
  /** Records of a web archive passed over, by what they were (request, revisit, not_html, ...). */
  onRecordsSkipped?: (counts: Record<string, number>) => void;
}

/** `sha256`: known already, or '' to have it taken while the file is read when `wantSha`. */
export interface StreamedFile { file: InputFile; head: Buffer; sha256: string; wantSha: boolean }

function hashingFor(s: StreamedFile): Hashing {
  return { hash: s.sha256 === '' && s.wantSha ? createHash('sha256') : undefined };
}

/** What a stream error means: gzip damage (from the zlib codes), a charset problem, or an I/O problem. */
function streamProblem(err: unknown): { reason: string; detail: string; retry: boolean } {
  const e = err as NodeJS.ErrnoException;
  if (e.code?.startsWith('Z_')) return { reason: 'bad_gzip', detail: `gzip data is cut short or corrupt: ${e.message}`, retry: false };
  if (e.code === CHARSET_ERROR) return { reason: 'invalid_charset', detail: e.message, retry: false };
  return ioProblem(err, 'file');
}

const CHARSET_ERROR = 'E_CHARSET';

function charsetError(message: string): Error {
  return Object.assign(new Error(message), { code: CHARSET_ERROR });
}

/** UTF-16 JSONL (by BOM, or detectably) re-encoded to UTF-8 as it streams; UTF-8 passes through. */
async function* asUtf8(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let decoder: InstanceType<typeof TextDecoder> | undefined;
  let first = true;
  for await (const chunk of chunks) {
    if (first) {
      first = false;
      const sniff = sniffUnicode(chunk);
      if (sniff?.form.startsWith('utf-32')) throw charsetError(`JSONL in ${sniff.form.toUpperCase()} is not read: convert it to UTF-8`);
      if (sniff) decoder = new TextDecoder(sniff.form, { fatal: true });
    }
    if (!decoder) { yield chunk; continue; }
    try {
      yield Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8');
    } catch {
      throw charsetError(`not valid ${decoder.encoding.toUpperCase()} (a cut or unpaired unit)`);
    }
  }
  if (decoder) {
    try { yield Buffer.from(decoder.decode(), 'utf8'); } catch { throw charsetError(`${decoder.encoding.toUpperCase()} ends inside a character`); }
  }
}

/** The records of a JSONL/NDJSON file, one line at a time, each line bounded by MAX_DOC_BYTES. */
export async function* readLinesFile(s: StreamedFile, hooks: StreamHooks): AsyncGenerator<Doc> {
  const { file } = s;
  const fileSource: SourceInfo = { path: file.rel, kind: 'jsonl', bytes: file.size, sha256: s.sha256 };
  const hashing = hashingFor(s);
  let lineNo = 0;
  let records = 0;
  try {
    // A line of gigabytes is garbage: hashing the rest of the file would double the cost of passing it over.
    const stopHashing = (): void => { hashing.hash = undefined; };
    for await (const line of boundedLines(asUtf8(contentChunks(file.abs, s.head, hashing)), MAX_DOC_BYTES, stopHashing)) {
      lineNo = line.no;
      const doc = lineDoc(file.rel, line);
      if (doc === null) continue;
      records++;
      yield doc;
    }
  } catch (err) {
    const p = streamProblem(err);
    if (p.retry) hooks.onRetry();
    yield rejectedDoc({ ...fileSource, line: lineNo + 1 }, 'read', p.reason, `${p.detail} (after line ${lineNo})`);
    return;
  }
  if (hashing.hash) hooks.onSha(hashing.hash.digest('hex'));
  if (records === 0) yield rejectedDoc(fileSource, 'read', 'empty_file', 'JSONL file holds no records');
}

/** One line -> a record's Doc or reject; null for a blank line (no record). */
function lineDoc(path: string, line: { no: number; bytes: Buffer } | { no: number; tooLong: number }): Doc | null {
  const source: SourceInfo = { path, line: line.no, kind: 'jsonl', bytes: 0, sha256: '' };
  if ('tooLong' in line) {
    source.bytes = line.tooLong;
    return rejectedDoc(source, 'read', 'too_large', `line of ${line.tooLong} bytes > limit ${MAX_DOC_BYTES}`);
  }
  let bytes = line.bytes;
  if (line.no === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  if (bytes[bytes.length - 1] === 13) bytes = bytes.subarray(0, -1);
  source.bytes = bytes.length;
  if (bytes.includes(0)) return rejectedDoc({ ...source, sha256: sha256(bytes) }, 'read', 'binary_content', 'line holds NUL bytes: not text');
  if (!isUtf8(bytes)) return rejectedDoc({ ...source, sha256: sha256(bytes) }, 'read', 'invalid_utf8', `line is not valid UTF-8 (first bad byte near offset ${firstInvalidUtf8(bytes)})`);
  const text = bytes.toString('utf8');
  if (text.trim() === '') return null;
  source.sha256 = sha256(bytes);
  const parsed = parseJsonlRecord(text);
  if (!parsed.ok) return rejectedDoc(source, 'read', parsed.reason, parsed.detail);
  // The container stays in the path; the kind says which extraction path the content needs.
  if (parsed.isHtml) source.kind = 'html';
  return newDoc(docIdFor(path, line.no), source, parsed.text, parsed.meta);
}

/** The HTML captures of a WARC or ARC file (gzipped or not), one record at a time. */
export async function* readArchiveFile(s: StreamedFile, hooks: StreamHooks): AsyncGenerator<Doc> {
  const { file } = s;
  const hashing = hashingFor(s);
  const skipped: Record<string, number> = {};
  let ordinal = 0;
  let items = 0;
  const source = (line?: number): SourceInfo => (line === undefined ? { path: file.rel, kind: 'html', bytes: 0, sha256: '' } : { path: file.rel, line, kind: 'html', bytes: 0, sha256: '' });
  try {
    for await (const item of archiveRecords(ByteReader.from(contentChunks(file.abs, s.head, hashing)), MAX_DOC_BYTES)) {
      ordinal = item.ordinal;
      items++;
      if (item.type === 'skipped') skipped[item.why] = (skipped[item.why] ?? 0) + 1;
      else if (item.type === 'reject') yield withArchiveMeta(rejectedDoc(source(item.ordinal), 'read', item.reason, item.detail), item);
      else yield pageDoc(file.rel, item);
    }
  } catch (err) {
    const p = streamProblem(err);
    if (p.retry) hooks.onRetry();
    yield rejectedDoc(source(ordinal + 1), 'read', p.reason, `${p.detail} (after record ${ordinal})`);
    return;
  } finally {
    hooks.onRecordsSkipped?.(skipped);
  }
  if (hashing.hash) hooks.onSha(hashing.hash.digest('hex'));
  if (items === 0) yield rejectedDoc(source(), 'read', 'empty_file', 'web archive holds no records');
}

function withArchiveMeta(doc: Doc, item: { uri?: string; recordId?: string }): Doc {
  if (item.uri) doc.meta.url = item.uri;
  if (item.recordId) doc.meta.warcRecordId = item.recordId;
  return doc;
}

function pageDoc(path: string, page: ArchivePage): Doc {
  const source: SourceInfo = { path, line: page.ordinal, kind: 'html', bytes: page.bytes.length, sha256: sha256(page.bytes) };
  const meta: DocMeta = page.uri ? { url: page.uri } : {};
  const host = hostOf(page.uri);
  if (host) meta.sourceName = host;
  if (page.crawledAt) meta.crawledAt = page.crawledAt;
  if (page.recordId) meta.warcRecordId = page.recordId;
  const reject = (reason: string, detail: string): Doc => rejectedDoc(source, 'read', reason, detail);
  const html = decodeHtmlBytes(page.bytes, page.charset);
  if (!html.ok) return withArchiveMeta(page.cut ? reject('truncated_record', cutDetail(page.cut)) : reject(html.reason, html.detail), page);
  if (looksTruncated(html.text)) {
    return withArchiveMeta(page.cut ? reject('truncated_record', cutDetail(page.cut)) : reject('truncated_html', 'the archived page ends inside the document: the capture was cut short'), page);
  }
  return newDoc(docIdFor(path, page.ordinal), source, html.text, meta);
}

/** A crawl mixes sites: the page's host (without "www.") names its source, as a folder does for files. */
function hostOf(uri: string): string | undefined {
  try {
    const host = new URL(uri).hostname.toLowerCase();
    return host.startsWith('www.') ? host.slice(4) : host || undefined;
  } catch {
    return undefined;
  }
}
