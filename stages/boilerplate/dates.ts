/**
 * Recognises date-only lines (" date 2024-03-21 0", "Thursday 21 March 2024 - 09:34",
 * "Sunday, 24 November, 2024") and date headers glued to the first body line
 * (" date 2024-10-06 (MENAFN) China's ..."). This stage only finds and removes them; the dates
 * stage parses them later from the `header_date` removals.
 */
import { DATE_FILLERS, DATE_LABELS, MONTHS, WEEKDAYS } from './lexicon.js';

type DateTokenKind = 'year' | 'number' | 'month' | 'weekday' | 'label' | 'filler' | 'other';

interface DateToken {
  kind: DateTokenKind;
  start: number;
  end: number;
}

/** Characters that separate the parts of a written date: "2024-03-21", "21.03.2024, 09:34". */
const DATE_SEPARATORS = new Set([...' \t\u00a0,.-/:|–—()[]·•']);
const ORDINAL_NUMBER = /^\d{1,2}(?:st|nd|rd|th|er|e|º|°)$/;
const DIGITS = /^\d+$/;

function kindOf(word: string): DateTokenKind {
  if (DIGITS.test(word)) {
    if (word.length === 4 && (word.startsWith('19') || word.startsWith('20'))) return 'year';
    return word.length <= 2 ? 'number' : 'other';
  }
  if (ORDINAL_NUMBER.test(word)) return 'number';
  const lower = word.toLowerCase();
  if (MONTHS.has(lower)) return 'month';
  if (WEEKDAYS.has(lower)) return 'weekday';
  if (DATE_LABELS.has(lower)) return 'label';
  if (DATE_FILLERS.has(lower)) return 'filler';
  return 'other';
}

/**
 * Splits on date separators; stops after `limit` tokens (callers only need the head of a line)
 * or after the first 'other' token (no caller reads past one: a date line or header ends there).
 */
function dateTokens(text: string, limit: number): DateToken[] {
  const tokens: DateToken[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const isSeparator = i === text.length || DATE_SEPARATORS.has(text[i]);
    if (!isSeparator) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      const kind = kindOf(text.slice(start, i));
      tokens.push({ kind, start, end: i });
      start = -1;
      if (kind === 'other' || tokens.length >= limit) break;
    }
  }
  return tokens;
}

/** A day-precise date needs a year and either a month name or day+month numbers. */
function makesFullDate(years: number, months: number, numbers: number): boolean {
  return years > 0 && (months > 0 || numbers >= 2);
}

const MAX_DATE_LINE_TOKENS = 14;
/** "Wednesday, 20 December 2023, 09:34 GMT (updated)" is ~50 characters: a cheap early exit. */
const MAX_DATE_LINE_CHARS = 80;
const HAS_DIGIT = /\d/;

/** True when the line says nothing but a date (with weekday, time, zone, "Updated:" ...). */
export function isDateOnly(text: string): boolean {
  if (text.length > MAX_DATE_LINE_CHARS || !HAS_DIGIT.test(text)) return false;
  const tokens = dateTokens(text, MAX_DATE_LINE_TOKENS + 1);
  if (tokens.length === 0 || tokens.length > MAX_DATE_LINE_TOKENS) return false;
  let years = 0;
  let months = 0;
  let numbers = 0;
  for (const token of tokens) {
    if (token.kind === 'other') return false;
    if (token.kind === 'year') years++;
    else if (token.kind === 'month') months++;
    else if (token.kind === 'number') numbers++;
  }
  // "2021", "March 2024", "21 March", "21.03.2024": anything with a year or a month name.
  return years > 0 || (months > 0 && numbers > 0) || numbers >= 3;
}

/**
 * Length of a date header at the start of `text` ("date 2024-10-06" in
 * "date 2024-10-06 (MENAFN) China's ..."), or 0. Only header-shaped prefixes count: they must
 * open with a label ("date", "Updated"), a weekday or an ISO year, so that a body sentence such
 * as "On March 5, 2024, the company ..." is never cut.
 */
export function datePrefixLength(text: string): number {
  const tokens = dateTokens(text, MAX_DATE_LINE_TOKENS);
  const first = tokens[0];
  if (!first || first.start !== 0) return 0;
  if (first.kind !== 'label' && first.kind !== 'weekday' && first.kind !== 'year') return 0;
  let years = 0;
  let months = 0;
  let numbers = 0;
  let end = 0;
  for (const token of tokens) {
    if (token.kind === 'other') break;
    // Once the date is complete only a time of day ("09:34 GMT") may follow: a bare number or a
    // filler word after it is more likely the start of the body ("... 2024-10-06 At least 15").
    if (makesFullDate(years, months, numbers) && !continuesTime(text, token)) break;
    if (token.kind === 'year') years++;
    else if (token.kind === 'month') months++;
    else if (token.kind === 'number') numbers++;
    if (makesFullDate(years, months, numbers)) end = token.end;
  }
  return end;
}

const TIME_SUFFIXES: ReadonlySet<string> = new Set([
  'am', 'pm', 'gmt', 'utc', 'et', 'est', 'edt', 'cet', 'cest', 'ist', 'msk', 'bst', 'uhr', 'h',
]);

function continuesTime(text: string, token: DateToken): boolean {
  if (token.kind === 'number') return text[token.start - 1] === ':' || text[token.end] === ':';
  return TIME_SUFFIXES.has(text.slice(token.start, token.end).toLowerCase());
}
