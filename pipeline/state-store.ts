/**
 * state.json and the state files it names, as stored, and the checks that a state can be trusted
 * before a run acts on it (see state.ts for the layout and commit.ts for the protocol).
 */
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createHash } from 'node:crypto';
import { FileTable, type FileRecord } from './file-table.js';
import { checkDigest, seal, sha256Hex, StateError, unseal, type FileDigest } from './integrity.js';
import { isOutputFormat, isSafeSegment, RUN_FOLDER_PREFIX, stateDirOf } from './layout.js';
import { verifyPublishedRun } from './manifest.js';
import { OUTPUT_FORMATS, type OutputFormat } from './writers/types.js';

export type { FileRecord };

/** The state in memory. state.json holds it without `files` (those go to the files table). */
export interface OutputState {
  version: 1;
  /** Committed runs, oldest first. */
  runs: string[];
  files: FileTable;
  /** Stage name -> file name under _state/ of what the stage persisted (dedupe's index, boilerplate's line counts). */
  stageState?: Record<string, string>;
  /** Runs whose checkpoints (_work/<run>/) are kept, oldest first, and the stages each holds. */
  checkpoints?: CheckpointRun[];
  /** The input folder of the last run that read one (absolute): reruns of later stages re-read from it. */
  input?: string;
  /** Size and sha256 of the state files named above, as committed (filled in by loadState and commit). */
  digests?: Record<string, FileDigest>;
  /** The formats each committed run published (filled in by loadState and commit). */
  published?: Record<string, OutputFormat[]>;
}

/** A run whose checkpoints are kept, and the stages they hold. */
export interface CheckpointRun {
  run: string;
  stages: string[];
}

/** state.json's body (format version STATE.version). */
export interface StoredState {
  runs: string[];
  published: Record<string, OutputFormat[]>;
  filesTable?: string;
  stageState?: Record<string, string>;
  checkpoints?: CheckpointRun[];
  input?: string;
  digests: Record<string, FileDigest>;
}

export const STATE = { format: 'news-etl-state', version: 2 };
const FILES_TABLE = { format: 'news-etl-files', version: 2 };

export const emptyState = (): OutputState => ({ version: 1, runs: [], files: new FileTable() });

export const stateDir = stateDirOf;
export const statePath = (output: string): string => join(stateDirOf(output), 'state.json');
export const pendingPath = (output: string): string => join(stateDirOf(output), 'pending.json');

/** The state files a state names (the files table and each stage's persisted state). */
export function namedStateFiles(s: Pick<StoredState, 'filesTable' | 'stageState'>): string[] {
  return [s.filesTable, ...Object.values(s.stageState ?? {})].filter((n): n is string => n !== undefined);
}

/** `files-<run>.jsonl` and `<stage>-<run>.bin`: the files a state may name under _state/. */
export const STATE_FILE = /^[a-z][a-z0-9_]*-\d{8}T\d{6}Z-[0-9a-f]{6}\.(jsonl|bin|json)$/;
export const stageStateFile = (stage: string, runId: string): string => `${stage}-${runId}.bin`;

/** sha256 of state.json as it is on disk, '' when there is none: what a commit expects to replace. */
export async function stateFingerprint(output: string): Promise<string> {
  try {
    return sha256Hex(await readFile(statePath(output)));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw err;
  }
}

/** The fingerprint of the state this process last loaded per output: a commit replaces only that one. */
const loadedFingerprints = new Map<string, string>();
export const loadedFingerprint = (output: string): string | undefined => loadedFingerprints.get(resolve(output));
export const rememberFingerprint = (output: string, fingerprint: string): void => { loadedFingerprints.set(resolve(output), fingerprint); };

export function sealState(body: StoredState): string {
  return seal(STATE.format, STATE.version, body);
}

