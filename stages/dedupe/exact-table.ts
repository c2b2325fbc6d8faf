/**
 * Head slot of each exact-copy chain (one per exact key = strict key + content hash), as an
 * open-addressing Int32Array table instead of a Map keyed by 40-char strings: ~8 B a key
 * instead of ~100 B (string + Map entry). Every query is by a slot of the index (a document
 * whose hashes are already stored): its home cell comes from the first 4 bytes of its content
 * hash (sha256, so well mixed), and keys are compared on the stored strict + hash bytes. A cell
 * is (slot + 1) << 6 | 6 bits of the strict key (0 = empty), so a probe passes other keys' cells
 * without reading their bytes but for 1 in 64. Deletion shifts the following cells back (no
 * tombstones). Load factor <= 3/4.
 */
import { FP_BITS, MAX_SLOTS, rehashCells } from './band-table.js';

const FP_MASK = (1 << FP_BITS) - 1;

export interface ExactKeys {
  /** 32 bits of slot s's content hash (its home cell). */
  hash32(s: number): number;
  /** FP_BITS bits of slot s's key, independent of hash32 (its strict key). */
  fingerprint(s: number): number;
  /** Slots a and b have the same exact key. */
  sameKey(a: number, b: number): boolean;
}

export class ExactTable {
  private cells = new Int32Array(16);
  private mask = 15;
  private used = 0;

  constructor(private readonly keys: ExactKeys) {}

  /** Number of keys (exact chains) in the table. */
  get size(): number {
    return this.used;
  }

  /** Head slot of the chain with slot s's key (s itself when s is the head), or -1. */
  head(s: number): number {
    const { cells, mask, keys } = this;
    const fp = keys.fingerprint(s);
    for (let i = keys.hash32(s) & mask; ; i = (i + 1) & mask) {
      const cell = cells[i];
      if (cell === 0) return -1;
      if ((cell & FP_MASK) !== fp) continue;
      const h = (cell >>> FP_BITS) - 1;
      if (h === s || keys.sameKey(h, s)) return h;
    }
  }

  /** Make slot s the head of a new chain (its key must not be in the table). */
  add(s: number): void {
    if (s >= MAX_SLOTS) throw new Error(`dedupe: more than ${MAX_SLOTS} slots`);
    if ((this.used + 1) * 4 > this.cells.length * 3) this.grow();
    const { cells, mask } = this;
    let i = this.keys.hash32(s) & mask;
    while (cells[i] !== 0) i = (i + 1) & mask;
    cells[i] = ((s + 1) << FP_BITS) | this.keys.fingerprint(s);
    this.used++;
  }

  /** The chain headed by `head` is now headed by `next` (same key). */
  replace(head: number, next: number): void {
    const i = this.cellOf(head);
    this.cells[i] = ((next + 1) << FP_BITS) | (this.cells[i] & FP_MASK);
  }

  /** Remove the chain headed by `head`. */
  delete(head: number): void {
    const { cells, mask, keys } = this;
    let i = this.cellOf(head);
    // backward shift: move later cells of the probe run into the gap when their home allows it
    for (let j = (i + 1) & mask; cells[j] !== 0; j = (j + 1) & mask) {
      const home = keys.hash32((cells[j] >>> FP_BITS) - 1) & mask;
      // the cell at j may fill the gap at i unless its home lies cyclically in (i, j]
      const stays = i <= j ? home > i && home <= j : home > i || home <= j;
      if (!stays) {
        cells[i] = cells[j];
        i = j;
      }
    }
    cells[i] = 0;
    this.used--;
  }

  private cellOf(head: number): number {
    const { cells, mask } = this;
    for (let i = this.keys.hash32(head) & mask; ; i = (i + 1) & mask) {
      const cell = cells[i];
      if (cell === 0) throw new Error(`internal: slot ${head} heads no exact chain`);
      if ((cell >>> FP_BITS) - 1 === head) return i;
    }
  }

  private grow(): void {
    const old = this.cells;
    this.cells = rehashCells(old, (slot) => this.keys.hash32(slot));
    this.mask = this.cells.length - 1;
  }

  /** Bytes held by the table's array. */
  get bytes(): number {
    return this.cells.byteLength;
  }
}
