/**
 * Date expressions without a calendar value of their own, given TIMEX3 values the way TimeML
 * annotates them:
 *
 * - present/past/future references: "now", "currently", "the current ..." -> PRESENT_REF;
 *   "recently", "recent years", "in the past" -> PAST_REF (the adjective alone, "the recent
 *   quake", is not: it dates the noun, not the text); "the future", "the near term" ->
 *   FUTURE_REF. Granularity 'range' (an open interval around, before or after the reference).
 * - seasons: "last fall", "this summer", "the winter of 1994" -> 1998-FA, 1998-SU, 1994-WI.
 *   Granularity 'quarter' (a three-month span, not day-precise).
 * - decades and centuries: "the 1990s", "the mid-'80s", "the nineties", "the 20th century" ->
 *   199, 198, 199, 19. Granularity 'range'.
 * - weekends: "the weekend", "last weekend" -> 1998-W05-WE. Granularity 'week'.
 * - fixed holidays: "Christmas", "New Year's Day", "Thanksgiving" -> the day (yearless: the
 *   occurrence chosen like "March 3"). Granularity 'day'.
 * - anaphoric quarters and years ("the quarter", "the latest period", "a year earlier",
 *   "the year-ago quarter"): relative to the last quarter or year the text mentioned, not to the
 *   publication date. They are emitted with a placeholder value (ANAPHOR_*) and resolved in text
 *   order by `resolveAnaphora` once every mention is known.
 * `date` is null for all but the holidays.
 */
import { addDays, formatYmd, isoWeek, quarterOf, weekdayOf, type Ymd } from './calendar.js';
import type { Found } from './rules.js';
import { isFutureContext, yearForMonthDay } from './tense.js';
import { gated, matchesOf, Words, type Gated } from './words.js';
import { UNKNOWN_WEEK, UNKNOWN_YEAR, yearlessDay, yearlessMonth, yearlessQuarter } from './unanchored.js';

export function vagueMentions(words: Words, ref: Ymd | undefined): Found[] {
  return [...references(words), ...seasons(words, ref), ...decades(words), ...weekends(words, ref), ...holidays(words, ref), ...anaphors(words)];
}

// ---------------------------------------------------------------------------------------------
// PRESENT_REF / PAST_REF / FUTURE_REF

