/**
 * The state dedupe keeps across documents (and, persisted by the runner, across runs):
 * only *kept* documents are indexed, so every duplicate points at a kept copy.
 *
 * Persisted size per kept document (toBuffer): 32 B content hash + 448 B signature (112 x uint32)
 * + 2 B id length + the doc_id's UTF-8 bytes (e.g. 16 B for a 16-hex id) ≈ 500 B. Band keys are
 * not stored: they are recomputed from the signature on load. In memory it is roughly twice
 * that (hex hash string, Map entries, 14 bucket entries).
 */
import { BANDS, NUM_PERM, PERM_SEED, ROWS, SHINGLE_WORDS, bandKeys, estimatedJaccard } from './minhash.js';

export interface NearMatch {
  docId: string;
  /** Estimated Jaccard similarity, in [0, 1]. */
  similarity: number;
}

const MAGIC = 'NEDI'; // News-Etl Dedupe Index
const VERSION = 1;
const HEADER_BYTES = 20;
const HASH_BYTES = 32;
const SIG_BYTES = NUM_PERM * 4;

export class DedupeIndex {
  private readonly ids: string[] = [];
  private readonly hashes: string[] = [];
  /** Signatures of kept docs, back to back: doc i occupies [i*NUM_PERM, (i+1)*NUM_PERM). */
  private sigs = new Uint32Array(NUM_PERM * 64);
  /** content hash -> position of the kept doc. */
  private readonly exact = new Map<string, number>();
  /** One map per band: band key -> positions of kept docs with that key. */
  private readonly buckets: Map<number, number[]>[] = Array.from({ length: BANDS }, () => new Map());

  /** Number of kept documents. */
  get size(): number {
    return this.ids.length;
  }

  /** doc_id of the kept document with this content hash, if any. */
  findExact(hash: string): string | undefined {
    const i = this.exact.get(hash);
    return i === undefined ? undefined : this.ids[i];
  }

  /**
   * Best kept document sharing at least one LSH band with `sig` whose estimated Jaccard is
   * >= threshold. Every candidate is verified on the full signature; ties go to the earliest kept.
   * `excludeId` skips the document itself (a rerun over the same input with a persisted index).
   */
  findNear(sig: Uint32Array, threshold: number, excludeId?: string): NearMatch | undefined {
    const keys = bandKeys(sig);
    const seen = new Set<number>();
    let best = -1;
    let bestSim = -1;
    for (let band = 0; band < BANDS; band++) {
      const bucket = this.buckets[band].get(keys[band]);
      if (!bucket) continue;
      for (const i of bucket) {
        if (seen.has(i)) continue;
        seen.add(i);
        if (this.ids[i] === excludeId) continue;
        const sim = estimatedJaccard(sig, 0, this.sigs, i * NUM_PERM);
        if (sim >= threshold && (sim > bestSim || (sim === bestSim && i < best))) {
          best = i;
          bestSim = sim;
        }
      }
    }
    return best < 0 ? undefined : { docId: this.ids[best], similarity: bestSim };
  }

  /** Index a kept document. `hash` is its contentHash (64 hex chars), `sig` its MinHash signature. */
  add(docId: string, hash: string, sig: Uint32Array): void {
    if (sig.length !== NUM_PERM) throw new Error(`signature must have ${NUM_PERM} values, got ${sig.length}`);
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error(`content hash must be 64 lowercase hex chars: ${hash}`);
    const i = this.ids.length;
    if ((i + 1) * NUM_PERM > this.sigs.length) {
      const grown = new Uint32Array(this.sigs.length * 2);
      grown.set(this.sigs);
      this.sigs = grown;
    }
    this.sigs.set(sig, i * NUM_PERM);
    this.ids.push(docId);
    this.hashes.push(hash);
    if (!this.exact.has(hash)) this.exact.set(hash, i);
    const keys = bandKeys(sig);
    for (let band = 0; band < BANDS; band++) {
      const bucket = this.buckets[band].get(keys[band]);
      if (bucket) bucket.push(i);
      else this.buckets[band].set(keys[band], [i]);
    }
  }

  /**
   * Serialize (little-endian). Header: "NEDI", u16 version, u16 permutations, u8 bands, u8 rows,
   * u8 shingle words, u8 reserved, u32 permutation seed, u32 count. Then per kept doc in index
   * order: 32 B sha256, 448 B signature, u16 id byte length, id (UTF-8).
   */
  toBuffer(): Buffer {
    const idBytes = this.ids.map((id) => Buffer.from(id, 'utf8'));
    let total = HEADER_BYTES;
    for (const b of idBytes) {
      if (b.length > 0xffff) throw new Error('doc_id longer than 65535 bytes');
      total += HASH_BYTES + SIG_BYTES + 2 + b.length;
    }
    const buf = Buffer.alloc(total);
    buf.write(MAGIC, 0, 'latin1');
    buf.writeUInt16LE(VERSION, 4);
    buf.writeUInt16LE(NUM_PERM, 6);
    buf.writeUInt8(BANDS, 8);
    buf.writeUInt8(ROWS, 9);
    buf.writeUInt8(SHINGLE_WORDS, 10);
    buf.writeUInt32LE(PERM_SEED, 12);
    buf.writeUInt32LE(this.ids.length, 16);
    let o = HEADER_BYTES;
    for (let i = 0; i < this.ids.length; i++) {
      o += buf.write(this.hashes[i], o, 'hex');
      const base = i * NUM_PERM;
      for (let k = 0; k < NUM_PERM; k++, o += 4) buf.writeUInt32LE(this.sigs[base + k], o);
      buf.writeUInt16LE(idBytes[i].length, o);
      o += 2;
      o += idBytes[i].copy(buf, o);
    }
    return buf;
  }

  /** Rebuild an index from toBuffer() output; throws if it was made with other parameters. */
  static fromBuffer(buf: Uint8Array): DedupeIndex {
    const b = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
    if (b.length < HEADER_BYTES || b.toString('latin1', 0, 4) !== MAGIC) throw new Error('not a dedupe index');
    const version = b.readUInt16LE(4);
    if (version !== VERSION) throw new Error(`unsupported dedupe index version ${version}`);
    const params = [b.readUInt16LE(6), b.readUInt8(8), b.readUInt8(9), b.readUInt8(10), b.readUInt32LE(12)];
    const expected = [NUM_PERM, BANDS, ROWS, SHINGLE_WORDS, PERM_SEED];
    if (params.some((v, i) => v !== expected[i])) {
      throw new Error(`dedupe index built with other MinHash parameters (${params.join(',')}); rebuild it`);
    }
    const count = b.readUInt32LE(16);
    const index = new DedupeIndex();
    const sig = new Uint32Array(NUM_PERM);
    let o = HEADER_BYTES;
    for (let i = 0; i < count; i++) {
      if (o + HASH_BYTES + SIG_BYTES + 2 > b.length) throw new Error('truncated dedupe index');
      const hash = b.toString('hex', o, o + HASH_BYTES);
      o += HASH_BYTES;
      for (let k = 0; k < NUM_PERM; k++, o += 4) sig[k] = b.readUInt32LE(o);
      const len = b.readUInt16LE(o);
      o += 2;
      if (o + len > b.length) throw new Error('truncated dedupe index');
      const id = b.toString('utf8', o, o + len);
      o += len;
      index.add(id, hash, sig);
    }
    if (o !== b.length) throw new Error('trailing bytes after dedupe index');
    return index;
  }
}
