/**
 * Hand-written rules for date expressions chrono does not handle, or handles with the wrong
 * value for TIMEX3: year ranges, bare years, "this/next/last year|month|week|quarter" and
 * quarters. Each rule is a regex plus a resolver against the reference (the document's anchor,
 * usually its publication date); with no reference, relative ones keep a relative value
 * (unanchored.ts) and every mention says whether its value needed the reference (`anchored`).
 */
import type { DateMention } from '../../pipeline/doc.js';
import { addDays, addMonths, formatYm, isoWeek, quarterOf, type Ymd } from './calendar.js';
import { isFutureContext, yearForQuarter } from './tense.js';
import { gated, matchesOf, Words, type Gated } from './words.js';
import { UNKNOWN_MONTH, UNKNOWN_WEEK, UNKNOWN_YEAR, yearlessQuarter } from './unanchored.js';

/** A mention before its surface and anchor are filled in; `anchored`: its value depends on the reference. */
export type Found = Omit<DateMention, 'surface' | 'anchor' | 'anchorSource'> & { anchored?: boolean };

export function ruleMentions(words: Words, ref: Ymd | undefined): Found[] {
  return [...yearRanges(words), ...bareYears(words), ...relativeUnits(words, ref), ...quarters(words, ref)];
}

/** Every year these rules read is 19xx or 20xx. */
const CENTURIES = ['19', '20'];

// ---------------------------------------------------------------------------------------------
// Year ranges: "2024-2025", "1998-99", "2020/21" -> "2024/2025"

/** Not part of a longer number, an amount, a decimal, or a full ISO date ("2024-03-21"). */
const YEAR_RANGE = gated(/(?<![\d$£€.,\/-])((?:19|20)\d{2})\s?[-–—\/]\s?((?:19|20)\d{2}|\d{2})(?![\d%]|[-–\/.,:]\d)/g, CENTURIES);
const MAX_RANGE_YEARS = 50;