/** A state body that makes sense (run ids and state file names safe, checksums for every named file). */
export function checkStateShape(body: StoredState, file: string): StoredState {
  const bad = (what: string): StateError => new StateError('E_STATE_CORRUPT', file, what);
  if (body === null || typeof body !== 'object') throw bad('holds no state');
  if (!Array.isArray(body.runs) || !body.runs.every((r) => typeof r === 'string' && isSafeSegment(r))) throw bad('has no valid list of runs');
  if (new Set(body.runs).size !== body.runs.length) throw bad('lists a run twice');
  if (typeof body.published !== 'object' || body.published === null || typeof body.digests !== 'object' || body.digests === null) throw bad('lacks the published formats or the state file checksums');
  if (body.checkpoints !== undefined && !(Array.isArray(body.checkpoints) && body.checkpoints.every((c) => isSafeSegment(c?.run) && Array.isArray(c.stages)))) throw bad('has a bad list of kept checkpoints');
  for (const [run, formats] of Object.entries(body.published)) {
    if (!body.runs.includes(run) || !Array.isArray(formats) || !formats.every(isOutputFormat)) throw bad(`has bad published formats for run ${run}`);
  }
  for (const name of namedStateFiles(body)) {
    if (!isSafeSegment(name)) throw bad(`names an unsafe state file "${name}"`);
    if (!body.digests[name]) throw bad(`has no checksum for ${name}`);
  }
  return body;
}

