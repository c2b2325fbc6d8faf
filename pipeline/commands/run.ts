/** `news-etl run`: checks the arguments and the output folder, runs the pipeline, maps its outcome to an exit code. */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { insideOutput } from '../layout.js';
import type { RunArgs } from '../cli.js';
import { runPipeline } from '../runner.js';
import { selectStages, SOURCE } from '../registry.js';
import { createLogger, type Logger } from '../log.js';
import { EXIT, FileSystemError, fsErrorCode, UsageError } from '../errors.js';
import { checkShardLayout, resolveShard, shardOf, shardOutput } from '../shard.js';
import { terminalProgress, type Progress } from '../progress.js';
import { countInputFiles } from '../../stages/read.js';
import { parseFormats } from './formats.js';
import { makeDirs } from '../fsutil.js';
import { publishedFormats, readStoredState } from '../state-store.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../writers/types.js';

/**
 * NEWS_ETL_NOW (an ISO 8601 instant) sets the run's start, e.g. to check that no output but the
 * run's own id and times depends on the day a run happens.
 */
function runClock(value: string | undefined): (() => Date) | undefined {
  if (value === undefined || value === '') return undefined;
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw new UsageError(`NEWS_ETL_NOW is not an ISO 8601 instant: "${value}"`);
  return () => at;
}

/**
 * Lanes are threads that each load the stages' models: far more of them than cores only costs
 * memory (a thousand would take the machine's), so a number beyond any machine's cores is a typo.
 */
export const MAX_CONCURRENCY = 256;

function checkArgs(args: RunArgs): void {
  if (!Number.isInteger(args.concurrency) || args.concurrency < 1 || args.concurrency > MAX_CONCURRENCY) {
    throw new UsageError(`--concurrency must be a whole number from 1 to ${MAX_CONCURRENCY}`);
  }
  const rejectsExit = args['rejects-exit-code'];
  if (!Number.isInteger(rejectsExit) || rejectsExit < 0 || rejectsExit > 255) throw new UsageError('--rejects-exit-code must be a whole number from 0 to 255 (an exit status)');
  if (!(args['progress-interval'] >= 0)) throw new UsageError('--progress-interval is a number of seconds ≥ 0 (0: no progress lines)');
  if (!(args['max-deletions'] >= 0 && args['max-deletions'] <= 1)) throw new UsageError('--max-deletions is a share between 0 and 1');
  if (args.limit !== undefined && (!Number.isInteger(args.limit) || args.limit < 1)) throw new UsageError('--limit must be a whole number ≥ 1');
  if (!(args['doc-timeout'] >= 0)) throw new UsageError('--doc-timeout is a number of seconds ≥ 0');
  if (!Number.isInteger(args['keep-checkpoint-runs']) || args['keep-checkpoint-runs'] < 0) throw new UsageError('--keep-checkpoint-runs must be a whole number ≥ 0');
}

/** A path with every symlink of its existing part resolved (the rest, not made yet, appended as given). */
function realPathOf(path: string): string {
  const abs = resolve(path);
  if (existsSync(abs)) return realpathSync(abs);
  const parent = dirname(abs);
  return parent === abs ? abs : join(realPathOf(parent), basename(abs));
}

const isWithin = (inner: string, outer: string): boolean => inner === outer || insideOutput(outer, inner) !== undefined;

/**
 * An output folder inside the input would be read back as input on the next run (its own
 * checkpoints and tables), and an input inside the output could be removed by its housekeeping.
 */
function checkSeparateFolders(input: string, output: string): void {
  const [inp, out] = [realPathOf(input), realPathOf(output)];
  if (isWithin(out, inp)) throw new UsageError(`the output folder ${output} is inside the input folder ${input}: choose an output outside it`);
  if (isWithin(inp, out)) throw new UsageError(`the input folder ${input} is inside the output folder ${output}: choose an output outside it`);
}

/**
 * The views read one format's tables (load.sql), so a run in other formats than the committed runs
 * before it would hide rows, or lose them at the next compact. Only a full refresh, which rewrites
 * every table, may change them.
 */