function yearRanges(text: Words): Found[] {
  const out: Found[] = [];
  for (const m of matchesOf(text, YEAR_RANGE)) {
    const from = Number(m[1]);
    const to = m[2].length === 2 ? from - (from % 100) + Number(m[2]) : Number(m[2]);
    if (to <= from || to - from > MAX_RANGE_YEARS) continue;
    const start = m.index;
    out.push({ start, end: start + m[0].length, value: `${from}/${to}`, date: null, granularity: 'range' });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Bare years: "in 2021", "since 1990", "mid-2024", "the 1996 campaign", "from 1991 to 1997"
//
// A four-digit number 1900-2099 is read as a year only after a word that introduces one:
// - a time preposition ("in", "since", "by"): then only punctuation, a function word or a
//   capitalised word may follow ("in 2000 people" is an amount);
// - a determiner ("the 1996 campaign", "its 1990 invasion"): then any word but a unit of count
//   ("the 2000 troops");
// - a range word ("to", "and", "from", "through", "between"), which also takes amounts ("rose to
//   2000"): only next to another year ("from 1991 to 1997").

const TIME_CUES =
  'in|since|until|till|during|before|after|throughout|by|due|fiscal|both|early|late|mid|year|' +
  'spring|summer|autumn|fall|winter|end of|start of|beginning of|middle of|half of|months of|of|for';
const DETERMINER_CUES = "the|a|its|his|her|their|our|that|this|whose|'s|’s";
const RANGE_CUES = 'to|and|from|through|between';
const BARE_YEAR = gated(new RegExp(`\\b(${TIME_CUES}|${DETERMINER_CUES}|${RANGE_CUES})[\\s-]+((?:19|20)\\d{2})\\b`, 'gi'), CENTURIES);
const DETERMINERS = new Set(DETERMINER_CUES.split('|'));
const RANGE_WORDS = new Set(RANGE_CUES.split('|'));
/** "of" and "for" take amounts as often as years: only when punctuation follows ("Act of 1989."). */
const PUNCTUATION_ONLY_CUES = new Set(['of', 'for']);
const PUNCTUATION_AFTER = /^(?:$|\s*[.,;:!?)"'’”\]]|['’]s\b)/;
const FUNCTION_WORD_AFTER =
  /^(?:\s+(?:and|or|to|when|as|was|were|is|are|had|has|have|the|with|but|after|before|while|in|on|at|by|for|from|that|which|than|compared|he|she|it|they|we|so|until|through|saw|onwards|onward)\b|\s+\p{Lu})/u;
const NUMBER_AFTER = /^(?:[-–\/.,]\d|\s*%|\s*per\s?cent)/i;
/** Counted nouns: "the 2000 troops" is an amount. */
const UNIT_AFTER =
  /^\s+(?:people|persons|troops|soldiers|workers|employees|jobs|members|units|shares|tons|tonnes|meters|metres|miles|kilometers|kilometres|km|feet|dollars|euros|yuan|pounds|barrels|cars|vehicles|homes|houses|cases|deaths|children|students|acres|hectares|calories|words|pages|points|votes|seats|times|men|women|refugees|residents|pieces|copies|rounds|days|hours|minutes|years)\b/i;
/** "rose by 2000": after a verb of change, "by" takes an amount. */
const CHANGE_BEFORE_BY = /\b(?:rose|fell|increased|decreased|grew|dropped|declined|up|down|cut|reduced|raised|climbed|jumped|gained|lost)\s+by[\s-]+$/i;
const YEAR_BEFORE = /(?:19|20)\d{2}\D{1,12}$/;
const YEAR_AFTER = /^\s*(?:to|and|-|–|through)\s*(?:19|20)\d{2}\b/;

function bareYears(words: Words): Found[] {
  const text = words.text;
  const out: Found[] = [];
  for (const m of matchesOf(words, BARE_YEAR)) {
    const start = m.index + m[0].length - 4;
    const end = start + 4;
    if (!isBareYear(text, m[1].toLowerCase(), m.index, start, end)) continue;
    out.push({ start, end, value: m[2], date: null, granularity: 'year' });
  }
  return out;
}

function isBareYear(text: string, cue: string, cueStart: number, start: number, end: number): boolean {
  const after = text.slice(end, end + 24);
  if (NUMBER_AFTER.test(after)) return false;
  if (DETERMINERS.has(cue)) return !UNIT_AFTER.test(after);
  if (RANGE_WORDS.has(cue)) {
    return YEAR_BEFORE.test(text.slice(Math.max(0, cueStart - 16), cueStart)) || YEAR_AFTER.test(after);
  }
  if (PUNCTUATION_ONLY_CUES.has(cue)) return PUNCTUATION_AFTER.test(after);
  if (cue === 'by' && CHANGE_BEFORE_BY.test(text.slice(Math.max(0, start - 24), start))) return false;
  return PUNCTUATION_AFTER.test(after) || FUNCTION_WORD_AFTER.test(after);
}

// ---------------------------------------------------------------------------------------------
// "this year", "next year", "last week", "this month", "next quarter"

/** "past" is left out: "the past year" is a duration (P1Y), not a calendar year. */
const RELATIVE_UNIT = gated(/\b(this|next|last|current|coming)\s+(year|month|week|quarter)\b/gi, ['year', 'month', 'week', 'quarter']);
const SHIFT: Record<string, number> = { this: 0, current: 0, next: 1, coming: 1, last: -1 };

function relativeUnits(words: Words, ref: Ymd | undefined): Found[] {
  const text = words.text;
  const out: Found[] = [];
  for (const m of matchesOf(words, RELATIVE_UNIT)) {
    const shift = SHIFT[m[1].toLowerCase()];
    // "in the last year" / "over the next month" are durations, not calendar units.
    if (shift !== 0 && /\bthe\s+$/i.test(text.slice(Math.max(0, m.index - 4), m.index))) continue;
    // "This Week" mid-sentence in title case is a programme or column name.
    if (/^\p{Lu}\S*\s+\p{Lu}/u.test(m[0]) && !/(?:^|[.!?]\s+|\n)$/.test(text.slice(Math.max(0, m.index - 3), m.index))) continue;
    const unit = m[2].toLowerCase() as Unit;
    const resolved = ref ? shiftUnit(unit, shift, ref) : { value: UNANCHORED_UNIT[unit], granularity: unit };
    out.push({ start: m.index, end: m.index + m[0].length, date: null, anchored: true, ...resolved });
  }
  return out;
}

type Unit = 'year' | 'month' | 'week' | 'quarter';

const UNANCHORED_UNIT: Record<Unit, string> = { year: UNKNOWN_YEAR, month: UNKNOWN_MONTH, week: UNKNOWN_WEEK, quarter: yearlessQuarter(undefined) };

function shiftUnit(unit: Unit, shift: number, ref: Ymd): Pick<Found, 'value' | 'granularity'> {
  switch (unit) {
    case 'year':
      return { value: String(ref.y + shift), granularity: 'year' };
    case 'month': {
      const { y, m } = addMonths(ref.y, ref.m, shift);
      return { value: formatYm(y, m), granularity: 'month' };
    }
    case 'week':
      return { value: isoWeek(addDays(ref, 7 * shift)), granularity: 'week' };
    case 'quarter': {
      const { y, m } = addMonths(ref.y, ref.m, 3 * shift);
      return { value: `${y}-Q${quarterOf({ y, m, d: 1 })}`, granularity: 'quarter' };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Quarters: "the first quarter", "third-quarter", "second quarter of 2023", "Q4 2023"

const ORDINAL_QUARTER = gated(
  /\b(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]quarter\b(?:\s+(?:of\s+)?((?:19|20)\d{2})\b|\s+of\s+(this|last|next)\s+year\b)?/gi,
  ['quarter'],
);
const Q_QUARTER = gated(/\bQ([1-4])(?:\s?[-\/']?\s?((?:19|20)\d{2}|\d{2}))?\b/g, ['Q1', 'Q2', 'Q3', 'Q4']);
const ORDINALS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, '1st': 1, '2nd': 2, '3rd': 3, '4th': 4 };

/** Every pattern skipped on texts without its words (the tests check the words against matches). */
export const GATED_PATTERNS: readonly Gated[] = [YEAR_RANGE, BARE_YEAR, RELATIVE_UNIT, ORDINAL_QUARTER, Q_QUARTER];

function quarters(words: Words, ref: Ymd | undefined): Found[] {
  const text = words.text;
  const out: Found[] = [];
  for (const m of matchesOf(words, ORDINAL_QUARTER)) {
    const q = ORDINALS[m[1].toLowerCase()];
    const shift = m[3] ? SHIFT[m[3].toLowerCase()] : undefined;
    const year = m[2] ? Number(m[2]) : !ref ? undefined : shift !== undefined ? ref.y + shift : quarterYear(q, ref, text, m.index);
    out.push(quarter(m.index, m[0].length, year, q, !m[2]));
  }
  for (const m of matchesOf(words, Q_QUARTER)) {
    const q = Number(m[1]);
    const written = !m[2] ? undefined : m[2].length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
    const year = written ?? (ref ? quarterYear(q, ref, text, m.index) : undefined);
    out.push(quarter(m.index, m[0].length, year, q, written === undefined));
  }
  return out;
}

/** `year` undefined: the quarter of a year the missing reference would have given. */
function quarter(start: number, length: number, year: number | undefined, q: number, anchored: boolean): Found {
  const value = year === undefined ? yearlessQuarter(q) : `${year}-Q${q}`;
  return { start, end: start + length, value, date: null, granularity: 'quarter', anchored };
}

function quarterYear(q: number, ref: Ymd, text: string, start: number): number {
  return yearForQuarter(q, quarterOf(ref), ref.y, isFutureContext(text, start));
}
