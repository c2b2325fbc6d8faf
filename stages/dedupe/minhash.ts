/**
 * MinHash signatures and LSH band keys for near-duplicate detection.
 *
 * Word 5-gram shingles (as datatrove's MinhashConfig), 112 permutations split into 28 bands of
 * 4 rows. Two documents with shingle Jaccard similarity s share at least one band (i.e. become
 * candidates) with probability
 *
 *     P(s) = 1 - (1 - s^4)^28
 *
 *     s    0.2    0.3    0.4    0.5    0.55   0.6    0.7    0.8
 *     P    0.044  0.204  0.516  0.836  0.932  0.979  1.000  1.000
 *
 * (P = 0.5 at s ≈ 0.40.) The verification threshold is 0.5 (dedupe-index.ts): syndicated copies
 * that share 80% of their words have shingle Jaccard 0.57 and up (5-gram shingles amplify each
 * word edit five-fold), distinct articles on one topic stay below 0.3; docs/dedupe.md has the
 * measurements. Datatrove's 14 x 8 (P(0.5) = 0.05) suits its 0.7-0.8 threshold, not this one.
 * Every candidate is verified on the full signature, so band collisions never merge by themselves.
 *
 * The index keeps b-bit MinHash signatures (Li and König), b = 8: the low 8 bits of each of the
 * 112 values (112 B a document; 448 B as u32, 224 B at b = 16 before). Two values that differ
 * agree on their low 8 bits with probability C = 2^-8, so a pair with true agreement count n gains
 * (112 - n) / 256 accidental agreements on average: 0.22 positions at n = 56, the threshold's
 * count. b-bit MinHash corrects the estimate as J = (P - C) / (1 - C); applied to the integer
 * threshold it would move the cut from 56 to 57 agreeing positions (56.22 rounded up), a stricter
 * cut than the bias it corrects, so the index compares raw counts against 56 and the effective
 * threshold is ~0.498 instead of 0.5. Measured (npm run eval -- dedupe, docs/dedupe.md): the same
 * precision and recall as with b = 16. Band keys hash 4 rows of 8 bits = 32 bits: two unrelated
 * documents share a band with probability 2^-32 per band, and every candidate is verified.
 *
 * Everything is deterministic: fixed seed, no Math.random, no BigInt.
 */
import { createSimdMinhash } from './minhash-simd.js';

export const NUM_PERM = 112;
export const BANDS = 28;
export const ROWS = 4;
export const SHINGLE_WORDS = 5;
/** Bits kept of each MinHash value in the index (b-bit MinHash): the low 8. */
export const SIG_BITS = 8;
/** Seed of the permutation parameters; stored in persisted indexes so a mismatch is detected. */
export const PERM_SEED = 0x5eed_d0d1;

/**
 * Permutation k of the 32-bit hash space: h_k(x) = g(imul(x XOR X_k, M_k)) with M_k odd and
 * g(v) = v XOR (v >>> 15). Each step is a bijection on uint32, so h_k is a permutation; the
 * inputs are already fmix32-mixed shingle hashes, so their minima under different k behave as
 * independent draws (the eval checks the estimate against exact Jaccard). All 32-bit integer
 * operations: about 3x faster than (a*x + b) mod (2^31 - 1) in doubles.
 */
const MUL = new Int32Array(NUM_PERM);
const XOR = new Int32Array(NUM_PERM);
{
  const next = splitmix32(PERM_SEED);
  for (let k = 0; k < NUM_PERM; k++) {
    MUL[k] = next() | 1;
    XOR[k] = next();
  }
}

/** Parameters of permutation k (for tests and debugging). */
export function permutation(k: number): { mul: number; xor: number } {
  return { mul: MUL[k] >>> 0, xor: XOR[k] >>> 0 };
}

/** Small deterministic PRNG (uint32 output) for the permutation parameters. */
function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** murmur3's 32-bit finalizer: spreads FNV's weak low bits over the whole word. */
function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * 32-bit hashes of the word 5-gram shingles of already-normalized text (words separated by single
 * spaces), sorted and deduplicated (MinHash works on the shingle *set*).
 * A text of fewer than 5 words is one shingle; an empty text has none.
 */
export function shingleHashes(normalized: string): Uint32Array {
  const sequence = shingleSequence(normalized);
  const out = new Uint32Array(sequence); // a copy, as uint32
  out.sort();
  let n = 0;
  for (let i = 0; i < out.length; i++) {
    if (i === 0 || out[i] !== out[i - 1]) out[n++] = out[i];
  }
  return out.subarray(0, n);
}

/** Slots of shingleSequence's scratch array that stay allocated between calls (a long record's larger array does not). */
const KEPT_SCRATCH_SLOTS = 1 << 16;
let scratch = new Int32Array(KEPT_SCRATCH_SLOTS);

/**
 * The shingle hashes of normalized text in text order, repeats included (as int32): a view of a
 * scratch array, valid until the next call. Its minimum under a permutation is the shingle set's,
 * so signatureOf needs neither shingleHashes' sorting nor a new array per document.
 *
 * Speed: each word is hashed once (FNV-1a over its UTF-16 code units, read with charCodeAt, so
 * no substrings are created), then a shingle's hash is an order-sensitive mix of its 5 word hashes.
 * The word hashes are written where the shingle hashes then go (shingle i reads words i to i + 4,
 * and only slot i is written).
 */
