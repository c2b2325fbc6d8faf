/**
 * read: walks an input directory and yields one Doc per document, or a rejected Doc (with a
 * reason code) for anything that cannot be read. It is the pipeline's source, so it is the one
 * stage that touches input files; decoding and record parsing are pure functions tested alone.
 *
 * Reject reason codes: empty_file, invalid_utf8, binary_content, too_large, unreadable,
 * not_a_regular_file, symlink_loop, too_deep, bad_json, not_an_object, missing_text, empty_text,
 * invalid_charset, truncated_html.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, opendir, readFile, realpath, stat } from 'node:fs/promises';
import { join, relative, sep, extname } from 'node:path';
import { createInterface } from 'node:readline';
import pLimit from 'p-limit';
import { decodeHtml } from './html/charset.js';
import { newDoc, type Doc, type DocMeta, type SourceInfo, type SourceKind } from '../pipeline/doc.js';
import type { SourceStage } from '../pipeline/stage.js';

export const read: SourceStage<ReadOptions> = {
  name: 'read',
  kind: 'source',
  describe: 'walk the input directory; decode .txt, .html and .jsonl (text or html field) into documents; reject unreadable files',
  reads: [],
  writes: ['source', 'meta', 'raw'],
  read: (input, options) => readInput(input, options),
};

/** Larger than any article; a bigger document or JSONL line is a dump or a scraping accident. */
export const MAX_DOC_BYTES = 16 * 1024 * 1024;
/** Deeper folders than this are a loop the realpath check cannot see (e.g. bind mounts) or a mistake. */
export const MAX_DEPTH = 64;
const KIND_BY_EXTENSION: Record<string, SourceKind> = { '.txt': 'txt', '.jsonl': 'jsonl', '.html': 'html', '.htm': 'html' };
const PUBLISHED_FIELDS = ['published', 'published_at', 'date', 'date_publish'] as const;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export type Decoded = { ok: true; text: string } | { ok: false; reason: string; detail: string };

/** Share of NUL bytes above which a file is binary; below it they are stray bytes and dropped. */
const MAX_NUL_SHARE = 0.01;

function countNuls(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(0); i >= 0; i = bytes.indexOf(0, i + 1)) n++;
  return n;
}

/** Strict UTF-8 decode plus the normalizations every later stage relies on. */
export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { ok: false, reason: 'empty_file', detail: 'file is 0 bytes' };
  const nul = bytes.indexOf(0);
  const nuls = nul < 0 ? 0 : countNuls(bytes);
  // Scrapers leave stray NULs in real pages (seen: 22 in 12 KB); binary files are full of them.
  if (nuls > bytes.length * MAX_NUL_SHARE) return { ok: false, reason: 'binary_content', detail: `${nuls} NUL bytes, the first at offset ${nul}: not a text file` };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, reason: 'invalid_utf8', detail: `not valid UTF-8 (first bad byte near offset ${firstInvalidUtf8(bytes)})` };
  }
  if (nuls > 0) text = text.replaceAll('\u0000', '');
  text = normalizeText(text);
  if (text.trim() === '') return { ok: false, reason: 'empty_file', detail: 'file holds only whitespace' };
  return { ok: true, text };
}

/** BOM out, CRLF/CR -> LF, non-breaking and other fixed-width spaces -> plain space. */
export function normalizeText(text: string): string {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text.replace(/\r\n?/g, '\n').replace(/[\u00a0\u2007\u202f]/g, ' ');
}

