/**
 * Word statistics from unlabeled news (news/bbc, news/reuters) plus the CoNLL training text,
 * stored in the model (stages/entities/model/word-stats.ts):
 *
 * - capitalization bin: how often a lower-cased word is written capitalized where case carries
 *   meaning (not sentence-initial, not in an all-caps or title-case line);
 * - cluster path: words are represented by their neighbours (left and right word, PPMI-weighted,
 *   context counts smoothed with exponent 0.75), projected to a few hundred dimensions by a seeded
 *   random +-1 matrix, and split top-down into a binary tree: each node is cut along its principal
 *   direction and refined by spherical 2-means. A word's path from the root (0 = first child) is its
 *   cluster, and its prefixes are coarser clusters, as with Brown clusters (which need a quadratic
 *   number of merges; this takes seconds).
 *
 * Deterministic: fixed seeds, sorted inputs, no parallelism.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DATA } from '../paths.js';
import { tokenize, Kind, type Token } from '../../stages/entities/tokenize.js';
import { splitSentences } from '../../stages/entities/model/sentences.js';
import { capBinOf, packStat, unpackStat, MAX_CLUSTER_DEPTH, type WordStats } from '../../stages/entities/model/word-stats.js';
import { hashString } from '../../stages/entities/model/hash.js';

/** Words seen fewer times get no cluster. */
const MIN_CLUSTER_COUNT = 5;
/** The most frequent words serve as contexts. */
const CONTEXT_WORDS = 3000;
const DIMENSIONS = 256;
const CONTEXT_SMOOTHING = 0.75;
const LEAF_SIZE = 8;
const DEPTH = 16;
const POWER_STEPS = 12;
const KMEANS_STEPS = 6;
const PROJECTION_SEED = 0x6e6572;

