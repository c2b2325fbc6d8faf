/**
 * `news-etl report`: one self-contained HTML file from an output directory's tables, read through
 * its load.sql as a user would (current rows), for the editor, the operator and the analyst.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';
import { mkdir } from 'node:fs/promises';
import { writeFileAtomic } from '../fsutil.js';
import { reportContext } from './context.js';
import { openOutput } from './db.js';
import { renderPage } from './page.js';
import { resolvePeriod } from './period.js';
import { overviewSql, periodFunnelSql } from './queries.js';
import { documentsSection, languagesAndDatesSection } from './sections/documents.js';
import { duplicatesSection } from './sections/duplicates.js';
import { entitiesSection } from './sections/entities.js';
import { rejectsSection } from './sections/rejects.js';
import { runsSections } from './sections/runs.js';

export interface ReportOptions {
  output: string;
  /** Default: `<output>/report.html`. */
  out?: string;
  /** YYYY-MM-DD: runs started and documents published on or after this day. */
  since?: string;
  /** The run whose funnel is shown; default the latest. */
  run?: string;
  now?: Date;
}

export interface ReportResult { path: string; bytes: number; ms: number }

export async function buildReportHtml(opts: ReportOptions): Promise<string> {
  const output = resolve(opts.output);
  const db = await openOutput(output);
  try {
    const ctx = reportContext(db, await resolvePeriod(db, { since: opts.since, run: opts.run }));
    const [overview] = await ctx.dataset('overview', overviewSql(ctx.period));
    // Sections one after another: DuckDB runs each query on every core already.
    const sections = [
      await runsSections(ctx),
      await documentsSection(ctx),
      await entitiesSection(ctx),
      await duplicatesSection(ctx),
      await languagesAndDatesSection(ctx),
      await rejectsSection(ctx),
    ];
    // An output always has a run (load.sql is written by one), but the funnel is skipped without it.
    const [period] = ctx.datasets.periodFunnel ?? await db.query(periodFunnelSql(ctx.period));
    const standing = ctx.datasets.rejects.reduce((t, r) => t + Number(r.rejects), 0);
    return renderPage(ctx, { output, generatedAt: opts.now ?? new Date(), overview, standingRejects: standing, runs: Number(period?.runs ?? 0) }, sections);
  } finally {
    db.close();
  }
}

/** Folders and files of an output that the pipeline owns: a report is never written over them. */
const OUTPUT_OWNED = new Set(['_state', '_work', 'csv', 'parquet', 'global', 'shards', 'load.sql']);

/**
 * Where the report goes, refused (exit 2) when writing there would destroy something: a folder,
 * a file of the output's own (its state, tables or load.sql), or an existing file that is not an
 * HTML page (a report written before is replaced).
 */
function reportPath(output: string, out: string | undefined): string {
  if (out === '') throw new UsageError('--out is empty: name the HTML file to write');
  const path = resolve(out ?? join(output, 'report.html'));
  const rel = relative(resolve(output), path);
  const first = rel.split(sep)[0];
  if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) && OUTPUT_OWNED.has(first)) {
    throw new UsageError(`--out ${out} is ${first === 'load.sql' ? "the output's load.sql" : `inside the output's ${first} folder`}: the pipeline owns it; write the report elsewhere`);
  }
  if (existsSync(path)) {
    if (statSync(path).isDirectory()) throw new UsageError(`--out ${path} is a folder: name the HTML file to write`);
    const head = firstBytes(path, 256).toString('utf8').trimStart().toLowerCase();
    if (!head.startsWith('<!doctype html') && !head.startsWith('<html')) throw new UsageError(`--out ${path} exists and is not an HTML page: not overwritten`);
  }
  return path;
}

/** The first `n` bytes of a file (an existing --out may be large, and only its start says what it is). */
function firstBytes(path: string, n: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    return buf.subarray(0, readSync(fd, buf, 0, n, 0));
  } finally {
    closeSync(fd);
  }
}

export async function writeReport(opts: ReportOptions): Promise<ReportResult> {
  const t0 = performance.now();
  const path = reportPath(opts.output, opts.out);
  const html = await buildReportHtml(opts);
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, html);
  return { path, bytes: Buffer.byteLength(html), ms: Math.round(performance.now() - t0) };
}
