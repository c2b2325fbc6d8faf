/**
 * doc_id <-> slot for the dedupe index. The pipeline's doc ids are 16 lowercase hex chars
 * (docIdFor in stages/read.ts): those are kept packed as two int32 per slot and found through an
 * open-addressing Int32Array table (~17-20 B a document, where a string, its array element and a
 * Map entry took ~100 B). Any other string (tests, callers of the API) goes to a Map, as before.
 * Only live slots have ids (a removed document's id is forgotten).
 */

/** The table cell is slot + 1 (0 = empty). */
const scratch = Buffer.alloc(8);
const EMPTY = 0;

export class DocIds {
  private hi = new Int32Array(0);
  private lo = new Int32Array(0);
  /** 1: the slot's id is packed hex; 0: it is in `other` (or the slot is dead). */
  private packed = new Uint8Array(0);
  private cells = new Int32Array(16);
  private mask = 15;
  private used = 0;
  private readonly other = new Map<number, string>();
  private readonly otherSlot = new Map<string, number>();
  // the id parsed by the last parse() call
  private qHi = 0;
  private qLo = 0;

  /** Number of ids (live documents). */
  get size(): number {
    return this.used + this.otherSlot.size;
  }

  /** Make room for slots 0 .. cap - 1. */
  grow(cap: number): void {
    const re = <T extends Int32Array | Uint8Array>(old: T, a: T): T => {
      a.set(old as never);
      return a;
    };
    this.hi = re(this.hi, new Int32Array(cap));
    this.lo = re(this.lo, new Int32Array(cap));
    this.packed = re(this.packed, new Uint8Array(cap));
  }

  /** Slot of `id`, or -1. */
  get(id: string): number {
    if (!this.parse(id)) return this.otherSlot.get(id) ?? -1;
    const i = this.cellOf(this.qHi, this.qLo);
    return i < 0 ? -1 : this.cells[i] - 1;
  }

  has(id: string): boolean {
    return this.get(id) !== -1;
  }

  /** Give slot s the id (which no live slot has). */
  set(id: string, s: number): void {
    if (!this.parse(id)) {
      this.other.set(s, id);
      this.otherSlot.set(id, s);
      return;
    }
    this.hi[s] = this.qHi;
    this.lo[s] = this.qLo;
    this.packed[s] = 1;
    if ((this.used + 1) * 4 > this.cells.length * 3) this.rehash(this.cells.length * 2);
    const { cells, mask } = this;
    let i = this.home(this.qHi, this.qLo) & mask;
    while (cells[i] !== EMPTY) i = (i + 1) & mask;
    cells[i] = s + 1;
    this.used++;
  }

  /** Forget the id of slot s (its document is removed). */
  delete(s: number): void {
    if (!this.packed[s]) {
      const id = this.other.get(s);
      if (id !== undefined) {
        this.other.delete(s);
        this.otherSlot.delete(id);
      }
      return;
    }
    this.packed[s] = 0;
    const { cells, mask } = this;
    let i = this.cellOf(this.hi[s], this.lo[s]);
    // backward shift: later cells of the probe run move into the gap unless their home lies cyclically in (i, j]
    for (let j = (i + 1) & mask; cells[j] !== EMPTY; j = (j + 1) & mask) {
      const t = cells[j] - 1;
      const home = this.home(this.hi[t], this.lo[t]) & mask;
      const stays = i <= j ? home > i && home <= j : home > i || home <= j;
      if (!stays) {
        cells[i] = cells[j];
        i = j;
      }
    }
    cells[i] = EMPTY;
    this.used--;
  }

  /** The id of live slot s. */
  idOf(s: number): string {
    if (!this.packed[s]) return this.other.get(s)!;
    scratch.writeInt32BE(this.hi[s], 0);
    scratch.writeInt32BE(this.lo[s], 4);
    return scratch.toString('hex', 0, 8);
  }

  /** Compare the ids of live slots a and b as strings (< 0, 0, > 0). */
  compare(a: number, b: number): number {
    if (this.packed[a] && this.packed[b]) {
      // 16 lowercase hex chars: string order = numeric order of (hi, lo) as unsigned
      const ha = this.hi[a] >>> 0;
      const hb = this.hi[b] >>> 0;
      if (ha !== hb) return ha < hb ? -1 : 1;
      const la = this.lo[a] >>> 0;
      const lb = this.lo[b] >>> 0;
      return la < lb ? -1 : la > lb ? 1 : 0;
    }
    const x = this.idOf(a);
    const y = this.idOf(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }

  /** Bytes held by the typed arrays. */
  get bytes(): number {
    return this.hi.byteLength + this.lo.byteLength + this.packed.byteLength + this.cells.byteLength;
  }

  /** If `id` is 16 lowercase hex chars, sets qHi/qLo to its value and returns true. */
  private parse(id: string): boolean {
    if (id.length !== 16) return false;
    let hi = 0;
    let lo = 0;
    for (let k = 0; k < 16; k++) {
      const c = id.charCodeAt(k);
      let v: number;
      if (c >= 48 && c <= 57) v = c - 48;
      else if (c >= 97 && c <= 102) v = c - 87;
      else return false;
      if (k < 8) hi = (hi << 4) | v;
      else lo = (lo << 4) | v;
    }
    this.qHi = hi;
    this.qLo = lo;
    return true;
  }

  private home(hi: number, lo: number): number {
    let h = Math.imul(hi ^ Math.imul(lo, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return h ^ (h >>> 16);
  }

  /** Cell holding the slot with this packed id, or -1. */
  private cellOf(hi: number, lo: number): number {
    const { cells, mask } = this;
    for (let i = this.home(hi, lo) & mask; ; i = (i + 1) & mask) {
      const cell = cells[i];
      if (cell === EMPTY) return -1;
      const s = cell - 1;
      if (this.hi[s] === hi && this.lo[s] === lo) return i;
    }
  }

  private rehash(size: number): void {
    const old = this.cells;
    const cells = new Int32Array(size);
    const mask = size - 1;
    for (const cell of old) {
      if (cell === EMPTY) continue;
      const s = cell - 1;
      let i = this.home(this.hi[s], this.lo[s]) & mask;
      while (cells[i] !== EMPTY) i = (i + 1) & mask;
      cells[i] = cell;
    }
    this.cells = cells;
    this.mask = mask;
  }
}
