/**
 * The files of an output's state: for every input path, its size, mtime, sha256, the doc ids it
 * produced and the run whose partitions hold its rows. The runner consults it for every input
 * file (skip unchanged files, supersede changed and deleted ones) and keeps it for the whole run,
 * so it is stored compactly: ~106 bytes of typed arrays a file, paths included (their UTF-8 bytes
 * in a pool, found through an open-addressing table), instead of an object, a 64-char hex string
 * and an array per file (~0.6 KB a file at 182,200 files), or of a Map entry and a path string
 * (~80 B a file of JS heap besides the arrays: measured with bench/mem-file-table.ts).
 */

/**
 * Sizes no file has, set (with mtime 0 and sha256 '') on a file the next run must read again
 * whatever its state: a passing problem (permissions), or a file of records cut short by --limit.
 */
export const RETRY_SIZE = -1;
export const CUT_SIZE = -2;

export interface FileRecord {
  /** In bytes; RETRY_SIZE or CUT_SIZE for a file to read again. */
  size: number;
  mtimeMs: number;
  /** sha256 hex of the file's bytes; '' when unknown (a file never read whole). */
  sha256: string;
  /** Every doc id (documents and rejects) the file produced. */
  docIds: string[];
  /** The run whose partitions hold this file's current rows. */
  runId: string;
  /**
   * The runs whose checkpoints hold this file's documents' current stage results, newest first
   * (a rerun of some stages adds itself in front; a run that read the file again starts anew).
   * Absent: [runId].
   */
  checkpointRuns?: string[];
}

const SHA_BYTES = 32;
/** Doc ids as the read stage makes them (docIdFor): 16 lowercase hex chars, stored as two u32. */
const HEX16 = /^[0-9a-f]{16}$/;
const NO_IDS = 0;
const ONE_PACKED = 1;
const IN_MAP = 2;
/** flags bits */
const SEEN = 1;
const LIVE = 2;
/** Hash cells hold slot + 1; 0 is empty. */
const EMPTY = 0;
/** Path bytes: a slot's address is chunk << CHUNK_BITS | offset in the chunk. */
const CHUNK_BITS = 20;
const CHUNK_MAX = 1 << CHUNK_BITS;
const FIRST_CHUNK = 1 << 12;
const MAX_CHUNKS = 2 ** (32 - CHUNK_BITS);

/**
 * Slots are handed out in insertion order and never reused in place: a deleted path's slot (and
 * its bytes in the pool) stays dead until the slot arrays are full, when compact() moves the live
 * slots down in order and rewrites the pool. So iterating the slots gives the Map's insertion order
 * (the files table's line order and unseen()'s order, hence the superseded rows' order, stay as
 * they were) without a linked list, and dead slots and pool garbage stay below a fixed share of
 * the table however often a path is deleted and set again.
 */
export class FileTable {
  /** Slots handed out (live and dead), slots the arrays hold, live slots, dead slots. */
  private used = 0;
  private cap = 0;
  private live = 0;
  private dead = 0;
  /** Generators running over the slots: compaction waits for them (it renumbers slots). */
  private iterating = 0;
  private size_ = new Float64Array(0);
  private mtime = new Float64Array(0);
  private sha = new Uint8Array(0);
  private hasSha = new Uint8Array(0);
  private run = new Uint32Array(0);
  /** Interned like `run`: the checkpoint runs joined by spaces (few distinct chains exist). */
  private ckRuns = new Uint32Array(0);
  private idMode = new Uint8Array(0);
  private packedId = new Uint32Array(0);
  /** Per slot: LIVE, and SEEN by the current run's walk (markSeen), to find deleted files. */
  private flags = new Uint8Array(0);
  /** Per slot: where its path's UTF-8 bytes are in `chunks`, and how many. */
  private addr = new Uint32Array(0);
  private pathLen = new Uint32Array(0);
  private chunks: Buffer[] = [];
  /** Bytes used in the last chunk. */
  private chunkUsed = 0;
  /** Open addressing with linear probing over the slots' path bytes; at most 3/4 full. */
  private cells = new Int32Array(16);
  private mask = 15;
  private hashed = 0;
  /** The path being looked up, as UTF-8, and its hash (set by find()). */
  private scratch = Buffer.alloc(256);
  private qLen = 0;
  private qHash = 0;
  /** Paths that are not well-formed UTF-16 (a lone surrogate) have no exact UTF-8: kept as strings. */
  private readonly oddPath = new Map<number, string>();
  private readonly oddSlot = new Map<string, number>();
  /** Doc ids of files with other than one 16-hex id (JSONL files, tests' ids). */
  private otherIds = new Map<number, string[]>();
  private readonly runNames: string[] = [];
  private readonly runIndex = new Map<string, number>();
  /** The committed files table this one was read from, while nothing has changed it. */
  private source: string | undefined;

