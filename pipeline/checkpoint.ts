/**
 * Checkpoints: per run, what each stage added or changed on each document it processed (its
 * delta), keyed by doc_id:
 *
 *   _work/<run>/part-<k>.jsonl.deflate  one line per document a lane processed, {"id", "<stage>": delta, ...},
 *                                       deflated in frames (see DeflatedLines)
 *   _work/<run>/part-<k>.idx            "<doc_id>\t<frame offset>\t<frame length>\t<line offset>\t<line length>"
 *                                       per line of the part (the line's place in its inflated frame)
 *   _work/<run>/corpus-0000.*           the same for corpus stages' decisions, written by the main thread
 *
 * A document's current version is rebuilt by laying the deltas of its file's checkpoint runs
 * (FileRecord.checkpointRuns, newest first) over each other in stage order: `inspect` shows any
 * document of any kept run, `--from STAGE` rebuilds the documents the stage starts from. The
 * input's raw text is not kept (it is the input itself); a stage that needs it re-reads the input.
 * Mentions and date expressions are stored without their surface text (it is text[start:end]), as
 * are a text document's page-fact lines found in the text. Earlier versions wrote plain `.jsonl`
 * parts (an index line of three fields: offset and length in the file) with long texts deflated
 * one by one in base64; they are still read.
 */
