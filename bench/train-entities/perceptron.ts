/**
 * Averaged structured perceptron (Collins 2002) over the features of
 * stages/entities/model/features.ts, decoded with the same Viterbi as run time.
 *
 * Per sentence: decode with the current weights; where the predicted tags differ from the gold
 * ones, add the gold tags' features and subtract the predicted ones' (emissions and transitions).
 * Averaging uses the usual trick: alongside the weights w keep u, the sum of c * update, where c
 * counts the sentences seen; the average is w - u / c. The prediction-history feature is built
 * from the tagger's own earlier predictions in the document, exactly as at run time.
 */
import { tokenize, type Token } from '../../stages/entities/tokenize.js';
import { DocFeatures, IdMarks, LowerIds, TOKEN_KEYS, paddingInfos, remember, wordInfo, type WordInfo, type WordSource } from '../../stages/entities/model/features.js';
import { splitSentences, isCaselessToken, type Sentence } from '../../stages/entities/model/sentences.js';
import { TAG_COUNT as K, encodeSpans, decodeSpans, typeOfTag, type TokenSpan } from '../../stages/entities/model/tags.js';
import { viterbi, prepareTransitions } from '../../stages/entities/model/viterbi.js';
import { closedForm } from '../../stages/entities/model/outside.js';
import type { WordStats } from '../../stages/entities/model/word-stats.js';
import { NAME_PARTICLES } from '../../stages/entities/lexicon.js';
import { CONLL_TYPES, type ConllDoc, type CharSpan } from './conll.js';

/** A document tokenized as at run time, with gold tags per token. */
export interface AlignedDoc {
  id: string;
  tokens: Token[];
  sentences: Sentence[];
  gold: Uint8Array;
  /** Gold entities whose edges fall inside a token (cannot be tagged exactly). */
  misaligned: number;
}

export interface TrainDoc extends AlignedDoc {
  features: DocFeatures;
  /** Static feature keys of token i: keys[keyStart[i] .. keyStart[i + 1]). */
  keys: Uint32Array;
  keyStart: Uint32Array;
}

/** Word features computed once per word type (no weights attached: training changes them). */
export class TrainingWords implements WordSource {
  private readonly cased = new Map<string, WordInfo>();
  private readonly caseless = new Map<string, WordInfo>();
  private readonly lowerIds = new LowerIds();
  readonly sentenceStart: WordInfo;
  readonly sentenceEnd: WordInfo;
  readonly eager = true;
  constructor(
    private readonly stats: WordStats,
    readonly insideForms: ReadonlySet<string>,
  ) {
    const padding = paddingInfos(stats, this.lowerIds);
    this.sentenceStart = padding.sentenceStart;
    this.sentenceEnd = padding.sentenceEnd;
  }
  lookup(t: Token, caseless: boolean): WordInfo {
    const cache = caseless ? this.caseless : this.cased;
    const key = caseless ? t.low : t.text;
    let info = cache.get(key);
    if (!info) {
      info = wordInfo(t.text, t.low, caseless, this.stats, this.lowerIds.idOf(t.low));
      cache.set(key, info);
    }
    return info;
  }
}

export function alignDoc(doc: ConllDoc): AlignedDoc {
  const tokens = tokenize(doc.text);
  const { spans, misaligned } = alignSpans(tokens, doc.entities);
  return { id: doc.id, tokens, sentences: splitSentences(tokens), gold: encodeSpans(tokens.length, spans), misaligned };
}

export function prepareDoc(doc: AlignedDoc, words: TrainingWords): TrainDoc {
  const { tokens, sentences } = doc;
  const features = new DocFeatures(tokens, sentences, words);
  const keyStart = new Uint32Array(tokens.length + 1);
  const keys: number[] = [];
  for (const sen of sentences) {
    for (let i = sen.start; i < sen.end; i++) {
      keyStart[i] = keys.length;
      features.allKeys(i, sen, keys);
    }
  }
  keyStart[tokens.length] = keys.length;
  return { ...doc, features, keys: Uint32Array.from(keys), keyStart };
}

