/**
 * Features of the tagger, in the manner of Ratinov & Roth (2009). Shared by training and run time,
 * so both see exactly the same keys.
 *
 * Two kinds:
 * - word features, a function of one word type and its position relative to the tagged token
 *   (-1, 0, +1): the word, lower case, shapes, affixes, cluster path prefixes, capitalization bin,
 *   membership in the closed word lists. They are computed once per word type (WordInfo); at run
 *   time their summed weights are cached per word type and position (tagger.ts).
 * - token features, which need the sentence or the document: the first-word flag, the shape
 *   trigram, gazetteer phrase matches (BILOU) at -1..+1, the caseless-sentence flag, and the type
 *   the tagger gave the same word earlier in the document (prediction history: the most useful
 *   single feature on held-out CoNLL).
 *
 * Left out because they did not help on the held-out tenth of eng.train (train-entities.ts
 * --tune, several seeds): words two positions away, word bigrams, and how the word is written
 * elsewhere in the document (its capitalization bin from the unlabeled news does that job).
 *
 * Tokens forced outside (outside.ts) are never scored, so only they and their neighbours need
 * word features; at run time the others are not even looked up.
 *
 * In a caseless sentence (sentences.ts) a word's features are those of its lower-case form, with
 * the shape and capitalization templates marked caseless.
 */
import { Kind, type Token } from '../tokenize.js';
import { PHRASES, PHRASE_PREFIXES, MAX_PHRASE_TOKENS, FIRST_NAMES, DEMONYMS, knownFullName, type GazEntry } from '../gazetteer.js';
import { TITLE_WORDS, ORG_SUFFIXES, ORG_HEADS, PLACE_SUFFIXES, PERSON_CUE_NOUNS, HONORIFICS, NAME_PARTICLES } from '../lexicon.js';
import { fmix, fnvStart, fnvStep, hashString, mix } from './hash.js';
import { shapeKeys } from './shape.js';
import { statBits, statCapBin, statDepth, type WordStats } from './word-stats.js';
import { isCaselessToken, type Sentence } from './sentences.js';
import { closedForm, openFormsOf } from './outside.js';
import { WordTable } from './word-table.js';

/** Bumped whenever a key changes: a model trained with other keys is refused (model.ts). */
export const FEATURE_VERSION = 4;

/** Template ids: part of every key, so two templates never share a key by design. */
const T = {
  Word: 1, Lower: 2, Short: 3, Long: 4, Prefix: 5, Suffix: 6, Cluster: 7, CapBin: 8, Lexicon: 9,
  CaselessShort: 10, CaselessLong: 11, CaselessCapBin: 12,
  Bias: 13, FirstShape: 14, FirstCap: 15, ShapeTrigram: 18, Gazetteer: 19, Caseless: 21, History: 22,
} as const;

/** Position salts: a word's features as the tagged token or its left or right neighbour. */
const SELF = 0x51;
const LEFT = 0x1f3;
const RIGHT = 0x2e7;

/** Cluster path prefix lengths used as features (the whole path too). */
const CLUSTER_PREFIXES = [4, 8, 12];
const AFFIX_MAX = 4;

export interface WordInfo {
  /** Id of the lower-case form, shared by every spelling of it (per WordSource). */
  lowerId: number;
  lowerKey: number;
  shapeKey: number;
  capBin: number;
  /**
   * Keys of this word's features when it is the tagged token, or its left or right neighbour. The
   * run-time tagger sums their weights once and then drops them (see `slot`).
   */
  self: Uint32Array;
  left: Uint32Array;
  right: Uint32Array;
  /** Run time: where the tagger keeps the summed weights of the three key lists; -1 in training. */
  slot: number;
  /** The gazetteer's entry for the lookup form as a one-word phrase (null: none), and whether that form begins a longer one. */
  phrase: GazEntry | null;
  phrasePrefix: boolean;
}

/** No keys: a WordInfo whose keys went to a KeyScratch (or were summed and dropped). */
export const NO_KEYS = new Uint32Array(0);

/**
 * Reusable buffers for one word's key lists: the run-time tagger sums them at once and keeps no
 * keys, so it need not allocate them per new word.
 */
export class KeyScratch {
  /** Longer than any key list (self: 4 + clusters + lexicon lists + word + affixes). */
  readonly self = new Uint32Array(64);
  readonly left = new Uint32Array(64);
  readonly right = new Uint32Array(64);
  selfLength = 0;
  nearLength = 0;
}

