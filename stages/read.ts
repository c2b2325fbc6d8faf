/**
 * read: walks an input directory and yields one Doc per document, or a rejected Doc (with a
 * reason code) for anything that cannot be read. It is the pipeline's source, so it is the one
 * stage that touches input files; the formats live in stages/read/ (walk, decoding, JSONL lines,
 * web archives, HTTP payloads), each tested alone.
 *
 * Reject reason codes: empty_file, invalid_utf8, invalid_charset, binary_content, too_large,
 * unreadable, not_a_regular_file, symlink_loop, too_deep, outside_input, bad_gzip, bad_json,
 * not_an_object, missing_text, empty_text, truncated_html, bad_record, truncated_record, bad_http.
 */
import pLimit from 'p-limit';
import picomatch from 'picomatch';
import type { Doc } from '../pipeline/doc.js';
import type { SourceStage } from '../pipeline/stage.js';
import { hashFile, readArchiveFile, readDocumentFile, readHead, readLinesFile, rejectedDoc, type FileResult, type StreamedFile, type Unchanged } from './read/files.js';
import { FetchThread, FETCH_READ_AHEAD } from './read/fetch-thread.js';
import { formatOf } from './read/formats.js';
import { walkInput, ioProblem, type InputFile, type SkipReason, type WalkItem, type WalkReject } from './read/walk.js';

export { MAX_DOC_BYTES, rejectedDoc } from './read/files.js';
export { MAX_DEPTH } from './read/walk.js';
export { decodeText, normalizeText, looksTruncated, type Decoded } from './read/decode.js';
export { parseJsonlRecord, type ParsedRecord } from './read/jsonl.js';
export { docIdFor } from './read/paths.js';
export { SUPPORTED_EXTENSIONS } from './read/formats.js';

/** JSONL and web archives name their documents' sources inside; other files by their folder. */
export function holdsManyDocuments(path: string): boolean {
  const layout = formatOf(path)?.layout;
  return layout === 'lines' || layout === 'archive';
}

export const read: SourceStage<ReadOptions> = {
  name: 'read',
  kind: 'source',
  describe: 'walk the input directory; decode .txt, .html, .jsonl/.ndjson and WARC/ARC web archives (gzipped or not) into documents; reject unreadable files',
  reads: [],
  writes: ['source', 'meta', 'raw'],
  read: (input, options) => readInput(input, options),
};

export interface FileSeen {
  path: string;
  size: number;
  mtimeMs: number;
  /**
   * sha256 of the file's bytes; '' when the file was skipped unread or could not be read. For a new
   * JSONL or web-archive file it is filled in on this same object once it has been read to its end.
   */
  sha256: string;
  /** `skipped`: a file the run does not take (its name, or the --include/--exclude globs); see `skipped`. */
  status: 'read' | 'unchanged' | 'skipped';
  skipped?: SkipReason;
}

export interface ReadOptions {
  /**
   * Web archives and JSONL files opened concurrently ahead (p-limit). Documents still come out in
   * path order.
   */
  ioConcurrency?: number;
  /**
   * Incremental runs: true for a file known with this size and mtime; it is skipped unread. When
   * `known` is given, it must be false for every path `known` is false for: such a file is then
   * not asked about (nor statted before it is read).
   */
  unchanged?: (path: string, size: number, mtimeMs: number) => boolean;
  /** Incremental runs: true when a file's bytes hash to its known hash; it is skipped after hashing. */
  sameContent?: (path: string, sha256: string) => boolean;
  /** Incremental runs: true for a path an earlier run saw; only such a multi-document file is hashed before it is parsed. */
  known?: (path: string) => boolean;
  /** Called once for every input file seen, in path order, whether it yields documents or not (skipped files too). */
  onFile?: (file: FileSeen) => void;
  /**
   * Called for a file whose problem may pass without the file changing (permission denied, a link
   * target that is missing or outside the input): the caller must not take it as processed.
   */
  onRetry?: (path: string) => void;
  /** Called once per web archive with the records it passed over, by what they were (request, revisit, not_html, ...). */
  onRecordsSkipped?: (path: string, counts: Record<string, number>) => void;
  /** Only paths for which this is true are this run's (sharding); others are not seen at all. */
  include?: (path: string) => boolean;
  /** Globs on the path relative to the input (a pattern without '/' matches the file name): only matching files are read. */
  includeGlobs?: string[];
  /** Globs as for `includeGlobs`: matching files are not read. Both kinds of left-out file are reported as skipped. */
  excludeGlobs?: string[];
  /** Follow symlinks whose target is outside the input folder (by default they are `outside_input` rejects). */
  followSymlinks?: boolean;
  /** Folders never read, whatever link leads there (walk.ts `avoidFolders`: the run's output). */
  avoidFolders?: string[];
  /**
   * Paths (files or folders) the walk passes over without a stat, asked again for every entry:
   * for a caller that wants only part of the input (the chrome pass's sample).
   */
  skip?: (path: string) => boolean;
}

