/**
 * The walk over the input folder: recursive, in sorted path order (reproducible runs), confined
 * to the folder (a symlink whose target lies outside is not followed unless asked), safe against
 * symlink loops and runaway depth, and telling the caller about every file it passes over.
 * File names are read as bytes, so a name that is not UTF-8 is still opened and kept distinct.
 */
import { lstat, opendir, readlink, realpath } from 'node:fs/promises';
import { statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { join, sep } from 'node:path';
import type { SourceKind } from '../../pipeline/doc.js';
import { formatOf, type InputFormat } from './formats.js';
import { nameFromBytes } from './paths.js';

/** Deeper folders than this are a loop the realpath check cannot see (e.g. bind mounts) or a mistake. */
export const MAX_DEPTH = 64;

/** An fs path: a string, or bytes when some name on it is not UTF-8. */
export type FsPath = string | Buffer;

export interface InputFile {
  abs: FsPath;
  rel: string;
  format: InputFormat;
  size: number;
  mtimeMs: number;
  /**
   * False for a file the walk passed without a stat (WalkOptions.needsStat): size and mtime are 0
   * until the reader takes them from the open file.
   */
  statted: boolean;
}

export type SkipReason = 'extension' | 'excluded';

export interface WalkReject {
  rel: string;
  kind: SourceKind;
  reason: string;
  detail: string;
  size: number;
  mtimeMs: number;
  /** The problem may go away without the file changing (permissions, a deleted link target): read it again next run. */
  retry: boolean;
}

export type WalkItem = { file: InputFile } | { reject: WalkReject } | { skipped: string; why: SkipReason };

export interface WalkOptions {
  /** Follow symlinks whose target is outside the input folder (off: they are rejected as `outside_input`). */
  followSymlinks?: boolean;
  /**
   * Folders never read, whatever symlink leads into them, `--follow-symlinks` or not: the run's
   * own output, whose state files and tables would come back as input (`inside_output` rejects).
   */
  avoidFolders?: string[];
  /** False for a file the --include/--exclude globs leave out. */
  accept?: (rel: string) => boolean;
  /** Paths (files or folders) passed over without a stat and without a word (the chrome pass's sample). */
  skip?: (rel: string) => boolean;
  /**
   * False for a one-document file whose size and mtime the caller can wait for until it opens the
   * file: a regular file (by its directory entry) is then yielded unstatted. A stat by path is the
   * walk's main cost, and the reader's open file tells the same for less. Default: every file is statted.
   */
  needsStat?: (rel: string) => boolean;
}

interface Walk {
  rootReal: Buffer;
  avoidReal: Buffer[];
  follow: boolean;
  accept: (rel: string) => boolean;
  skip: (rel: string) => boolean;
  needsStat: (rel: string) => boolean;
  seen: Set<string>;
}

export async function* walkInput(root: string, options: WalkOptions = {}): AsyncGenerator<WalkItem> {
  const walk: Walk = {
    rootReal: await realpath(root, { encoding: 'buffer' }),
    avoidReal: await existingRealPaths(options.avoidFolders ?? []),
    follow: options.followSymlinks ?? false,
    accept: options.accept ?? (() => true),
    skip: options.skip ?? (() => false),
    needsStat: options.needsStat ?? (() => true),
    seen: new Set(),
  };
  yield* walkDir(walk, root, '', 0);
}

function childPath(dir: FsPath, name: Buffer, decoded: string, utf8Name: boolean): FsPath {
  if (typeof dir === 'string' && utf8Name) return join(dir, decoded);
  return Buffer.concat([Buffer.isBuffer(dir) ? dir : Buffer.from(dir), Buffer.from(sep), name]);
}

/** Whether `real` is the folder `folder` or lies in it (both real paths). */
function within(real: Buffer, folder: Buffer): boolean {
  if (real.equals(folder)) return true;
  const prefix = folder[folder.length - 1] === 0x2f ? folder : Buffer.concat([folder, Buffer.from(sep)]);
  return real.length > prefix.length && real.subarray(0, prefix.length).equals(prefix);
}

/** The real paths of those of the folders that exist. */
async function existingRealPaths(folders: string[]): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for (const folder of folders) {
    const real = await realpath(folder, { encoding: 'buffer' }).catch(() => undefined);
    if (real) out.push(real);
  }
  return out;
}

function reject(rel: string, reason: string, detail: string, info?: { size: number; mtimeMs: number }, retry = false): WalkItem {
  return { reject: { rel, kind: formatOf(rel)?.kind ?? 'txt', reason, detail, size: info?.size ?? 0, mtimeMs: info?.mtimeMs ?? 0, retry } };
}