const LEXICON_LISTS: Array<[string, (w: string) => boolean]> = [
  ['first', (w) => FIRST_NAMES.has(w)],
  ['title', (w) => TITLE_WORDS.has(w)],
  ['honorific', (w) => HONORIFICS.has(w.endsWith('.') ? w.slice(0, -1) : w)],
  ['demonym', (w) => DEMONYMS.has(w)],
  ['orgSuffix', (w) => ORG_SUFFIXES.has(w)],
  ['orgHead', (w) => ORG_HEADS.has(w)],
  ['placeSuffix', (w) => PLACE_SUFFIXES.has(w)],
  ['personNoun', (w) => PERSON_CUE_NOUNS.has(w)],
  ['knownFamily', (w) => knownFullName(w) !== undefined],
  ['particle', (w) => NAME_PARTICLES.has(w)],
];

const s = (template: number, value: string): number => hashString(value, template);
/** Keys with a constant value, hashed once. */
const LEXICON_KEYS = LEXICON_LISTS.map(([name]) => s(T.Lexicon, name));
const CLUSTER_PREFIX_KEYS = CLUSTER_PREFIXES.map((p) => s(T.Cluster, String(p)));
const CLUSTER_ALL_KEY = s(T.Cluster, 'all');

/**
 * Typographic quotes and apostrophes as the ASCII ones of the training text ("O’Brien" is
 * "O'Brien", “ is "), so web text and newswire share features.
 */
export function plainQuotes(s: string): string {
  if (!TYPOGRAPHIC.test(s)) return s;
  return s.replace(/[\u2018\u2019\u201a\u2032]/g, "'").replace(/[\u201c\u201d\u201e\u00ab\u00bb\u2033]/g, '"');
}
const TYPOGRAPHIC = /[\u2018\u2019\u201a\u2032\u201c\u201d\u201e\u00ab\u00bb\u2033]/;

/** Keys shared by the self and neighbour lists, gathered once per word (reused: one word at a time). */
const shared: number[] = [];

/**
 * Builds a word's features; `surface` is the word as written (ignored when caseless).
 *
 * The self list is [lower, short shape, long shape, capitalization bin, clusters, lexicon lists,
 * word (cased only), then prefix and suffix of each length]; a neighbour's is [lower, short shape,
 * capitalization bin, clusters but the shortest prefix, lexicon lists]. Affixes and shapes are
 * hashed from the characters, not sliced out. With `scratch`, the key lists are written there and
 * the WordInfo gets none.
 */
export function wordInfo(written: string, lowered: string, caseless: boolean, stats: WordStats, lowerId: number, scratch?: KeyScratch): WordInfo {
  const surface = plainQuotes(written);
  const lower = plainQuotes(lowered);
  const packed = stats.get(lower);
  const bits = statBits(packed);
  const depth = statDepth(packed);
  const capBin = statCapBin(packed);
  const shape = shapeKeys(caseless ? lower : surface, caseless ? T.CaselessShort : T.Short, caseless ? T.CaselessLong : T.Long);
  const lowerKey = s(T.Lower, lower);
  const shapeKey = shape.short;
  const capKey = mix(caseless ? T.CaselessCapBin : T.CapBin, capBin);
  // shared = [clusters (the shortest prefix first), lexicon lists]
  shared.length = 0;
  if (depth > 0) {
    for (let k = 0; k < CLUSTER_PREFIXES.length; k++) {
      const p = CLUSTER_PREFIXES[k];
      if (p < depth) shared.push(mix(CLUSTER_PREFIX_KEYS[k], bits >>> (depth - p)));
    }
    shared.push(mix(CLUSTER_ALL_KEY, bits + 2 ** depth));
  }
  const clusters = shared.length;
  for (let k = 0; k < LEXICON_LISTS.length; k++) if (LEXICON_LISTS[k][1](lower)) shared.push(LEXICON_KEYS[k]);
  const affixes = Math.min(AFFIX_MAX, lower.length - 1);
  const selfLength = 4 + shared.length + (caseless ? 0 : 1) + 2 * Math.max(0, affixes);
  const self = scratch ? scratch.self : new Uint32Array(selfLength);
  let at = 0;
  self[at++] = mix(lowerKey, SELF);
  self[at++] = mix(shapeKey, SELF);
  self[at++] = mix(shape.long, SELF);
  self[at++] = mix(capKey, SELF);
  for (let k = 0; k < shared.length; k++) self[at++] = mix(shared[k], SELF);
  if (!caseless) self[at++] = mix(s(T.Word, surface), SELF);
  let prefix = fnvStart(T.Prefix);
  for (let k = 1; k <= affixes; k++) {
    prefix = fnvStep(prefix, lower.charCodeAt(k - 1));
    self[at++] = mix(fmix(prefix), SELF);
    let suffix = fnvStart(T.Suffix);
    for (let c = lower.length - k; c < lower.length; c++) suffix = fnvStep(suffix, lower.charCodeAt(c));
    self[at++] = mix(fmix(suffix), SELF);
  }
  // neighbours: the first cluster key left out (the shortest prefix, or the whole path when it is
  // shorter than every prefix)
  const skip = clusters > 0 ? 1 : 0;
  const nearCount = 3 + shared.length - skip;
  const left = scratch ? scratch.left : new Uint32Array(nearCount);
  const right = scratch ? scratch.right : new Uint32Array(nearCount);
  const near = (k: number): number => (k === 0 ? lowerKey : k === 1 ? shapeKey : k === 2 ? capKey : shared[k - 3 + skip]);
  for (let k = 0; k < nearCount; k++) {
    const key = near(k);
    left[k] = mix(key, LEFT);
    right[k] = mix(key, RIGHT);
  }
  const phrase = PHRASES.get(lowered) ?? null;
  const phrasePrefix = PHRASE_PREFIXES.has(lowered);
  if (!scratch) return { lowerId, lowerKey, shapeKey, capBin, self, left, right, slot: -1, phrase, phrasePrefix };
  scratch.selfLength = selfLength;
  scratch.nearLength = nearCount;
  return { lowerId, lowerKey, shapeKey, capBin, self: NO_KEYS, left: NO_KEYS, right: NO_KEYS, slot: -1, phrase, phrasePrefix };
}

