/**
 * Shape features of one line of text. They are computed once per line and are all the
 * classifier looks at besides the lexicon and the line's position.
 */
import { STOP_WORDS } from './lexicon.js';

export interface LineFeatures {
  /** Trimmed, every whitespace run (NBSP included) collapsed to one space. */
  text: string;
  /** Lower-cased `text`: the identity used to spot repeated lines. */
  key: string;
  /** Tokens that contain a letter or a digit ("–" and "*" are not words). */
  words: number;
  /** Share of words that are function words: high in prose, low in headlines and menus. */
  stopRatio: number;
  /** Share of content (non-stop) words that start with a capital: high in Title Case headlines. */
  capRatio: number;
  /** Last character, ignoring closing quotes/brackets, is . ! ? or … */
  endsSentence: boolean;
  /** Ends with a full stop (headlines almost never do; "…" and "?" are allowed in them). */
  endsWithPeriod: boolean;
  /** A list item as html-to-text renders it ("* Home") or a typographic bullet. */
  bullet: boolean;
  hasLetter: boolean;
}

const WHITESPACE_RUN = /\s+/g;
const NEEDS_SPACE_NORMALIZING = /\s\s|[^\S ]/;
const CLOSERS = new Set([...'"\'”’»)]*']);
const SENTENCE_ENDS = new Set([...'.!?…']);
/** A list item's mark and the space after it: "* ", "• ", "· ", "- ", "– ", "» ", "> ". */
const BULLET_MARKS = new Set([...'*•·-–»>'].map((mark) => mark.charCodeAt(0)));
/** Longest entry of STOP_WORDS: longer words skip the lookup. */
const MAX_STOP_WORD_LENGTH = Math.max(...[...STOP_WORDS].map((word) => word.length));
/** Highest first character of a STOP_WORDS entry: words starting above it skip the lookup. */
const MAX_STOP_FIRST_CODE = Math.max(...[...STOP_WORDS].map((word) => word.charCodeAt(0)));
const bucketOf = (firstCode: number, length: number): number => firstCode * (MAX_STOP_WORD_LENGTH + 1) + length;
const NO_WORDS: readonly string[] = [];
/**
 * STOP_WORDS by first character and length, in an array indexed by bucketOf (an element load, where
 * a Map lookup hashed the bucket number): a word of a line is compared in place with the few
 * entries of its bucket instead of being cut out of the line as a string to look it up.
 */
const STOP_BUCKETS: (readonly string[])[] = new Array<readonly string[]>(bucketOf(MAX_STOP_FIRST_CODE + 1, 0)).fill(NO_WORDS);
for (const word of STOP_WORDS) {
  const bucket = bucketOf(word.charCodeAt(0), word.length);
  STOP_BUCKETS[bucket] = [...STOP_BUCKETS[bucket], word];
}

/** STOP_WORDS.has(key.slice(first, first + length)), without the slice. */
function isStopWordAt(key: string, first: number, length: number): boolean {
  const code = key.charCodeAt(first);
  if (length > MAX_STOP_WORD_LENGTH || code > MAX_STOP_FIRST_CODE) return false;
  const words = STOP_BUCKETS[bucketOf(code, length)];
  for (let w = 0; w < words.length; w++) if (key.startsWith(words[w], first)) return true;
  return false;
}

/** Collapses whitespace (NBSP included, `\s` covers it) and trims. */
export function normalizeSpace(line: string): string {
  // Trimmed first: most lines that are not in normal form are so only by an indent or a carriage
  // return, which trimming alone mends.
  const trimmed = line.trim();
  return NEEDS_SPACE_NORMALIZING.test(trimmed) ? trimmed.replace(WHITESPACE_RUN, ' ') : trimmed;
}

/**
 * Letter or digit, by character code (a Unicode-property regex per character is several times
 * slower). Outside ASCII everything but the Latin-1 symbols and the general/CJK punctuation
 * blocks counts as a letter, which is what word counting needs.
 */
