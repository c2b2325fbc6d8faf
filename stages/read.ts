/**
 * read: walks an input directory and yields one Doc per document, or a rejected Doc (with a
 * reason code) for anything that cannot be read. It is the pipeline's source, so it is the one
 * stage that touches input files; decoding and record parsing are pure functions tested alone.
 *
 * Reject reason codes: empty_file, invalid_utf8, binary_content, too_large, unreadable,
 * bad_json, not_an_object, missing_text, empty_text, unsupported_format.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { opendir, readFile, realpath, stat } from 'node:fs/promises';
import { join, relative, sep, extname } from 'node:path';
import { createInterface } from 'node:readline';
import pLimit from 'p-limit';
import { newDoc, type Doc, type DocMeta, type SourceInfo, type SourceKind } from '../pipeline/doc.js';

export const READ_STAGE = { name: 'read' as const, describe: 'walk the input directory; decode .txt and .jsonl into documents; reject unreadable files' };

export const MAX_FILE_BYTES = 64 * 1024 * 1024;
const KIND_BY_EXTENSION: Record<string, SourceKind> = { '.txt': 'txt', '.jsonl': 'jsonl', '.html': 'html', '.htm': 'html' };
const PUBLISHED_FIELDS = ['published', 'published_at', 'date', 'date_publish'] as const;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export type Decoded = { ok: true; text: string } | { ok: false; reason: string; detail: string };

/** Strict UTF-8 decode plus the normalizations every later stage relies on. */
export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { ok: false, reason: 'empty_file', detail: 'file is 0 bytes' };
  const nul = bytes.indexOf(0);
  if (nul >= 0) return { ok: false, reason: 'binary_content', detail: `NUL byte at offset ${nul}: not a text file` };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, reason: 'invalid_utf8', detail: `not valid UTF-8 (first bad byte near offset ${firstInvalidUtf8(bytes)})` };
  }
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
  return createHash('sha256').update(line === undefined ? path : `${path}:${line}`).digest('hex').slice(0, 16);
}

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function rejectedDoc(source: SourceInfo, stage: string, reason: string, detail: string): Doc {
  const doc = newDoc(docIdFor(source.path, source.line), source, '');
  doc.reject = { stage, reason, detail };
  return doc;
}

export type ParsedRecord = { ok: true; text: string; meta: DocMeta } | { ok: false; reason: string; detail: string };

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
  if (typeof record.text !== 'string') {
    return { ok: false, reason: 'missing_text', detail: 'record has no string field "text"' };
  }
  const text = normalizeText(record.text);
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
  return { ok: true, text, meta };
}

interface InputFile {
  abs: string;
  rel: string;
  kind: SourceKind;
}

type WalkItem = { file: InputFile } | { reject: Doc };

function toRel(root: string, abs: string): string {
  return relative(root, abs).split(sep).join('/');
}

/** Recursive, sorted (so runs are reproducible), and safe against symlink loops. */
async function* walk(root: string, dir: string, seen: Set<string>): AsyncGenerator<WalkItem> {
  const real = await realpath(dir);
  if (seen.has(real)) return;
  seen.add(real);
  const entries = [];
  for await (const e of await opendir(dir)) entries.push(e);
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const abs = join(dir, e.name);
    const rel = toRel(root, abs);
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      try {
        const s = await stat(abs);
        isDir = s.isDirectory();
        isFile = s.isFile();
      } catch (err) {
        const kind = KIND_BY_EXTENSION[extname(e.name).toLowerCase()] ?? 'txt';
        yield { reject: rejectedDoc({ path: rel, kind, bytes: 0, sha256: '' }, 'read', 'unreadable', `dangling symlink: ${(err as Error).message}`) };
        continue;
      }
    }
    if (isDir) {
      yield* walk(root, abs, seen);
    } else if (isFile) {
      const kind = KIND_BY_EXTENSION[extname(e.name).toLowerCase()];
      if (kind) yield { file: { abs, rel, kind } };
    }
  }
}

