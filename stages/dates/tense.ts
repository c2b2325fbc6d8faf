/**
 * Which occurrence a year-less expression means ("March 3", "in April", "Friday", "the second
 * quarter"). News mostly reports what has happened, so the past occurrence is the default; the
 * next one is taken when the sentence speaks of the future, or when it is much nearer.
 */
import { compareYmd, daysInMonth, isValidYmd, type Ymd } from './calendar.js';

/** Words before the expression (same sentence) that make it upcoming: "will meet on Friday". */
const FUTURE_CUE = /\b(?:will|shall|scheduled|due|upcoming|set to|expected to)\b|['’]ll\b/i;
const SENTENCE_LOOKBACK = 80;

export function isFutureContext(text: string, start: number): boolean {
  return FUTURE_CUE.test(sentenceBefore(text, start));
}

function sentenceBefore(text: string, start: number): string {
  const before = text.slice(Math.max(0, start - SENTENCE_LOOKBACK), start);
  const boundary = Math.max(before.lastIndexOf('. '), before.lastIndexOf('\n'), before.lastIndexOf('? '), before.lastIndexOf('! '));
  return before.slice(boundary + 1);
}

/**
 * The next occurrence wins over the past one only if it is under half as far away: in an article
 * of 2024-03-21 "April 15" is 2024-04-15 (25 days ahead vs 341 back), "October 7" is 2023-10-07.
 */
export function preferNext(pastDistance: number, nextDistance: number, future: boolean): boolean {
  return future || nextDistance * 2 < pastDistance;
}

/** Year for a written month and day without a year. */
export function yearForMonthDay(m: number, d: number, ref: Ymd, future: boolean): number {
  const past = latestOnOrBefore(m, d, ref);
  const next = past + 1;
  if (!isValidYmd(next, m, d)) return past; // Feb 29: no next occurrence next year
  const pastDist = compareYmd(ref, { y: past, m, d });
  const nextDist = compareYmd({ y: next, m, d }, ref);
  return preferNext(pastDist, nextDist, future) ? next : past;
}

function latestOnOrBefore(m: number, d: number, ref: Ymd): number {
  let y = compareYmd({ y: ref.y, m, d: Math.min(d, daysInMonth(ref.y, m)) }, ref) <= 0 ? ref.y : ref.y - 1;
  while (!isValidYmd(y, m, d) && y > ref.y - 8) y--; // Feb 29 only exists in leap years
  return y;
}

/** Year for a month name without a year: the reference month itself counts as the past one. */
export function yearForMonth(m: number, ref: Ymd, future: boolean): number {
  const past = m <= ref.m ? ref.y : ref.y - 1;
  const pastDist = (ref.y - past) * 12 + ref.m - m;
  const nextDist = 12 - pastDist;
  if (pastDist === 0) return past;
  return preferNext(pastDist, nextDist, future) ? past + 1 : past;
}

/** Year for a quarter without a year, the same way (the current quarter counts as past). */
export function yearForQuarter(q: number, refQuarter: number, refYear: number, future: boolean): number {
  const past = q <= refQuarter ? refYear : refYear - 1;
  const pastDist = (refYear - past) * 4 + refQuarter - q;
  if (pastDist === 0) return past;
  return preferNext(pastDist, 4 - pastDist, future) ? past + 1 : past;
}
