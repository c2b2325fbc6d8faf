/**
 * One-pass tokenizer over UTF-16 code units. No regex per character on the ASCII fast path, so it
 * runs in linear time without backtracking.
 *
 * Tokens keep exact offsets into the text. Rules that matter for names:
 * - inner hyphens and apostrophes stay in a word ("al-Assad", "O'Brien", "Asia-Pacific");
 * - a possessive ('s, ’s) is split off as its own token so spans can exclude it;
 * - single-letter segments followed by "." keep the period ("J.", "U.S.", "D.C."), as do a few
 *   abbreviations ("Mr.", "St.", "Jr."), so they do not look like sentence ends.
 */

/** Token kinds (a plain object, not a const enum, so per-file transpilers handle it). */
export const Kind = { Word: 0, Num: 1, Punct: 2, Poss: 3 } as const;
export type Kind = (typeof Kind)[keyof typeof Kind];

export interface Token {
  start: number;
  end: number;
  text: string;
  kind: Kind;
  /** Starts with an upper-case letter. */
  cap: boolean;
  /** All letters upper-case and at least two letters ("NATO", "U.S.", "G20"). */
  upper: boolean;
  /** Lookup form (normWord): lower case, ’ -> ', diacritics folded. */
  low: string;
  /** Whitespace before this token contains a line break. */
  nl: boolean;
  /** Any whitespace before this token. */
  space: boolean;
}

const ABBREVIATIONS = new Set(['Mr', 'Mrs', 'Ms', 'Dr', 'St', 'Jr', 'Sr', 'Prof', 'Gen', 'Lt', 'Col', 'Capt', 'Sgt', 'Gov', 'Sen', 'Rep', 'Rev', 'Mt', 'Ft', 'Inc', 'Ltd', 'Co', 'Corp', 'No', 'Vol', 'vs']);

const LETTER_RE = /[\p{L}\p{M}]/u;
const UPPER_RE = /\p{Lu}/u;
const LOWER_RE = /\p{Ll}/u;

export function isLetter(c: number, ch: string): boolean {
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return LETTER_RE.test(ch);
}
function isUpper(c: number, ch: string): boolean {
  if (c < 128) return c >= 65 && c <= 90;
  return UPPER_RE.test(ch);
}
function isLower(c: number, ch: string): boolean {
  if (c < 128) return c >= 97 && c <= 122;
  return LOWER_RE.test(ch);
}
const isDigit = (c: number) => c >= 48 && c <= 57;
/** Space, tab, CR, LF, NBSP, narrow NBSP, thin spaces, zero-width space, BOM. */
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0x202f || (c >= 0x2000 && c <= 0x200b) || c === 0xfeff || c === 0x3000;
}
const isApos = (c: number) => c === 39 || c === 0x2019;

const MARKS = /\p{M}/gu;
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Lookup form of a word: lower case, typographic apostrophe ’ -> ', and diacritics folded
 * ("Erdoğan" -> "erdogan", "São" -> "sao") so spellings with and without accents meet in the
 * gazetteer. ASCII words (nearly all) take the fast path.
 */
export function normWord(w: string): string {
  let ascii = true;
  for (let i = 0; i < w.length; i++) {
    if (w.charCodeAt(i) > 127) {
      ascii = false;
      break;
    }
  }
  const s = w.toLowerCase();
  if (ascii) return s;
  const t = s.replace(/\u2019/g, "'");
  return NON_ASCII.test(t) ? t.normalize('NFD').replace(MARKS, '') : t;
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const n = text.length;
  let i = 0;
  let nl = true;
  let space = true;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      if (c === 10) nl = true;
      space = true;
      i++;
      continue;
    }
    const ch = text[i];
    const start = i;
    if (isLetter(c, ch)) {
      i = scanWord(text, i);
      const word = text.slice(start, i);
      out.push(makeWord(word, start, i, nl, space));
    } else if (isDigit(c)) {
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (isDigit(d)) i++;
        else if ((d === 44 || d === 46) && i + 1 < n && isDigit(text.charCodeAt(i + 1))) i++;
        else if (isLetter(d, text[i])) i++; // "G20"-like tails, "5m", "10bn", "2nd"
        else break;
      }
      const num = text.slice(start, i);
      out.push({ start, end: i, text: num, low: num.toLowerCase(), kind: Kind.Num, cap: false, upper: false, nl, space });
    } else if (isApos(c) && i + 1 < n && (text[i + 1] === 's' || text[i + 1] === 'S') && out.length > 0 && out[out.length - 1].end === i && !(i + 2 < n && isLetter(text.charCodeAt(i + 2), text[i + 2]))) {
      i += 2;
      const poss = text.slice(start, i);
      out.push({ start, end: i, text: poss, low: normWord(poss), kind: Kind.Poss, cap: false, upper: false, nl, space });
    } else {
      // Surrogate pairs (emoji) stay one token so offsets never split a code point.
      i += c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
      const p = text.slice(start, i);
      out.push({ start, end: i, text: p, low: p, kind: Kind.Punct, cap: false, upper: false, nl, space });
    }
    nl = false;
    space = false;
  }
  return out;
}

/** Scan a word starting at a letter; returns its end offset. */
function scanWord(text: string, i: number): number {
  const n = text.length;
  const start = i;
  let segStart = i;
  while (i < n) {
    const c = text.charCodeAt(i);
    const ch = text[i];
    if (isLetter(c, ch) || isDigit(c)) {
      i++;
      continue;
    }
    const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
    const nextIsLetter = i + 1 < n && isLetter(next, text[i + 1]);
    if ((c === 45 || c === 0x2011) && (nextIsLetter || isDigit(next))) {
      // inner hyphen: "al-Assad", "Covid-19"
      i++;
      segStart = i;
      continue;
    }
    if (isApos(c) && nextIsLetter) {
      // "'s" followed by a non-letter is a possessive: stop before it.
      const after = i + 2 < n ? text.charCodeAt(i + 2) : 0;
      if ((next === 115 || next === 83) && !(i + 2 < n && isLetter(after, text[i + 2]))) break;
      i++;
      continue;
    }
    if (c === 46) {
      const seg = text.slice(segStart, i);
      const singleUpper = i - segStart === 1 && isUpper(text.charCodeAt(segStart), text[segStart]);
      if (singleUpper && nextIsLetter && isUpper(next, text[i + 1])) {
        // "U.S", "D.C": continue the acronym
        i++;
        segStart = i;
        continue;
      }
      if (singleUpper || (segStart === start && ABBREVIATIONS.has(seg))) {
        i++; // keep the period of an initial or abbreviation
      }
      break;
    }
    break;
  }
  return i;
}

function makeWord(word: string, start: number, end: number, nl: boolean, space: boolean): Token {
  const c0 = word.charCodeAt(0);
  const cap = isUpper(c0, word[0]);
  let letters = 0;
  let upper = cap;
  for (let k = 0; k < word.length && upper; k++) {
    const c = word.charCodeAt(k);
    const ch = word[k];
    if (isLower(c, ch)) upper = false;
    else if (isLetter(c, ch)) letters++;
  }
  return { start, end, text: word, low: normWord(word), kind: Kind.Word, cap, upper: upper && letters >= 2, nl, space };
}
