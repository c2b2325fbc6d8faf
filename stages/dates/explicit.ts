/**
 * Reading one explicit calendar date (plus an optional time of day) out of a short string, used
 * for publication-date candidates. chrono does the parsing; this module only decides what counts
 * as "explicit" and hands back plain numbers.
 */
import { isValidYmd, type Ymd } from './calendar.js';
import { parseDates, type ChronoResult } from './chrono.js';
import { mayHoldWrittenDate } from './date-signs.js';
import { LOCALIZED_MONTH, localizedResults } from './locales.js';
import { detached } from '../../pipeline/detach.js';

export interface TimeOfDay {
  h: number;
  mi: number;
  s: number;
  ms: number;
}

export interface ExplicitDate {
  ymd: Ymd;
  time?: TimeOfDay;
  /** Minutes east of UTC, only when the string states it (Z, +03:00, GMT, EST...). */
  offsetMinutes?: number;
  /** Whether the year was written (false: chrono implied it from the reference). */
  yearWritten: boolean;
  /** UTF-16 offset and length of the parsed expression within the string. */
  index: number;
  length: number;
}

/** A month name or a numeric date ("2024-03-21", "21.03.2024"): a calendar date as written. */
const WRITTEN_DATE =
  /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[.\/-]\d{1,2}[.\/-]\d{2,4}/i;

/** Prepositions chrono swallows ("On Monday,", "on 4 July 2023"): spans start at the time word. */
const LEADING_PREPOSITION = /^(?:on|in|at|by|since|from|until|during|of)\s+/i;
/** Trailing punctuation, and a dangling preposition chrono sometimes takes ("March of"). */
const TRAILING_JUNK = /(?:[\s,;:]+|\s+(?:of|in|on|at|the))+$/i;

/** The part of a chrono match that is the date expression itself, and where it starts in it. */
export function trimmedMatch(r: ChronoResult): { lead: number; surface: string } {
  const lead = LEADING_PREPOSITION.exec(r.text)?.[0].length ?? 0;
  return { lead, surface: r.text.slice(lead).replace(TRAILING_JUNK, '') };
}

export { mayHoldWrittenDate } from './date-signs.js';

/**
 * The first date in `text` whose day and month are written, optionally requiring the year too.
 * Weekday-only and time-only expressions never qualify: they are not explicit dates.
 */
export function firstExplicitDate(text: string, ref: Date, requireYear = true): ExplicitDate | undefined {
  if (!mayHoldWrittenDate(text)) return undefined; // no chrono result could pass toExplicit
  if (text.length > MAX_KNOWN_LENGTH) return readExplicitDate(text, ref, requireYear);
  const key = `${requireYear ? 'y' : 'n'}${ref.getTime()}|${text}`;
  let found = KNOWN.get(key);
  if (found === undefined) {
    found = readExplicitDate(text, ref, requireYear) ?? null;
    if (KNOWN.size >= MAX_KNOWN) KNOWN.delete(KNOWN.keys().next().value!);
    // the key as built refers to `text`, a piece of the document: kept as it is, it kept the document
    KNOWN.set(detached(key), found);
  }
  return found ? copyOf(found) : undefined;
}

/**
 * Answers of `firstExplicitDate` for strings already read, across documents: publication-date
 * candidates are read against one fixed reference day, and the same datelines, header lines and
 * labels recur from story to story. A pure function of its key, so any answer kept is the answer.
 * Oldest first out when full.
 */
const KNOWN = new Map<string, ExplicitDate | null>();
const MAX_KNOWN = 20_000;
/** What recurs is short (datelines, header lines, labels); a lede is read once and not kept. */
const MAX_KNOWN_LENGTH = 200;

/** Callers may build on the answer; the kept one stays as read. */
function copyOf(d: ExplicitDate): ExplicitDate {
  const copy: ExplicitDate = { ...d, ymd: { ...d.ymd } };
  if (d.time) copy.time = { ...d.time };
  return copy;
}