function shingleSequence(normalized: string): Int32Array {
  if (normalized.length === 0) return scratch.subarray(0, 0);
  const hashes = wordSlots(normalized);
  let words = 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < normalized.length; i++) {
    const c = normalized.charCodeAt(i);
    if (c === 32) {
      hashes[words++] = fmix32(h);
      h = 0x811c9dc5;
    } else {
      h = Math.imul(h ^ c, 0x01000193);
    }
  }
  hashes[words++] = fmix32(h);
  const width = Math.min(words, SHINGLE_WORDS); // short text: all its words form one shingle
  const count = words - width + 1;
  for (let i = 0; i < count; i++) {
    let s = width; // the shingle length is part of the hash
    for (let j = 0; j < width; j++) s = Math.imul(s ^ hashes[i + j], 0x9e3779b1) ^ (s >>> 15);
    hashes[i] = fmix32(s);
  }
  return hashes.subarray(0, count);
}

/**
 * An array with a slot for each word of `normalized`: the scratch array when it has one per
 * character (no need to count the words), else one sized by counting the spaces (a long record
 * has millions of words; a plain array of them would cost several times as much).
 */
function wordSlots(normalized: string): Int32Array {
  if (normalized.length < scratch.length) return scratch;
  let spaces = 0;
  for (let i = 0; i < normalized.length; i++) if (normalized.charCodeAt(i) === 32) spaces++;
  if (spaces < KEPT_SCRATCH_SLOTS) return scratch;
  return new Int32Array(spaces + 1);
}

/**
 * MinHash signature: for each permutation k, min over shingles x of h_k(x) (see MUL/XOR above).
 * An empty shingle set gives an all-0xffffffff signature (dedupe never signs an empty text).
 */
export function minhashSignature(shingles: Uint32Array): Uint32Array {
  // The same bits read as int32 (no copy): int32 in the hot loop stays in small-integer registers.
  return minhashOf(new Int32Array(shingles.buffer, shingles.byteOffset, shingles.length));
}

/** The WebAssembly SIMD form of minhashInJs, where the runtime has it. */
const simdMinhash = createSimdMinhash(MUL, XOR);

function minhashOf(xs: Int32Array): Uint32Array {
  const sig = new Uint32Array(NUM_PERM);
  if (simdMinhash) simdMinhash(xs, sig);
  else minhashInJs(xs, sig);
  return sig;
}

/** MinHash signature computed by the JavaScript loop (the SIMD kernel's reference; tests). */
export function minhashSignatureInJs(shingles: Uint32Array): Uint32Array {
  const sig = new Uint32Array(NUM_PERM);
  minhashInJs(new Int32Array(shingles.buffer, shingles.byteOffset, shingles.length), sig);
  return sig;
}

function minhashInJs(xs: Int32Array, sig: Uint32Array): void {
  const n = xs.length;
  // four permutations per pass over the shingles (NUM_PERM is a multiple of 4)
  for (let k = 0; k < NUM_PERM; k += 4) {
    const m0 = MUL[k], m1 = MUL[k + 1], m2 = MUL[k + 2], m3 = MUL[k + 3];
    const b0 = XOR[k], b1 = XOR[k + 1], b2 = XOR[k + 2], b3 = XOR[k + 3];
    let min0 = 0xffffffff, min1 = 0xffffffff, min2 = 0xffffffff, min3 = 0xffffffff;
    for (let i = 0; i < n; i++) {
      const x = xs[i];
      let v0 = Math.imul(x ^ b0, m0);
      let v1 = Math.imul(x ^ b1, m1);
      let v2 = Math.imul(x ^ b2, m2);
      let v3 = Math.imul(x ^ b3, m3);
      v0 = (v0 ^ (v0 >>> 15)) >>> 0;
      v1 = (v1 ^ (v1 >>> 15)) >>> 0;
      v2 = (v2 ^ (v2 >>> 15)) >>> 0;
      v3 = (v3 ^ (v3 >>> 15)) >>> 0;
      if (v0 < min0) min0 = v0;
      if (v1 < min1) min1 = v1;
      if (v2 < min2) min2 = v2;
      if (v3 < min3) min3 = v3;
    }
    sig[k] = min0;
    sig[k + 1] = min1;
    sig[k + 2] = min2;
    sig[k + 3] = min3;
  }
}

/** b-bit signature: the low SIG_BITS (8) bits of each MinHash value (what the index stores). */
export function lowBits(sig: Uint32Array): Uint8Array {
  return new Uint8Array(sig); // element-wise ToUint8: the value mod 2^8
}

/** Signature of normalized text as the index keeps it (shingling + MinHash, low 8 bits). */
export function signatureOf(normalized: string): Uint8Array {
  return lowBits(minhashOf(shingleSequence(normalized)));
}

/**
 * One 32-bit key per band, hashed from the band's ROWS 8-bit rows: the position of the band's
 * entries in its BandTable (which tells bands apart by the rows themselves, not by this key).
 * `sig` may be a view into a larger array (offset = start of this signature).
 */
export function bandKeys(sig: Uint8Array, offset = 0): Uint32Array {
  const keys = new Uint32Array(BANDS);
  for (let band = 0; band < BANDS; band++) keys[band] = bandHash(sig, offset, band);
  return keys;
}

/** The key of one band (see bandKeys). */
export function bandHash(sig: Uint8Array, offset: number, band: number): number {
  let h = 0x811c9dc5 ^ band;
  const base = offset + band * ROWS;
  for (let r = 0; r < ROWS; r++) {
    h = Math.imul(h ^ sig[base + r], 0x01000193);
    h = (h << 13) | (h >>> 19);
  }
  return fmix32(h);
}

/** Estimated Jaccard similarity: fraction of permutations on which the two signatures agree (uncorrected, see above). */
export function estimatedJaccard(a: Uint8Array, aOffset: number, b: Uint8Array, bOffset: number): number {
  let same = 0;
  for (let k = 0; k < NUM_PERM; k++) {
    if (a[aOffset + k] === b[bOffset + k]) same++;
  }
  return same / NUM_PERM;
}