function firstInvalidUtf8(bytes: Uint8Array): number {
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

export function docIdFor(path: string, line?: number): string {
  // Hex of the first 8 bytes: a fresh 16-char string, not a slice that would keep the 64-char digest alive.
  return createHash('sha256').update(line === undefined ? path : `${path}:${line}`).digest().toString('hex', 0, 8);
}

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function rejectedDoc(source: SourceInfo, stage: string, reason: string, detail: string): Doc {
  const doc = newDoc(docIdFor(source.path, source.line), source, '');
  doc.reject = { stage, reason, detail };
  return doc;
}

export type ParsedRecord = { ok: true; text: string; meta: DocMeta; isHtml?: boolean } | { ok: false; reason: string; detail: string };

/** One JSONL line -> the record's text and metadata. */
export function parseJsonlRecord(line: string): ParsedRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    return { ok: false, reason: 'bad_json', detail: `invalid JSON: ${(e as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: 'not_an_object', detail: 'a JSONL line must be a JSON object' };
  }
  const record = value as Record<string, unknown>;
  // A record carries its article as plain `text`, or as raw `html` for the HTML path.
  const isHtml = typeof record.text !== 'string' && typeof record.html === 'string';
  const body = isHtml ? record.html : record.text;
  if (typeof body !== 'string') {
    return { ok: false, reason: 'missing_text', detail: 'record has no string field "text" (or "html")' };
  }
  const text = normalizeText(body);
  if (text.trim() === '') return { ok: false, reason: 'empty_text', detail: 'field "text" is empty' };
  const meta: DocMeta = {};
  const str = (k: string): string | undefined => {
    const v = record[k];
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : undefined;
  };
  meta.recordId = str('id');
  meta.url = str('url');
  meta.title = str('title') === undefined ? undefined : normalizeText(str('title')!);
  meta.sourceName = str('source');
  meta.author = str('author');
  meta.language = str('language') ?? str('lang');
  for (const k of PUBLISHED_FIELDS) {
    const v = str(k);
    if (v) { meta.publishedField = v; break; }
  }
  for (const k of Object.keys(meta) as (keyof DocMeta)[]) if (meta[k] === undefined) delete meta[k];
  return isHtml ? { ok: true, text, meta, isHtml } : { ok: true, text, meta };
}

interface InputFile {
  abs: string;
  rel: string;
  kind: SourceKind;
  size: number;
  mtimeMs: number;
}

type WalkItem = { file: InputFile } | { reject: Doc; size: number; mtimeMs: number };

function toRel(root: string, abs: string): string {
  return relative(root, abs).split(sep).join('/');
}

function walkReject(rel: string, reason: string, detail: string, size = 0, mtimeMs = 0): WalkItem {
  const kind = KIND_BY_EXTENSION[extname(rel).toLowerCase()] ?? 'txt';
  return { reject: rejectedDoc({ path: rel, kind, bytes: 0, sha256: '' }, 'read', reason, detail), size, mtimeMs };
}

/** Recursive, sorted (so runs are reproducible), and safe against symlink loops. */
async function* walk(root: string, dir: string, seen: Set<string>, depth = 0, skip: (rel: string) => boolean = () => false): AsyncGenerator<WalkItem> {
  const real = await realpath(dir);
  if (seen.has(real)) {
    yield walkReject(toRel(root, dir), 'symlink_loop', `directory is ${toRel(root, real) || 'the input root'} again (a symlink loop or a second path to it); not followed`);
    return;
  }
  if (depth > MAX_DEPTH) {
    yield walkReject(toRel(root, dir), 'too_deep', `more than ${MAX_DEPTH} folders deep; not followed`);
    return;
  }
  seen.add(real);
  const entries = [];
  try {
    for await (const e of await opendir(dir)) entries.push(e);
  } catch (err) {
    const rel = toRel(root, dir) || '.';
    yield { reject: rejectedDoc({ path: rel, kind: 'txt', bytes: 0, sha256: '' }, 'read', 'unreadable', `directory: ${(err as Error).message}`), size: 0, mtimeMs: 0 };
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const abs = join(dir, e.name);
    const rel = toRel(root, abs);
    if (skip(rel)) continue;
    const kind = KIND_BY_EXTENSION[extname(e.name).toLowerCase()];
    let info;
    try {
      info = await stat(abs);
    } catch (err) {
      if (!kind) continue;
      const l = await lstat(abs).catch(() => undefined);
      yield {
        reject: rejectedDoc({ path: rel, kind, bytes: 0, sha256: '' }, 'read', 'unreadable', `cannot stat (dangling symlink?): ${(err as Error).message}`),
        size: l?.size ?? 0, mtimeMs: l?.mtimeMs ?? 0,
      };
      continue;
    }
    if (info.isDirectory()) {
      yield* walk(root, abs, seen, depth + 1, skip);
    } else if (kind && info.isFile()) {
      yield { file: { abs, rel, kind, size: info.size, mtimeMs: info.mtimeMs } };
    } else if (kind) {
      // A FIFO, socket or device named like a document: reading it could block forever.
      yield walkReject(rel, 'not_a_regular_file', 'not a regular file (FIFO, socket or device)', 0, info.mtimeMs);
    }
  }
}

/** The first folder under the input root names the source (site) when nothing better is known. */
function folderMeta(rel: string): DocMeta {
  return rel.includes('/') ? { sourceName: rel.slice(0, rel.indexOf('/')) } : {};
}

/** A page cut off mid-download: no closing body/html tag and it does not even end on a tag. */
export function looksTruncated(html: string): boolean {
  const tail = html.slice(-65536).toLowerCase();
  if (tail.includes('</html') || tail.includes('</body')) return false;
  return !html.trimEnd().endsWith('>');
}

async function readWholeFile(file: InputFile, sameContent: (path: string, sha: string) => boolean): Promise<Doc | Skipped> {
  const source: SourceInfo = { path: file.rel, kind: file.kind, bytes: file.size, sha256: '' };
  if (file.size > MAX_DOC_BYTES) return rejectedDoc(source, 'read', 'too_large', `${file.size} bytes > limit ${MAX_DOC_BYTES}`);
  let bytes: Buffer;
  try {
    bytes = await readFile(file.abs);
  } catch (err) {
    return rejectedDoc(source, 'read', 'unreadable', (err as Error).message);
  }
  source.bytes = bytes.length;
  source.sha256 = sha256(bytes);
  if (sameContent(file.rel, source.sha256)) return { skipped: file.rel, sha256: source.sha256 };
  if (file.kind === 'html') {
    const html = decodeHtml(bytes);
    if (!html.ok) return rejectedDoc(source, 'read', html.reason, html.detail);
    if (looksTruncated(html.text)) return rejectedDoc(source, 'read', 'truncated_html', 'HTML ends inside the document (no </body> or </html>, last character not ">"): the download was cut short');
    return newDoc(docIdFor(file.rel), source, html.text, folderMeta(file.rel));
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) return rejectedDoc(source, 'read', decoded.reason, decoded.detail);
  return newDoc(docIdFor(file.rel), source, decoded.text, folderMeta(file.rel));
}

async function hashFile(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/**
 * Streams a JSONL file's records. `fileSha` is '' for a file no earlier run has seen: it was not
 * hashed ahead, so the hash is taken from the same read and handed to `onSha` at the end.
 */
async function* readJsonl(file: InputFile, fileSha: string, onSha: (sha: string) => void): AsyncGenerator<Doc> {
  const fileSource: SourceInfo = { path: file.rel, kind: 'jsonl', bytes: file.size, sha256: fileSha };
  let lineNo = 0;
  let records = 0;
  try {
    const input = createReadStream(file.abs);
    const hash = fileSha === '' ? createHash('sha256') : undefined;
    if (hash) input.on('data', (chunk) => hash.update(chunk as Buffer));
    // readline decodes the bytes as UTF-8 (invalid sequences become U+FFFD, rejected below).
    const lines = createInterface({ input, crlfDelay: Infinity });
    for await (const rawLine of lines) {
      lineNo++;
      const line = lineNo === 1 && rawLine.charCodeAt(0) === 0xfeff ? rawLine.slice(1) : rawLine;
      if (line.trim() === '') continue;
      records++;
      const source: SourceInfo = { path: file.rel, line: lineNo, kind: 'jsonl', bytes: Buffer.byteLength(line), sha256: sha256(line) };
      if (source.bytes > MAX_DOC_BYTES) {
        yield rejectedDoc(source, 'read', 'too_large', `line of ${source.bytes} bytes > limit ${MAX_DOC_BYTES}`);
        continue;
      }
      if (line.includes('\ufffd') || line.includes('\u0000')) {
        yield rejectedDoc(source, 'read', line.includes('\u0000') ? 'binary_content' : 'invalid_utf8', 'line is not valid UTF-8 text');
        continue;
      }
      const parsed = parseJsonlRecord(line);
      if (!parsed.ok) {
        yield rejectedDoc(source, 'read', parsed.reason, parsed.detail);
        continue;
      }
      // The container stays in the path; the kind says which extraction path the content needs.
      if (parsed.isHtml) source.kind = 'html';
      yield newDoc(docIdFor(file.rel, lineNo), source, parsed.text, parsed.meta);
    }
    if (hash) {
      fileSource.sha256 = hash.digest('hex');
      onSha(fileSource.sha256);
    }
  } catch (err) {
    yield rejectedDoc({ ...fileSource, line: lineNo || undefined }, 'read', 'unreadable', (err as Error).message);
    return;
  }
  if (records === 0) yield rejectedDoc(fileSource, 'read', 'empty_file', 'JSONL file holds no records');
}

export interface FileSeen {
  path: string;
  size: number;
  mtimeMs: number;
  /**
   * sha256 of the file's bytes; '' when the file was skipped unread or could not be read. For a new
   * JSONL file it is filled in on this same object once its last line has been read.
   */
  sha256: string;
  status: 'read' | 'unchanged';
}

interface Skipped {
  skipped: string;
  sha256: string;
}

export interface ReadOptions {
  /** Files read ahead concurrently (p-limit); documents still come out in path order. */
  ioConcurrency?: number;
  /** Incremental runs: true for a file known with this size and mtime; it is skipped unread. */
  unchanged?: (path: string, size: number, mtimeMs: number) => boolean;
  /** Incremental runs: true when a file's bytes hash to its known hash; it is skipped after hashing. */
  sameContent?: (path: string, sha256: string) => boolean;
  /** Incremental runs: true for a path an earlier run saw; only such a JSONL file is hashed before it is parsed. */
  known?: (path: string) => boolean;
  /** Called once for every input file seen, in path order, whether it yields documents or not. */
  onFile?: (file: FileSeen) => void;
  /** Only paths for which this is true are this run's (sharding); others are not seen at all. */
  include?: (path: string) => boolean;
  /**
   * Paths (files or folders) the walk passes over without a stat, asked again for every entry:
   * for a caller that wants only part of the input (the chrome pass's sample).
   */
  skip?: (path: string) => boolean;
}

/** The read stage: every document under `root`, in sorted path order. */
export async function* readInput(root: string, options: ReadOptions = {}): AsyncGenerator<Doc> {
  const io = options.ioConcurrency ?? 8;
  const limit = pLimit(io);
  const unchanged = options.unchanged ?? (() => false);
  const sameContent = options.sameContent ?? (() => false);
  const known = options.known ?? (() => false);
  const onFile = options.onFile ?? (() => undefined);
  const include = options.include ?? (() => true);
  type Pending = { file: FileSeen; result: Promise<Doc | Skipped | { jsonl: InputFile; sha256: string }> };
  const pending: Pending[] = [];
  const drainOne = async function* (): AsyncGenerator<Doc> {
    const { file, result } = pending.shift()!;
    const r = await result;
    if ('skipped' in r) {
      onFile({ ...file, sha256: r.sha256, status: 'unchanged' });
    } else if ('jsonl' in r) {
      const seen: FileSeen = { ...file, sha256: r.sha256 };
      onFile(seen);
      yield* readJsonl(r.jsonl, r.sha256, (sha) => { seen.sha256 = sha; });
    } else {
      onFile({ ...file, sha256: r.source.sha256 });
      yield r;
    }
  };
  for await (const item of walk(root, root, new Set(), 0, options.skip)) {
    if (!include('reject' in item ? item.reject.source.path : item.file.rel)) continue;
    if ('reject' in item) {
      const seen: FileSeen = { path: item.reject.source.path, size: item.size, mtimeMs: item.mtimeMs, sha256: '', status: 'read' };
      if (unchanged(seen.path, seen.size, seen.mtimeMs)) onFile({ ...seen, status: 'unchanged' });
      else pending.push({ file: seen, result: Promise.resolve(item.reject) });
    } else {
      const f = item.file;
      const seen: FileSeen = { path: f.rel, size: f.size, mtimeMs: f.mtimeMs, sha256: '', status: 'read' };
      if (unchanged(f.rel, f.size, f.mtimeMs)) {
        onFile({ ...seen, status: 'unchanged' });
        continue;
      }
      const result = f.kind === 'jsonl'
        ? limit(async () => {
          // A file seen before is hashed first so that unchanged bytes are skipped unparsed; a new
          // one is hashed while it is parsed (one read instead of two).
          if (!known(f.rel)) return { jsonl: f, sha256: '' };
          const sha = await hashFile(f.abs).catch(() => '');
          return sha !== '' && sameContent(f.rel, sha) ? { skipped: f.rel, sha256: sha } : { jsonl: f, sha256: sha };
        })
        : limit(() => readWholeFile(f, sameContent));
      result.catch(() => undefined);
      pending.push({ file: seen, result });
    }
    while (pending.length >= io * 2) yield* drainOne();
  }
  while (pending.length > 0) yield* drainOne();
}

/** How many candidate input files there are (for progress and ETA): a cheap walk without reading. */
export async function countInputFiles(root: string): Promise<number> {
  let n = 0;
  for await (const item of walk(root, root, new Set())) if ('file' in item || 'reject' in item) n++;
  return n;
}
