/**
 * Word shapes: each character mapped to its class (X upper, x lower, d digit, other characters
 * as themselves). The short shape collapses runs ("Xx" for "Putin", "X.X." for "U.S.",
 * "d-d" for "1996-08"); the long shape keeps runs up to two characters ("Xxx", "dddd-dd").
 *
 * Only their keys are needed, so the shapes are hashed as they are read (the same keys as
 * hashString over the shape strings), never built.
 */
import { fnvStart, fnvStep, fmix } from './hash.js';

const UPPER = 88; // 'X'
const LOWER = 120; // 'x'
const DIGIT = 100; // 'd'

/** The class of code unit `c` (`ch` is the same unit as a string), as a code unit. */
function classOf(c: number, ch: string): number {
  if (c >= 48 && c <= 57) return DIGIT;
  if (c >= 65 && c <= 90) return UPPER;
  if (c >= 97 && c <= 122) return LOWER;
  if (c < 128) return c;
  if (ch !== ch.toLowerCase()) return UPPER;
  if (ch !== ch.toUpperCase()) return LOWER;
  return /\p{L}/u.test(ch) ? LOWER : c;
}

const ASCII_CLASS = Int32Array.from({ length: 128 }, (_, c) => classOf(c, String.fromCharCode(c)));

/** hashString(short shape, shortSeed) and hashString(long shape, longSeed) of `word`. */
export function shapeKeys(word: string, shortSeed: number, longSeed: number): { short: number; long: number } {
  let short = fnvStart(shortSeed);
  let long = fnvStart(longSeed);
  let last = -1;
  let run = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    const k = c < 128 ? ASCII_CLASS[c] : classOf(c, word[i]);
    if (k === last) run++;
    else {
      last = k;
      run = 1;
      short = fnvStep(short, k);
    }
    if (run <= 2) long = fnvStep(long, k);
  }
  return { short: fmix(short), long: fmix(long) };
}