/** state.json checked (sealed, this format version, sane), or undefined when there is none. */
export async function readStoredState(output: string): Promise<{ body: StoredState; fingerprint: string } | undefined> {
  const path = statePath(output);
  let text: Buffer;
  try {
    text = await readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const body = checkStateShape(unseal<StoredState>(text.toString('utf8'), path, STATE), path);
  return { body, fingerprint: sha256Hex(text) };
}

/** The formats the given committed runs published (state.json's `published`), csv first. */
export function publishedFormats(published: Readonly<Record<string, readonly OutputFormat[]>> | undefined, runs: readonly string[]): OutputFormat[] {
  const all = new Set(runs.flatMap((run) => published?.[run] ?? []));
  return OUTPUT_FORMATS.filter((f) => all.has(f));
}

/** Published run folders on disk, by format (`<format>/run-<run>`). */
export async function publishedRuns(output: string): Promise<Map<OutputFormat, string[]>> {
  const out = new Map<OutputFormat, string[]>();
  for (const format of OUTPUT_FORMATS) {
    const names = await readdir(join(output, format)).catch(() => [] as string[]);
    out.set(format, names.filter((n) => n.startsWith(RUN_FOLDER_PREFIX)).map((n) => n.slice(RUN_FOLDER_PREFIX.length)));
  }
  return out;
}

/** Tables in the layout before per-run folders (`<format>/<table>/run-<run>/`). */
async function oldLayoutTables(output: string): Promise<string[]> {
  const found: string[] = [];
  for (const format of OUTPUT_FORMATS) {
    for (const name of await readdir(join(output, format)).catch(() => [] as string[])) {
      if (name.startsWith(RUN_FOLDER_PREFIX)) continue;
      const inside = await readdir(join(output, format, name)).catch(() => [] as string[]);
      if (inside.some((n) => n.startsWith(RUN_FOLDER_PREFIX))) found.push(join(output, format, name));
    }
  }
  return found;
}

/** Outputs whose state this process checked already (output + fingerprint): recovery checks, then loadState. */
const verified = new Set<string>();

/**
 * Everything a run relies on, checked before it deletes or writes anything: state.json is there
 * when runs were published, lists every published run, names state files of the committed size,
 * and every committed run's files are whole.
 */
export async function verifyOutput(output: string, stored: { body: StoredState; fingerprint: string } | undefined): Promise<void> {
  const path = statePath(output);
  const published = await publishedRuns(output);
  if (!stored) {
    const runs = [...published].flatMap(([format, ids]) => ids.map((id) => `${format}/${RUN_FOLDER_PREFIX}${id}`));
    const old = await oldLayoutTables(output);
    if (runs.length > 0 || old.length > 0) {
      throw new StateError('E_STATE_MISSING', path, `is missing, but the output holds committed runs (${[...runs, ...old].slice(0, 3).join(', ')}${runs.length + old.length > 3 ? ', …' : ''}): without it a run would redo and duplicate them`);
    }
    return;
  }
  const key = `${resolve(output)}\n${stored.fingerprint}`;
  if (verified.has(key)) return;
  const { body } = stored;
  for (const [format, ids] of published) {
    for (const id of ids) {
      if (!body.published[id]?.includes(format)) {
        throw new StateError('E_STATE_INCONSISTENT', path, `does not list run ${id}, but ${join(output, format, RUN_FOLDER_PREFIX + id)} is published (state.json is not this output's, or was edited)`);
      }
    }
  }
  for (const id of body.runs) for (const format of body.published[id] ?? []) verifyPublishedRun(output, format, id);
  for (const name of namedStateFiles(body)) {
    const file = join(stateDirOf(output), name);
    const size = await stat(file).then((s) => s.size, () => -1);
    if (size < 0) throw new StateError('E_STATE_CORRUPT', file, 'is missing, but state.json names it');
    if (size !== body.digests[name].size) throw new StateError('E_STATE_CORRUPT', file, `is ${size} bytes, but ${body.digests[name].size} were committed (cut short or overwritten)`);
  }
  verified.add(key);
}

type FileLine = [path: string, size: number, mtimeMs: number, sha256: string, runId: string, docIds: string[], checkpointRuns?: string[]];

/** Reads the files table once: parsed and hashed in the same pass, checked against the committed digest at the end. */
export async function readFilesTable(path: string, expected: FileDigest): Promise<FileTable> {
  const files = new FileTable();
  const hash = createHash('sha256');
  let size = 0;
  const input = createReadStream(path);
  input.on('data', (chunk) => { hash.update(chunk); size += chunk.length; });
  let header = true;
  try {
    for await (const line of createInterface({ input, crlfDelay: Infinity })) {
      if (header) {
        const h = JSON.parse(line) as { format?: string; version?: number };
        if (h.format !== FILES_TABLE.format || h.version !== FILES_TABLE.version) throw new Error('bad header');
        header = false;
        continue;
      }
      if (line === '') continue;
      const [p, fileSize, mtimeMs, sha256, runId, docIds, checkpointRuns] = JSON.parse(line) as FileLine;
      files.set(p, { size: fileSize, mtimeMs, sha256, runId, docIds, checkpointRuns });
    }
  } catch (err) {
    if (err instanceof StateError) throw err;
    throw new StateError('E_STATE_CORRUPT', path, `cannot be read as a files table (${err instanceof Error ? err.message : String(err)})`);
  }
  if (size !== expected.size || hash.digest('hex') !== expected.sha256) {
    throw new StateError('E_STATE_CORRUPT', path, 'does not match the size and checksum committed in state.json (cut short or garbled)');
  }
  files.readFrom(basename(path));
  return files;
}

export function* filesTableChunks(files: FileTable): Generator<string> {
  let chunk: string[] = [JSON.stringify(FILES_TABLE)];
  for (const [p, f] of files.entries()) {
    const line: FileLine = [p, f.size, f.mtimeMs, f.sha256, f.runId, f.docIds];
    if (f.checkpointRuns) line.push(f.checkpointRuns);
    chunk.push(JSON.stringify(line));
    if (chunk.length === 4096) {
      yield chunk.join('\n') + '\n';
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk.join('\n') + '\n';
}

/** A state file (a stage's persisted state) read once and checked against its committed size and checksum. */
export async function readStateFile(output: string, state: OutputState, name: string): Promise<Buffer> {
  const path = join(stateDirOf(output), name);
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new StateError('E_STATE_CORRUPT', path, 'is missing, but state.json names it');
    throw err;
  }
  checkDigest(data, state.digests?.[name], path);
  return data;
}