const REFERENCES: Array<[Gated, string]> = [
  [
    gated(
      /\b(?:right\s+now|now|currently|current|at present|presently|nowadays|these days|at the moment|this (?:crucial\s+)?moment)\b(?![-'’])/gi,
      ['now', 'current', 'present', 'these days', 'moment'],
    ),
    'PRESENT_REF',
  ],
  [
    gated(
      /\b(?:recently|lately|recent\s+(?:years|months|weeks|days|times)|(?:in\s+)?the\s+past(?=\s*[.,;:!?)]|\s+(?:and|or|but|when|that|he|she|they|it|we)\b))\b/gi,
      ['recent', 'lately', 'past'],
    ),
    'PAST_REF',
  ],
  [
    gated(
      /\b(?:the\s+(?:near\s+|distant\s+|foreseeable\s+)?future|(?:the\s+)?(?:near|short|long)\s+term|(?:the\s+)?coming\s+(?:years|months|weeks|days))\b(?!-)/gi,
      ['future', 'term', 'coming'],
    ),
    'FUTURE_REF',
  ],
];

function references(text: Words): Found[] {
  const out: Found[] = [];
  for (const [pattern, value] of REFERENCES) {
    for (const m of matchesOf(text, pattern)) {
      const start = m.index + (/^in\s+/i.exec(m[0])?.[0].length ?? 0);
      out.push({ start, end: m.index + m[0].length, value, date: null, granularity: 'range' });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Seasons

const SEASON_CODE: Record<string, string> = { spring: 'SP', summer: 'SU', fall: 'FA', autumn: 'FA', winter: 'WI' };
/** First month of each season (northern hemisphere, as TimeML assumes); winter starts in December. */
const SEASON_START: Record<string, number> = { SP: 3, SU: 6, FA: 9, WI: 12 };
const SEASON = gated(
  /\b(?:(this|last|next|this past|the|early|late|mid)[\s-]+)?(?:(early|late|mid)[\s-]+)?(spring|summer|fall|autumn|winter)\b(?:\s+(?:of\s+)?((?:19|20)\d{2})\b)?/gi,
  ['spring', 'summer', 'fall', 'autumn', 'winter'],
);

function seasons(words: Words, ref: Ymd | undefined): Found[] {
  const text = words.text;
  const out: Found[] = [];
  for (const m of matchesOf(words, SEASON)) {
    const word = m[3];
    const det = m[1]?.toLowerCase();
    // "fall" is a verb as often as a season: only with a determiner or a year.
    if (word.toLowerCase() === 'fall' && !det && !m[4]) continue;
    // "Summer" or "Winter" capitalised mid-sentence without a determiner is a name.
    if (word !== word.toLowerCase() && !det && !m[4] && !atStart(text, m.index)) continue;
    const code = SEASON_CODE[word.toLowerCase()];
    const year = m[4] ? m[4] : ref ? String(seasonYear(code, ref, det, isFutureContext(text, m.index))) : UNKNOWN_YEAR;
    out.push({ start: m.index, end: m.index + m[0].length, value: `${year}-${code}`, date: null, granularity: 'quarter', anchored: !m[4] });
  }
  return out;
}

function atStart(text: string, i: number): boolean {
  return /(?:^|[.!?]\s+|\n)$/.test(text.slice(Math.max(0, i - 3), i));
}

/**
 * The season's year (TimeML labels a winter by the year it starts in): "last" is the latest one
 * over, "next" the next one to start, "this" this year's (over or not); a bare season is the
 * latest one begun, or the next one when the sentence speaks of the future.
 */
function seasonYear(code: string, ref: Ymd, det: string | undefined, future: boolean): number {
  const refIndex = ref.y * 12 + ref.m - 1;
  // The latest occurrence that has begun, as a month index and its label year.
  let startYear = ref.y;
  if (refIndex < ref.y * 12 + SEASON_START[code] - 1) startYear--;
  const startIndex = startYear * 12 + SEASON_START[code] - 1;
  const over = refIndex >= startIndex + 3;
  if (det === 'last' || det === 'this past') return over ? startYear : startYear - 1;
  if (det === 'next') return startYear + 1;
  if (det === 'this') return code === 'WI' && ref.m <= 2 ? ref.y - 1 : ref.y; // this year's, over or not
  return over && future ? startYear + 1 : startYear;
}

// ---------------------------------------------------------------------------------------------
// Decades and centuries

const NUMBER_DECADES: Record<string, number> = {
  twenties: 2, thirties: 3, forties: 4, fifties: 5, sixties: 6, seventies: 7, eighties: 8, nineties: 9,
};
const DECADE = gated(
  /\b(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?:((?:1[5-9]|20)\d)0s|['’](\d)0s|(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b/gi,
  ['0s', ...Object.keys(NUMBER_DECADES)],
);
const CENTURY = gated(/\b(?:the\s+)?(1[5-9]|2[01])(?:st|nd|rd|th)[\s-]+century\b/gi, ['century']);

function decades(text: Words): Found[] {
  const out: Found[] = [];
  for (const m of matchesOf(text, DECADE)) {
    // Written decades without a century are read as 19xx ("the '80s", "the nineties").
    const value = m[1] ?? (m[2] ? `19${m[2]}` : `19${NUMBER_DECADES[m[3].toLowerCase()]}`);
    if (m[3] && !/^the\b/i.test(m[0]) && !/\b(?:the|early|late|mid)\b/i.test(m[0])) continue; // "in her forties" is an age
    out.push({ start: m.index, end: m.index + m[0].length, value, date: null, granularity: 'range' });
  }
  for (const m of matchesOf(text, CENTURY)) {
    out.push({ start: m.index, end: m.index + m[0].length, value: String(Number(m[1]) - 1), date: null, granularity: 'range' });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Weekends

const WEEKEND = gated(/\b(?:(the|this|last|next|over the|this past)\s+)weekend\b/gi, ['weekend']);

function weekends(words: Words, ref: Ymd | undefined): Found[] {
  const text = words.text;
  const out: Found[] = [];
  for (const m of matchesOf(words, WEEKEND)) {
    const det = m[1].toLowerCase();
    const start = m.index + (det === 'over the' ? 5 : 0);
    if (!ref) {
      out.push({ start, end: m.index + m[0].length, value: `${UNKNOWN_WEEK}-WE`, date: null, granularity: 'week', anchored: true });
      continue;
    }
    const dow = weekdayOf(ref); // 0 Sunday ... 6 Saturday
    const daysSinceSaturday = (dow + 1) % 7; // Saturday 0, Sunday 1, Monday 2 ...
    let saturday = addDays(ref, -daysSinceSaturday); // the latest weekend begun
    const future = det === 'next' || (det !== 'last' && det !== 'this past' && isFutureContext(text, m.index)) || (det === 'this' && daysSinceSaturday > 1);
    if (future) saturday = addDays(saturday, 7);
    if (det === 'next' && daysSinceSaturday > 1) saturday = addDays(saturday, 0);
    out.push({ start, end: m.index + m[0].length, value: `${isoWeek(saturday)}-WE`, date: null, granularity: 'week', anchored: true });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Holidays with a fixed rule

const HOLIDAYS: Array<[Gated, (y: number) => Ymd]> = [
  [gated(/\bChristmas Eve\b/g, ['Christmas']), (y) => ({ y, m: 12, d: 24 })],
  [
    gated(/\bChristmas(?: Day)?\b(?! (?:Eve|tree|trees|shopping|season|holidays?|card|cards|present|presents|party|market)\b)/g, ['Christmas']),
    (y) => ({ y, m: 12, d: 25 }),
  ],
  [gated(/\bNew Year['’]s Eve\b/g, ['New Year']), (y) => ({ y, m: 12, d: 31 })],
  [gated(/\bNew Year['’]s(?: Day)?\b(?! Eve)/g, ['New Year']), (y) => ({ y, m: 1, d: 1 })],
  [gated(/\b(?:Independence Day|(?:the )?Fourth of July)\b/g, ['Independence Day', 'Fourth of July']), (y) => ({ y, m: 7, d: 4 })],
  [gated(/\bHalloween\b/g, ['Halloween']), (y) => ({ y, m: 10, d: 31 })],
  [gated(/\bValentine['’]s Day\b/g, ['Valentine']), (y) => ({ y, m: 2, d: 14 })],
  // US Thanksgiving: the fourth Thursday of November.
  [gated(/\bThanksgiving(?: Day)?\b/g, ['Thanksgiving']), (y) => addDays({ y, m: 11, d: 1 }, ((4 - weekdayOf({ y, m: 11, d: 1 }) + 7) % 7) + 21)],
];

function holidays(words: Words, ref: Ymd | undefined): Found[] {
  const text = words.text;
  const out: Found[] = [];
  for (const [pattern, day] of HOLIDAYS) {
    for (const m of matchesOf(words, pattern)) {
      if (!ref) {
        // Fixed-date holidays keep their month and day; Thanksgiving's day depends on the year.
        const { m: month, d } = day(FIXED_DATE_PROBE_YEAR);
        const fixed = day(FIXED_DATE_PROBE_YEAR + 1).d === d;
        out.push({ start: m.index, end: m.index + m[0].length, value: fixed ? yearlessDay(month, d) : yearlessMonth(month), date: null, granularity: fixed ? 'day' : 'month', anchored: true });
        continue;
      }
      const approx = day(ref.y);
      const y = yearForMonthDay(approx.m, approx.d, ref, isFutureContext(text, m.index));
      const iso = formatYmd(day(y));
      out.push({ start: m.index, end: m.index + m[0].length, value: iso, date: iso, granularity: 'day', anchored: true });
    }
  }
  return out;
}

/** Any year: a holiday whose day is the same in it and the next one has a fixed date. */
const FIXED_DATE_PROBE_YEAR = 2001;

// ---------------------------------------------------------------------------------------------
// Anaphoric quarters and years

export const ANAPHOR_QUARTER = 'ANAPHOR_QUARTER';
export const ANAPHOR_YEAR_EARLIER = 'ANAPHOR_YEAR_EARLIER';

const ANAPHORIC_QUARTER = gated(
  /\b(?:the|that|this)\s+(?:latest\s+|most recent\s+|same\s+|comparable\s+)?(?:quarter|period|fiscal quarter)\b(?![-\s](?:ago|earlier))/gi,
  ['quarter', 'period'],
);
/** Every form says "earlier", "ago" or "before", or names the quarter or period. */
const YEAR_EARLIER = gated(
  /\b(?:(?:the\s+)?(?:comparable\s+|corresponding\s+|same\s+)?year[-\s](?:earlier|ago)(?:\s+(first|second|third|fourth)[\s-]quarter|\s+(?:quarter|period|level|levels|figure|figures|results|month))?|a\s+year\s+(?:earlier|before|ago)|the\s+(?:corresponding|comparable|same)\s+(?:quarter|period)\s+(?:a|of|last)\s+year(?:\s+earlier|\s+before|\s+ago)?)\b/gi,
  ['earlier', 'ago', 'before', 'quarter', 'period'],
);

const ORDINAL: Record<string, string> = { first: ':1', second: ':2', third: ':3', fourth: ':4' };

/** Every pattern skipped on texts without its words (the tests check the words against matches). */
export const GATED_PATTERNS: readonly Gated[] = [
  ...REFERENCES.map(([g]) => g),
  SEASON,
  DECADE,
  CENTURY,
  WEEKEND,
  ...HOLIDAYS.map(([g]) => g),
  ANAPHORIC_QUARTER,
  YEAR_EARLIER,
];

function anaphors(text: Words): Found[] {
  const out: Found[] = [];
  for (const m of matchesOf(text, ANAPHORIC_QUARTER)) {
    out.push({ start: m.index, end: m.index + m[0].length, value: ANAPHOR_QUARTER, date: null, granularity: 'quarter' });
  }
  for (const m of matchesOf(text, YEAR_EARLIER)) {
    const q = m[1] ? ORDINAL[m[1].toLowerCase()] : '';
    out.push({ start: m.index, end: m.index + m[0].length, value: `${ANAPHOR_YEAR_EARLIER}${q}`, date: null, granularity: 'year' });
  }
  return out;
}

/**
 * Fills in anaphoric values in text order: "the quarter" is the last quarter mentioned (else the
 * last full quarter before the reference: results are reported after the quarter ends), and "a
 * year earlier" is the last quarter or year mentioned minus one year. Mentions are sorted. With
 * no reference and nothing mentioned before, the year (and quarter) stay unknown.
 */
export function resolveAnaphora<T extends Found>(mentions: T[], ref: Ymd | undefined): T[] {
  let anchor: Period = fromReference(ref);
  let lastQuarter = anchor;
  const out: T[] = [];
  for (const m of mentions) {
    if (m.value === ANAPHOR_QUARTER) {
      out.push({ ...m, value: quarterValue(lastQuarter.y, lastQuarter.q), granularity: 'quarter', anchored: lastQuarter.anchored });
      anchor = lastQuarter;
      continue;
    }
    if (m.value.startsWith(ANAPHOR_YEAR_EARLIER)) {
      const written = m.value.split(':')[1];
      const q = written === undefined ? anchor.q : Number(written);
      const y = anchor.y === undefined ? undefined : anchor.y - 1;
      const value = q !== undefined ? quarterValue(y, q) : y === undefined ? UNKNOWN_YEAR : String(y);
      out.push({ ...m, value, granularity: q !== undefined ? 'quarter' : 'year', anchored: anchor.anchored });
      continue;
    }
    const quarterMatch = /^(\d{4}|XXXX)-Q([1-4])$/.exec(m.value);
    if (quarterMatch) {
      lastQuarter = { y: quarterMatch[1] === UNKNOWN_YEAR ? undefined : Number(quarterMatch[1]), q: Number(quarterMatch[2]), anchored: m.anchored ?? false };
      anchor = lastQuarter;
    } else if (/^\d{4}$/.test(m.value) || m.value === UNKNOWN_YEAR) {
      anchor = { y: m.value === UNKNOWN_YEAR ? undefined : Number(m.value), anchored: m.anchored ?? false };
    }
    out.push(m);
  }
  return out;
}

/** A year (undefined: unknown) and maybe a quarter, and whether it came from the reference. */
interface Period {
  y?: number;
  q?: number;
  anchored: boolean;
}

/** The last full quarter before the reference; unknown without one. */
function fromReference(ref: Ymd | undefined): Period {
  if (!ref) return { anchored: true };
  const refQuarter = quarterOf(ref);
  return refQuarter === 1 ? { y: ref.y - 1, q: 4, anchored: true } : { y: ref.y, q: refQuarter - 1, anchored: true };
}

function quarterValue(y: number | undefined, q: number | string | undefined): string {
  return y === undefined ? yearlessQuarter(q === undefined ? undefined : Number(q)) : `${y}-Q${q}`;
}