/**
 * Small integers per lower-case word id, valid for one document: `reset()` forgets them all at once
 * (a stamp per entry, no clearing), so per-document lookups cost an array access, not a string hash.
 */
export class IdMarks {
  private values = new Int8Array(1 << 12);
  private stamps = new Int32Array(1 << 12);
  private stamp = 1;

  reset(): void {
    this.stamp++;
  }

  /** The value set for `id` in this document, or -128 when none. */
  get(id: number): number {
    return id < this.stamps.length && this.stamps[id] === this.stamp ? this.values[id] : -128;
  }

  set(id: number, value: number): void {
    if (id >= this.stamps.length) {
      let size = this.stamps.length;
      while (size <= id) size *= 2;
      const values = new Int8Array(size);
      const stamps = new Int32Array(size);
      values.set(this.values);
      stamps.set(this.stamps);
      this.values = values;
      this.stamps = stamps;
    }
    this.values[id] = value;
    this.stamps[id] = this.stamp;
  }
}

/** Where a document's word features come from: a cache of WordInfo per word type, plus padding. */
export interface WordSource {
  lookup(t: Token, caseless: boolean): WordInfo;
  /** Stand-ins for the words before the first and after the last token of a sentence. */
  readonly sentenceStart: WordInfo;
  readonly sentenceEnd: WordInfo;
  /** Lower-case words and punctuation that may be inside an entity (outside.ts). */
  readonly insideForms: ReadonlySet<string>;
  /** Look up every token, not only the ones scoring needs (training precomputes all keys). */
  readonly eager: boolean;
}

/**
 * Lower-case form -> id, for WordInfo.lowerId. A WordTable, not a Map: the forms are fresh strings
 * sliced from documents (see word-table.ts).
 */
export class LowerIds {
  private readonly ids = new WordTable<number>();
  idOf(lower: string): number {
    let id = this.ids.get(lower);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.add(lower, id);
    }
    return id;
  }
  get size(): number {
    return this.ids.size;
  }
  clear(): void {
    this.ids.clear();
  }
}

export const paddingInfos = (stats: WordStats, ids: LowerIds): { sentenceStart: WordInfo; sentenceEnd: WordInfo } => ({
  sentenceStart: wordInfo('<s>', '<s>', false, stats, ids.idOf('<s>')),
  sentenceEnd: wordInfo('</s>', '</s>', false, stats, ids.idOf('</s>')),
});

/** Gazetteer phrase codes: 0 none, else 1 + 4 * list type + BILU part. */
const GAZ_TYPES = { PLACE: 0, ORG: 1, PERSON: 2, MONEY: 3 } as const;
const GAZETTEER_CODES = 1 + 4 * 4;