/** True for a path the --include/--exclude globs let through. */
export function globFilter(includeGlobs: string[] = [], excludeGlobs: string[] = []): (path: string) => boolean {
  const options = { basename: true, dot: true };
  const included = includeGlobs.length > 0 ? picomatch(includeGlobs, options) : () => true;
  const excluded = excludeGlobs.length > 0 ? picomatch(excludeGlobs, options) : () => false;
  return (path) => included(path) && !excluded(path);
}

/** `later`: a file read only when its turn comes (one the reading thread handed back, possibly big). */
type Prefetched = FileResult | Unchanged | { stream: StreamedFile } | { later: () => Promise<FileResult | Unchanged> };

function walkRejectDoc(r: WalkReject): Doc {
  return rejectedDoc({ path: r.rel, kind: r.kind, bytes: 0, sha256: '' }, 'read', r.reason, r.detail);
}

/** Reads a multi-document file ahead: what it needs before it is streamed. */
async function prefetchMany(f: InputFile, options: Required<Pick<ReadOptions, 'sameContent' | 'known'>> & { wantSha: boolean }): Promise<Prefetched> {
  let head: Buffer;
  try {
    head = await readHead(f.abs);
  } catch (err) {
    const p = ioProblem(err, 'file');
    return { doc: rejectedDoc({ path: f.rel, kind: f.format.kind, bytes: f.size, sha256: '' }, 'read', p.reason, p.detail), retry: p.retry };
  }
  // A file seen before is hashed first so that unchanged bytes are skipped unparsed; a new one is
  // hashed while it is parsed (one read instead of two).
  if (!options.known(f.rel)) return { stream: { file: f, head, sha256: '', wantSha: options.wantSha } };
  const sha = await hashFile(f.abs).catch(() => '');
  return sha !== '' && options.sameContent(f.rel, sha) ? { unchanged: true, sha256: sha } : { stream: { file: f, head, sha256: sha, wantSha: options.wantSha } };
}

