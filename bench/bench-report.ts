/**
 * The report's cost (issue 19): build `news-etl report` over a 20,000-document output (with
 * --quick, 2,000) and compare it, in this process, with the floor every report pays: opening
 * DuckDB over the output's load.sql and counting the documents. Also the CLI's wall time (Node
 * start-up included) and the file's size.
 *
 * The output is built once by the real CLI (a few minutes at 20,000 documents) and kept in
 * bench/.corpus/ while the corpus and the table definitions are unchanged.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCorpus, type CorpusSource } from './corpus.js';
import { REPO_ROOT } from './paths.js';
import { openOutput } from '../pipeline/report/db.js';
import { buildReportHtml } from '../pipeline/report/build.js';

export const REPORT_BARS = { seconds: 5, megabytes: 5 };

const CLI = join(REPO_ROOT, 'dist/pipeline/cli.js');
const REPS = 3;

export interface ReportBenchOptions {
  quick: boolean;
  corpusRoot: string;
  sources: CorpusSource[];
  seed: number;
  log: (line: string) => void;
}

export interface ReportBenchResult {
  documents: number;
  /** Fastest of the in-process builds (DuckDB start, load.sql, every query, the page). */
  buildMs: number;
  /** Fastest of the baselines: DuckDB start, load.sql, `SELECT count(*) FROM documents`. */
  baselineMs: number;
  ratio: number;
  /** `news-etl report` as a process, Node start-up and writing the file included. */
  cliMs: number;
  bytes: number;
  loadAverage: string;
}

/** An output of the corpus, rebuilt when the corpus or the table definitions change. */
async function outputOf(corpusDir: string, corpusHash: string, log: (line: string) => void): Promise<string> {
  const output = `${corpusDir}-output`;
  const stamp = createHash('sha256').update(corpusHash).update(readFileSync(join(REPO_ROOT, 'pipeline/tables.ts'))).digest('hex');
  const stampFile = join(output, '.bench-stamp');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return output;
  log(`  building the output of ${corpusDir} with the CLI (concurrency 2)...`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [CLI, 'run', '-i', corpusDir, '-o', output, '--full-refresh', '--concurrency', '2', '--log-format', 'json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0 && r.status !== 4) throw new Error(`pipeline run failed (${r.status}): ${r.stderr.slice(-2000)}`);
  log(`  built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await writeFile(stampFile, stamp);
  return output;
}

async function baseline(output: string): Promise<number> {
  const t0 = performance.now();
  const db = await openOutput(output);
  await db.query('SELECT count(*) AS n FROM documents');
  db.close();
  return performance.now() - t0;
}

export async function benchReport(opts: ReportBenchOptions): Promise<ReportBenchResult> {
  const subset = opts.quick ? 2000 : 10_000;
  const copies = opts.quick ? 1 : 2;
  const corpus = await buildCorpus({ root: opts.corpusRoot, name: `report-${subset * copies}`, sources: opts.sources, copies, seed: opts.seed, subset });
  opts.log(`  corpus ${corpus.dir}: ${corpus.files} files${corpus.built ? ' (built)' : ' (reused)'}`);
  const output = await outputOf(corpus.dir, corpus.hash, opts.log);
  const db = await openOutput(output);
  const [{ n }] = await db.query('SELECT count(*) AS n FROM documents');
  db.close();

  let buildMs = Infinity;
  let baselineMs = Infinity;
  let bytes = 0;
  // Alternated, fastest kept: on a shared machine the fastest run is the least disturbed one.
  for (let i = 0; i < REPS; i++) {
    baselineMs = Math.min(baselineMs, await baseline(output));
    const t0 = performance.now();
    const html = await buildReportHtml({ output });
    buildMs = Math.min(buildMs, performance.now() - t0);
    bytes = Buffer.byteLength(html);
  }
  const dir = await mkdtemp(join(tmpdir(), 'news-etl-report-bench-'));
  const t0 = performance.now();
  const cli = spawnSync(process.execPath, [CLI, 'report', '-o', output, '--out', join(dir, 'report.html')], { encoding: 'utf8' });
  const cliMs = performance.now() - t0;
  await rm(dir, { recursive: true, force: true });
  if (cli.status !== 0) throw new Error(`news-etl report failed (${cli.status}): ${cli.stderr}`);
  return {
    documents: Number(n), buildMs: Math.round(buildMs), baselineMs: Math.round(baselineMs), ratio: Math.round((buildMs / baselineMs) * 100) / 100,
    cliMs: Math.round(cliMs), bytes, loadAverage: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
  };
}