/** The gazetteer phrase through token i as [start, end) and list type (PLACE 0, ORG 1, PERSON 2), or null. */
export function gazetteerPhrase(codes: Uint8Array, i: number): { start: number; end: number; type: number } | null {
  if (!codes[i]) return null;
  const part = (c: number) => (c - 1) & 3;
  const type = (codes[i] - 1) >> 2;
  if (part(codes[i]) === 3) return { start: i, end: i + 1, type };
  let start = i;
  while (part(codes[start]) !== 0) start--;
  let end = i;
  while (part(codes[end]) !== 2) end++;
  return { start, end: end + 1, type };
}

/** Per-document analysis: everything the token features need. */
export class DocFeatures {
  /** Word features; only for tokens that are scored or next to one, unless the source is eager. */
  readonly infos: WordInfo[];
  readonly gazetteer: Uint8Array;
  /** Token is the first of its sentence or in a caseless sentence: its case says nothing. */
  readonly uninformative: Uint8Array;
  readonly caseless: Uint8Array;
  /** Token may only be outside an entity (outside.ts). */
  readonly outside: Uint8Array;

  constructor(
    readonly tokens: Token[],
    readonly sentences: Sentence[],
    private readonly source: WordSource,
  ) {
    const n = tokens.length;
    this.infos = new Array<WordInfo>(n);
    // four views of one buffer: a typed array's own buffer costs about a microsecond to allocate
    const flags = new Uint8Array(4 * n);
    this.gazetteer = flags.subarray(0, n);
    this.uninformative = flags.subarray(n, 2 * n);
    this.caseless = flags.subarray(2 * n, 3 * n);
    this.outside = flags.subarray(3 * n);
    const open = openFormsOf(source.insideForms);
    for (const sen of sentences) {
      for (let i = sen.start; i < sen.end; i++) {
        const t = tokens[i];
        const caseless = isCaselessToken(sen, t);
        if (caseless) this.caseless[i] = 1;
        if (caseless || i === sen.start || isOpenerRun(tokens, sen.start, i)) this.uninformative[i] = 1;
        const form = closedForm(t, caseless);
        if (form !== null && !open.has(form)) this.outside[i] = 1;
      }
      for (let i = sen.start; i < sen.end; i++) {
        const needed = !this.outside[i] || (i > sen.start && !this.outside[i - 1]) || (i + 1 < sen.end && !this.outside[i + 1]);
        if (needed || source.eager) this.infos[i] = source.lookup(tokens[i], this.caseless[i] === 1);
      }
      markGazetteer(tokens, this.infos, sen, this.gazetteer);
    }
  }

  /** Word features of token i, or padding outside the sentence. */
  near(i: number, sen: Sentence): WordInfo {
    if (i < sen.start) return this.source.sentenceStart;
    if (i >= sen.end) return this.source.sentenceEnd;
    return this.infos[i];
  }

  /** Keys of every feature of token i but the history, appended to `out`. */
  allKeys(i: number, sen: Sentence, out: number[]): void {
    out.push(...this.near(i - 1, sen).left, ...this.infos[i].self, ...this.near(i + 1, sen).right);
    this.hashedKeys(i, sen, out);
    out.push(TOKEN_KEYS.bias);
    if (i === sen.start) out.push(TOKEN_KEYS.firstCap[this.infos[i].capBin]);
    const g = this.gazetteer;
    if (g[i]) out.push(TOKEN_KEYS.gazetteer[0][g[i]]);
    if (i > sen.start && g[i - 1]) out.push(TOKEN_KEYS.gazetteer[1][g[i - 1]]);
    if (i + 1 < sen.end && g[i + 1]) out.push(TOKEN_KEYS.gazetteer[2][g[i + 1]]);
    if (this.caseless[i]) out.push(TOKEN_KEYS.caseless);
  }

  /** The token features whose key must be hashed, appended to `out`. */
  hashedKeys(i: number, sen: Sentence, out: number[]): void {
    if (i === sen.start) out.push(this.firstShapeKey(i));
    out.push(this.shapeTrigramKey(i, sen));
  }

  /** Key of the first word's shape (only for the sentence's first token). */
  firstShapeKey(i: number): number {
    return mix(T.FirstShape, this.infos[i].shapeKey);
  }

