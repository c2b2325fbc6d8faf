/**
 * LSH buckets for one band: an open-addressing hash table from a 32-bit band key to the head of
 * a singly linked list of document slots (the links live in the index's `bucketNext` array).
 * Typed arrays only, so a bucket costs ~16-32 B instead of a Map entry plus a JS array.
 */
export class BandTable {
  private keys: Uint32Array;
  private heads: Int32Array;
  private used = 0;
  private mask: number;

  constructor(capacity = 1024) {
    let cap = 16;
    while (cap < capacity) cap *= 2;
    this.keys = new Uint32Array(cap);
    this.heads = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
  }

  /** Head slot of the bucket with this key, or -1. */
  get(key: number): number {
    const { keys, heads, mask } = this;
    // keys are already well mixed (fmix32 in bandKeys), so the low bits are the position
    for (let i = key & mask; ; i = (i + 1) & mask) {
      const h = heads[i];
      if (h === -1) return -1;
      if (keys[i] === key) return h;
    }
  }

  /** Set the head slot of the bucket with this key (creating the bucket). `head` must be >= 0. */
  set(key: number, head: number): void {
    // Load factor up to 3/4: linear probing stays short with well-mixed keys, and 28 tables of
    // 8 B a slot at load 1/2 (up to 1/4 after a doubling) were the biggest part of the index.
    if ((this.used + 1) * 4 > this.keys.length * 3) this.grow();
    const { keys, heads, mask } = this;
    for (let i = key & mask; ; i = (i + 1) & mask) {
      if (heads[i] === -1) {
        keys[i] = key;
        heads[i] = head;
        this.used++;
        return;
      }
      if (keys[i] === key) {
        heads[i] = head;
        return;
      }
    }
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldHeads = this.heads;
    const cap = oldKeys.length * 2;
    this.keys = new Uint32Array(cap);
    this.heads = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    this.used = 0;
    for (let i = 0; i < oldKeys.length; i++) if (oldHeads[i] !== -1) this.set(oldKeys[i], oldHeads[i]);
  }

  /** Bytes held by the table's arrays (for the memory figure in the bench). */
  get bytes(): number {
    return this.keys.byteLength + this.heads.byteLength;
  }
}
