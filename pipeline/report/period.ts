/**
 * What a report covers. The run in focus (`--run`, else the latest run) gets its own funnel; the
 * period (`--since DATE`, else everything the output holds) selects runs by their start and
 * current documents by publication date (undated documents by the run that wrote them).
 */
import { NewsEtlError, EXIT, UsageError } from '../errors.js';
import type { ReportDb } from './db.js';

export type Bucket = 'day' | 'week' | 'month';

export interface DateWindow {
  /** First day charted; documents dated earlier are counted apart (misparsed or archive dates). */
  start: string;
  end: string;
  bucket: Bucket;
}

export interface Period {
  since?: string;
  focusRun?: string;
  /** SQL predicate on a `run_id` column: the run belongs to the period. */
  runs: string;
  /** SQL predicate on the columns of `documents`: the document belongs to the period. */
  docs: string;
  /** Undefined when the period has no dated document. */
  window?: DateWindow;
}

export const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;
export const sqlDate = (d: string): string => `DATE ${sqlString(d)}`;

/** Day spans up to which a bar per day (then per week) stays readable on a laptop screen. */
const DAILY_UP_TO_DAYS = 120;
const WEEKLY_UP_TO_DAYS = 3 * 366;

export function parseSince(since: string | undefined): string | undefined {
  if (since === undefined) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(since);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!d || d.toISOString().slice(0, 10) !== since) throw new UsageError(`--since must be a date as YYYY-MM-DD, not "${since}"`);
  return since;
}

export async function resolvePeriod(db: ReportDb, opts: { since?: string; run?: string }): Promise<Period> {
  const since = parseSince(opts.since);
  const runs = since ? `run_id IN (SELECT run_id FROM runs WHERE started_at >= ${sqlDate(since)})` : 'true';
  const docs = since ? `(published_date >= ${sqlDate(since)} OR (published_date IS NULL AND ${runs}))` : 'true';
  const focusRun = await resolveFocusRun(db, opts.run);
  const window = await dateWindow(db, docs, since);
  return { since, focusRun, runs, docs, window };
}

async function resolveFocusRun(db: ReportDb, run: string | undefined): Promise<string | undefined> {
  if (run !== undefined) {
    const found = await db.query(`SELECT run_id FROM runs WHERE run_id = ${sqlString(run)}`);
    if (found.length === 0) throw new NewsEtlError('E_REPORT_UNKNOWN_RUN', `no run "${run}" in the runs table`, EXIT.usage);
    return run;
  }
  const [latest] = await db.query('SELECT run_id FROM runs ORDER BY started_at DESC, run_id DESC LIMIT 1');
  return latest ? String(latest.run_id) : undefined;
}

export function dateStatsSql(docs: string): string {
  return `SELECT count(*) AS dated, min(published_date) AS first, max(published_date) AS last,
       quantile_disc(published_date, 0.01) AS p01, quantile_disc(published_date, 0.99) AS p99
FROM documents
WHERE published_date IS NOT NULL AND ${docs}`;
}

async function dateWindow(db: ReportDb, docs: string, since: string | undefined): Promise<DateWindow | undefined> {
  const [stats] = await db.query(dateStatsSql(docs));
  if (!stats || stats.dated === 0) return undefined;
  const day = (v: unknown): number => Date.parse(`${String(v)}T00:00:00Z`) / 86_400_000;
  const first = day(stats.first);
  const last = day(stats.last);
  // A few documents with a misparsed or archive date far before the rest would squeeze every
  // other bar into a sliver: the window starts a margin before the 1st percentile instead.
  const margin = Math.max(7, 0.1 * (day(stats.p99) - day(stats.p01)));
  const start = since ? day(since) : Math.max(first, Math.floor(day(stats.p01) - margin));
  const span = last - start;
  const bucket: Bucket = span <= DAILY_UP_TO_DAYS ? 'day' : span <= WEEKLY_UP_TO_DAYS ? 'week' : 'month';
  const iso = (d: number): string => new Date(d * 86_400_000).toISOString().slice(0, 10);
  return { start: iso(start), end: iso(last), bucket };
}

const DAY_MS = 86_400_000;
const BUCKET_DAYS: Record<Bucket, number> = { day: 1, week: 7, month: 31 };
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * The time axis every chart of the period shares: from the window's start to the end of its last
 * bucket, widened to at least a few buckets so that a period of one day still reads as days.
 */
export function chartDomain(w: DateWindow): [string, string] {
  const bucket = BUCKET_DAYS[w.bucket] * DAY_MS;
  let start = Date.parse(`${w.start}T00:00:00Z`);
  let end = Date.parse(`${w.end}T00:00:00Z`) + bucket;
  const missing = 7 * bucket - (end - start);
  if (missing > 0) {
    start -= Math.floor(missing / 2 / DAY_MS) * DAY_MS;
    end += Math.ceil(missing / 2 / DAY_MS) * DAY_MS;
  }
  return [isoDay(start), isoDay(end)];
}