  static fromRecords(records: Record<string, FileRecord>): FileTable {
    const table = new FileTable();
    for (const [path, r] of Object.entries(records)) table.set(path, r);
    return table;
  }

  get size(): number {
    return this.live;
  }

  /** The name of the committed files table this table holds exactly (undefined once changed, or when new). */
  get unchangedFrom(): string | undefined {
    return this.source;
  }

  /** Called once the table is read from the committed file `name`. */
  readFrom(name: string): void {
    this.source = name;
  }

  has(path: string): boolean {
    return this.find(path) >= 0;
  }

  /** A copy of the record (changing it does not change the table). */
  get(path: string): FileRecord | undefined {
    const s = this.find(path);
    return s < 0 ? undefined : this.recordAt(s);
  }

  /** True when the path is known with exactly this size and mtime. */
  sameStat(path: string, size: number, mtimeMs: number): boolean {
    const s = this.find(path);
    return s >= 0 && this.size_[s] === size && this.mtime[s] === mtimeMs;
  }

  /** True when the path's record is this run's (it read the file). */
  readBy(path: string, runId: string): boolean {
    const s = this.find(path);
    return s >= 0 && this.runNames[this.run[s]] === runId;
  }

  /** True when the path is known with this (non-empty) sha256. */
  sameSha(path: string, sha256: string): boolean {
    const s = this.find(path);
    return s >= 0 && sha256 !== '' && this.hasSha[s] === 1 && this.shaHex(s) === sha256;
  }

  set(path: string, r: FileRecord): void {
    this.source = undefined;
    let s = this.find(path);
    if (s < 0) s = this.insert(path);
    this.size_[s] = r.size;
    this.mtime[s] = r.mtimeMs;
    this.writeSha(s, r.sha256);
    this.run[s] = this.runNumber(r.runId);
    this.ckRuns[s] = this.runNumber((r.checkpointRuns ?? [r.runId]).join(' '));
    this.otherIds.delete(s);
    this.idMode[s] = NO_IDS;
    for (const id of r.docIds) this.pushId(s, id);
  }

  setStat(path: string, size: number, mtimeMs: number): void {
    const s = this.slotOf(path);
    if (this.size_[s] === size && this.mtime[s] === mtimeMs) return;
    this.source = undefined;
    this.size_[s] = size;
    this.mtime[s] = mtimeMs;
  }

  setSha(path: string, sha256: string): void {
    this.source = undefined;
    this.writeSha(this.slotOf(path), sha256);
  }

  /** Every run named in some file's checkpoint runs. */
  checkpointRunsInUse(): Set<string> {
    const chains = new Set<number>();
    for (const s of this.liveSlots()) chains.add(this.ckRuns[s]);
    return new Set([...chains].flatMap((n) => this.runNames[n].split(' ')));
  }

  addDocId(path: string, docId: string): void {
    this.source = undefined;
    this.pushId(this.slotOf(path), docId);
  }

  delete(path: string): boolean {
    const s = this.find(path);
    if (s < 0) return false;
    this.source = undefined;
    if (this.oddPath.has(s)) {
      this.oddPath.delete(s);
      this.oddSlot.delete(path);
    } else {
      this.unhash(s);
    }
    this.otherIds.delete(s);
    this.idMode[s] = NO_IDS;
    this.flags[s] = 0;
    this.live--;
    this.dead++;
    return true;
  }

  markSeen(path: string): void {
    const s = this.find(path);
    if (s >= 0) this.flags[s] |= SEEN;
  }

