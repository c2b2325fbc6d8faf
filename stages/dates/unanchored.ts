/**
 * TIMEX3 values of relative expressions when the document gives nothing to resolve them against
 * (no publication date, dateline or crawl date). The parts the expression names are kept, the
 * ones an anchor would supply are X: "December" -> XXXX-12, "Friday" -> XXXX-WXX-5,
 * "March 3" -> XXXX-03-03, "last summer" -> XXXX-SU, "the third quarter" -> XXXX-Q3, "this
 * year" -> XXXX, "yesterday" -> XXXX-XX-XX. The day the pipeline runs is never used instead.
 */
const pad2 = (n: number): string => String(n).padStart(2, '0');

export const UNKNOWN_YEAR = 'XXXX';
export const UNKNOWN_MONTH = 'XXXX-XX';
export const UNKNOWN_WEEK = 'XXXX-WXX';
export const UNKNOWN_DAY = 'XXXX-XX-XX';

export function yearlessDay(m: number, d: number): string {
  return `${UNKNOWN_YEAR}-${pad2(m)}-${pad2(d)}`;
}

export function yearlessMonth(m: number): string {
  return `${UNKNOWN_YEAR}-${pad2(m)}`;
}

/** chrono's weekday (0 = Sunday) as an ISO day of an unknown week: Monday 1 ... Sunday 7. */
export function weekdayOfUnknownWeek(weekday: number): string {
  return `${UNKNOWN_WEEK}-${weekday === 0 ? 7 : weekday}`;
}

/** A quarter (1-4, or X when unknown too) of an unknown year. */
export function yearlessQuarter(q: number | undefined): string {
  return `${UNKNOWN_YEAR}-Q${q ?? 'X'}`;
}

/** True when the value has parts an anchor would have supplied. */
export function isUnanchored(value: string): boolean {
  return value.includes('X');
}
