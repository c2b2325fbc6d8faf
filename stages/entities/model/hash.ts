/**
 * 32-bit feature keys. Features are never stored as strings: a template id and its value are
 * hashed to one unsigned 32-bit key, which the model maps to a weight row. Collisions between two
 * kept features are possible but rare enough to cost nothing measurable, and they are the same at
 * training and run time.
 */

/** murmur3's finalizer: spreads every input bit over the whole word. */
export function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * FNV-1a in steps, for keys of strings never built (shapes, affixes): fmix(fnvStep(...fnvStep(
 * fnvStart(seed), c0)..., cn)) is hashString of the code units c0..cn.
 */
export const fnvStart = (seed: number): number => (0x811c9dc5 ^ seed) >>> 0;
export const fnvStep = (h: number, unit: number): number => Math.imul(h ^ unit, 0x01000193);

/** FNV-1a over the UTF-16 code units of `s`, started from `seed`, then finalized. */
export function hashString(s: string, seed: number): number {
  let h = fnvStart(seed);
  for (let i = 0; i < s.length; i++) h = fnvStep(h, s.charCodeAt(i));
  return fmix(h);
}

/** Key of two 32-bit values in order (a template and its value, or two values of a conjunction). */
export function mix(a: number, b: number): number {
  return fmix((Math.imul(a ^ 0x9e3779b9, 0x27d4eb2f) + b) | 0);
}