/** The read stage: every document under `root`, in sorted path order. */
export async function* readInput(root: string, options: ReadOptions = {}): AsyncGenerator<Doc> {
  const io = options.ioConcurrency ?? 8;
  const limit = pLimit(io);
  const unchanged = options.unchanged ?? (() => false);
  const sameContent = options.sameContent ?? (() => false);
  const known = options.known ?? (() => false);
  const onFile = options.onFile ?? (() => undefined);
  const onRetry = options.onRetry ?? (() => undefined);
  const include = options.include ?? (() => true);
  const pending: { seen: FileSeen; result: Promise<Prefetched>; fetchId?: number }[] = [];
  const thread = new FetchThread();
  const readAhead = Math.max(io * 2, FETCH_READ_AHEAD);
  const drainOne = async function* (): AsyncGenerator<Doc> {
    const pendingFile = pending.shift()!;
    if (pendingFile.fetchId !== undefined && thread.isQueued(pendingFile.fetchId)) thread.flush();
    const ahead = await pendingFile.result;
    const r = 'later' in ahead ? await ahead.later() : ahead;
    // A file the walk did not stat has its size and mtime from the reader.
    const seen = 'stat' in r && r.stat ? { ...pendingFile.seen, size: r.stat.size, mtimeMs: r.stat.mtimeMs } : pendingFile.seen;
    if ('unchanged' in r) {
      onFile({ ...seen, sha256: r.sha256, status: 'unchanged' });
    } else if ('stream' in r) {
      const file: FileSeen = { ...seen, sha256: r.stream.sha256 };
      onFile(file);
      const hooks = {
        onSha: (sha: string) => { file.sha256 = sha; },
        onRetry: () => onRetry(file.path),
        onRecordsSkipped: (counts: Record<string, number>) => options.onRecordsSkipped?.(file.path, counts),
      };
      yield* (r.stream.file.format.layout === 'archive' ? readArchiveFile(r.stream, hooks) : readLinesFile(r.stream, hooks));
    } else {
      onFile({ ...seen, sha256: r.doc.source.sha256 });
      if (r.retry) onRetry(seen.path);
      yield r.doc;
    }
  };
  // A file `unchanged` cannot be asked about needs no size and mtime before it is read.
  const needsStat = options.unchanged === undefined ? () => false : options.known === undefined ? () => true : options.known;
  const walk = walkInput(root, { followSymlinks: options.followSymlinks, avoidFolders: options.avoidFolders, accept: globFilter(options.includeGlobs, options.excludeGlobs), skip: options.skip, needsStat });
  // Only a caller that records files needs the hashes of multi-document files (the chrome pass does not).
  const prefetchOptions = { sameContent, known, wantSha: options.onFile !== undefined };
  try {
    for await (const item of walk) {
      if (!include(pathOf(item))) continue;
      if ('skipped' in item) {
        onFile({ path: item.skipped, size: 0, mtimeMs: 0, sha256: '', status: 'skipped', skipped: item.why });
        continue;
      }
      if ('reject' in item) {
        const r = item.reject;
        const seen: FileSeen = { path: r.rel, size: r.size, mtimeMs: r.mtimeMs, sha256: '', status: 'read' };
        if (!r.retry && unchanged(seen.path, seen.size, seen.mtimeMs)) onFile({ ...seen, status: 'unchanged' });
        else pending.push({ seen, result: Promise.resolve({ doc: walkRejectDoc(r), retry: r.retry }) });
      } else {
        const f = item.file;
        const seen: FileSeen = { path: f.rel, size: f.size, mtimeMs: f.mtimeMs, sha256: '', status: 'read' };
        if (f.statted && unchanged(f.rel, f.size, f.mtimeMs)) {
          onFile({ ...seen, status: 'unchanged' });
          continue;
        }
        const next = f.format.layout === 'document' ? readDocumentAhead(f, seen) : { seen, result: limit(() => prefetchMany(f, prefetchOptions)) };
        // a rejection is taken when the file's turn comes; none is left unhandled meanwhile
        next.result.catch(() => undefined);
        pending.push(next);
      }
      while (pending.length >= readAhead) yield* drainOne();
    }
    while (pending.length > 0) yield* drainOne();
  } finally {
    await thread.close();
  }

  /**
   * A whole-file document: its bytes from the reading thread, decoded as they come. A file it hands
   * back (big, empty or unknown size) is read when its turn comes, so that what is read ahead
   * stays within the thread's size limit per file.
   */
  function readDocumentAhead(f: InputFile, seen: FileSeen): { seen: FileSeen; result: Promise<Prefetched>; fetchId: number } {
    const { id, fetched } = thread.fetch(f.abs, f.statted);
    const result = fetched.then((got): Prefetched | Promise<Prefetched> => (got.kind === 'handed_back' ? { later: () => readDocumentFile(f, sameContent, got) } : readDocumentFile(f, sameContent, got)));
    return { seen, result, fetchId: id };
  }
}

function pathOf(item: WalkItem): string {
  return 'skipped' in item ? item.skipped : 'reject' in item ? item.reject.rel : item.file.rel;
}

/** How many candidate input files there are (for progress and ETA): a cheap walk without reading. */
export async function countInputFiles(root: string, options: Pick<ReadOptions, 'includeGlobs' | 'excludeGlobs' | 'followSymlinks' | 'avoidFolders'> = {}): Promise<number> {
  let n = 0;
  const accept = globFilter(options.includeGlobs, options.excludeGlobs);
  // counting needs no size: no file is stat'ed apart
  for await (const item of walkInput(root, { followSymlinks: options.followSymlinks, avoidFolders: options.avoidFolders, accept, needsStat: () => false })) if (!('skipped' in item)) n++;
  return n;
}