/** The unlabeled news texts, in a fixed order; Reuters' hard-wrapped lines are joined. */
export function unlabeledNews(): string[] {
  const bbcDir = join(SHARED_DATA, 'news/bbc');
  const bbc = readdirSync(bbcDir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(join(bbcDir, f), 'utf8'));
  const reuters: string[] = [];
  for (const line of readFileSync(join(SHARED_DATA, 'news/reuters/reuters.jsonl'), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as { title: string; body: string };
    reuters.push(`${r.title}\n\n${r.body.replace(/\n(?![ \n])/g, ' ')}`);
  }
  return [...bbc, ...reuters];
}

/** Numbers share one form per digit pattern. */
const formOf = (t: Token): string => (t.kind === Kind.Num ? t.low.replace(/[0-9]/g, '0') : t.low);

interface Counts {
  vocab: Map<string, number>;
  frequency: number[];
  capitalized: Map<string, number>;
  informative: Map<string, number>;
  /** Bigrams as (word id, id of the word before it), ids in first-seen order. */
  pairs: GrowingArray;
}

/** An append-only Uint32Array that doubles when full. */
class GrowingArray {
  data = new Uint32Array(1 << 20);
  length = 0;
  push(x: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = x;
  }
  view(): Uint32Array {
    return this.data.subarray(0, this.length);
  }
}

function count(texts: string[]): Counts {
  const c: Counts = { vocab: new Map(), frequency: [], capitalized: new Map(), informative: new Map(), pairs: new GrowingArray() };
  const idOf = (w: string): number => {
    let id = c.vocab.get(w);
    if (id === undefined) {
      id = c.vocab.size;
      c.vocab.set(w, id);
      c.frequency.push(0);
    }
    return id;
  };
  const BOUNDARY = idOf('<s>');
  for (const text of texts) {
    const tokens = tokenize(text);
    for (const sen of splitSentences(tokens)) {
      let prev = BOUNDARY;
      for (let i = sen.start; i < sen.end; i++) {
        const t = tokens[i];
        const id = idOf(formOf(t));
        c.frequency[id]++;
        c.pairs.push(id);
        c.pairs.push(prev);
        prev = id;
        if (t.kind === Kind.Word && !sen.caseless && i > sen.start && tokens[i - 1].kind !== Kind.Punct) {
          c.informative.set(t.low, (c.informative.get(t.low) ?? 0) + 1);
          if (t.cap) c.capitalized.set(t.low, (c.capitalized.get(t.low) ?? 0) + 1);
        }
      }
      c.pairs.push(BOUNDARY);
      c.pairs.push(prev);
    }
  }
  return c;
}

export function computeWordStats(extraTexts: string[], log: (s: string) => void): WordStats {
  const texts = [...unlabeledNews(), ...extraTexts];
  const counts = count(texts);
  log(`word stats: ${texts.length} texts, ${counts.pairs.length / 2} bigrams, ${counts.vocab.size} word forms`);
  const words = [...counts.vocab.keys()];
  const clustered = words.map((w, id) => (counts.frequency[id] >= MIN_CLUSTER_COUNT && /\p{L}/u.test(w) ? id : -1)).filter((id) => id >= 0);
  const vectors = contextVectors(counts, clustered);
  const paths = clusterTree(vectors, clustered.length, log);
  const stats: WordStats = new Map();
  clustered.forEach((id, k) => {
    stats.set(words[id], packStat({ bits: paths.bits[k], depth: paths.depth[k], capBin: 0 }));
  });
  for (const [w, total] of counts.informative) {
    const capBin = capBinOf(counts.capitalized.get(w) ?? 0, total);
    if (capBin === 0) continue;
    stats.set(w, packStat({ ...unpackStat(stats.get(w)), capBin }));
  }
  return new Map([...stats].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}

/** Unit-length projected PPMI vectors of the clustered words (row k = clustered[k]). */
function contextVectors(c: Counts, clustered: number[]): Float32Array {
  const V = c.frequency.length;
  // context ids: the most frequent forms (ties by first appearance), each with a left and right side
  const byFrequency = Array.from({ length: V }, (_, id) => id).sort((a, b) => c.frequency[b] - c.frequency[a] || a - b);
  const contextOf = new Int32Array(V).fill(-1);
  byFrequency.slice(0, CONTEXT_WORDS).forEach((id, k) => (contextOf[id] = k));
  const row = new Int32Array(V).fill(-1);
  clustered.forEach((id, k) => (row[id] = k));
  const C = 2 * CONTEXT_WORDS;
  // pair codes row * C + context, both sides of each bigram
  const codes = new GrowingArray();
  const pairs = c.pairs.view();
  for (let k = 0; k < pairs.length; k += 2) {
    const right = pairs[k];
    const left = pairs[k + 1];
    if (row[right] >= 0 && contextOf[left] >= 0) codes.push(row[right] * C + contextOf[left]);
    if (row[left] >= 0 && contextOf[right] >= 0) codes.push(row[left] * C + CONTEXT_WORDS + contextOf[right]);
  }
  const sorted = codes.view().sort();
  const contextTotal = new Float64Array(C);
  const rowTotal = new Float64Array(clustered.length);
  for (let k = 0; k < sorted.length; k++) {
    contextTotal[sorted[k] % C]++;
    rowTotal[Math.floor(sorted[k] / C)]++;
  }
  let smoothedSum = 0;
  for (let k = 0; k < C; k++) smoothedSum += contextTotal[k] ** CONTEXT_SMOOTHING;
  const projection = randomSigns(C);
  const vectors = new Float32Array(clustered.length * DIMENSIONS);
  for (let k = 0; k < sorted.length; ) {
    let j = k;
    while (j < sorted.length && sorted[j] === sorted[k]) j++;
    const r = Math.floor(sorted[k] / C);
    const ctx = sorted[k] % C;
    const pmi = Math.log((j - k) / (rowTotal[r] * (contextTotal[ctx] ** CONTEXT_SMOOTHING / smoothedSum)));
    if (pmi > 0) {
      const base = r * DIMENSIONS;
      const signs = ctx * DIMENSIONS;
      for (let d = 0; d < DIMENSIONS; d++) vectors[base + d] += projection[signs + d] * pmi;
    }
    k = j;
  }
  for (let r = 0; r < clustered.length; r++) normalize(vectors, r * DIMENSIONS);
  return vectors;
}

/** A +-1 matrix, contexts x dimensions, from a fixed seed. */
function randomSigns(contexts: number): Int8Array {
  const out = new Int8Array(contexts * DIMENSIONS);
  for (let k = 0; k < out.length; k++) out[k] = hashString(String(k), PROJECTION_SEED) & 1 ? 1 : -1;
  return out;
}

function normalize(v: Float32Array, at: number): void {
  let n = 0;
  for (let d = 0; d < DIMENSIONS; d++) n += v[at + d] * v[at + d];
  n = Math.sqrt(n);
  if (n > 0) for (let d = 0; d < DIMENSIONS; d++) v[at + d] /= n;
}

/** Top-down binary tree over the vectors: path bits and depth per row. */
function clusterTree(vectors: Float32Array, n: number, log: (s: string) => void): { bits: Uint32Array; depth: Uint8Array } {
  const bits = new Uint32Array(n);
  const depth = new Uint8Array(n);
  let level: number[][] = [Array.from({ length: n }, (_, k) => k)];
  for (let d = 0; d < Math.min(DEPTH, MAX_CLUSTER_DEPTH) && level.length; d++) {
    const next: number[][] = [];
    for (const members of level) {
      if (members.length < 2 * LEAF_SIZE) continue;
      const [a, b] = bisect(vectors, members);
      if (a.length === 0 || b.length === 0) continue;
      for (const k of a) {
        bits[k] = bits[k] * 2;
        depth[k]++;
      }
      for (const k of b) {
        bits[k] = bits[k] * 2 + 1;
        depth[k]++;
      }
      next.push(a, b);
    }
    level = next;
    log(`word clusters: level ${d + 1}, ${level.length} nodes`);
  }
  return { bits, depth };
}

/** Split along the principal direction of the members, then refine with spherical 2-means. */
function bisect(v: Float32Array, members: number[]): [number[], number[]] {
  const D = DIMENSIONS;
  const mean = new Float64Array(D);
  for (const k of members) for (let d = 0; d < D; d++) mean[d] += v[k * D + d];
  for (let d = 0; d < D; d++) mean[d] /= members.length;
  let dir = new Float64Array(D);
  for (let d = 0; d < D; d++) dir[d] = (d % 7) - 3 + 0.5;
  for (let step = 0; step < POWER_STEPS; step++) {
    const next = new Float64Array(D);
    for (const k of members) {
      let p = 0;
      for (let d = 0; d < D; d++) p += (v[k * D + d] - mean[d]) * dir[d];
      for (let d = 0; d < D; d++) next[d] += p * (v[k * D + d] - mean[d]);
    }
    let norm = 0;
    for (let d = 0; d < D; d++) norm += next[d] * next[d];
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < D; d++) next[d] /= norm;
    dir = next;
  }
  let side = members.map((k) => {
    let p = 0;
    for (let d = 0; d < D; d++) p += (v[k * D + d] - mean[d]) * dir[d];
    return p >= 0;
  });
  for (let step = 0; step < KMEANS_STEPS; step++) {
    const c0 = new Float64Array(D);
    const c1 = new Float64Array(D);
    members.forEach((k, j) => {
      const c = side[j] ? c1 : c0;
      for (let d = 0; d < D; d++) c[d] += v[k * D + d];
    });
    const n0 = norm(c0) || 1;
    const n1 = norm(c1) || 1;
    const next = members.map((k) => {
      let p0 = 0;
      let p1 = 0;
      for (let d = 0; d < D; d++) {
        p0 += v[k * D + d] * c0[d];
        p1 += v[k * D + d] * c1[d];
      }
      return p1 / n1 > p0 / n0;
    });
    const changed = next.some((s, j) => s !== side[j]);
    side = next;
    if (!changed) break;
  }
  const a: number[] = [];
  const b: number[] = [];
  members.forEach((k, j) => (side[j] ? b : a).push(k));
  return [a, b];
}

function norm(c: Float64Array): number {
  let n = 0;
  for (let d = 0; d < c.length; d++) n += c[d] * c[d];
  return Math.sqrt(n);
}

/** Word stats as bytes for a cache file: `word\tvalue` lines. */
export function encodeStats(stats: WordStats): Buffer {
  return Buffer.from([...stats].map(([w, v]) => `${w}\t${v}`).join('\n'), 'utf8');
}

export function decodeStats(buf: Buffer): WordStats {
  const stats: WordStats = new Map();
  for (const line of buf.toString('utf8').split('\n')) {
    const tab = line.lastIndexOf('\t');
    if (tab > 0) stats.set(line.slice(0, tab), Number(line.slice(tab + 1)));
  }
  return stats;
}
