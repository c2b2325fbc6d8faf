/**
 * The parts of a paragraph chrono has to read to find its mentions. Most of a paragraph is
 * prose no mention can come from, and chrono's cost grows with the length of what it reads.
 *
 * A paragraph is cut where two words follow each other that no chrono result can hold: ASCII
 * letters only, neither fitting chrono's vocabulary (`fitOfSpan` is 'no', vocabulary.ts), only
 * non-word characters between them ("... profits rose ..."). The cut is at the second word's
 * start. chrono reads the paragraph exactly as it reads the pieces on either side, one by one:
 *
 * - No parser match can hold a letter of either word. A match consumes letters only as literal
 *   words of its pattern, and every English pattern ends where a non-word character or the end
 *   follows (`(?=\W|$)` and the like; the one exception ends with digits), so a match that took
 *   a letter of such a word would take all of it, and it does not fit. Nor can a match start
 *   inside one: a pattern starts after a non-word character, at the start of what it is given,
 *   or with one letter followed by a digit; and chrono restarts its scan where a result ends,
 *   just after a failed time expression, or one character after a failed match's start, which
 *   is not the start of such a word (a match from there would take all of it).
 * - So no match ends at the cut (it would end with the non-word characters after the first word,
 *   having taken that word), and no lookahead or `\b` is ever tried there: the right piece sees
 *   what the paragraph shows, and the left piece fails where the paragraph fails. Each parser
 *   finds the same matches, in the same order; what its extract step reads around a match
 *   (a following "to 5 pm", a digit just before or after a slash date) stops at the first word.
 * - The refiners look between consecutive results, before a result (up to the nearest such
 *   word, "end of the", "in"), and after it (time zones, offsets, years: what they can take is in
 *   the vocabulary too, or a 2-4 letter abbreviation followed by the same character on both
 *   sides). The text between a result left of the cut and one right of it holds both words, which
 *   no merging refiner accepts. The unlikely-format filter compares a result with the whole
 *   text; every piece holds one of the words, which no result does.
 *
 * Pieces without a mention's sign (a digit or a date word, see `Signs`) are not read at all: whatever
 * chrono finds there is dropped as a false friend (mentions.ts). Neighbouring pieces are read
 * together (the same argument applies to a text holding a cut), which saves chrono's fixed cost
 * per text when the gap is short.
 */
import { fitOfSpan } from './vocabulary.js';

/** Read gaps of up to this many characters along with the pieces around them, in one text. */
const MAX_JOINED_GAP = 64;

/**
 * [start, end) pairs, flattened, of the parts of `text` chrono must read: every sign lies in one,
 * and each part starts and ends at a cut (or at the text's ends).
 */
export function chronoWindows(text: string, signs: Signs): number[] {
  const out: number[] = [];
  for (let at = signs.next(text, 0); at >= 0; ) {
    const previousEnd = out.length > 0 ? out[out.length - 1] : 0;
    const wordAt = wordStart(text, at);
    const wordAfter = wordEnd(text, at);
    const misfit = isMisfit(text, wordAt, wordAfter);
    const start = cutAtOrBefore(text, wordAt, misfit, previousEnd);
    const end = cutAfter(text, wordAfter, misfit);
    if (out.length > 0 && start - previousEnd <= MAX_JOINED_GAP) out[out.length - 1] = end;
    else out.push(start, end);
    at = signs.next(text, end);
  }
  return out;
}

/**
 * Digits and words (lower-case ASCII letters, three or more) found anywhere in a text, in any
 * letter case, as `/\d|word|word.../gi` finds them: a character loop with a table of the words'
 * first three letters costs a fraction of that pattern.
 */
export class Signs {
  /** Whether a word starts with these three letters, by `trigram`. */
  private readonly starts = new Uint8Array(26 * 26 * 26);
  /** The words by their first three letters. */
  private readonly byTrigram = new Map<number, string[]>();

