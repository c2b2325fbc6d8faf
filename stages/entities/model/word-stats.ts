/**
 * What the unlabeled news says about a word (lower-cased): its cluster (a path in a binary tree
 * of words that occur in similar contexts, in the manner of Brown clusters) and how often it is
 * capitalized where capitalization means something (not first in a sentence, not in a headline).
 * Computed by the trainer (bench/train-entities/word-stats.ts) and stored in the model file.
 */

/** How often a word is capitalized mid-sentence: 0 = too rare to tell, then rising bins. */
export const CAP_BINS = [0.02, 0.2, 0.5, 0.8, 0.98];
/** Fewest mid-sentence occurrences for a capitalization bin. */
export const CAP_MIN_COUNT = 3;
/** Deepest cluster path the packing below holds. */
export const MAX_CLUSTER_DEPTH = 20;

export function capBinOf(capitalized: number, total: number): number {
  if (total < CAP_MIN_COUNT) return 0;
  const r = capitalized / total;
  let b = 0;
  while (b < CAP_BINS.length && r >= CAP_BINS[b]) b++;
  return b + 1;
}

/** Lower-cased word -> packed cluster path and capitalization bin. */
export type WordStats = Map<string, number>;

export interface WordStat {
  /** Path bits, most significant first; `depth` of them. */
  bits: number;
  depth: number;
  capBin: number;
}

export function packStat(s: WordStat): number {
  return s.capBin * 2 ** 26 + s.depth * 2 ** 20 + s.bits;
}

/** The fields of a packed stat, read one at a time (the tagger's hot path builds no object); 0 when absent. */
export const statBits = (v: number | undefined): number => (v === undefined ? 0 : v % 2 ** 20);
export const statDepth = (v: number | undefined): number => (v === undefined ? 0 : Math.floor(v / 2 ** 20) % 64);
export const statCapBin = (v: number | undefined): number => (v === undefined ? 0 : Math.floor(v / 2 ** 26));

export function unpackStat(v: number | undefined): WordStat {
  return { bits: statBits(v), depth: statDepth(v), capBin: statCapBin(v) };
}
