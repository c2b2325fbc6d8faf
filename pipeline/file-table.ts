/**
 * The files of an output's state: for every input path, its size, mtime, sha256, the doc ids it
 * produced and the run whose partitions hold its rows. The runner consults it for every input
 * file (skip unchanged files, supersede changed and deleted ones) and keeps it for the whole run,
 * so it is stored compactly: one Map entry per path and ~70 bytes of typed arrays, instead of an
 * object, a 64-char hex string and an array per file (measured: ~0.6 KB a file as objects at
 * 182,200 files, most of what the main thread grew by per document besides the dedupe index).
 */

export interface FileRecord {
  size: number;
  mtimeMs: number;
  /** sha256 hex of the file's bytes; '' when unknown (a file never read whole). */
  sha256: string;
  /** Every doc id (documents and rejects) the file produced. */
  docIds: string[];
  /** The run whose partitions hold this file's current rows. */
  runId: string;
}

const SHA_BYTES = 32;
/** Doc ids as the read stage makes them (docIdFor): 16 lowercase hex chars, stored as two u32. */
const HEX16 = /^[0-9a-f]{16}$/;
const NO_IDS = 0;
const ONE_PACKED = 1;
const IN_MAP = 2;

export class FileTable {
  private readonly slotOf = new Map<string, number>();
  private readonly free: number[] = [];
  private cap = 0;
  private used = 0;
  private size_ = new Float64Array(0);
  private mtime = new Float64Array(0);
  private sha = new Uint8Array(0);
  private hasSha = new Uint8Array(0);
  private run = new Uint32Array(0);
  private idMode = new Uint8Array(0);
  private packedId = new Uint32Array(0);
  /** Doc ids of files with other than one 16-hex id (JSONL files, tests' ids). */
  private readonly otherIds = new Map<number, string[]>();
  private readonly runNames: string[] = [];
  private readonly runIndex = new Map<string, number>();
  /** Per slot: seen by the current run's walk (markSeen), to find deleted files. */
  private seenFlag = new Uint8Array(0);

  static fromRecords(records: Record<string, FileRecord>): FileTable {
    const table = new FileTable();
    for (const [path, r] of Object.entries(records)) table.set(path, r);
    return table;
  }

  get size(): number {
    return this.slotOf.size;
  }

  has(path: string): boolean {
    return this.slotOf.has(path);
  }

  /** A copy of the record (changing it does not change the table). */
  get(path: string): FileRecord | undefined {
    const s = this.slotOf.get(path);
    return s === undefined ? undefined : this.recordAt(s);
  }

  /** True when the path is known with exactly this size and mtime. */
  sameStat(path: string, size: number, mtimeMs: number): boolean {
    const s = this.slotOf.get(path);
    return s !== undefined && this.size_[s] === size && this.mtime[s] === mtimeMs;
  }

  /** True when the path is known with this (non-empty) sha256. */
  sameSha(path: string, sha256: string): boolean {
    const s = this.slotOf.get(path);
    return s !== undefined && sha256 !== '' && this.hasSha[s] === 1 && this.shaHex(s) === sha256;
  }

  set(path: string, r: FileRecord): void {
    let s = this.slotOf.get(path);
    if (s === undefined) {
      s = this.alloc();
      this.slotOf.set(path, s);
    }
    this.size_[s] = r.size;
    this.mtime[s] = r.mtimeMs;
    this.writeSha(s, r.sha256);
    this.run[s] = this.runNumber(r.runId);
    this.otherIds.delete(s);
    this.idMode[s] = NO_IDS;
    for (const id of r.docIds) this.pushId(s, id);
  }

  setStat(path: string, size: number, mtimeMs: number): void {
    const s = this.slotOf.get(path);
    if (s === undefined) throw new Error(`file table: no record for ${path}`);
    this.size_[s] = size;
    this.mtime[s] = mtimeMs;
  }

  setSha(path: string, sha256: string): void {
    const s = this.slotOf.get(path);
    if (s === undefined) throw new Error(`file table: no record for ${path}`);
    this.writeSha(s, sha256);
  }

  addDocId(path: string, docId: string): void {
    const s = this.slotOf.get(path);
    if (s === undefined) throw new Error(`file table: no record for ${path}`);
    this.pushId(s, docId);
  }

  delete(path: string): boolean {
    const s = this.slotOf.get(path);
    if (s === undefined) return false;
    this.slotOf.delete(path);
    this.otherIds.delete(s);
    this.idMode[s] = NO_IDS;
    this.seenFlag[s] = 0;
    this.free.push(s);
    return true;
  }

  markSeen(path: string): void {
    const s = this.slotOf.get(path);
    if (s !== undefined) this.seenFlag[s] = 1;
  }

  /** Paths not marked seen since the table was loaded (files that vanished from the input). */
  unseen(): string[] {
    const out: string[] = [];
    for (const [path, s] of this.slotOf) if (this.seenFlag[s] === 0) out.push(path);
    return out;
  }

  paths(): IterableIterator<string> {
    return this.slotOf.keys();
  }

  /** Every record, materialized one at a time. */
  *entries(): Generator<[string, FileRecord]> {
    for (const [path, s] of this.slotOf) yield [path, this.recordAt(s)];
  }

  /** Bytes held by the typed arrays (the Map and path strings are on the JS heap besides). */
  get memoryBytes(): number {
    return [this.size_, this.mtime, this.sha, this.hasSha, this.run, this.idMode, this.packedId, this.seenFlag]
      .reduce((t, a) => t + a.byteLength, 0);
  }

  private recordAt(s: number): FileRecord {
    return { size: this.size_[s], mtimeMs: this.mtime[s], sha256: this.hasSha[s] ? this.shaHex(s) : '', docIds: this.idsAt(s), runId: this.runNames[this.run[s]] };
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
    const reused = this.free.pop();
    if (reused !== undefined) return reused;
    if (this.used === this.cap) this.grow(Math.max(1024, Math.ceil(this.cap * 1.5)));
    return this.used++;
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
    this.idMode = re(this.idMode, (n) => new Uint8Array(n), 1);
    this.packedId = re(this.packedId, (n) => new Uint32Array(n), 2);
    this.seenFlag = re(this.seenFlag, (n) => new Uint8Array(n), 1);
    this.cap = cap;
  }
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}
