/**
 * LSH buckets for one band, as an open-addressing multimap: one cell per document in the band
 * table, at (or after, linear probing) the position of its band key. A bucket is the run of cells
 * whose slots have the same ROWS signature values at this band; it is read by scanning from the
 * key's position to the first empty cell. This replaced a table of bucket heads plus a next link
 * per document and band (BANDS x 4 B = 112 B a document): most band keys belong to one document,
 * so the multimap has about as many cells as the heads table had, and the links are gone.
 *
 * No keys are stored: the rows are read from the index's signature array at the cell's slot (a
 * removed slot keeps its signature, so its cells still name their band). One Int32 a cell:
 * (slot + 1) << 6 | 6 bits of the band hash (0 = empty); the 6 bits let a scan pass other bands'
 * cells without reading their signatures (a cache miss each) but for 1 in 64 of them, and cap
 * the index at 2^26 - 1 slots (MAX_SLOTS).
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
   * Appends to `out` every slot in the table whose band equals slot `s`'s (in table order).
   * `sigs` = the index's signature chunks (chunks.ts); `key` = bandHash of s's band.
   */
  collect(key: number, sigs: Uint8Array[], s: number, out: number[]): void {
    const { cells, mask } = this;
    const fp = fingerprint(key);
    const qs = sigs[s >>> CHUNK_BITS];
    const q = (s & CHUNK_MASK) * NUM_PERM + this.rowAt;
    const q0 = qs[q], q1 = qs[q + 1], q2 = qs[q + 2], q3 = qs[q + 3];
    // keys are already well mixed (fmix32 in bandHash), so the low bits are the position
    for (let i = key & mask; ; i = (i + 1) & mask) {
      const cell = cells[i];
      if (cell === 0) return;
      if ((cell & FP_MASK) !== fp) continue;
      const h = (cell >>> FP_BITS) - 1;
      const hs = sigs[h >>> CHUNK_BITS];
      const o = (h & CHUNK_MASK) * NUM_PERM + this.rowAt;
      if (hs[o] === q0 && hs[o + 1] === q1 && hs[o + 2] === q2 && hs[o + 3] === q3) out.push(h);
    }
  }

  /** Adds slot `s` under its band's key. */
  add(key: number, sigs: Uint8Array[], s: number): void {
    if (s >= MAX_SLOTS) throw new Error(`dedupe: more than ${MAX_SLOTS} slots`);
    // Load factor up to 3/4: linear probing stays short with well-mixed keys.
    if ((this.used + 1) * 4 > this.cells.length * 3) this.grow(sigs);
    const { cells, mask } = this;
    let i = key & mask;
    while (cells[i] !== 0) i = (i + 1) & mask;
    cells[i] = ((s + 1) << FP_BITS) | fingerprint(key);
    this.used++;
  }

  /** Double the table; every cell's position is recomputed from its slot's rows. */
  private grow(sigs: Uint8Array[]): void {
    const old = this.cells;
    this.cells = rehashCells(old, (h) => bandHash(sigs[h >>> CHUNK_BITS], (h & CHUNK_MASK) * NUM_PERM, this.band));
    this.mask = this.cells.length - 1;
  }

  /** Bytes held by the table's array (for the memory figure in the bench). */
  get bytes(): number {
    return this.cells.byteLength;
  }
}
