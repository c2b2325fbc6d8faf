/**
 * LSH buckets for one band: an open-addressing hash table of bucket heads, each the first slot
 * of a singly linked list of document slots (the links live in the index's `bucketNext` array).
 *
 * No keys are stored: a bucket is identified by its band's ROWS signature values, read from the
 * index's signature array at the head slot (a removed slot keeps its signature, so a dead head
 * still names its bucket). The table position comes from the band hash (bandKeys) and equality
 * is decided on the values themselves, so two row tuples whose 32-bit hashes collide are two
 * buckets. One Int32 a cell: (head slot + 1) << 6 | 6 bits of the band hash (0 = empty); the 6
 * bits let a probe pass other buckets' cells without reading their signatures (a cache miss
 * each) but for 1 in 64 of them, and cap the index at 2^26 - 1 slots (MAX_SLOTS).
 */
import { CHUNK_BITS, CHUNK_MASK } from './chunks.js';
import { NUM_PERM, ROWS, bandHash } from './minhash.js';

if (ROWS !== 4) throw new Error('BandTable compares 4 rows');

export const FP_BITS = 6;
const FP_MASK = (1 << FP_BITS) - 1;
/** Slots a band table can name: (slot + 1) must fit in 32 - FP_BITS bits. */
export const MAX_SLOTS = 2 ** (32 - FP_BITS) - 1;

/**
 * A table of (slot + 1) << FP_BITS | fingerprint cells (0 = empty, linear probing) at twice the
 * size, each cell at the home `hashOfSlot` gives its slot. Shared by the band and exact tables.
 */
export function rehashCells(old: Int32Array, hashOfSlot: (slot: number) => number) {
  const cells = new Int32Array(old.length * 2);
  const mask = cells.length - 1;
  for (let j = 0; j < old.length; j++) {
    const cell = old[j];
    if (cell === 0) continue;
    let i = hashOfSlot((cell >>> FP_BITS) - 1) & mask;
    while (cells[i] !== 0) i = (i + 1) & mask;
    cells[i] = cell;
  }
  return cells;
}

/** Fingerprint bits of a band hash: the top bits (the position uses the low ones). */
const fingerprint = (key: number): number => key >>> (32 - FP_BITS);

export class BandTable {
  private cells: Int32Array;
  private used = 0;
  private mask: number;
  private readonly band: number;
  /** Offset of this band's first row in a signature. */
  private readonly rowAt: number;

  constructor(band: number, capacity = 1024) {
    let cap = 16;
    while (cap < capacity) cap *= 2;
    this.cells = new Int32Array(cap);
    this.mask = cap - 1;
    this.band = band;
    this.rowAt = band * ROWS;
  }

  /**
   * Head slot of the bucket holding the band of slot `s`, or -1. `sigs` = the index's signature
   * chunks (chunks.ts); `key` = bandHash of the band's rows (bandKeys of s's signature).
   */
  get(key: number, sigs: Uint16Array[], s: number): number {
    const { cells, mask } = this;
    const fp = fingerprint(key);
    const qs = sigs[s >>> CHUNK_BITS];
    const q = (s & CHUNK_MASK) * NUM_PERM + this.rowAt;
    const q0 = qs[q], q1 = qs[q + 1], q2 = qs[q + 2], q3 = qs[q + 3];
    // keys are already well mixed (fmix32 in bandHash), so the low bits are the position
    for (let i = key & mask; ; i = (i + 1) & mask) {
      const cell = cells[i];
      if (cell === 0) return -1;
      if ((cell & FP_MASK) !== fp) continue;
      const h = (cell >>> FP_BITS) - 1;
      const hs = sigs[h >>> CHUNK_BITS];
      const o = (h & CHUNK_MASK) * NUM_PERM + this.rowAt;
      if (hs[o] === q0 && hs[o + 1] === q1 && hs[o + 2] === q2 && hs[o + 3] === q3) return h;
    }
  }

  /**
   * Make slot `s` the head of the bucket holding its band (creating the bucket); returns the
   * previous head (the next link of `s`), or -1 for a new bucket.
   */
  push(key: number, sigs: Uint16Array[], s: number): number {
    if (s >= MAX_SLOTS) throw new Error(`dedupe: more than ${MAX_SLOTS} slots`);
    // Load factor up to 3/4: linear probing stays short with well-mixed keys.
    if ((this.used + 1) * 4 > this.cells.length * 3) this.grow(sigs);
    const { cells, mask } = this;
    const fp = fingerprint(key);
    const qs = sigs[s >>> CHUNK_BITS];
    const q = (s & CHUNK_MASK) * NUM_PERM + this.rowAt;
    const q0 = qs[q], q1 = qs[q + 1], q2 = qs[q + 2], q3 = qs[q + 3];
    const mine = ((s + 1) << FP_BITS) | fp;
    for (let i = key & mask; ; i = (i + 1) & mask) {
      const cell = cells[i];
      if (cell === 0) {
        cells[i] = mine;
        this.used++;
        return -1;
      }
      if ((cell & FP_MASK) !== fp) continue;
      const h = (cell >>> FP_BITS) - 1;
      const hs = sigs[h >>> CHUNK_BITS];
      const o = (h & CHUNK_MASK) * NUM_PERM + this.rowAt;
      if (hs[o] === q0 && hs[o + 1] === q1 && hs[o + 2] === q2 && hs[o + 3] === q3) {
        cells[i] = mine;
        return h;
      }
    }
  }

  /** Double the table; every head's position is recomputed from its rows (all distinct buckets). */
  private grow(sigs: Uint16Array[]): void {
    const old = this.cells;
    this.cells = rehashCells(old, (h) => bandHash(sigs[h >>> CHUNK_BITS], (h & CHUNK_MASK) * NUM_PERM, this.band));
    this.mask = this.cells.length - 1;
  }

  /** Bytes held by the table's array (for the memory figure in the bench). */
  get bytes(): number {
    return this.cells.byteLength;
  }
}