/** Gold character spans -> token spans (an edge inside a token drops the entity). */
function alignSpans(tokens: Token[], entities: CharSpan[]): { spans: TokenSpan[]; misaligned: number } {
  const byStart = new Map<number, number>();
  const byEnd = new Map<number, number>();
  tokens.forEach((t, k) => {
    byStart.set(t.start, k);
    byEnd.set(t.end, k);
  });
  const spans: TokenSpan[] = [];
  let misaligned = 0;
  for (const e of entities) {
    const a = byStart.get(e.start);
    const b = byEnd.get(e.end);
    if (a === undefined || b === undefined) misaligned++;
    else spans.push({ start: a, end: b + 1, type: CONLL_TYPES.indexOf(e.type) });
  }
  return { spans, misaligned };
}

/** Fewest times, and least share of its occurrences, a form must be inside gold entities to stay open. */
const INSIDE_MIN_COUNT = 2;
const INSIDE_MIN_SHARE = 0.01;

/**
 * Lower-case words and punctuation that the gold entities of the documents contain often enough
 * (outside.ts): "of", "de", "and", "'s" stay open; "the", ",", "." (in a handful of entities among
 * thousands of uses) do not.
 */
export function insideForms(docs: AlignedDoc[]): Set<string> {
  const inside = new Map<string, number>();
  const total = new Map<string, number>();
  for (const doc of docs) {
    for (const sen of doc.sentences) {
      for (let i = sen.start; i < sen.end; i++) {
        const form = closedForm(doc.tokens[i], isCaselessToken(sen, doc.tokens[i]));
        if (form === null) continue;
        total.set(form, (total.get(form) ?? 0) + 1);
        if (doc.gold[i] !== 0) inside.set(form, (inside.get(form) ?? 0) + 1);
      }
    }
  }
  // name particles ("bin", "von", "al") may be inside a name even where the training text has none
  const forms = new Set<string>(NAME_PARTICLES);
  for (const [form, n] of inside) if (n >= INSIDE_MIN_COUNT && n >= INSIDE_MIN_SHARE * total.get(form)!) forms.add(form);
  return forms;
}

/** Weights being trained: feature key -> row of K weights, plus transitions. */
export class Perceptron {
  readonly index = new Map<number, number>();
  w = new Float64Array(1 << 16);
  u = new Float64Array(1 << 16);
  readonly trans = new Float64Array((K + 1) * K);
  readonly transU = new Float64Array((K + 1) * K);
  readonly fin = new Float64Array(K);
  readonly finU = new Float64Array(K);
  /** Sentences seen (the averaging clock). */
  c = 1;

  rowOf(key: number, create: boolean): number {
    let r = this.index.get(key);
    if (r === undefined) {
      if (!create) return -1;
      r = this.index.size;
      this.index.set(key, r);
      if ((r + 1) * K > this.w.length) {
        const grow = (a: Float64Array) => {
          const b = new Float64Array(a.length * 2);
          b.set(a);
          return b;
        };
        this.w = grow(this.w);
        this.u = grow(this.u);
      }
    }
    return r;
  }

  private bump(key: number, tag: number, delta: number): void {
    const at = this.rowOf(key, true) * K + tag;
    this.w[at] += delta;
    this.u[at] += this.c * delta;
  }

  /** One pass over the documents in the given order; returns the number of sentences with errors. */
  epoch(docs: TrainDoc[]): number {
    let wrong = 0;
    let pred = new Uint8Array(256);
    let outside = new Uint8Array(256);
    let emission = new Float64Array(256 * K);
    const history = new IdMarks();
    for (const doc of docs) {
      history.reset();
      for (const sen of doc.sentences) {
        const n = sen.end - sen.start;
        if (pred.length < n) {
          pred = new Uint8Array(n * 2);
          outside = new Uint8Array(n * 2);
        }
        if (emission.length < n * K) emission = new Float64Array(n * K * 2);
        outside.set(doc.features.outside.subarray(sen.start, sen.end));
        // a gold entity through a forced token ("the" in a name): let the gold path stay possible
        for (let k = 0; k < n; k++) if (doc.gold[sen.start + k] !== 0) outside[k] = 0;
        const histKeys = scoreSentence(doc, sen, history, (key) => this.rowOf(key, false), this.w, emission, outside);
        viterbi(n, emission, prepareTransitions(this.trans), this.fin, pred, outside);
        let differs = false;
        for (let i = 0; i < n; i++) if (pred[i] !== doc.gold[sen.start + i]) differs = true;
        if (differs) {
          wrong++;
          this.update(doc, sen, pred, histKeys);
        }
        remember(doc.features, sen, pred, typeOfTag, history);
        this.c++;
      }
    }
    return wrong;
  }

