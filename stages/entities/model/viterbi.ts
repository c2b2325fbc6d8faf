/**
 * First-order Viterbi over BILOU tags (tags.ts) with the tag grammar as a hard constraint (an
 * entity that opens must close with the same type), so every output decodes to well-formed spans.
 *
 * The grammar leaves two kinds of step, written out separately because decoding is a large share
 * of the tagger's time: O, B-x and U-x follow O, L-y or U-y (or the sentence start); I-x and L-x
 * follow B-x or I-x.
 *
 * Scores: `emission[i * K + tag]` for the n tokens; transitions from a table
 * `transition[(prev + 1) * K + tag]`, where prev = -1 is the sentence start (row 0), prepared once
 * by prepareTransitions; `final[tag]` for the last tag.
 */
import { TAG_COUNT as K, ENTITY_TYPES, allowed } from './tags.js';

const TYPES = ENTITY_TYPES.length;
const b = (t: number) => 1 + 4 * t;
/** Tags an entity can start after: O, then B-x and U-x of each type. */
const OPENERS = Int32Array.from([0, ...Array.from({ length: TYPES }, (_, t) => [b(t), b(t) + 3]).flat()]);
/** Tags after which an entity can start: O, then L-x and U-x of each type. */
const CLOSED = Int32Array.from([0, ...Array.from({ length: TYPES }, (_, t) => [b(t) + 2, b(t) + 3]).flat()]);
const ENDS_OK = Uint8Array.from({ length: K }, (_, t) => (allowed(t, -1) ? 1 : 0));

let delta = new Float64Array(0);
let back = new Int8Array(0);

/** Decoding-ready transitions. */
export interface Transitions {
  /** [opener][closed predecessor] weights (OPENERS x CLOSED). */
  open: Float64Array;
  /** Per type: B->I, I->I, B->L, I->L. */
  inside: Float64Array;
  start: Float64Array;
}

/** Transitions for `viterbi` from a (K + 1) x K table (row 0 = sentence start). */
export function prepareTransitions(transition: ArrayLike<number>): Transitions {
  const w = (prev: number, next: number) => transition[(prev + 1) * K + next];
  const open = new Float64Array(OPENERS.length * CLOSED.length);
  OPENERS.forEach((next, j) => CLOSED.forEach((prev, k) => (open[j * CLOSED.length + k] = w(prev, next))));
  const inside = new Float64Array(4 * TYPES);
  for (let t = 0; t < TYPES; t++) {
    inside.set([w(b(t), b(t) + 1), w(b(t) + 1, b(t) + 1), w(b(t), b(t) + 2), w(b(t) + 1, b(t) + 2)], 4 * t);
  }
  const start = Float64Array.from({ length: K }, (_, t) => (allowed(-1, t) ? transition[t] : -Infinity));
  return { open, inside, start };
}

/**
 * Best tag sequence into `out`. `forced[from + i] === 1` allows token i only O (outside.ts): its step then
 * costs one max over the closed tags, and the step after it one addition per opener.
 */
export function viterbi(n: number, emission: ArrayLike<number>, transitions: Transitions, final: ArrayLike<number>, out: Uint8Array, forced: Uint8Array, from = 0): void {
  // `forced` may be the whole document's flags, the sentence's starting at `from`: no view per sentence
  if (n === 0) return;
  if (delta.length < n * K) {
    delta = new Float64Array(n * K * 2);
    back = new Int8Array(n * K * 2);
  }
  const { open, inside, start } = transitions;
  for (let t = 0; t < K; t++) {
    delta[t] = forced[from] && t !== 0 ? -Infinity : start[t] + emission[t];
    back[t] = -1;
  }
  const closedCount = CLOSED.length;
  for (let i = 1; i < n; i++) {
    const row = i * K;
    const prev = row - K;
    if (forced[from + i]) {
      if (forced[from + i - 1]) {
        // a run of forced tokens: O follows O, the only tag alive before (nothing reads a forced
        // token's other tags: the step after it reads its O, and so does the end)
        delta[row] = delta[prev] + open[0] + emission[row];
        back[row] = 0;
      } else stepToOutside(row, prev, emission, open);
      continue;
    }
    if (forced[from + i - 1]) {
      stepFromOutside(row, prev, emission, open);
      continue;
    }
    for (let j = 0; j < OPENERS.length; j++) {
      let best = -Infinity;
      let arg = 0;
      const w = j * closedCount;
      for (let k = 0; k < closedCount; k++) {
        const v = delta[prev + CLOSED[k]] + open[w + k];
        if (v > best) {
          best = v;
          arg = CLOSED[k];
        }
      }
      const tag = OPENERS[j];
      delta[row + tag] = best + emission[row + tag];
      back[row + tag] = arg;
    }
    for (let t = 0; t < TYPES; t++) {
      const bTag = b(t);
      const fromB = delta[prev + bTag];
      const fromI = delta[prev + bTag + 1];
      const x = 4 * t;
      let v1 = fromB + inside[x];
      let v2 = fromI + inside[x + 1];
      delta[row + bTag + 1] = (v1 >= v2 ? v1 : v2) + emission[row + bTag + 1];
      back[row + bTag + 1] = v1 >= v2 ? bTag : bTag + 1;
      v1 = fromB + inside[x + 2];
      v2 = fromI + inside[x + 3];
      delta[row + bTag + 2] = (v1 >= v2 ? v1 : v2) + emission[row + bTag + 2];
      back[row + bTag + 2] = v1 >= v2 ? bTag : bTag + 1;
    }
  }
  const last = (n - 1) * K;
  let best = -Infinity;
  let arg = 0;
  // a forced last token ends in O, the only tag alive there
  for (let t = 0; t < K && !forced[from + n - 1]; t++) {
    if (!ENDS_OK[t]) continue;
    const v = delta[last + t] + final[t];
    if (v > best) {
      best = v;
      arg = t;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    out[i] = arg;
    arg = back[i * K + arg];
  }
}

/** Token forced outside: only O, from the best closed tag (the row's other tags are never read). */
function stepToOutside(row: number, prev: number, emission: ArrayLike<number>, open: Float64Array): void {
  let best = -Infinity;
  let arg = 0;
  for (let k = 0; k < CLOSED.length; k++) {
    const v = delta[prev + CLOSED[k]] + open[k];
    if (v > best) {
      best = v;
      arg = CLOSED[k];
    }
  }
  delta[row] = best + emission[row];
  back[row] = arg;
}

/** After a token forced outside, every opener follows O and nothing can continue an entity. */
function stepFromOutside(row: number, prev: number, emission: ArrayLike<number>, open: Float64Array): void {
  const fromO = delta[prev];
  for (let t = 0; t < K; t++) delta[row + t] = -Infinity;
  for (let j = 0; j < OPENERS.length; j++) {
    const tag = OPENERS[j];
    delta[row + tag] = fromO + open[j * CLOSED.length] + emission[row + tag];
    back[row + tag] = 0;
  }
}