  /** Paths not marked seen since the table was loaded (files that vanished from the input). */
  unseen(): string[] {
    const out: string[] = [];
    for (let s = 0; s < this.used; s++) if (this.flags[s] === LIVE) out.push(this.pathAt(s));
    return out;
  }

  /** In insertion order, like a Map's keys (also while the table changes). */
  *paths(): Generator<string> {
    for (const s of this.liveSlots()) yield this.pathAt(s);
  }

  /** Every record, materialized one at a time, in insertion order. */
  *entries(): Generator<[string, FileRecord]> {
    for (const s of this.liveSlots()) yield [this.pathAt(s), this.recordAt(s)];
  }

  /** Bytes held by the typed arrays, the path pool and the hash table: all but a few small objects. */
  get memoryBytes(): number {
    return [this.size_, this.mtime, this.sha, this.hasSha, this.run, this.ckRuns, this.idMode, this.packedId, this.flags, this.addr, this.pathLen, this.cells, ...this.chunks]
      .reduce((t, a) => t + a.byteLength, 0);
  }

  /**
   * Live slots in order, as a Map iterates: a slot deleted before it is reached is skipped, one
   * added meanwhile is reached (slots only get appended while a generator runs: no compaction).
   */
  private *liveSlots(): Generator<number> {
    this.iterating++;
    try {
      for (let s = 0; s < this.used; s++) if (this.flags[s] & LIVE) yield s;
    } finally {
      this.iterating--;
    }
  }

  private slotOf(path: string): number {
    const s = this.find(path);
    if (s < 0) throw new Error(`file table: no record for ${path}`);
    return s;
  }