async function readWholeFile(file: InputFile): Promise<Doc> {
  const source: SourceInfo = { path: file.rel, kind: file.kind, bytes: 0, sha256: '' };
  let bytes: Buffer;
  try {
    const s = await stat(file.abs);
    source.bytes = s.size;
    if (s.size > MAX_FILE_BYTES) return rejectedDoc(source, 'read', 'too_large', `${s.size} bytes > limit ${MAX_FILE_BYTES}`);
    bytes = await readFile(file.abs);
  } catch (err) {
    return rejectedDoc(source, 'read', 'unreadable', (err as Error).message);
  }
  source.sha256 = sha256(bytes);
  if (file.kind === 'html') {
    return rejectedDoc(source, 'read', 'unsupported_format', 'HTML input is not supported yet; save pages as .txt or wait for the HTML reader');
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) return rejectedDoc(source, 'read', decoded.reason, decoded.detail);
  const folder = file.rel.includes('/') ? file.rel.slice(0, file.rel.indexOf('/')) : undefined;
  return newDoc(docIdFor(file.rel), source, decoded.text, folder ? { sourceName: folder } : {});
}

async function* readJsonl(file: InputFile): AsyncGenerator<Doc> {
  const fileSource: SourceInfo = { path: file.rel, kind: 'jsonl', bytes: 0, sha256: '' };
  let lineNo = 0;
  let records = 0;
  try {
    const lines = createInterface({ input: createReadStream(file.abs, { encoding: 'utf8' }), crlfDelay: Infinity });
    for await (const rawLine of lines) {
      lineNo++;
      const line = lineNo === 1 && rawLine.charCodeAt(0) === 0xfeff ? rawLine.slice(1) : rawLine;
      if (line.trim() === '') continue;
      records++;
      const source: SourceInfo = { path: file.rel, line: lineNo, kind: 'jsonl', bytes: Buffer.byteLength(line), sha256: sha256(line) };
      if (line.includes('\ufffd') || line.includes('\u0000')) {
        yield rejectedDoc(source, 'read', line.includes('\u0000') ? 'binary_content' : 'invalid_utf8', 'line is not valid UTF-8 text');
        continue;
      }
      const parsed = parseJsonlRecord(line);
      if (!parsed.ok) {
        yield rejectedDoc(source, 'read', parsed.reason, parsed.detail);
        continue;
      }
      yield newDoc(docIdFor(file.rel, lineNo), source, parsed.text, parsed.meta);
    }
  } catch (err) {
    yield rejectedDoc({ ...fileSource, line: lineNo || undefined }, 'read', 'unreadable', (err as Error).message);
    return;
  }
  if (records === 0) yield rejectedDoc(fileSource, 'read', 'empty_file', 'JSONL file holds no records');
}

export interface ReadOptions {
  /** Files read ahead concurrently (p-limit); documents still come out in path order. */
  ioConcurrency?: number;
}

/** The read stage: every document under `root`, in sorted path order. */
export async function* readInput(root: string, options: ReadOptions = {}): AsyncGenerator<Doc> {
  const limit = pLimit(options.ioConcurrency ?? 8);
  const window = Math.max(1, (options.ioConcurrency ?? 8) * 2);
  const pending: Promise<Doc | InputFile>[] = [];
  const drainOne = async function* (): AsyncGenerator<Doc> {
    const next = await pending.shift()!;
    if ('abs' in next) yield* readJsonl(next);
    else yield next;
  };
  for await (const item of walk(root, root, new Set())) {
    if ('reject' in item) pending.push(Promise.resolve(item.reject));
    else if (item.file.kind === 'jsonl') pending.push(Promise.resolve(item.file));
    else { const f = item.file; pending.push(limit(() => readWholeFile(f))); }
    if (pending.length >= window) yield* drainOne();
  }
  while (pending.length > 0) yield* drainOne();
}
