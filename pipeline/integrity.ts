/**
 * State files that say what they are and prove they are whole. A small JSON state file is
 * *sealed*: `{"format", "version", "sha256", "body"}`, the checksum over the body's JSON. Big
 * state files (files table, dedupe index, chrome counts) carry their own format version, and
 * their size and sha256 are kept in state.json, computed while they are written and checked
 * while they are read, so neither is ever read twice for it.
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { NewsEtlError } from './errors.js';

export interface FileDigest {
  size: number;
  sha256: string;
}

export const REBUILD_HINT = 'To rebuild the output from the input, rerun with --full-refresh.';

/** State that cannot be trusted: the run stops before it changes anything. */
export class StateError extends NewsEtlError {
  constructor(code: string, readonly file: string, problem: string, wayOut: string = REBUILD_HINT) {
    super(code, `${file}: ${problem}. Nothing was changed. ${wayOut}`);
    this.name = 'StateError';
  }
}

export const sha256Hex = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

export function seal(format: string, version: number, body: unknown): string {
  const json = JSON.stringify(body);
  return `{"format":${JSON.stringify(format)},"version":${version},"sha256":"${sha256Hex(json)}","body":${json}}\n`;
}

export interface SealedKind {
  format: string;
  /** The version this code writes; older versions are refused, newer ones too. */
  version: number;
  /** What to do when the file cannot be used (defaults to REBUILD_HINT). */
  wayOut?: string;
}

/** The body of a sealed file, or a StateError that names the file and says what is wrong with it. */
export function unseal<T>(text: string, file: string, kind: SealedKind): T {
  const fail = (code: string, problem: string): StateError => new StateError(code, file, problem, kind.wayOut);
  if (text.trim() === '') throw fail('E_STATE_CORRUPT', 'is empty');
  let parsed: { format?: unknown; version?: unknown; sha256?: unknown; body?: unknown };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    throw fail('E_STATE_CORRUPT', 'is not valid JSON (cut short or garbled)');
  }
  if (parsed === null || typeof parsed !== 'object' || parsed.format !== kind.format || typeof parsed.version !== 'number') {
    throw fail('E_STATE_VERSION', `is not a sealed "${kind.format}" file: written by a news-etl from before checksummed state, or not by news-etl`);
  }
  if (parsed.version > kind.version) {
    throw fail('E_STATE_VERSION', `has format version ${parsed.version}, written by a newer news-etl (this one reads version ${kind.version}); run that version`);
  }
  if (parsed.version < kind.version) {
    throw fail('E_STATE_VERSION', `has format version ${parsed.version}, older than this news-etl reads (${kind.version})`);
  }
  if (typeof parsed.sha256 !== 'string' || sha256Hex(JSON.stringify(parsed.body)) !== parsed.sha256) {
    throw fail('E_STATE_CORRUPT', 'does not match its checksum (garbled or edited)');
  }
  return parsed.body as T;
}

export async function hashFile(path: string): Promise<FileDigest> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { size, sha256: hash.digest('hex') };
}

/** Checks data already read against the digest state.json recorded for it. */
export function checkDigest(data: Uint8Array, expected: FileDigest | undefined, file: string): void {
  if (!expected) throw new StateError('E_STATE_CORRUPT', file, 'has no checksum in state.json');
  if (data.length !== expected.size) {
    throw new StateError('E_STATE_CORRUPT', file, `is ${data.length} bytes, but ${expected.size} were committed (cut short or overwritten)`);
  }
  if (sha256Hex(data) !== expected.sha256) throw new StateError('E_STATE_CORRUPT', file, 'does not match the checksum committed in state.json (garbled)');
}

const PARQUET_MAGIC = 'PAR1';

/**
 * A committed Parquet file is whole when it has the size its commit recorded and ends in a footer:
 * `PAR1` at both ends and a footer length that fits. Readers fail on the whole table otherwise.
 * Synchronous on purpose: it runs for every committed file at start-up, before any other work,
 * where an asynchronous open/stat/read/close costs a thread-pool round trip each (measured
 * several times slower over thousands of files).
 */
export function checkPublishedFile(path: string, expectedSize: number, file: string): void {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new StateError('E_OUTPUT_CORRUPT', file, 'is missing, but its run was committed');
    throw err;
  }
  try {
    const { size } = fstatSync(fd);
    if (size !== expectedSize) throw new StateError('E_OUTPUT_CORRUPT', file, `is ${size} bytes, but its commit published ${expectedSize} (cut short or overwritten)`);
    if (!path.endsWith('.parquet')) return;
    const head = Buffer.alloc(4);
    const tail = Buffer.alloc(8);
    readSync(fd, head, 0, 4, 0);
    readSync(fd, tail, 0, 8, Math.max(0, size - 8));
    const footerLength = tail.readUInt32LE(0);
    if (head.toString('latin1') !== PARQUET_MAGIC || tail.toString('latin1', 4) !== PARQUET_MAGIC || footerLength + 12 > size) {
      throw new StateError('E_OUTPUT_CORRUPT', file, 'has no valid Parquet footer (garbled)');
    }
  } finally {
    closeSync(fd);
  }
}
