/**
 * JSONL (and NDJSON): lines are cut from the byte stream with a length bound, so a line of any
 * size costs at most the bound in memory (a longer one is passed over to its end and reported by
 * its length), and each line is one JSON object with the article and its metadata.
 */
import type { DocMeta } from '../../pipeline/doc.js';
import { normalizeText, withoutNuls } from './decode.js';

const PUBLISHED_FIELDS = ['published', 'published_at', 'date', 'date_publish'] as const;

export type Line = { no: number; bytes: Buffer } | { no: number; tooLong: number };

/**
 * The lines of a byte stream ('\n'-terminated; a final line without one counts), 1-based. A line
 * longer than `maxBytes` is not kept: its bytes are counted while they stream past, and
 * `onOverflow` is told as soon as one passes the bound (not only at its end).
 */
export async function* boundedLines(chunks: AsyncIterable<Buffer>, maxBytes: number, onOverflow?: () => void): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let kept = 0;
  let dropped = -1;
  let no = 0;
  const take = (): Line => {
    no++;
    const line: Line = dropped >= 0 ? { no, tooLong: dropped } : { no, bytes: parts.length === 1 ? parts[0] : Buffer.concat(parts, kept) };
    parts = [];
    kept = 0;
    dropped = -1;
    return line;
  };
  for await (const chunk of chunks) {
    let start = 0;
    while (start < chunk.length) {
      const nl = chunk.indexOf(10, start);
      const end = nl < 0 ? chunk.length : nl;
      if (dropped >= 0) {
        dropped += end - start;
      } else if (kept + end - start > maxBytes) {
        dropped = kept + end - start;
        onOverflow?.();
        parts = [];
        kept = 0;
      } else if (end > start) {
        parts.push(chunk.subarray(start, end));
        kept += end - start;
      }
      if (nl < 0) break;
      yield take();
      start = nl + 1;
    }
  }
  if (kept > 0 || dropped >= 0) yield take();
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
  const text = normalizeText(withoutNuls(body));
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