export function isWordChar(code: number): boolean {
  if (code < 0x80) return (code >= 48 && code <= 57) || ((code | 32) >= 97 && (code | 32) <= 122);
  if (code <= 0xbf) return code === 0xaa || code === 0xb5 || code === 0xba;
  if (code === 0xd7 || code === 0xf7) return false;
  if (code >= 0x2000 && code <= 0x2bff) return false; // punctuation, arrows, symbols, dingbats
  if (code >= 0x3000 && code <= 0x303f) return false; // CJK punctuation
  if (code >= 0xff00 && code <= 0xff0f) return false; // full-width punctuation
  return true;
}

function isLetterChar(code: number): boolean {
  return isWordChar(code) && !(code >= 48 && code <= 57);
}

function containsLetter(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isLetterChar(text.charCodeAt(i))) return true;
  return false;
}

function lastMeaningfulChar(text: string): string {
  let i = text.length - 1;
  while (i >= 0 && (CLOSERS.has(text[i]) || text[i] === ' ')) i--;
  return i >= 0 ? text[i] : '';
}

function isUpperCaseLetter(ch: string): boolean {
  const code = ch.charCodeAt(0);
  if (code < 0x80) return code >= 65 && code <= 90; // no case-mapped strings for ASCII
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

export function lineFeatures(line: string): LineFeatures {
  const text = normalizeSpace(line);
  const key = text.toLowerCase();
  let words = 0;
  let stopWords = 0;
  let contentWords = 0;
  let capitalized = 0;
  // One pass over the words (split on the single spaces left by normalizeSpace); for each, the
  // first and last letter/digit delimit its core ("‘win-win," -> "win-win").
  // indexOf finds the next space faster than a loop over every character.
  for (let wordStart = 0, i = 0; wordStart <= text.length; wordStart = i + 1) {
    i = text.indexOf(' ', wordStart);
    if (i < 0) i = text.length;
    let first = wordStart;
    while (first < i && !isWordChar(text.charCodeAt(first))) first++;
    let last = i - 1;
    while (last > first && !isWordChar(text.charCodeAt(last))) last--;
    if (first >= i) continue;
    words++;
    const coreLength = last - first + 1;
    if (isStopWordAt(key, first, coreLength)) {
      stopWords++;
    } else if (isLetterChar(text.charCodeAt(first))) {
      contentWords++;
      if (isUpperCaseLetter(text[first])) capitalized++;
    }
  }
  const last = lastMeaningfulChar(text);
  return {
    text,
    key,
    words,
    stopRatio: words ? stopWords / words : 0,
    capRatio: contentWords ? capitalized / contentWords : 0,
    endsSentence: SENTENCE_ENDS.has(last),
    endsWithPeriod: last === '.',
    bullet: text.charCodeAt(1) === 32 && BULLET_MARKS.has(text.charCodeAt(0)),
    hasLetter: containsLetter(text),
  };
}

/** Could be a headline: a few words, no full stop, not a list item. */
export function isTitleLike(f: LineFeatures): boolean {
  return f.hasLetter && !f.bullet && !f.endsWithPeriod && f.words >= 3 && f.words <= 30 &&
    f.text.length <= 250;
}

/**
 * Reads like a sentence of prose: long enough, not Title Case, and punctuated or rich in
 * function words (a standfirst often has no final full stop). German capitalises nouns, so a
 * punctuated sentence may have a higher capital ratio than an unpunctuated one.
 */
export function isSentenceLike(f: LineFeatures): boolean {
  if (f.words < 8 || f.bullet) return false;
  if (f.endsSentence) return f.capRatio < 0.75;
  return f.stopRatio >= 0.15 && f.capRatio < 0.5;
}

const NUMBER = /\d+(?:[.,:/-]\d+)*/g;

/** Two numbers or more: a row of figures ("Revs 13.6 mln vs 10.6 mln"), not page furniture. */
export function isDataRow(text: string): boolean {
  return (text.match(NUMBER)?.length ?? 0) >= 2;
}