import { createReadStream, type WriteStream } from 'node:fs';
import { discardFileStream, endFileStream, openFileStream, writeChunk } from './writers/file-stream.js';
import { MAX_UTF8_PER_UNIT } from './writers/column-bytes.js';
import { mkdir, open, readdir, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { constants as zlibConstants, deflateRaw, inflateRawSync, type InputType, type ZlibOptions } from 'node:zlib';
import { promisify } from 'node:util';
import { createInterface } from 'node:readline';
import type { AnchorSource, DateMention, Doc, DupInfo, EntityType, Granularity, Mention, PageFacts, Removal } from './doc.js';
import { derivedEntityId, isDerivedEntityId } from './tables.js';
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
  if (m.entityId) cells.push(isDerivedEntityId(m.entityId, m.type, m.entity) ? 1 : m.entityId);
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

/** A text as stored: as it is (the frame it is in is deflated), or as earlier versions stored a long one, deflated in base64. */
type StoredText = string | { deflated: string };

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
 * Index lines are encoded into a buffer of ~256 KiB that is handed to the file when full: one
 * stream write per line cost a lane at --concurrency 2 a third of its time (each write is a trip
 * through libuv's thread pool).
 */
const CHUNK_BYTES = 1 << 18;

/** Appends lines of text to a file in pieces. */
class LineFile {
  private chunk = Buffer.allocUnsafeSlow(CHUNK_BYTES);
  private used = 0;
  private closed = false;

  constructor(private readonly out: WriteStream) {}

  async write(line: string): Promise<void> {
    // A line that may not fit goes alone.
    if (this.used + line.length * MAX_UTF8_PER_UNIT + 1 > this.chunk.length) {
      await this.flush();
      if (line.length * MAX_UTF8_PER_UNIT + 1 > this.chunk.length) return writeChunk(this.out, `${line}\n`);
    }
    const length = this.chunk.write(line, this.used, 'utf8');
    this.chunk[this.used + length] = 0x0a;
    this.used += length + 1;
  }

  private async flush(): Promise<void> {
    if (this.used === 0) return;
    // The stream keeps the buffer until it is written: the next lines go into a new one.
    const full = this.chunk.subarray(0, this.used);
    this.chunk = Buffer.allocUnsafeSlow(CHUNK_BYTES);
    this.used = 0;
    await writeChunk(this.out, full);
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

/** The deltas file of a part: its lines, deflated in frames. */
const DEFLATED_LINES_EXT = 'jsonl.deflate';
/** The deltas file of a part as earlier versions wrote it: plain lines. */
const PLAIN_LINES_EXT = 'jsonl';

/**
 * Uncompressed bytes per frame. A frame is inflated whole to read one of its lines, so it stays
 * small next to what a lookup costs anyway; much smaller frames would deflate worse.
 */
const FRAME_BYTES = 1 << 17;
/** Room for a frame's last line, however long it may be (a longer one gets a buffer of its own). */
const FRAME_BUFFER_BYTES = FRAME_BYTES * 4;
/**
 * Each frame ends on a sync flush (byte-aligned, not final), so that frames can be laid end to end.
 * Output chunks as large as a frame: a frame comes back from the thread pool in one trip, not one
 * per 16 KiB.
 */
const FRAME_DEFLATE = { level: 1, finishFlush: zlibConstants.Z_SYNC_FLUSH, chunkSize: FRAME_BYTES };
const FRAME_INFLATE = { finishFlush: zlibConstants.Z_SYNC_FLUSH };
const deflateFrame = promisify<InputType, ZlibOptions, Buffer>(deflateRaw);
/** deflate's final block, empty (fixed codes, the end-of-block code alone): the file's last bytes. */
const DEFLATE_END = Buffer.from([0x03, 0x00]);
/**
 * Frames handed to the thread pool and not yet written before a lane waits for the oldest: a bound
 * on the memory they hold. A frame's deflate takes the pool two trips (its data, then the final
 * flush), the second one started only when the thread's event loop turns, which it does between
 * batches; a lane that waited for the last frame at every frame went idle for that second trip.
 */
const FRAMES_IN_FLIGHT = 4;

/** A line of the frame being filled: its document and its place in the (inflated) frame. */
interface FramedLine {
  id: string;
  at: number;
  length: number;
}

/**
 * Deltas lines deflated in frames of about FRAME_BYTES, each on its own (a line is read by
 * inflating its frame alone), written with their index lines once their frame is. Laid end to end
 * and closed by a final block, the frames make the file one raw deflate stream of the lines as well.
 * One deflate call per frame instead of one per long text, over the whole line (its JSON repeats
 * keys and numbers): a checkpoint less than half the size of texts deflated one by one, for less
 * time, and no base64.
 */
class DeflatedLines {
  private frame = Buffer.allocUnsafeSlow(FRAME_BUFFER_BYTES);
  private used = 0;
  private lines: FramedLine[] = [];
  /** Deflated bytes written so far: the offset of the next frame. */
  private bytes = 0;
  private closed = false;
  /** The last frame handed over: deflated, written (after the frames before it), and its index lines with it. */
  private inFlight: Promise<void> = Promise.resolve();
  /** Frames handed over, oldest first, that the lane has not waited for. */
  private unawaited: Promise<void>[] = [];

  constructor(private readonly out: WriteStream, private readonly index: LineFile) {}

  async write(id: string, line: string): Promise<void> {
    // a long line is measured, not sized for the worst case (3 bytes per code unit)
    const most = line.length > FRAME_BYTES ? Buffer.byteLength(line) + 1 : line.length * MAX_UTF8_PER_UNIT + 1;
    if (this.used > 0 && this.used + most > this.frame.length) await this.flush();
    if (most > this.frame.length) this.frame = Buffer.allocUnsafeSlow(most);
    const length = this.frame.write(line, this.used, 'utf8');
    this.frame[this.used + length] = 0x0a;
    this.lines.push({ id, at: this.used, length });
    this.used += length + 1;
    if (this.used >= FRAME_BYTES) await this.flush();
  }

  /**
   * The frame is deflated in the thread pool while the lane goes on with the next documents, and
   * written after the frames before it; up to FRAMES_IN_FLIGHT frames are in flight, and a failure
   * rejects a later flush (every later frame fails with it) or the close.
   */
  private async flush(): Promise<void> {
    if (this.used === 0) return;
    const frame = Buffer.from(this.frame.subarray(0, this.used));
    const lines = this.lines;
    // Back to its usual size after a long line.
    if (this.frame.length > FRAME_BUFFER_BYTES) this.frame = Buffer.allocUnsafeSlow(FRAME_BUFFER_BYTES);
    this.lines = [];
    this.used = 0;
    const deflated = deflateFrame(frame, FRAME_DEFLATE);
    // A rejection is taken by the await of the frame's write; none is left unhandled meanwhile.
    deflated.catch(() => undefined);
    this.inFlight = this.writeFrame(this.inFlight, deflated, lines);
    this.inFlight.catch(() => undefined);
    this.unawaited.push(this.inFlight);
    while (this.unawaited.length > FRAMES_IN_FLIGHT) await this.unawaited.shift();
  }

  /** The frame's bytes at the end of the file once the frames before it are there: its offset is theirs' sum. */
  private async writeFrame(before: Promise<void>, frame: Promise<Buffer>, lines: FramedLine[]): Promise<void> {
    await before;
    const deflated = await frame;
    const at = this.bytes;
    this.bytes += deflated.length;
    await writeChunk(this.out, deflated);
    for (const l of lines) await this.index.write(`${l.id}\t${at}\t${deflated.length}\t${l.at}\t${l.length}`);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.flush();
    await this.inFlight;
    this.unawaited = [];
    await writeChunk(this.out, DEFLATE_END);
    await endFileStream(this.out);
  }

  async abort(): Promise<void> {
    this.closed = true;
    await discardFileStream(this.out);
    // the frame being deflated then fails to write; it is waited for, not left running
    await this.inFlight.catch(() => undefined);
  }
}

/** One part of a run's checkpoint: the deltas lines and their index. */
export class DeltaWriter {
  private constructor(private readonly lines: DeflatedLines, private readonly index: LineFile) {}

  static async open(output: string, runId: string, prefix: string, k: number): Promise<DeltaWriter> {
    const dir = workDir(output, runId);
    await mkdir(dir, { recursive: true });
    const name = partName(prefix, k);
    const index = new LineFile(openFileStream(join(dir, `${name}.idx`)));
    return new DeltaWriter(new DeflatedLines(openFileStream(join(dir, `${name}.${DEFLATED_LINES_EXT}`)), index), index);
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
    await this.lines.write(id, JSON.stringify(stored));
  }

  /** The index after the lines: their last frame's index lines are written when the frame is. */
  async close(): Promise<void> {
    await this.lines.close();
    await this.index.close();
  }

  async abort(): Promise<void> {
    await Promise.all([this.lines.abort(), this.index.abort()]);
  }
}

/** The lines of a deltas file as a whole (tests, and anyone looking into a checkpoint by hand). */
export function checkpointText(file: Buffer): string {
  return inflateRawSync(file).toString('utf8');
}

/** A line's place: in its part's inflated frame at `frame` (plain parts of earlier versions: in the file). */
interface Location {
  part: string;
  offset: number;
  length: number;
  frame?: { at: number; length: number };
}

/**
 * Reads the kept checkpoints of an output. Each run's index is loaded on first use (a Map of the
 * run's documents); lines are read by offset, a deflated part's frame by frame (the last one read
 * of each part is kept: documents are mostly read in the order they were written).
 */
export class CheckpointReader {
  private readonly indexes = new Map<string, Map<string, Location[]>>();
  private readonly handles = new Map<string, FileHandle>();
  private readonly frames = new Map<string, { at: number; bytes: Buffer }>();

  constructor(private readonly output: string) {}

  /** The stored deltas of one document in one run, by stage; undefined when the run has none for it. */
  async deltasIn(run: string, docId: string): Promise<Map<string, Record<string, unknown>> | undefined> {
    const locations = (await this.index(run)).get(docId);
    if (!locations) return undefined;
    const out = new Map<string, Record<string, unknown>>();
    for (const loc of locations) {
      const stored = JSON.parse(await this.readLine(workDir(this.output, run), loc)) as Record<string, unknown>;
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
    this.frames.clear();
  }

  /** Index lines of five fields place a line in a deflated frame; of three, in a plain file. */
  private async index(run: string): Promise<Map<string, Location[]>> {
    let index = this.indexes.get(run);
    if (index) return index;
    index = new Map();
    const dir = workDir(this.output, run);
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.endsWith('.idx')).sort()) {
      const part = name.slice(0, -4);
      let lineNumber = 0;
      for await (const line of createInterface({ input: createReadStream(join(dir, name), { encoding: 'utf8' }), crlfDelay: Infinity })) {
        lineNumber++;
        if (line === '') continue;
        const [id, ...fields] = line.split('\t');
        const [a, b, c, d] = fields.map(Number);
        // a line cut short (a crash between the OS and the disk) must not become a wrong offset
        if ((fields.length !== 2 && fields.length !== 4) || ![a, b, c, d].slice(0, fields.length).every(Number.isSafeInteger)) {
          throw new Error(`checkpoint index ${join(dir, name)}:${lineNumber} is damaged (expected 2 or 4 numbers after the doc id)`);
        }
        const loc: Location = fields.length === 2 ? { part, offset: a, length: b } : { part, offset: c, length: d, frame: { at: a, length: b } };
        const list = index.get(id);
        if (list) list.push(loc);
        else index.set(id, [loc]);
      }
    }
    this.indexes.set(run, index);
    return index;
  }

  private async readLine(dir: string, loc: Location): Promise<string> {
    if (!loc.frame) return (await this.readBytes(join(dir, `${loc.part}.${PLAIN_LINES_EXT}`), loc.offset, loc.length)).toString('utf8');
    const path = join(dir, `${loc.part}.${DEFLATED_LINES_EXT}`);
    const frame = await this.inflatedFrame(path, loc.frame);
    if (loc.offset + loc.length > frame.length) throw new Error(`checkpoint ${path}: the frame at ${loc.frame.at} is shorter than its index says`);
    return frame.toString('utf8', loc.offset, loc.offset + loc.length);
  }

  private async inflatedFrame(path: string, frame: { at: number; length: number }): Promise<Buffer> {
    const kept = this.frames.get(path);
    if (kept?.at === frame.at) return kept.bytes;
    const bytes = inflateRawSync(await this.readBytes(path, frame.at, frame.length), FRAME_INFLATE);
    this.frames.set(path, { at: frame.at, bytes });
    return bytes;
  }

  private async readBytes(path: string, offset: number, length: number): Promise<Buffer> {
    let h = this.handles.get(path);
    if (!h) this.handles.set(path, (h = await open(path, 'r')));
    const buf = Buffer.alloc(length);
    const { bytesRead } = await h.read(buf, 0, length, offset);
    if (bytesRead !== length) throw new Error(`checkpoint ${path} is shorter than its index says (bytes at ${offset})`);
    return buf;
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