  private update(doc: TrainDoc, sen: Sentence, pred: Uint8Array, histKeys: number[]): void {
    const n = sen.end - sen.start;
    for (let k = 0; k < n; k++) {
      const i = sen.start + k;
      const g = doc.gold[i];
      const p = pred[k];
      if (g !== p) {
        for (let j = doc.keyStart[i]; j < doc.keyStart[i + 1]; j++) {
          this.bump(doc.keys[j], g, 1);
          this.bump(doc.keys[j], p, -1);
        }
        const h = histKeys[k];
        if (h !== 0) {
          this.bump(h, g, 1);
          this.bump(h, p, -1);
        }
      }
      const gPrev = k === 0 ? -1 : doc.gold[i - 1];
      const pPrev = k === 0 ? -1 : pred[k - 1];
      if (g !== p || gPrev !== pPrev) {
        this.trans[(gPrev + 1) * K + g] += 1;
        this.transU[(gPrev + 1) * K + g] += this.c;
        this.trans[(pPrev + 1) * K + p] -= 1;
        this.transU[(pPrev + 1) * K + p] -= this.c;
      }
    }
    const g = doc.gold[sen.end - 1];
    const p = pred[n - 1];
    if (g !== p) {
      this.fin[g] += 1;
      this.finU[g] += this.c;
      this.fin[p] -= 1;
      this.finU[p] -= this.c;
    }
  }

  /** The averaged weights (w - u / c), in the same layout. */
  averaged(): { w: Float64Array; trans: Float64Array; fin: Float64Array } {
    const avg = (w: Float64Array, u: Float64Array, n: number) => {
      const out = new Float64Array(n);
      for (let k = 0; k < n; k++) out[k] = w[k] - u[k] / this.c;
      return out;
    };
    return { w: avg(this.w, this.u, this.index.size * K), trans: avg(this.trans, this.transU, this.trans.length), fin: avg(this.fin, this.finU, K) };
  }
}

/**
 * Emission scores of one sentence into `emission`; returns the history feature key of each token
 * (0 = none), which the update needs.
 */
export function scoreSentence(doc: TrainDoc, sen: Sentence, history: IdMarks, rowOf: (key: number) => number, w: Float64Array, emission: Float64Array, outside: Uint8Array): number[] {
  const n = sen.end - sen.start;
  emission.fill(0, 0, n * K);
  const histKeys: number[] = new Array<number>(n).fill(0);
  for (let k = 0; k < n; k++) {
    if (outside[k]) continue;
    const i = sen.start + k;
    const base = k * K;
    for (let j = doc.keyStart[i]; j < doc.keyStart[i + 1]; j++) {
      const r = rowOf(doc.keys[j]);
      if (r < 0) continue;
      for (let t = 0; t < K; t++) emission[base + t] += w[r * K + t];
    }
    const index = doc.features.historyIndex(i, history);
    if (index < 0) continue;
    const h = TOKEN_KEYS.history[index];
    histKeys[k] = h;
    const r = rowOf(h);
    if (r >= 0) for (let t = 0; t < K; t++) emission[base + t] += w[r * K + t];
  }
  return histKeys;
}

/** Predicted token spans of a document under fixed weights (the averaged ones, for evaluation). */
export function predictDoc(doc: TrainDoc, rowOf: (key: number) => number, w: Float64Array, trans: Float64Array, fin: Float64Array): TokenSpan[] {
  const history = new IdMarks();
  const out: TokenSpan[] = [];
  for (const sen of doc.sentences) {
    const n = sen.end - sen.start;
    const emission = new Float64Array(n * K);
    const pred = new Uint8Array(n);
    const outside = doc.features.outside.subarray(sen.start, sen.end);
    scoreSentence(doc, sen, history, rowOf, w, emission, outside);
    viterbi(n, emission, prepareTransitions(trans), fin, pred, outside);
    out.push(...decodeSpans(pred, sen.start));
    remember(doc.features, sen, pred, typeOfTag, history);
  }
  return out;
}
