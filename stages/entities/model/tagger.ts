/**
 * The learned tagger at run time: tokens -> sentences -> feature scores -> Viterbi -> spans.
 *
 * Speed comes from never looking up the same weights twice: the word features' summed weights
 * are cached per word type and position (features.ts WordInfo), in contiguous pools (frequent
 * words get the first slots, and a pool stays in cache better than an array per word), and each
 * token feature with few values (bias, gazetteer codes, document form, history, ...) is turned
 * into one weight vector when the tagger is built. Per token that leaves three cached vectors, a
 * few small ones and one hashed lookup (the shape trigram). The word cache is bounded; when full
 * it starts over between two documents (news vocabulary is mostly repeats).
 */
import type { DocBudget } from '../../../pipeline/budget.js';
import type { Token } from '../tokenize.js';
import { DocFeatures, IdMarks, KeyScratch, LowerIds, NO_KEYS, TOKEN_KEYS, paddingInfos, remember, wordInfo, type WordInfo, type WordSource } from './features.js';
import { splitSentences, type Sentence } from './sentences.js';
import { TAG_COUNT as K, PART_B, PART_L, PART_U, partOfTag, typeOfTag } from './tags.js';
import { viterbi, prepareTransitions, type Transitions } from './viterbi.js';
import { rowOf, type NerModel } from './model.js';
import { WordTable } from './word-table.js';

export interface ModelSpan {
  /** Token range [first, end) and UTF-16 offsets into the text. */
  firstToken: number;
  endToken: number;
  start: number;
  end: number;
  /** Index into ENTITY_TYPES. */
  type: number;
}

const CACHE_LIMIT = 120_000;
/** Pool entries per word: self, as left neighbour, as right neighbour. */
const BLOCKS = 3;

/** Weight vectors of the few-valued token features (TOKEN_KEYS). */
interface SmallVectors {
  /** bias, plus the caseless flag: [caseless]. */
  context: Int32Array[];
  firstCap: Int32Array[];
  gazetteer: Int32Array[][];
  history: Int32Array[];
}


export class SequenceTagger implements WordSource {
  private readonly cased = new WordTable();
  private readonly caseless = new WordTable();
  private readonly lowerIds = new LowerIds();
  /**
   * Sized for a full cache up front: a typed array's memory is only committed as it is touched,
   * while growing by doubling copies the pool and touches about twice the memory (first touches,
   * page faults, are most of what filling the pool costs).
   */
  private selfPool = new Int32Array((CACHE_LIMIT + 4096) * K);
  /** The neighbour blocks, 16-bit (see `cache`): half the memory to touch. */
  private nearPool = new Int16Array((CACHE_LIMIT + 4096) * 2 * K);
  /** Words in the pools (WordInfo.slot = index). */
  private slots = 0;
  /** The words whose neighbour blocks do not fit 16 bits, all three blocks (WordInfo.slot = ~offset). */
  private wide = new Int32Array(64 * BLOCKS * K);
  private wideUsed = 0;
  /** One word's summed weights (self, left, right) before they go to the pools. */
  private readonly sums = new Int32Array(BLOCKS * K);
  sentenceStart!: WordInfo;
  sentenceEnd!: WordInfo;
  readonly eager = false;
  private readonly history = new IdMarks();
  private readonly scratch = new KeyScratch();
  private emission = new Int32Array(256 * K);
  private tags = new Uint8Array(256);
  private readonly transitions: Transitions;
  private readonly final: Float64Array;
  private readonly small: SmallVectors;

  get insideForms(): ReadonlySet<string> {
    return this.model.insideForms;
  }

  constructor(readonly model: NerModel) {
    this.transitions = prepareTransitions(model.transition);
    this.final = Float64Array.from(model.final);
    const v = (key: number) => this.vectorOf([key]);
    this.small = {
      context: [this.vectorOf([TOKEN_KEYS.bias]), this.vectorOf([TOKEN_KEYS.bias, TOKEN_KEYS.caseless])],
      firstCap: TOKEN_KEYS.firstCap.map(v),
      gazetteer: TOKEN_KEYS.gazetteer.map((keys) => keys.map(v)),
      history: TOKEN_KEYS.history.map(v),
    };
    this.startOver();
  }

  /** Forgets every cached word (ids included): only between documents. */
  private startOver(): void {
    this.cased.clear();
    this.caseless.clear();
    this.lowerIds.clear();
    this.slots = 0;
    this.wideUsed = 0;
    const padding = paddingInfos(this.model.stats, this.lowerIds);
    this.sentenceStart = this.cacheOwnKeys(padding.sentenceStart);
    this.sentenceEnd = this.cacheOwnKeys(padding.sentenceEnd);
  }

  lookup(t: Token, caseless: boolean): WordInfo {
    const cache = caseless ? this.caseless : this.cased;
    const key = caseless ? t.low : t.text;
    let info = cache.get(key);
    if (!info) {
      const scratch = this.scratch;
      info = this.cache(wordInfo(t.text, t.low, caseless, this.model.stats, this.lowerIds.idOf(t.low), scratch), scratch, this.small.context[caseless ? 1 : 0]);
      cache.add(key, info);
    }
    return info;
  }

