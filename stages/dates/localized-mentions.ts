/**
 * Date expressions with month names in a document written in another language ("am 8. Dezember
 * 2022", "el 3 de mayo", "en mayo de 2021"), read by the chrono locale of the document's detected
 * language (locales.ts). Only calendar dates that name their month: day and month (with or
 * without the year) and month with year. Relative words ("gestern", "la semana pasada") are left
 * out: the rules that resolve them the way news uses them (rules.ts, vague.ts, tense.ts) are
 * English.
 */
import { chronoReference, formatYm, formatYmd, isValidYmd, type Ymd } from './calendar.js';
import { localeParser, monthNameIn, monthsWithYear } from './locales.js';
import type { Found } from './rules.js';
import { yearForMonthDay } from './tense.js';
import { yearlessDay } from './unanchored.js';

/**
 * chrono reads each line that names a month alone, a long line in pieces of at most this many
 * characters cut at a space (its cost grows with the square of its text). Not at full stops:
 * German writes ordinal days with one ("am 8. Dezember").
 */
const MAX_PIECE_CHARS = 4096;
const PLACEHOLDER_REFERENCE: Ymd = { y: 2000, m: 6, d: 15 };
/** A word of up to three letters and its space: before a date a preposition or article ("am", "le", "el", "em", "den", "в"). */
const SHORT_WORD = /(\p{L}{1,3})\s+/gu;

/** The mentions of `text`, for a document in `language` (ISO 639-1) other than English. */
export function localizedMentions(text: string, language: string | null | undefined, ref: Ymd | undefined): Found[] {
  if (!language || language === 'en') return [];
  const parser = localeParser(language);
  if (!parser || !monthNameIn(text, language)) return [];
  const refDate = chronoReference(ref ?? PLACEHOLDER_REFERENCE);
  const out: Found[] = [];
  for (const piece of pieces(text)) {
    if (!monthNameIn(piece.text, language)) continue;
    for (const r of parser.parse(piece.text, refDate, { forwardDate: false })) {
      if (!monthNameIn(r.text, language)) continue;
      const found = valueOf(r.start, ref);
      if (found) out.push({ start: piece.start + r.index + leadLength(r.text, language), end: piece.start + r.index + r.text.length, ...found });
    }
    // chrono's locales other than Spanish do not read a month with its year ("im Mai 2021").
    for (const m of monthsWithYear(piece.text, language)) {
      out.push({ start: piece.start + m.index, end: piece.start + m.index + m.length, value: formatYm(m.year, m.month), date: null, granularity: 'month', anchored: false });
    }
  }
  return out;
}

/** chrono's text may open with a preposition or article ("am 8. Dezember", "en mayo"): the mention is the date. */
function leadLength(text: string, language: string): number {
  let lead = text.length - text.trimStart().length;
  for (const m of text.matchAll(SHORT_WORD)) {
    if (m.index !== lead || monthNameIn(m[1], language)) break;
    lead += m[0].length;
  }
  return lead;
}

function* pieces(text: string): Generator<{ start: number; text: string }> {
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    let end = nl < 0 ? text.length : nl;
    if (end - start > MAX_PIECE_CHARS) {
      const space = text.lastIndexOf(' ', start + MAX_PIECE_CHARS);
      end = space > start ? space : start + MAX_PIECE_CHARS;
    }
    yield { start, text: text.slice(start, end) };
    start = end + 1;
  }
}

type Components = { isCertain(c: 'day' | 'month' | 'year'): boolean; get(c: 'day' | 'month' | 'year'): number | null };

function valueOf(c: Components, ref: Ymd | undefined): Omit<Found, 'start' | 'end'> | undefined {
  if (!c.isCertain('month')) return undefined;
  const m = c.get('month') ?? 0;
  const d = c.get('day') ?? 0;
  const yearWritten = c.isCertain('year');
  if (c.isCertain('day')) {
    if (yearWritten) return dayValue({ y: c.get('year') ?? 0, m, d }, false);
    if (!ref) return isValidYmd(2000, m, d) ? { value: yearlessDay(m, d), date: null, granularity: 'day', anchored: true } : undefined;
    return dayValue({ y: yearForMonthDay(m, d, ref, false), m, d }, true);
  }
  // A month name alone is also a word or a name ("Mai", "Mars"); with its year it is a date.
  return yearWritten ? { value: formatYm(c.get('year') ?? 0, m), date: null, granularity: 'month', anchored: false } : undefined;
}

function dayValue(v: Ymd, anchored: boolean): Omit<Found, 'start' | 'end'> | undefined {
  if (!isValidYmd(v.y, v.m, v.d)) return undefined;
  const iso = formatYmd(v);
  return { value: iso, date: iso, granularity: 'day', anchored };
}