async function checkSameFormats(output: string, formats: readonly OutputFormat[], fullRefresh: boolean): Promise<void> {
  if (fullRefresh) return;
  const body = (await readStoredState(output).catch(() => undefined))?.body;
  const held = publishedFormats(body?.published, body?.runs ?? []);
  const wanted = OUTPUT_FORMATS.filter((f) => formats.includes(f));
  if (held.length > 0 && held.join(',') !== wanted.join(',')) {
    throw new UsageError(`the output holds its tables as ${held.join(',')}; this run asks for ${wanted.join(',')}: pass --format ${held.join(',')}, or --full-refresh to rewrite every table in the new formats`);
  }
}

/** Fails in one clear line, at once, when the output folder cannot be made or written (instead of deep inside the run). */
async function ensureOutput(output: string): Promise<void> {
  try {
    await makeDirs(join(output, '_state'));
  } catch (err) {
    const code = fsErrorCode(err);
    if (code) throw new FileSystemError(output, code, 'cannot create the output folder');
    throw err;
  }
}

/** JSON mode: a line every `seconds` with how far the run is (cron logs show signs of life). */
function progressLines(log: Logger, seconds: number): { update: (files: number, docs: number) => void; phase: (p: string) => void; stop: () => void } {
  const started = Date.now();
  let files = 0;
  let docs = 0;
  let phase = 'start';
  const timer = seconds > 0 ? setInterval(() => {
    const s = (Date.now() - started) / 1000;
    log.info('progress', { files, documents: docs, documents_per_s: Math.round(docs / Math.max(s, 0.001)), phase, elapsed_s: Math.round(s) });
  }, seconds * 1000) : undefined;
  timer?.unref();
  const stop = (): void => { if (timer) clearInterval(timer); };
  // 'end': the run logs its summary next, and nothing may follow it (scripts read the last line)
  return { update: (f, d) => { files = f; docs = d; }, phase: (p) => { phase = p; if (p === 'end') stop(); }, stop };
}

export async function runCommand(args: RunArgs, log: Logger): Promise<number> {
  checkArgs(args);
  const stages = selectStages({ stages: args.stages, from: args.from, to: args.to });
  const formats = parseFormats(args.format);
  const input = stages[0] === SOURCE.name ? args.input ?? 'input' : args.input;
  if (input !== undefined && (!existsSync(input) || !statSync(input).isDirectory())) throw new UsageError(`input directory not found: ${input}`);
  const shard = resolveShard(args.shard);
  const output = shard ? shardOutput(args.output, shard) : args.output;
  if (input !== undefined) checkSeparateFolders(input, output);
  await checkShardLayout(args.output, shard);
  await checkSameFormats(output, formats, args['full-refresh']);
  await ensureOutput(output);
  const tty = process.stderr.isTTY === true;
  // the whole output folder, every shard's part of it too
  const inputOptions = { includeGlobs: args.include?.map(String), excludeGlobs: args.exclude?.map(String), followSymlinks: args['follow-symlinks'], avoidFolders: [args.output] };
  const bar: Progress | undefined = tty && args['log-format'] !== 'json' && input !== undefined && stages[0] === SOURCE.name
    ? terminalProgress(await countInputFiles(input, inputOptions)) : undefined;
  // While the bar is drawn, log lines wait and are printed once it is gone.
  const held: string[] = [];
  const runLog = bar ? createLogger('text', (line) => { held.push(line); }) : log;
  const lines = bar ? undefined : progressLines(runLog, args['progress-interval']);
  try {
    const summary = await runPipeline({
      input, output, formats, csv: { escapeFormulas: args['csv-escape-formulas'] }, stages, concurrency: args.concurrency, log: runLog, only: args.only, ...inputOptions, limit: args.limit,
      include: shard ? (path: string) => shardOf(path, shard.count) === shard.index : undefined,
      keepCheckpointRuns: args['keep-checkpoint-runs'], docTimeoutS: args['doc-timeout'], fullRefresh: args['full-refresh'],
      maxDeletions: args['max-deletions'], allowDeletions: args['allow-deletions'],
      onProgress: (f, d) => { bar?.update(f, d); lines?.update(f, d); },
      onPhase: (p) => lines?.phase(p),
      now: runClock(process.env.NEWS_ETL_NOW),
    });
    if (summary.status === 'refused') return EXIT.deletionsRefused;
    if (summary.status === 'failed') return EXIT.failure;
    return summary.status === 'success_with_rejects' ? args['rejects-exit-code'] : EXIT.ok;
  } finally {
    lines?.stop();
    bar?.stop();
    for (const line of held) process.stderr.write(line + '\n');
  }
}