function readExplicitDate(text: string, ref: Date, requireYear: boolean): ExplicitDate | undefined {
  for (const r of parseDates(text, ref)) {
    const found = toExplicit(r, WRITTEN_DATE);
    if (found && (found.yearWritten || !requireYear)) return found;
  }
  // Month names of other languages ("3 de mayo de 2022"), read only where English read nothing.
  for (const r of localizedResults(text, ref)) {
    const found = toExplicit(r, LOCALIZED_MONTH);
    if (found && (found.yearWritten || !requireYear)) return found;
  }
  return undefined;
}

/** `written`: what the matched text must hold to be a written date. */
function toExplicit(r: ChronoResult, written: RegExp): ExplicitDate | undefined {
  const c = r.start;
  if (!c.isCertain('day') || !c.isCertain('month')) return undefined;
  // Only written dates: chrono also makes "today", "now" or "10 days ago" certain.
  if (!written.test(r.text)) return undefined;
  const ymd = { y: c.get('year') ?? NaN, m: c.get('month') ?? NaN, d: c.get('day') ?? NaN };
  // chrono reads "06.12.2022" month first, as it reads "06/12/2022"; a dotted date is day first
  // everywhere it is written ("Veröffentlicht am 06.12.2022").
  const dotted = /(?<![\d.])(\d{1,2})\.(\d{1,2})\.(?:\d{2}|\d{4})(?![\d.])/.exec(r.text);
  if (dotted && Number(dotted[1]) === ymd.m && Number(dotted[2]) === ymd.d) [ymd.m, ymd.d] = [ymd.d, ymd.m];
  if (!isValidYmd(ymd.y, ymd.m, ymd.d)) return undefined;
  const { lead, surface } = trimmedMatch(r);
  const found: ExplicitDate = { ymd, yearWritten: c.isCertain('year'), index: r.index + lead, length: surface.length };
  if (c.isCertain('hour')) {
    found.time = { h: c.get('hour') ?? 0, mi: c.get('minute') ?? 0, s: c.get('second') ?? 0, ms: c.get('millisecond') ?? 0 };
    const offset = c.isCertain('timezoneOffset') ? c.get('timezoneOffset') ?? 0 : undefined;
    if (offset !== undefined && isPlaceOffset(offset)) found.offsetMinutes = offset;
  }
  return found;
}

const ISO_FIELD =
  /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?\s*$/i;

/**
 * Strict ISO 8601 ("2024-03-21", "2024-03-21T09:34:00+03:00"). Parsed by hand rather than by
 * chrono so the calendar date is exactly the one written, whatever the offset.
 */
export function parseIsoField(value: string): ExplicitDate | undefined {
  const m = ISO_FIELD.exec(value);
  if (!m) return undefined;
  const ymd = { y: +m[1], m: +m[2], d: +m[3] };
  if (!isValidYmd(ymd.y, ymd.m, ymd.d)) return undefined;
  const found: ExplicitDate = { ymd, yearWritten: true, index: 0, length: value.length };
  if (m[4] !== undefined) {
    const time = { h: +m[4], mi: +m[5], s: m[6] ? +m[6] : 0, ms: m[7] ? Math.floor(+`0.${m[7]}` * 1000) : 0 };
    if (time.h > 23 || time.mi > 59 || time.s > 59) return undefined;
    found.time = time;
    if (m[8]) {
      const offset = parseOffset(m[8]);
      if (offset === undefined) return undefined;
      found.offsetMinutes = offset;
    }
  }
  return found;
}

/** Minutes east of UTC; undefined for an offset no place has ("+99:99"). */
function parseOffset(s: string): number | undefined {
  if (s.toUpperCase() === 'Z') return 0;
  const sign = s.startsWith('-') ? -1 : 1;
  const digits = s.slice(1).replace(':', '');
  const [hours, minutes] = [Number(digits.slice(0, 2)), Number(digits.slice(2) || 0)];
  const offset = sign * (hours * 60 + minutes);
  return minutes <= 59 && isPlaceOffset(offset) ? offset : undefined;
}

/** UTC-12 (Baker Island) to UTC+14 (Line Islands): an offset outside them is a typo, not a place. */
const isPlaceOffset = (minutes: number): boolean => minutes >= -12 * 60 && minutes <= 14 * 60;
