/**
 * Where things live in an output directory, and the checks that keep every path the commit
 * protocol touches inside it.
 *
 *   <format>/run-<run>/<table>/part-<k>.<ext>   a committed run: published by one rename per format
 *   <format>/run-<run>/manifest.json            the files that rename published, with their sizes
 *   _work/<run>/publish/<format>/...            the same folder while the run writes it (no reader globs it)
 *   _state/                                     state.json, files table, dedupe index, chrome counts, lock
 */
import { lstat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { NewsEtlError } from './errors.js';
import { OUTPUT_FORMATS, type OutputFormat } from './writers/types.js';

export const STATE_DIR = '_state';
export const WORK_DIR = '_work';
export const RUN_FOLDER_PREFIX = 'run-';
export const MANIFEST_FILE = 'manifest.json';

export const stateDirOf = (output: string): string => join(output, STATE_DIR);

export function publishedRunDir(output: string, format: OutputFormat, runId: string): string {
  return join(output, format, `${RUN_FOLDER_PREFIX}${runId}`);
}

/** A run's files of one format while it writes them: outside every folder a reader globs. */
export function stagingRunDir(output: string, format: OutputFormat, runId: string): string {
  return join(output, WORK_DIR, runId, 'publish', format);
}

/** The glob that reads one table of every published run (`root` may itself hold a glob, e.g. `shards/*`). */
export function tableGlob(root: string, format: OutputFormat, table: string): string {
  return `${root}/${format}/${RUN_FOLDER_PREFIX}*/${table}/*.${format}`;
}

/** One path segment a run id, table or state file name may use: no separators, no `..`, no leading dot. */
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

export function isSafeSegment(name: string): boolean {
  return SEGMENT.test(name) && !name.includes('..');
}

export function isOutputFormat(name: string): name is OutputFormat {
  return (OUTPUT_FORMATS as readonly string[]).includes(name);
}

/** `path` (absolute, or relative to the working directory) relative to `dir`, or undefined when it is not strictly inside it. */
export function insideOutput(dir: string, path: string): string | undefined {
  const rel = relative(resolve(dir), resolve(path));
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

/**
 * What a commit may delete, relative to the output: a state file, a run's work folder, a published
 * run folder, or a table folder of the layout before per-run folders (`<format>/<table>/run-<run>`).
 */
export function isDeletablePath(rel: string): boolean {
  const parts = rel.split('/');
  if (!parts.every(isSafeSegment)) return false;
  if (parts[0] === STATE_DIR || parts[0] === WORK_DIR) return parts.length === 2;
  return isOutputFormat(parts[0]) && (parts.length === 2 || parts.length === 3);
}

export class UnsafePathError extends NewsEtlError {
  constructor(readonly file: string, readonly path: string, why: string) {
    super('E_UNSAFE_PATH', `${file} names ${path}, ${why}. Nothing was changed. It was not written by news-etl: to rebuild the output from the input, rerun with --full-refresh (which discards it without acting on it).`);
  }
}

/** Refuses a path that climbs out of the output through a symbolic link along the way. */
export async function assertNoSymlinkOnTheWay(output: string, rel: string, file: string): Promise<void> {
  let at = resolve(output);
  for (const part of rel.split('/')) {
    at = join(at, part);
    try {
      if ((await lstat(at)).isSymbolicLink()) throw new UnsafePathError(file, rel, `and ${at} is a symbolic link (it could point outside the output folder)`);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
  }
}
