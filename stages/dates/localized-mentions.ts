/**
 * Date expressions with month names in a document written in another language ("am 8. Dezember
 * 2022", "el 3 de mayo", "en mayo de 2021"), read by the chrono locale of the document's detected
 * language (locales.ts). Only calendar dates that name their month: day and month (with or
 * without the year) and month with year. Relative words ("gestern", "la semana pasada") are left
 * out: the rules that resolve them the way news uses them (rules.ts, vague.ts, tense.ts) are
 * English.
 */
import { chronoReference, formatYm, formatYmd, isValidYmd, type Ymd } from './calendar.js';
import { blocks, PLACEHOLDER_REFERENCE } from './blocks.js';
import { localeParser, monthNameIn, monthsWithYear } from './locales.js';
import type { Found } from './rules.js';
import { yearForMonthDay } from './tense.js';
import { yearlessDay } from './unanchored.js';

/** A word of up to three letters and its space: before a date a preposition or article ("am", "le", "el", "em", "den", "в"). */
const SHORT_WORD = /(\p{L}{1,3})\s+/gu;

/** The mentions of `text`, for a document in `language` (ISO 639-1) other than English. */
export function localizedMentions(text: string, language: string | null | undefined, ref: Ymd | undefined): Found[] {
  if (!language || language === 'en') return [];
  const parser = localeParser(language);
  if (!parser || !monthNameIn(text, language)) return [];
  const refDate = chronoReference(ref ?? PLACEHOLDER_REFERENCE);
  const out: Found[] = [];
  for (const piece of blocks(text)) {
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
