/**
 * The learned tagger at run time: tokens -> sentences -> feature scores -> Viterbi -> spans.
 *
 * Speed comes from never looking up the same weights twice: the word features' summed weights
 * are cached per word type and position (features.ts WordInfo), in one contiguous pool (frequent
 * words get the first slots, and the pool stays in cache better than an array per word), and each
 * token feature with few values (bias, gazetteer codes, document form, history, ...) is turned
 * into one weight vector when the tagger is built. Per token that leaves three cached vectors, a
 * few small ones and one hashed lookup (the shape trigram). The word cache is bounded; when full
 * it starts over between two documents (news vocabulary is mostly repeats).
 */
import type { DocBudget } from '../../../pipeline/budget.js';
import type { Token } from '../tokenize.js';
import { DocFeatures, IdMarks, KeyScratch, LowerIds, NO_KEYS, TOKEN_KEYS, paddingInfos, remember, wordInfo, type WordInfo, type WordSource } from './features.js';
import { splitSentences, type Sentence } from './sentences.js';
import { TAG_COUNT as K, decodeSpans, typeOfTag } from './tags.js';
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
  private pool = new Int32Array((CACHE_LIMIT + 4096) * BLOCKS * K);
  private slots = 0;
  /** Pool entries below this were written before (since the last startOver or earlier): clear them before reuse. */
  private written = 0;
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
    this.startOver();
    this.transitions = prepareTransitions(model.transition);
    this.final = Float64Array.from(model.final);
    const v = (key: number) => this.vectorOf([key]);
    this.small = {
      context: [this.vectorOf([TOKEN_KEYS.bias]), this.vectorOf([TOKEN_KEYS.bias, TOKEN_KEYS.caseless])],
      firstCap: TOKEN_KEYS.firstCap.map(v),
      gazetteer: TOKEN_KEYS.gazetteer.map((keys) => keys.map(v)),
      history: TOKEN_KEYS.history.map(v),
    };
  }

  /** Forgets every cached word (ids included): only between documents. */
  private startOver(): void {
    this.cased.clear();
    this.caseless.clear();
    this.lowerIds.clear();
    this.slots = 0;
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
      info = this.cache(wordInfo(t.text, t.low, caseless, this.model.stats, this.lowerIds.idOf(t.low), scratch), scratch);
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
      const outside = doc.outside.subarray(sen.start, sen.end);
      if (outside.indexOf(0) < 0) {
        tags.fill(0, 0, n);
        remember(doc, sen, tags, typeOfTag, this.history);
        continue;
      }
      for (let i = sen.start; i < sen.end; i++) {
        // viterbi reads only the O score of a forced token: a typed-array fill per token cost more
        if (outside[i - sen.start]) this.emission[(i - sen.start) * K] = 0;
        else this.scoreToken(doc, i, sen);
      }
      viterbi(n, this.emission, this.transitions, this.final, tags, outside);
      for (const s of decodeSpans(tags.subarray(0, n), sen.start)) {
        out.push({ firstToken: s.start, endToken: s.end, start: tokens[s.start].start, end: tokens[s.end - 1].end, type: s.type });
      }
      remember(doc, sen, tags, typeOfTag, this.history);
    }
    return { spans: out, features: doc };
  }

  /** Emission scores of token i: the same sum as over all its feature keys (DocFeatures.allKeys). */
  private scoreToken(doc: DocFeatures, i: number, sen: Sentence): void {
    const em = this.emission;
    const base = (i - sen.start) * K;
    const self = doc.infos[i];
    const pool = this.pool;
    const mid = self.slot;
    const left = doc.near(i - 1, sen).slot + K;
    const right = doc.near(i + 1, sen).slot + 2 * K;
    for (let t = 0; t < K; t++) em[base + t] = pool[mid + t] + pool[left + t] + pool[right + t];
    const small = this.small;
    this.add(base, small.context[doc.caseless[i]]);
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

  /** Sums the word's weights (its keys are in `keys`) into the pool; the WordInfo keeps no keys. */
  private cache(info: WordInfo, keys: KeyScratch): WordInfo {
    const at = this.slots * BLOCKS * K;
    if (at + BLOCKS * K > this.pool.length) {
      const pool = new Int32Array(this.pool.length * 2);
      pool.set(this.pool);
      this.pool = pool;
    }
    // slots are reused after startOver: clear them before summing (memory never written is zero)
    if (at < this.written) this.pool.fill(0, at, at + BLOCKS * K);
    else this.written = at + BLOCKS * K;
    this.sumInto(this.pool, at, keys.self, keys.selfLength);
    this.sumInto(this.pool, at + K, keys.left, keys.nearLength);
    this.sumInto(this.pool, at + 2 * K, keys.right, keys.nearLength);
    this.slots++;
    info.slot = at;
    info.self = info.left = info.right = NO_KEYS;
    return info;
  }
}
