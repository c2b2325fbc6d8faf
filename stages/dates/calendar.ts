/**
 * Calendar arithmetic for the dates stage. Everything works on plain year/month/day triples
 * computed with Date.UTC, so results never depend on the machine's time zone.
 */

export interface Ymd {
  y: number;
  /** 1-12 */
  m: number;
  d: number;
}

/** Publication dates before this year are treated as misreads (no web news archive predates it). */
export const MIN_PUBLICATION_YEAR = 1990;

const DAY_MS = 86_400_000;

export function isValidYmd(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
const pad4 = (n: number): string => String(n).padStart(4, '0');

export function formatYmd(v: Ymd): string {
  return `${pad4(v.y)}-${pad2(v.m)}-${pad2(v.d)}`;
}

export function formatYm(y: number, m: number): string {
  return `${pad4(y)}-${pad2(m)}`;
}

export function parseYmd(s: string): Ymd | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return undefined;
  const v = { y: +m[1], m: +m[2], d: +m[3] };
  return isValidYmd(v.y, v.m, v.d) ? v : undefined;
}

/** The calendar date of an instant in UTC. */
export function utcYmd(at: Date): Ymd {
  return { y: at.getUTCFullYear(), m: at.getUTCMonth() + 1, d: at.getUTCDate() };
}

function toDayNumber(v: Ymd): number {
  return Math.round(Date.UTC(v.y, v.m - 1, v.d) / DAY_MS);
}

function fromDayNumber(n: number): Ymd {
  return utcYmd(new Date(n * DAY_MS));
}

export function addDays(v: Ymd, days: number): Ymd {
  return fromDayNumber(toDayNumber(v) + days);
}

/** Negative when a < b, 0 when equal, positive when a > b. */
export function compareYmd(a: Ymd, b: Ymd): number {
  return toDayNumber(a) - toDayNumber(b);
}

/** 0 = Sunday ... 6 = Saturday (same numbering as Date#getUTCDay and chrono's `weekday`). */
export function weekdayOf(v: Ymd): number {
  return new Date(Date.UTC(v.y, v.m - 1, v.d)).getUTCDay();
}

/** ISO 8601 week ("2024-W12"): weeks start on Monday, week 1 holds the year's first Thursday. */
export function isoWeek(v: Ymd): string {
  const dayNum = toDayNumber(v);
  const isoDow = ((weekdayOf(v) + 6) % 7) + 1; // Monday = 1 ... Sunday = 7
  const thursday = fromDayNumber(dayNum - isoDow + 4);
  const jan1 = toDayNumber({ y: thursday.y, m: 1, d: 1 });
  const week = Math.floor((toDayNumber(thursday) - jan1) / 7) + 1;
  return `${pad4(thursday.y)}-W${pad2(week)}`;
}

export function quarterOf(v: Ymd): number {
  return Math.floor((v.m - 1) / 3) + 1;
}

/** Shift a (year, month) pair by whole months. */
export function addMonths(y: number, m: number, months: number): { y: number; m: number } {
  const index = y * 12 + (m - 1) + months;
  return { y: Math.floor(index / 12), m: (index % 12) + 1 };
}

/**
 * A Date at local noon on the given day, for chrono's reference date: chrono resolves relative
 * expressions with the local calendar of its reference, and noon keeps DST shifts harmless.
 */
export function chronoReference(v: Ymd): Date {
  return new Date(v.y, v.m - 1, v.d, 12, 0, 0, 0);
}
