/**
 * Checkpoints: per run, what each stage added or changed on each document it processed (its
 * delta), keyed by doc_id:
 *
 *   _work/<run>/part-<k>.jsonl   one line per document a lane processed: {"id", "<stage>": delta, ...}
 *   _work/<run>/part-<k>.idx     "<doc_id>\t<byte offset>\t<byte length>" per line of the part
 *   _work/<run>/corpus-0000.*    the same for corpus stages' decisions, written by the main thread
 *
 * A document's current version is rebuilt by laying the deltas of its file's checkpoint runs
 * (FileRecord.checkpointRuns, newest first) over each other in stage order: `inspect` shows any
 * document of any kept run, `--from STAGE` rebuilds the documents the stage starts from. The
 * input's raw text is not kept (it is the input itself); a stage that needs it re-reads the input.
 * Mentions and date expressions are stored without their surface text (it is text[start:end]), as
 * are a text document's page-fact lines found in the text; a long text is stored deflated (base64):
 * it is the bulk of a checkpoint, and deflating it costs far less than the stages that made it.
 */
import { createReadStream, type WriteStream } from 'node:fs';
import { discardFileStream, endFileStream, openFileStream, writeChunk } from './writers/file-stream.js';
import { mkdir, open, readdir, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { createInterface } from 'node:readline';
import type { AnchorSource, DateMention, Doc, DupInfo, EntityType, Granularity, Mention, PageFacts, Removal } from './doc.js';
import { derivedEntityId } from './tables.js';
import { applyDelta } from './apply.js';

export const workDir = (output: string, runId: string): string => join(output, '_work', runId);
export const partName = (prefix: string, k: number): string => `${prefix}-${String(k).padStart(4, '0')}`;
export const LANE_PART = 'part';
export const CORPUS_PART = 'corpus';

export type StageDeltas = [stage: string, delta: Partial<Doc>][];

/**
 * A mention as stored: the entity is 0 when it is the surface (text[start:end]), the id 1 when it
 * is the one the tables would derive from type and entity (absent: the mention has none).
 */
type MentionCells = [start: number, end: number, type: EntityType | TypeCode, entity: string | 0, entityId?: string | 1];
/** A date expression as stored: without its anchor when it has none (anchor null, anchor source 'none'). */
type DateCells = [start: number, end: number, value: string, date: string | null, granularity: Granularity, anchor?: string | null, anchorSource?: AnchorSource];
/** Entity types as stored: one letter (a type without a letter is stored as it is). */
const TYPE_CODES = { PERSON: 'P', ORG: 'O', PLACE: 'L', MONEY: 'M' } as const satisfies Record<EntityType, string>;
type TypeCode = (typeof TYPE_CODES)[EntityType];
const TYPE_OF_CODE = new Map<string, EntityType>(Object.entries(TYPE_CODES).map(([type, code]) => [code, type as EntityType]));

/**
 * A removal as stored: without its stage, which is the stage whose delta holds it, and as
 * [line, text, reason] when it has nothing else (earlier versions stored it whole).
 */
type StoredRemoval = [line: number, text: string, reason: string] | (Omit<Removal, 'stage'> & { stage?: string });
/** dedupe's exact key, when it ends with the content hash: its prefix alone, in an array. */
type StoredDup = Omit<DupInfo, 'exactKey'> & { exactKey?: string | [prefix: string] };

function encodeMention(m: Mention, text: string): MentionCells {
  const cells: MentionCells = [m.start, m.end, TYPE_CODES[m.type] ?? m.type, m.entity === text.slice(m.start, m.end) ? 0 : m.entity];
  if (m.entityId) cells.push(m.entityId === derivedEntityId(m.type, m.entity) ? 1 : m.entityId);
  return cells;
}

function decodeMention([start, end, stored, entity, entityId]: MentionCells, text: string): Mention {
  const surface = text.slice(start, end);
  const type = TYPE_OF_CODE.get(stored) ?? stored as EntityType;
  const name = entity === 0 ? surface : entity;
  const id = entityId === 1 ? derivedEntityId(type, name) : entityId;
  return { entity: name, ...(id ? { entityId: id } : {}), type, surface, start, end };
}

function encodeRemoval(r: Removal, stage: string): StoredRemoval {
  const { stage: by, line, text, reason, ...rest } = r;
  if (by !== stage) return r;
  return Object.keys(rest).length === 0 ? [line, text, reason] : { line, text, reason, ...rest };
}

function decodeRemoval(r: StoredRemoval, stage: string): Removal {
  if (Array.isArray(r)) return { stage, line: r[0], text: r[1], reason: r[2] };
  return r.stage === undefined ? { stage, ...r } : r as Removal;
}

function encodeDate(d: DateMention): DateCells {
  const cells: DateCells = [d.start, d.end, d.value, d.date, d.granularity];
  if (d.anchor !== null || d.anchorSource !== 'none') cells.push(d.anchor, d.anchorSource);
  return cells;
}

/** A text as stored: as it is, or (long ones) deflated in base64. */
type StoredText = string | { deflated: string };
/** Texts shorter than this stay as they are: deflate gains little on them. */
const DEFLATE_FROM_CHARS = 256;

function encodeText(text: string): StoredText {
  if (text.length < DEFLATE_FROM_CHARS) return text;
  return { deflated: deflateRawSync(Buffer.from(text, 'utf8'), { level: 1 }).toString('base64') };
}

function decodeText(stored: StoredText): string {
  return typeof stored === 'string' ? stored : inflateRawSync(Buffer.from(stored.deflated, 'base64')).toString('utf8');
}

/** A line as stored: [start, length] of its place in the text when it is in it, else itself. */
type StoredLine = string | [start: number, length: number];

function encodeLines(lines: string[], text: string): StoredLine[] {
  return lines.map((line) => {
    const at = line === '' ? -1 : text.indexOf(line);
    return at >= 0 ? [at, line.length] : line;
  });
}

const decodeLines = (lines: StoredLine[], text: string): string[] => lines.map((l) => (typeof l === 'string' ? l : text.slice(l[0], l[0] + l[1])));

function encodePage(page: PageFacts, text: string): unknown {
  return { ...page, topLines: encodeLines(page.topLines, text), bylineLines: encodeLines(page.bylineLines, text) };
}

function decodePage(stored: PageFacts & { topLines: StoredLine[]; bylineLines: StoredLine[] }, text: string): PageFacts {
  return { ...stored, topLines: decodeLines(stored.topLines, text), bylineLines: decodeLines(stored.bylineLines, text) };
}

/** The delta as stored: mentions and dates as short arrays without their surface, removals without their stage. */
function encode(delta: Partial<Doc>, text: string, stage: string): Record<string, unknown> {
  const out: Record<string, unknown> = { ...delta };
  if (delta.text !== undefined) out.text = encodeText(delta.text);
  if (delta.page) out.page = encodePage(delta.page, text);
  if (delta.mentions) out.mentions = delta.mentions.map((m) => encodeMention(m, text));
  if (delta.dates) out.dates = delta.dates.map(encodeDate);
  if (delta.removed) out.removed = delta.removed.map((r) => encodeRemoval(r, stage));
  const exactKey = (delta.dup as { exactKey?: unknown } | undefined)?.exactKey;
  if (delta.dup && typeof exactKey === 'string' && exactKey.endsWith(delta.dup.contentHash)) {
    out.dup = { ...delta.dup, exactKey: [exactKey.slice(0, exactKey.length - delta.dup.contentHash.length)] };
  }
  return out;
}

/** Reads deltas stored by encode() and by earlier versions (full ids, removals with their stage, whole exact keys). */
function decode(stored: Record<string, unknown>, text: string, stage: string): Partial<Doc> {
  const delta = { ...stored } as Partial<Doc>;
  if (stored.text !== undefined) delta.text = text;
  if (stored.page) delta.page = decodePage(stored.page as Parameters<typeof decodePage>[0], text);
  if (stored.mentions) delta.mentions = (stored.mentions as MentionCells[]).map((cells) => decodeMention(cells, text));
  if (stored.dates) {
    delta.dates = (stored.dates as DateCells[]).map(([start, end, value, date, granularity, anchor = null, anchorSource = 'none']): DateMention => ({
      surface: text.slice(start, end), start, end, value, date, granularity, anchor, anchorSource,
    }));
  }
  if (stored.removed) delta.removed = (stored.removed as StoredRemoval[]).map((r) => decodeRemoval(r, stage));
  const dup = stored.dup as StoredDup | undefined;
  if (dup && Array.isArray(dup.exactKey)) delta.dup = { ...dup, exactKey: dup.exactKey[0] + dup.contentHash } as DupInfo;
  return delta;
}

/** The text each stage's delta is encoded against: the document's text once that stage is done. */
function textAfter(doc: Doc, delta: Partial<Doc>): string {
  return delta.text ?? doc.text;
}

/**
 * Lines are encoded into a buffer of ~256 KiB that is handed to the file when full: one stream
 * write per line cost a lane at --concurrency 2 a third of its time (each write is a trip through
 * libuv's thread pool), and encoding a line once gives its byte length too.
 */
const CHUNK_BYTES = 1 << 18;

/** Appends lines to a file in pieces, knowing each line's byte offset and length. */
class LineFile {
  private chunk = Buffer.allocUnsafeSlow(CHUNK_BYTES);
  private used = 0;
  private closed = false;
  bytes = 0;

  constructor(private readonly out: WriteStream) {}

  /** Returns the line's byte offset and length (without its newline). */
  async write(line: string): Promise<{ at: number; length: number }> {
    // A UTF-8 character takes at most 3 bytes per UTF-16 unit; a line that may not fit goes alone.
    if (this.used + line.length * 3 + 1 > this.chunk.length) {
      await this.flush();
      if (line.length * 3 + 1 > this.chunk.length) return this.writeAlone(line);
    }
    const length = this.chunk.write(line, this.used, 'utf8');
    this.chunk[this.used + length] = 0x0a;
    this.used += length + 1;
    const at = this.bytes;
    this.bytes += length + 1;
    return { at, length };
  }

  private async writeAlone(line: string): Promise<{ at: number; length: number }> {
    const bytes = Buffer.from(`${line}\n`, 'utf8');
    const at = this.bytes;
    this.bytes += bytes.length;
    await this.put(bytes);
    return { at, length: bytes.length - 1 };
  }

  private async flush(): Promise<void> {
    if (this.used === 0) return;
    // The stream keeps the buffer until it is written: the next lines go into a new one.
    const full = this.chunk.subarray(0, this.used);
    this.chunk = Buffer.allocUnsafeSlow(CHUNK_BYTES);
    this.used = 0;
    await this.put(full);
  }

  private put(bytes: Buffer): Promise<void> {
    return writeChunk(this.out, bytes);
  }

  /** Idempotent: an aborted run closes what a finished lane closed already. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.flush();
    await endFileStream(this.out);
  }

  /** Stops writing: the run failed and its _work folder goes. */
  async abort(): Promise<void> {
    this.closed = true;
    await discardFileStream(this.out);
  }
}

/** One part of a run's checkpoint: the deltas lines and their index. */
export class DeltaWriter {
  private constructor(private readonly lines: LineFile, private readonly index: LineFile) {}

  static async open(output: string, runId: string, prefix: string, k: number): Promise<DeltaWriter> {
    const dir = workDir(output, runId);
    await mkdir(dir, { recursive: true });
    const file = (ext: string) => new LineFile(openFileStream(join(dir, `${partName(prefix, k)}.${ext}`)));
    return new DeltaWriter(file('jsonl'), file('idx'));
  }

  /** `before`: the document as the first delta found it (for the text mentions are encoded against). */
  async write(id: string, before: Doc, deltas: StageDeltas): Promise<void> {
    if (deltas.length === 0) return;
    const stored: Record<string, unknown> = { id };
    let doc = before;
    for (const [stage, delta] of deltas) {
      stored[stage] = encode(delta, textAfter(doc, delta), stage);
      if (delta.text !== undefined) doc = { ...doc, text: delta.text };
    }
    const { at, length } = await this.lines.write(JSON.stringify(stored));
    await this.index.write(`${id}\t${at}\t${length}`);
  }

  async close(): Promise<void> {
    await this.lines.close();
    await this.index.close();
  }

  async abort(): Promise<void> {
    await Promise.all([this.lines.abort(), this.index.abort()]);
  }
}

interface Location {
  part: string;
  offset: number;
  length: number;
}

/**
 * Reads the kept checkpoints of an output. Each run's index is loaded on first use (a Map of the
 * run's documents); lines are read by offset.
 */
export class CheckpointReader {
  private readonly indexes = new Map<string, Map<string, Location[]>>();
  private readonly handles = new Map<string, FileHandle>();

  constructor(private readonly output: string) {}

  /** The stored deltas of one document in one run, by stage; undefined when the run has none for it. */
  async deltasIn(run: string, docId: string): Promise<Map<string, Record<string, unknown>> | undefined> {
    const locations = (await this.index(run)).get(docId);
    if (!locations) return undefined;
    const out = new Map<string, Record<string, unknown>>();
    for (const loc of locations) {
      const stored = JSON.parse(await this.readLine(join(workDir(this.output, run), `${loc.part}.jsonl`), loc)) as Record<string, unknown>;
      for (const [stage, delta] of Object.entries(stored)) if (stage !== 'id') out.set(stage, delta as Record<string, unknown>);
    }
    return out;
  }

  /** Doc ids a run holds deltas for. */
  async docsIn(run: string): Promise<string[]> {
    return [...(await this.index(run)).keys()];
  }

  /**
   * The document as `runs` (newest first) leave it: every stage's delta but those of `skip`, in
   * `order`, each from the newest run that has one. Undefined when no run holds the document's
   * source delta.
   */
  async rebuild(docId: string, runs: readonly string[], order: readonly string[], skip: ReadonlySet<string> = new Set()): Promise<Rebuilt | undefined> {
    const found = new Map<string, { run: string; stored: Record<string, unknown> }>();
    for (const run of runs) {
      const deltas = await this.deltasIn(run, docId);
      for (const [stage, stored] of deltas ?? []) if (!found.has(stage)) found.set(stage, { run, stored });
      if (found.has(order[0])) break;
    }
    const source = found.get(order[0]);
    if (!source) return undefined;
    let doc: Doc = { id: docId, raw: '', text: '', removed: [], dates: [], mentions: [], ...(source.stored as Partial<Doc>) } as Doc;
    const fromRun: Record<string, string> = { [order[0]]: source.run };
    const stages: [string, Partial<Doc>][] = [];
    for (const stage of order.slice(1)) {
      const f = skip.has(stage) ? undefined : found.get(stage);
      if (!f) continue;
      const text = f.stored.text !== undefined ? decodeText(f.stored.text as StoredText) : doc.text;
      const delta = decode(f.stored, text, stage);
      doc = applyDelta(doc, stage, delta);
      fromRun[stage] = f.run;
      stages.push([stage, delta]);
    }
    return { doc, fromRun, stages, source: source.stored as Partial<Doc> };
  }

  async close(): Promise<void> {
    for (const h of this.handles.values()) await h.close();
    this.handles.clear();
  }

  private async index(run: string): Promise<Map<string, Location[]>> {
    let index = this.indexes.get(run);
    if (index) return index;
    index = new Map();
    const dir = workDir(this.output, run);
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.endsWith('.idx')).sort()) {
      const part = name.slice(0, -4);
      for await (const line of createInterface({ input: createReadStream(join(dir, name), { encoding: 'utf8' }), crlfDelay: Infinity })) {
        if (line === '') continue;
        const [id, offset, length] = line.split('\t');
        const loc: Location = { part, offset: Number(offset), length: Number(length) };
        const list = index.get(id);
        if (list) list.push(loc);
        else index.set(id, [loc]);
      }
    }
    this.indexes.set(run, index);
    return index;
  }

  private async readLine(path: string, loc: Location): Promise<string> {
    let h = this.handles.get(path);
    if (!h) this.handles.set(path, (h = await open(path, 'r')));
    const buf = Buffer.alloc(loc.length);
    const { bytesRead } = await h.read(buf, 0, loc.length, loc.offset);
    if (bytesRead !== loc.length) throw new Error(`checkpoint ${path} is shorter than its index says (line at ${loc.offset})`);
    return buf.toString('utf8');
  }
}

export interface Rebuilt {
  doc: Doc;
  /** Stage -> the run whose delta the document carries. */
  fromRun: Record<string, string>;
  /** The decoded deltas, in stage order (the source's not included). */
  stages: [string, Partial<Doc>][];
  source: Partial<Doc>;
}
