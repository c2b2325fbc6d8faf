/**
 * MinHash signatures and LSH band keys for near-duplicate detection.
 *
 * Parameters follow datatrove's MinhashConfig: word 5-gram shingles, 112 permutations split into
 * 14 bands of 8 rows. Two documents with shingle Jaccard similarity s share at least one band
 * (i.e. become candidates) with probability
 *
 *     P(s) = 1 - (1 - s^8)^14
 *
 *     s    0.5    0.6    0.685  0.7    0.72   0.75   0.8    0.85   0.9
 *     P    0.053  0.211  0.50   0.56   0.65   0.77   0.92   0.99   0.9996
 *
 * The curve's rule-of-thumb threshold is (1/14)^(1/8) ≈ 0.72 (P = 0.5 is reached at s ≈ 0.685).
 * Every candidate is then verified on the full signature (estimated Jaccard >= threshold), so
 * band collisions never produce a false merge by themselves.
 *
 * Everything is deterministic: fixed seed, no Math.random, no BigInt.
 */

export const NUM_PERM = 112;
export const BANDS = 14;
export const ROWS = 8;
export const SHINGLE_WORDS = 5;
/** Seed of the permutation parameters; stored in persisted indexes so a mismatch is detected. */
export const PERM_SEED = 0x5eed_d0d0;

/** Mersenne prime 2^31 - 1: permutations are h(x) = (a*x + b) mod P over x in [0, P). */
const P = 2147483647;
const TWO31 = 2147483648;
/** Multiplying by 2^-31 is exact and much faster than dividing by 2^31. */
const INV_TWO31 = 1 / 2147483648;

// a = AH * 2^16 + AL, split so every product stays below 2^53 (exact in a double).
const AH = new Float64Array(NUM_PERM);
const AL = new Float64Array(NUM_PERM);
const B = new Float64Array(NUM_PERM);
{
  const next = splitmix32(PERM_SEED);
  for (let k = 0; k < NUM_PERM; k++) {
    const a = 1 + (next() % (P - 1)); // a in [1, P)
    AH[k] = Math.floor(a / 65536);
    AL[k] = a % 65536;
    B[k] = next() % P; // b in [0, P)
  }
}

/** Parameters of permutation k, h_k(x) = (a*x + b) mod (2^31 - 1); for tests and debugging. */
export function permutation(k: number): { a: number; b: number; p: number } {
  return { a: AH[k] * 65536 + AL[k], b: B[k], p: P };
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
 * Hashes of the word 5-gram shingles of already-normalized text (words separated by single
 * spaces), reduced into [0, P), sorted and deduplicated (MinHash works on the shingle *set*).
 * A text of fewer than 5 words is one shingle; an empty text has none.
 *
 * Speed: each word is hashed once (FNV-1a over its UTF-16 code units, read with charCodeAt, so
 * no substrings are created), then a shingle's hash is an order-sensitive mix of its 5 word hashes.
 */
export function shingleHashes(normalized: string): Uint32Array {
  if (normalized.length === 0) return new Uint32Array(0);
  const wordHashes: number[] = [];
  let h = 0x811c9dc5;
  for (let i = 0; i < normalized.length; i++) {
    const c = normalized.charCodeAt(i);
    if (c === 32) {
      wordHashes.push(fmix32(h));
      h = 0x811c9dc5;
    } else {
      h = Math.imul(h ^ c, 0x01000193);
    }
  }
  wordHashes.push(fmix32(h));
  const words = wordHashes.length;
  const width = Math.min(words, SHINGLE_WORDS); // short text: all its words form one shingle
  const count = words - width + 1;
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    let s = width; // the shingle length is part of the hash
    for (let j = 0; j < width; j++) s = Math.imul(s ^ wordHashes[i + j], 0x9e3779b1) ^ (s >>> 15);
    out[i] = fmix32(s) % P;
  }
  out.sort();
  let n = 0;
  for (let i = 0; i < out.length; i++) {
    if (i === 0 || out[i] !== out[i - 1]) out[n++] = out[i];
  }
  return out.subarray(0, n);
}

/**
 * MinHash signature: for each permutation k, min over shingles x of (a_k*x + b_k) mod P.
 * All arithmetic is in doubles kept below 2^53, so it is exact without BigInt:
 *   a*x = AH*x*2^16 + AL*x;  AH*x < 2^46 is folded mod P first, then *2^16 stays < 2^48.
 * Folding uses the Mersenne identity: v = hi*2^31 + lo and 2^31 ≡ 1 (mod P), so v ≡ hi + lo.
 * An empty shingle set gives an all-P signature (never equal to a real minimum).
 */
export function minhashSignature(shingles: Uint32Array): Uint32Array {
  const sig = new Uint32Array(NUM_PERM);
  const xs = Float64Array.from(shingles); // doubles in the hot loop: no uint32 -> double conversions
  const n = xs.length;
  for (let k = 0; k < NUM_PERM; k++) {
    const ah = AH[k];
    const al = AL[k];
    const b = B[k];
    let min = P;
    for (let i = 0; i < n; i++) {
      const x = xs[i];
      let v = ah * x; // < 2^46
      let hi = Math.floor(v * INV_TWO31);
      v = v - hi * TWO31 + hi; // ≡ ah*x, < 2^31 + 2^15
      v = v * 65536 + al * x + b; // < 2^48
      hi = Math.floor(v * INV_TWO31);
      v = v - hi * TWO31 + hi; // < 2^31 + 2^17
      if (v >= P) v -= P; // now in [0, P)
      if (v < min) min = v;
    }
    sig[k] = min;
  }
  return sig;
}

/** Signature of normalized text (shingling + MinHash). */
export function signatureOf(normalized: string): Uint32Array {
  return minhashSignature(shingleHashes(normalized));
}

/**
 * One 32-bit key per band, hashed from the band's 8 rows. A 32-bit key can collide across
 * different row tuples; that only adds a candidate, which verification then rejects.
 * `sig` may be a view into a larger array (offset = start of this signature).
 */
export function bandKeys(sig: Uint32Array, offset = 0): Uint32Array {
  const keys = new Uint32Array(BANDS);
  for (let band = 0; band < BANDS; band++) {
    let h = 0x811c9dc5 ^ band;
    const base = offset + band * ROWS;
    for (let r = 0; r < ROWS; r++) {
      h = Math.imul(h ^ sig[base + r], 0x01000193);
      h = (h << 13) | (h >>> 19);
    }
    keys[band] = fmix32(h);
  }
  return keys;
}

/** Estimated Jaccard similarity: fraction of permutations on which the two signatures agree. */
export function estimatedJaccard(a: Uint32Array, aOffset: number, b: Uint32Array, bOffset: number): number {
  let same = 0;
  for (let k = 0; k < NUM_PERM; k++) {
    if (a[aOffset + k] === b[bOffset + k]) same++;
  }
  return same / NUM_PERM;
}