  constructor(words: readonly string[]) {
    for (const w of words) {
      if (!/^[a-z]{3,}$/.test(w)) throw new Error(`Signs: not three or more lower-case letters: ${w}`);
      const t = trigram(w, 0);
      this.starts[t] = 1;
      const same = this.byTrigram.get(t);
      if (same) same.push(w);
      else this.byTrigram.set(t, [w]);
    }
  }

  /** Where the first sign at or after `from` starts, or -1. */
  next(text: string, from: number): number {
    // The letter indexes of the two characters before `i` (-1: no letter), rolled along.
    let a = -1;
    let b = -1;
    for (let i = from; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 48 && c <= 57) return i;
      const k = letterIndex(c);
      if (k >= 0 && a >= 0 && b >= 0) {
        const t = 676 * a + 26 * b + k;
        if (this.starts[t] === 1) for (const w of this.byTrigram.get(t)!) if (startsWithFolded(text, i - 2, w)) return i - 2;
      }
      a = b;
      b = k;
    }
    return -1;
  }
}

/** Lower-case letter index 0-25 of an ASCII letter, else -1. */
function letterIndex(c: number): number {
  const k = (c | 32) - 97;
  return k >= 0 && k < 26 ? k : -1;
}

/** The index of the three characters at `at` (26 * 26 * first + 26 * second + third), or -1 unless they are ASCII letters. */
function trigram(text: string, at: number): number {
  const a = letterIndex(text.charCodeAt(at));
  if (a < 0) return -1;
  const b = letterIndex(text.charCodeAt(at + 1));
  if (b < 0) return -1;
  const c = letterIndex(text.charCodeAt(at + 2));
  if (c < 0) return -1;
  return 676 * a + 26 * b + c;
}

/** Whether `text` has `word` (lower case) at `at`, ASCII letters compared case-blind. */
function startsWithFolded(text: string, at: number, word: string): boolean {
  if (at + word.length > text.length) return false;
  for (let i = 0; i < word.length; i++) {
    if (letterIndex(text.charCodeAt(at + i)) !== word.charCodeAt(i) - 97) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Cuts

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** Whether the word [start, end) is ASCII letters that fit no chrono result. */
function isMisfit(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isLetter(text.charCodeAt(i))) return false;
  return fitOfSpan(text, start, end) === 'no';
}

/** The start of the word holding `at` (a word character). */
function wordStart(text: string, at: number): number {
  while (at > 0 && isWordChar(text.charCodeAt(at - 1))) at--;
  return at;
}

function wordEnd(text: string, at: number): number {
  while (at < text.length && isWordChar(text.charCodeAt(at))) at++;
  return at;
}

/** The start of the last word ending at or before `at`, or -1. */
function previousWordStart(text: string, at: number): number {
  while (at > 0 && !isWordChar(text.charCodeAt(at - 1))) at--;
  return at > 0 ? wordStart(text, at - 1) : -1;
}

/** The start of the first word starting at or after `at`, or -1. */
function nextWordStart(text: string, at: number): number {
  while (at < text.length && !isWordChar(text.charCodeAt(at))) at++;
  return at < text.length ? at : -1;
}

/**
 * The last cut at or before `start`, a word's start (`misfit`: whether that word is one), but
 * not before `floor` (the text's start or an earlier cut): then `floor`.
 */
function cutAtOrBefore(text: string, start: number, misfit: boolean, floor: number): number {
  while (start > floor) {
    const before = previousWordStart(text, start);
    if (before < 0) return floor;
    const misfitBefore = isMisfit(text, before, wordEnd(text, before));
    if (misfit && misfitBefore) return start;
    start = before;
    misfit = misfitBefore;
  }
  return floor;
}

/** The first cut after `end`, a word's end (`misfit`: whether that word is one), or the text's end. */
function cutAfter(text: string, end: number, misfit: boolean): number {
  for (;;) {
    const start = nextWordStart(text, end);
    if (start < 0) return text.length;
    end = wordEnd(text, start);
    const next = isMisfit(text, start, end);
    if (misfit && next) return start;
    misfit = next;
  }
}