  /** Entity spans of a tokenized text, in order. */
  tag(tokens: Token[]): ModelSpan[] {
    return this.tagDocument(tokens).spans;
  }

  /** The spans, and the document analysis they came from (gazetteer matches, sentences). */
  tagDocument(tokens: Token[], budget?: DocBudget): { spans: ModelSpan[]; features: DocFeatures } {
    if (this.cased.size + this.caseless.size > CACHE_LIMIT) this.startOver();
    const sentences = splitSentences(tokens);
    const doc = new DocFeatures(tokens, sentences, this);
    this.history.reset();
    const out: ModelSpan[] = [];
    for (const sen of sentences) {
      budget?.check();
      const n = sen.end - sen.start;
      if (this.emission.length < n * K) this.emission = new Int32Array(n * K * 2);
      if (this.tags.length < n) this.tags = new Uint8Array(n * 2);
      const tags = this.tags;
      const outside = doc.outside;
      if (allForced(outside, sen)) {
        tags.fill(0, 0, n);
        remember(doc, sen, tags, typeOfTag, this.history);
        continue;
      }
      for (let i = sen.start; i < sen.end; i++) {
        // viterbi reads only the O score of a forced token: a typed-array fill per token cost more
        if (outside[i]) this.emission[(i - sen.start) * K] = 0;
        else this.scoreToken(doc, i, sen);
      }
      viterbi(n, this.emission, this.transitions, this.final, tags, outside, sen.start);
      pushSpans(tags, sen, tokens, out);
      remember(doc, sen, tags, typeOfTag, this.history);
    }
    return { spans: out, features: doc };
  }

  /** Emission scores of token i: the same sum as over all its feature keys (DocFeatures.allKeys). */
  private scoreToken(doc: DocFeatures, i: number, sen: Sentence): void {
    const em = this.emission;
    const base = (i - sen.start) * K;
    const self = doc.infos[i];
    const mid = self.slot;
    const left = doc.near(i - 1, sen).slot;
    const right = doc.near(i + 1, sen).slot;
    if ((mid | left | right) >= 0) {
      const selfPool = this.selfPool;
      const nearPool = this.nearPool;
      const m = mid * K;
      const l = left * 2 * K;
      const r = right * 2 * K + K;
      for (let t = 0; t < K; t++) em[base + t] = selfPool[m + t] + nearPool[l + t] + nearPool[r + t];
    } else {
      em.fill(0, base, base + K);
      this.addBlock(base, mid, 0);
      this.addBlock(base, left, 1);
      this.addBlock(base, right, 2);
    }
    // the context vector (bias, caseless flag) is in the self block already (see `cache`)
    const small = this.small;
    if (i === sen.start) this.add(base, small.firstCap[self.capBin]);
    const gazetteer = doc.gazetteer;
    if (gazetteer[i]) this.add(base, small.gazetteer[0][gazetteer[i]]);
    if (i > sen.start && gazetteer[i - 1]) this.add(base, small.gazetteer[1][gazetteer[i - 1]]);
    if (i + 1 < sen.end && gazetteer[i + 1]) this.add(base, small.gazetteer[2][gazetteer[i + 1]]);
    const h = doc.historyIndex(i, this.history);
    if (h >= 0) this.add(base, small.history[h]);
    // the hashed token features (DocFeatures.hashedKeys), added without gathering their keys
    if (i === sen.start) this.addRow(base, doc.firstShapeKey(i));
    this.addRow(base, doc.shapeTrigramKey(i, sen));
  }

  /** Adds the weight row of `key`, if the model has one, to the emission scores at `base`. */
  private addRow(base: number, key: number): void {
    const r = rowOf(this.model, key);
    if (r < 0) return;
    const em = this.emission;
    const weights = this.model.weights;
    const at = r * K;
    for (let t = 0; t < K; t++) em[base + t] += weights[at + t];
  }

  /** Adds block `block` (0 self, 1 left, 2 right) of the word at `slot` to the emission scores at `base`. */
  private addBlock(base: number, slot: number, block: number): void {
    const em = this.emission;
    if (slot < 0) {
      const wide = this.wide;
      const at = ~slot + block * K;
      for (let t = 0; t < K; t++) em[base + t] += wide[at + t];
      return;
    }
    const pool = block === 0 ? this.selfPool : this.nearPool;
    const at = block === 0 ? slot * K : slot * 2 * K + (block - 1) * K;
    for (let t = 0; t < K; t++) em[base + t] += pool[at + t];
  }

  private add(base: number, v: Int32Array): void {
    const em = this.emission;
    for (let t = 0; t < K; t++) em[base + t] += v[t];
  }

  private vectorOf(keys: ArrayLike<number>): Int32Array {
    const out = new Int32Array(K);
    this.sumInto(out, 0, keys, keys.length);
    return out;
  }

  /** Adds the weight rows of keys[0..length) to out[at..at + K). */
  private sumInto(out: Int32Array, at: number, keys: ArrayLike<number>, length: number): void {
    const weights = this.model.weights;
    for (let k = 0; k < length; k++) {
      const r = rowOf(this.model, keys[k]);
      if (r < 0) continue;
      const from = r * K;
      for (let t = 0; t < K; t++) out[at + t] += weights[from + t];
    }
  }

