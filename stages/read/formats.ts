/**
 * Which files the read stage takes, by name: the document kind, how its bytes are laid out
 * (one document, one record per line, or web-archive records), and whether they are gzipped.
 */
import type { SourceKind } from '../../pipeline/doc.js';

export type Layout = 'document' | 'lines' | 'archive';

export interface InputFormat {
  /** What the content is once decoded: the extraction path later stages take. */
  kind: SourceKind;
  layout: Layout;
  gzip: boolean;
}

const BY_EXTENSION: Record<string, Omit<InputFormat, 'gzip'>> = {
  '.txt': { kind: 'txt', layout: 'document' },
  '.html': { kind: 'html', layout: 'document' },
  '.htm': { kind: 'html', layout: 'document' },
  '.xhtml': { kind: 'html', layout: 'document' },
  '.jsonl': { kind: 'jsonl', layout: 'lines' },
  '.ndjson': { kind: 'jsonl', layout: 'lines' },
  // A web archive's documents are HTML pages: they take the HTML path; the container shows in
  // the path and in documents.warc_record_id / crawled_at.
  '.warc': { kind: 'html', layout: 'archive' },
  '.arc': { kind: 'html', layout: 'archive' },
};

/** Every name the read stage takes, for help texts and docs. */
export const SUPPORTED_EXTENSIONS = Object.keys(BY_EXTENSION).flatMap((e) => [e, `${e}.gz`]);

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot).toLowerCase();
}

/** The format a file name says, or undefined for a name the read stage does not take. */
export function formatOf(name: string): InputFormat | undefined {
  let ext = extensionOf(name);
  const gzip = ext === '.gz';
  if (gzip) ext = extensionOf(name.slice(0, -3));
  const known = BY_EXTENSION[ext];
  return known ? { ...known, gzip } : undefined;
}

export function isGzipMagic(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}
