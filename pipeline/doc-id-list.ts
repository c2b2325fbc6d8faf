/**
 * An append-only list of doc ids, for the runner's per-lane record of the order in which a lane
 * spooled its documents (pass 2 hands the lane its decisions in that order). It lives for the
 * whole run with one entry per document, so the pipeline's ids (16 lowercase hex chars, docIdFor
 * in stages/read.ts) are kept packed as two u32 (8 B a document where a string and its array
 * element took ~40 B); any other string (tests, checkpoints of other pipelines) goes to a Map.
 */

/** Ids per chunk: the list grows a chunk at a time, without copying what it holds. */
const CHUNK_IDS = 4096;
const scratch = Buffer.alloc(8);

export class DocIdList {
  private readonly chunks: Uint32Array[] = [];
  private length_ = 0;
  /** Ids that are not 16 lowercase hex chars, by position. */
  private readonly other = new Map<number, string>();

  get length(): number {
    return this.length_;
  }

  push(id: string): void {
    const i = this.length_++;
    const c = Math.floor(i / CHUNK_IDS);
    if (c === this.chunks.length) this.chunks.push(new Uint32Array(2 * CHUNK_IDS));
    const chunk = this.chunks[c];
    const at = 2 * (i % CHUNK_IDS);
    if (id.length === 16) {
      let hi = 0;
      let lo = 0;
      let k = 0;
      for (; k < 16; k++) {
        const ch = id.charCodeAt(k);
        let v: number;
        if (ch >= 48 && ch <= 57) v = ch - 48;
        else if (ch >= 97 && ch <= 102) v = ch - 87;
        else break;
        if (k < 8) hi = (hi << 4) | v;
        else lo = (lo << 4) | v;
      }
      if (k === 16) {
        chunk[at] = hi;
        chunk[at + 1] = lo;
        return;
      }
    }
    this.other.set(i, id);
  }

  /** The id at position i (0 <= i < length). */
  at(i: number): string {
    if (this.other.size > 0) {
      const id = this.other.get(i);
      if (id !== undefined) return id;
    }
    const chunk = this.chunks[Math.floor(i / CHUNK_IDS)];
    const at = 2 * (i % CHUNK_IDS);
    scratch.writeUInt32BE(chunk[at], 0);
    scratch.writeUInt32BE(chunk[at + 1], 4);
    return scratch.toString('hex', 0, 8);
  }

  /** Ids [start, end) as strings, like Array.prototype.slice with in-range non-negative bounds. */
  slice(start: number, end: number): string[] {
    const out: string[] = [];
    for (let i = start, stop = Math.min(end, this.length_); i < stop; i++) out.push(this.at(i));
    return out;
  }

  /** Bytes held by the typed arrays (the Map of other ids is on the JS heap besides). */
  get memoryBytes(): number {
    return this.chunks.reduce((t, c) => t + c.byteLength, 0);
  }
}