  /** The live slot of `path`, or -1 (then qLen/qHash describe the path, for insert()). */
  private find(path: string): number {
    if (!wellFormed(path)) return this.oddSlot.get(path) ?? -1;
    // A UTF-16 code unit is at most 3 UTF-8 bytes.
    if (path.length * 3 > this.scratch.length) this.scratch = Buffer.alloc(path.length * 3);
    const q = this.scratch;
    const n = q.write(path, 0);
    this.qLen = n;
    const h = (this.qHash = hashBytes(q, 0, n));
    const { cells, mask, pathLen, addr, chunks } = this;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const cell = cells[i];
      if (cell === EMPTY) return -1;
      const s = cell - 1;
      if (pathLen[s] !== n) continue;
      const a = addr[s];
      const chunk = chunks[a >>> CHUNK_BITS];
      const at = a & (CHUNK_MAX - 1);
      let k = 0;
      while (k < n && chunk[at + k] === q[k]) k++;
      if (k === n) return s;
    }
  }

  /** A new live slot for `path`, which find() has just not found. */
  private insert(path: string): number {
    const odd = !wellFormed(path);
    const n = this.qLen;
    const h = this.qHash;
    // before the new slot is live: rehash() puts every live slot in the table
    if (!odd && (this.hashed + 1) * 4 > this.cells.length * 3) this.rehash(this.cells.length * 2);
    const s = this.alloc();
    this.flags[s] = LIVE;
    this.live++;
    if (odd) {
      this.oddPath.set(s, path);
      this.oddSlot.set(path, s);
      this.pathLen[s] = 0;
      return s;
    }
    this.storePath(s, this.scratch, 0, n);
    this.hashInto(s, h);
    return s;
  }

  private hashInto(s: number, h: number): void {
    const { cells, mask } = this;
    let i = h & mask;
    while (cells[i] !== EMPTY) i = (i + 1) & mask;
    cells[i] = s + 1;
    this.hashed++;
  }

  /** Takes slot s's cell out of the hash table by backward shift (no tombstones, probes stay right). */
  private unhash(s: number): void {
    const { cells, mask } = this;
    let i = this.homeOf(s) & mask;
    while (cells[i] !== s + 1) i = (i + 1) & mask;
    // later cells of the probe run move into the gap unless their home lies cyclically in (i, j]
    for (let j = (i + 1) & mask; cells[j] !== EMPTY; j = (j + 1) & mask) {
      const home = this.homeOf(cells[j] - 1) & mask;
      const stays = i <= j ? home > i && home <= j : home > i || home <= j;
      if (!stays) {
        cells[i] = cells[j];
        i = j;
      }
    }
    cells[i] = EMPTY;
    this.hashed--;
  }

  private homeOf(s: number): number {
    const a = this.addr[s];
    return hashBytes(this.chunks[a >>> CHUNK_BITS], a & (CHUNK_MAX - 1), this.pathLen[s]);
  }

  private rehash(size: number): void {
    this.cells = new Int32Array(size);
    this.mask = size - 1;
    this.hashed = 0;
    for (let s = 0; s < this.used; s++) if (this.flags[s] & LIVE && !this.oddPath.has(s)) this.hashInto(s, this.homeOf(s));
  }

  /** Appends bytes [from, from + n) of `src` to the pool as slot s's path. */
  private storePath(s: number, src: Uint8Array, from: number, n: number): void {
    let last = this.chunks.length - 1;
    if (last < 0 || this.chunkUsed + n > this.chunks[last].length) {
      if (this.chunks.length === MAX_CHUNKS) throw new Error('file table: more than 4 GiB of paths');
      // Chunks double up to 1 MiB; a longer path gets a chunk of its own.
      const size = Math.max(n, last < 0 ? FIRST_CHUNK : Math.min(CHUNK_MAX, this.chunks[last].length * 2));
      this.chunks.push(Buffer.alloc(size));
      this.chunkUsed = 0;
      last++;
    }
    this.chunks[last].set(src.subarray(from, from + n), this.chunkUsed);
    this.addr[s] = ((last << CHUNK_BITS) | this.chunkUsed) >>> 0;
    this.pathLen[s] = n;
    this.chunkUsed += n;
  }

  private pathAt(s: number): string {
    const odd = this.oddPath.get(s);
    if (odd !== undefined) return odd;
    const a = this.addr[s];
    const at = a & (CHUNK_MAX - 1);
    return this.chunks[a >>> CHUNK_BITS].toString('utf8', at, at + this.pathLen[s]);
  }

  private recordAt(s: number): FileRecord {
    const runId = this.runNames[this.run[s]];
    const chain = this.runNames[this.ckRuns[s]];
    const record: FileRecord = { size: this.size_[s], mtimeMs: this.mtime[s], sha256: this.hasSha[s] ? this.shaHex(s) : '', docIds: this.idsAt(s), runId };
    if (chain !== runId) record.checkpointRuns = chain === '' ? [] : chain.split(' ');
    return record;
  }

  private idsAt(s: number): string[] {
    if (this.idMode[s] === ONE_PACKED) return [hex8(this.packedId[2 * s]) + hex8(this.packedId[2 * s + 1])];
    if (this.idMode[s] === IN_MAP) return [...this.otherIds.get(s)!];
    return [];
  }

  private pushId(s: number, id: string): void {
    if (this.idMode[s] === NO_IDS && HEX16.test(id)) {
      this.packedId[2 * s] = parseInt(id.slice(0, 8), 16);
      this.packedId[2 * s + 1] = parseInt(id.slice(8), 16);
      this.idMode[s] = ONE_PACKED;
      return;
    }
    const ids = this.idMode[s] === NO_IDS ? [] : this.idMode[s] === ONE_PACKED ? this.idsAt(s) : this.otherIds.get(s)!;
    ids.push(id);
    this.otherIds.set(s, ids);
    this.idMode[s] = IN_MAP;
  }

  private shaHex(s: number): string {
    return Buffer.from(this.sha.buffer, this.sha.byteOffset + s * SHA_BYTES, SHA_BYTES).toString('hex');
  }

  private writeSha(s: number, sha256: string): void {
    if (/^[0-9a-f]{64}$/.test(sha256)) {
      this.sha.set(Buffer.from(sha256, 'hex'), s * SHA_BYTES);
      this.hasSha[s] = 1;
    } else {
      // '' (unknown) or something that is not a sha256: never equal to a real hash.
      this.hasSha[s] = 0;
    }
  }

  private runNumber(runId: string): number {
    let n = this.runIndex.get(runId);
    if (n === undefined) {
      n = this.runNames.length;
      this.runNames.push(runId);
      this.runIndex.set(runId, n);
    }
    return n;
  }

  private alloc(): number {
    if (this.used === this.cap) {
      // Compacting when a quarter of the slots are dead keeps its cost at a few slots' moves per
      // slot handed out, and dead slots (with their pool bytes) at most a fixed share of the table.
      if (this.iterating === 0 && this.dead > 0 && this.dead * 4 >= this.used) this.compact();
      else this.grow(Math.max(1024, Math.ceil(this.cap * 1.5)));
    }
    return this.used++;
  }

  /** Moves the live slots down in order (the pool rewritten, the hash table rebuilt). */
  private compact(): void {
    const oldChunks = this.chunks;
    this.chunks = [];
    this.chunkUsed = 0;
    const otherIds = new Map<number, string[]>();
    const oddPath = new Map<number, string>();
    let d = 0;
    for (let s = 0; s < this.used; s++) {
      if (!(this.flags[s] & LIVE)) continue;
      const odd = this.oddPath.get(s);
      if (odd !== undefined) {
        oddPath.set(d, odd);
        this.oddSlot.set(odd, d);
        this.pathLen[d] = 0;
      } else {
        const a = this.addr[s];
        const at = a & (CHUNK_MAX - 1);
        this.storePath(d, oldChunks[a >>> CHUNK_BITS], at, this.pathLen[s]);
      }
      const ids = this.otherIds.get(s);
      if (ids) otherIds.set(d, ids);
      if (d !== s) {
        this.size_[d] = this.size_[s];
        this.mtime[d] = this.mtime[s];
        this.sha.copyWithin(d * SHA_BYTES, s * SHA_BYTES, (s + 1) * SHA_BYTES);
        this.hasSha[d] = this.hasSha[s];
        this.run[d] = this.run[s];
        this.ckRuns[d] = this.ckRuns[s];
        this.idMode[d] = this.idMode[s];
        this.packedId[2 * d] = this.packedId[2 * s];
        this.packedId[2 * d + 1] = this.packedId[2 * s + 1];
        this.flags[d] = this.flags[s];
      }
      d++;
    }
    this.flags.fill(0, d, this.used);
    this.idMode.fill(NO_IDS, d, this.used);
    this.otherIds = otherIds;
    this.oddPath.clear();
    for (const [slot, p] of oddPath) this.oddPath.set(slot, p);
    this.used = d;
    this.dead = 0;
    this.rehash(this.cells.length);
  }

  private grow(cap: number): void {
    const re = <T extends Float64Array | Uint8Array | Uint32Array>(old: T, make: (n: number) => T, per: number): T => {
      const a = make(cap * per);
      a.set(old as never);
      return a;
    };
    this.size_ = re(this.size_, (n) => new Float64Array(n), 1);
    this.mtime = re(this.mtime, (n) => new Float64Array(n), 1);
    this.sha = re(this.sha, (n) => new Uint8Array(n), SHA_BYTES);
    this.hasSha = re(this.hasSha, (n) => new Uint8Array(n), 1);
    this.run = re(this.run, (n) => new Uint32Array(n), 1);
    this.ckRuns = re(this.ckRuns, (n) => new Uint32Array(n), 1);
    this.idMode = re(this.idMode, (n) => new Uint8Array(n), 1);
    this.packedId = re(this.packedId, (n) => new Uint32Array(n), 2);
    this.flags = re(this.flags, (n) => new Uint8Array(n), 1);
    this.addr = re(this.addr, (n) => new Uint32Array(n), 1);
    this.pathLen = re(this.pathLen, (n) => new Uint32Array(n), 1);
    this.cap = cap;
  }
}

/** False when the string has a lone surrogate (String.prototype.isWellFormed, Node 20; not in lib ES2023). */
const wellFormed = (s: string): boolean => (s as unknown as { isWellFormed(): boolean }).isWellFormed();

/** FNV-1a over the bytes, then murmur3's finalizer (linear probing wants the low bits mixed). */
function hashBytes(b: Uint8Array, from: number, n: number): number {
  let h = 0x811c9dc5;
  for (let k = from, end = from + n; k < end; k++) h = Math.imul(h ^ b[k], 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}