  /** Key of the shapes of tokens i - 1, i and i + 1. */
  shapeTrigramKey(i: number, sen: Sentence): number {
    return mix(T.ShapeTrigram, mix(mix(this.near(i - 1, sen).shapeKey, this.infos[i].shapeKey), this.near(i + 1, sen).shapeKey));
  }

  /** Whether the prediction history is kept and consulted for token i (never a forced one). */
  hasHistory(i: number): boolean {
    const t = this.tokens[i];
    return t.kind === Kind.Word && (t.cap || this.uninformative[i] === 1) && this.outside[i] === 0;
  }

  /** The history feature's index in TOKEN_KEYS.history for token i, or -1 when it has none. */
  historyIndex(i: number, history: IdMarks): number {
    if (!this.hasHistory(i)) return -1;
    const type = history.get(this.infos[i].lowerId);
    return type === -128 ? -1 : (type + 1) * 2 + this.uninformative[i];
  }
}

/**
 * Prediction history: the type (-1 = outside any entity) given to each word that keeps one, by
 * lower-case form, after each sentence is decoded (`tags` are the sentence's tags).
 */
export function remember(doc: DocFeatures, sen: Sentence, tags: ArrayLike<number>, typeOfTag: (tag: number) => number, history: IdMarks): void {
  for (let i = sen.start; i < sen.end; i++) if (doc.hasHistory(i)) history.set(doc.infos[i].lowerId, typeOfTag(tags[i - sen.start]));
}

const range = (n: number, f: (k: number) => number): number[] => Array.from({ length: n }, (_, k) => f(k));

/**
 * Keys of the token features with few values, listed in advance so the run-time tagger can turn
 * each into a weight vector once.
 */
export const TOKEN_KEYS = {
  bias: mix(T.Bias, 0),
  caseless: mix(T.Caseless, 0),
  firstCap: range(8, (b) => mix(T.FirstCap, b)),
  /** [self, left neighbour, right neighbour][gazetteer code] */
  gazetteer: range(3, (pos) => pos * 64).map((salt) => range(GAZETTEER_CODES, (code) => mix(T.Gazetteer, salt + code))),
  /** [(type + 1) * 2 + uninformative], type -1 (outside) .. 3 */
  history: range(10, (code) => mix(T.History, code + 2)),
};

/** "(Putin": tokens after a sentence's leading quotes and brackets are still sentence-initial. */
function isOpenerRun(tokens: Token[], start: number, i: number): boolean {
  for (let k = start; k < i; k++) if (tokens[k].kind !== Kind.Punct || !'"\'“‘(['.includes(tokens[k].text)) return false;
  return true;
}

/** Longest gazetteer phrase at each capitalized token of the sentence, left to right, BILOU-coded. */
function markGazetteer(tokens: Token[], infos: WordInfo[], sen: Sentence, out: Uint8Array): void {
  let i = sen.start;
  while (i < sen.end) {
    const t = tokens[i];
    if (t.kind !== Kind.Word || !(t.cap || sen.caseless)) {
      i++;
      continue;
    }
    let key = '';
    let best = 0;
    let bestType = 0;
    for (let len = 1; len <= MAX_PHRASE_TOKENS && i + len <= sen.end; len++) {
      const w = tokens[i + len - 1];
      key = len === 1 ? w.low : key + ' ' + w.low;
      // a one-word key's answers come with its WordInfo (looked up once per word type, not per token)
      const info = len === 1 ? infos[i] : undefined;
      const entry = info ? info.phrase : PHRASES.get(key);
      if (!entry) {
        if (!(info ? info.phrasePrefix : PHRASE_PREFIXES.has(key))) break;
        continue;
      }
      const anyCase = sen.caseless && !sen.titleCase;
      if (entry.exact !== undefined && !anyCase && entry.exact !== joinSurface(tokens, i, i + len)) continue;
      if (w.kind === Kind.Punct) continue;
      best = len;
      bestType = GAZ_TYPES[entry.type];
    }
    if (best === 0) {
      i++;
      continue;
    }
    const code = (part: number) => 1 + 4 * bestType + part;
    if (best === 1) out[i] = code(3);
    else {
      out[i] = code(0);
      for (let k = i + 1; k < i + best - 1; k++) out[k] = code(1);
      out[i + best - 1] = code(2);
    }
    i += best;
  }
}

function joinSurface(tokens: Token[], a: number, b: number): string {
  let str = tokens[a].text;
  for (let k = a + 1; k < b; k++) str += (tokens[k].space ? ' ' : '') + tokens[k].text;
  return str;
}