/** What went wrong with a path, in words that say what happened. */
export function ioProblem(err: unknown, what: string): { reason: string; detail: string; retry: boolean } {
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ENOENT': return { reason: 'unreadable', detail: `${what} was deleted while the input was being read`, retry: true };
    case 'EACCES':
    case 'EPERM': return { reason: 'unreadable', detail: `${what}: permission denied (it is read again on the next run)`, retry: true };
    case 'ELOOP': return { reason: 'symlink_loop', detail: `${what} is a symlink that loops back on itself`, retry: false };
    default: return { reason: 'unreadable', detail: `${what}: ${e.message}`, retry: true };
  }
}

async function* walkDir(walk: Walk, dir: FsPath, rel: string, depth: number): AsyncGenerator<WalkItem> {
  const real = (await realpath(dir, { encoding: 'buffer' })).toString('latin1');
  if (walk.seen.has(real)) {
    yield reject(rel, 'symlink_loop', 'this folder was already walked under another path (a symlink loop or a second link to it); not followed');
    return;
  }
  if (depth > MAX_DEPTH) {
    yield reject(rel, 'too_deep', `more than ${MAX_DEPTH} folders deep; not followed`);
    return;
  }
  walk.seen.add(real);
  const entries: { name: string; bytes: Buffer; utf8: boolean; link: boolean; file: boolean }[] = [];
  try {
    // Names as bytes: a name that is not UTF-8 must still be opened, and kept apart from its look-alikes.
    for await (const e of await opendir(dir, { encoding: 'buffer' as BufferEncoding })) {
      const bytes = e.name as unknown as Buffer;
      entries.push({ name: nameFromBytes(bytes), bytes, utf8: isUtf8(bytes), link: e.isSymbolicLink(), file: e.isFile() });
    }
  } catch (err) {
    const p = ioProblem(err, 'folder');
    yield reject(rel || '.', p.reason, p.detail, undefined, p.retry);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const childRel = rel ? `${rel}/${e.name}` : e.name;
    if (walk.skip(childRel)) continue;
    const abs = childPath(dir, e.bytes, e.name, e.utf8);
    const unstatted = e.file ? unstattedFile(walk, abs, childRel) : undefined;
    if (unstatted) yield unstatted;
    else yield* walkEntry(walk, abs, childRel, e.link, depth);
  }
}

/** A regular file (not a link) taken without a stat, when the caller can do without one. */
function unstattedFile(walk: Walk, abs: FsPath, rel: string): WalkItem | undefined {
  const format = formatOf(rel);
  if (format?.layout !== 'document' || walk.needsStat(rel)) return undefined;
  if (!walk.accept(rel)) return { skipped: rel, why: 'excluded' };
  return { file: { abs, rel, format, size: 0, mtimeMs: 0, statted: false } };
}

async function* walkEntry(walk: Walk, abs: FsPath, rel: string, link: boolean, depth: number): AsyncGenerator<WalkItem> {
  const format = formatOf(rel);
  let target: Buffer | undefined;
  if (link) {
    try {
      target = await realpath(abs, { encoding: 'buffer' });
    } catch (err) {
      if (!format) return;
      const to = await readlink(abs).catch(() => '?');
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') yield reject(rel, 'unreadable', `dangling symlink: its target ${to} does not exist`, await lstat(abs).catch(() => undefined), true);
      else { const p = ioProblem(err, `symlink to ${to}`); yield reject(rel, p.reason, p.detail, undefined, p.retry); }
      return;
    }
  }
  let info: Stats;
  try {
    // Synchronous: one stat per file is microseconds on a local disk, while each asynchronous one
    // waits for libuv's thread pool (a no-op run over 18k files spent most of its time there).
    info = statSync(abs);
  } catch (err) {
    if (!format) return;
    const p = ioProblem(err, 'file');
    yield reject(rel, p.reason, p.detail, undefined, p.retry);
    return;
  }
  if (target !== undefined && walk.avoidReal.some((folder) => within(target!, folder))) {
    if (info.isDirectory() || format) yield reject(rel, 'inside_output', `symlink to ${target.toString()} leads into the output folder; never read (its tables and state would come back as input)`);
    return;
  }
  const outside = target !== undefined && !walk.follow && !within(target, walk.rootReal);
  const leaves = (): string => `symlink to ${target!.toString()} leads out of the input folder; not followed (--follow-symlinks follows it)`;
  if (info.isDirectory()) {
    if (outside) yield reject(rel, 'outside_input', leaves(), undefined, true);
    else yield* walkDir(walk, abs, rel, depth + 1);
    return;
  }
  if (!walk.accept(rel)) {
    yield { skipped: rel, why: 'excluded' };
  } else if (!format) {
    yield { skipped: rel, why: 'extension' };
  } else if (outside) {
    yield reject(rel, 'outside_input', leaves(), info, true);
  } else if (info.isFile()) {
    yield { file: { abs, rel, format, size: info.size, mtimeMs: info.mtimeMs, statted: true } };
  } else {
    // A FIFO, socket or device named like a document: reading it could block forever.
    yield reject(rel, 'not_a_regular_file', 'not a regular file (FIFO, socket or device)', { size: 0, mtimeMs: info.mtimeMs });
  }
}
