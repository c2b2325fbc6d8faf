/**
 * Per-slot arrays of the dedupe index kept in fixed-size chunks of CHUNK_SLOTS slots: the index
 * grows by adding a chunk, never by copying everything into an array 1.25x the size (which had
 * old and new alive at once, and left freed blocks of every size behind in the allocator).
 * Slot s lives in chunk s >>> CHUNK_BITS at position (s & CHUNK_MASK) * values-per-slot.
 */
export const CHUNK_BITS = 14;
export const CHUNK_SLOTS = 1 << CHUNK_BITS;
export const CHUNK_MASK = CHUNK_SLOTS - 1;

/**
 * Make `chunks` hold `cap` slots of `per` values each. A small index has one chunk sized to its
 * capacity (grown by copying, at most one chunk's size); past CHUNK_SLOTS, whole chunks are added.
 */
export function growChunks<T extends Uint8Array | Uint16Array | Int32Array>(chunks: T[], cap: number, per: number, make: (n: number) => T): void {
  const first = Math.min(cap, CHUNK_SLOTS) * per;
  if (chunks.length === 0) chunks.push(make(first));
  else if (chunks[0].length < first) {
    const a = make(first);
    a.set(chunks[0] as never);
    chunks[0] = a;
  }
  while (chunks.length * CHUNK_SLOTS < cap) chunks.push(make(CHUNK_SLOTS * per));
}