  /** `cache` for a WordInfo that holds its own keys (the padding words). */
  private cacheOwnKeys(info: WordInfo): WordInfo {
    const keys = new KeyScratch();
    keys.self.set(info.self);
    keys.left.set(info.left);
    keys.right.set(info.right);
    keys.selfLength = info.self.length;
    keys.nearLength = info.left.length;
    return this.cache(info, keys);
  }

  /**
   * Sums the word's weights (its keys are in `keys`) into the pools; the WordInfo keeps no keys.
   *
   * A neighbour block (the word's sums over the tags as a left or right neighbour) is kept 16-bit,
   * less a constant of its own: that changes no decision, since every tag sequence takes exactly
   * one tag per token, so a constant added to all of one token's tag scores adds the same to every
   * sequence's score (and the Viterbi sums are exact, integers in doubles). The self block, whose
   * sums often span more than 16 bits, stays 32-bit; so does a word whose neighbour block does not
   * fit (it goes whole to the wide pool).
   *
   * The self block also holds `context`, the weights every token looked up as this word gets (the
   * bias, and the caseless flag for a word of the caseless table): a word's table says whether its
   * token is caseless, so adding them here rather than per token changes no sum (int32 sums wrap
   * alike in any order). The padding words, never a tagged token, take none.
   */
  private cache(info: WordInfo, keys: KeyScratch, context?: Int32Array): WordInfo {
    const sums = this.sums;
    if (context) sums.set(context);
    else sums.fill(0, 0, K);
    sums.fill(0, K);
    this.sumInto(sums, 0, keys.self, keys.selfLength);
    this.sumInto(sums, K, keys.left, keys.nearLength);
    this.sumInto(sums, 2 * K, keys.right, keys.nearLength);
    info.slot = fits16(sums, K) && fits16(sums, 2 * K) ? this.keepNarrow(sums) : this.keepWide(sums);
    info.self = info.left = info.right = NO_KEYS;
    return info;
  }

  /** The self block as it is, each neighbour block less (its minimum + 2^15); returns the word's index. */
  private keepNarrow(sums: Int32Array): number {
    const w = this.slots++;
    if ((w + 1) * K > this.selfPool.length) {
      this.selfPool = grown(this.selfPool, new Int32Array(this.selfPool.length * 2));
      this.nearPool = grown(this.nearPool, new Int16Array(this.nearPool.length * 2));
    }
    this.selfPool.set(sums.subarray(0, K), w * K);
    const near = this.nearPool;
    for (let b = 1; b < BLOCKS; b++) {
      const at = w * 2 * K + (b - 1) * K;
      const shift = minimumOf(sums, b * K) + 0x8000;
      for (let t = 0; t < K; t++) near[at + t] = sums[b * K + t] - shift;
    }
    return w;
  }

  private keepWide(sums: Int32Array): number {
    const at = this.wideUsed;
    if (at + BLOCKS * K > this.wide.length) this.wide = grown(this.wide, new Int32Array(this.wide.length * 2));
    this.wide.set(sums, at);
    this.wideUsed += BLOCKS * K;
    return ~at;
  }
}

/** Whether every token of the sentence is forced outside (then nothing is scored or decoded). */
function allForced(outside: Uint8Array, sen: Sentence): boolean {
  for (let i = sen.start; i < sen.end; i++) if (outside[i] === 0) return false;
  return true;
}

/**
 * The spans of the sentence's tags (tags.ts decodeSpans, which the tags obey), appended to `out`
 * as ModelSpans without an intermediate list.
 */
function pushSpans(tags: Uint8Array, sen: Sentence, tokens: Token[], out: ModelSpan[]): void {
  let open = -1;
  for (let k = 0; k < sen.end - sen.start; k++) {
    const part = partOfTag(tags[k]);
    let first: number;
    if (part === PART_U) first = sen.start + k;
    else if (part === PART_B) {
      open = k;
      continue;
    } else if (part === PART_L && open >= 0) {
      first = sen.start + open;
      open = -1;
    } else continue;
    const end = sen.start + k + 1;
    out.push({ firstToken: first, endToken: end, start: tokens[first].start, end: tokens[end - 1].end, type: typeOfTag(tags[k]) });
  }
}

function grown<A extends Int32Array | Int16Array>(from: A, to: A): A {
  to.set(from);
  return to;
}

/** Whether the block at `at` spans at most 2^16 - 1, so its values less (its minimum + 2^15) are 16-bit. */
function fits16(sums: Int32Array, at: number): boolean {
  let min = sums[at];
  let max = min;
  for (let t = 1; t < K; t++) {
    const v = sums[at + t];
    if (v < min) min = v;
    else if (v > max) max = v;
  }
  return max - min <= 0xffff;
}

function minimumOf(sums: Int32Array, at: number): number {
  let min = sums[at];
  for (let t = 1; t < K; t++) if (sums[at + t] < min) min = sums[at + t];
  return min;
}
