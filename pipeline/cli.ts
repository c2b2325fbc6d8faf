#!/usr/bin/env node
/** The `news-etl` command line. */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { runPipeline } from './runner.js';
import { selectStages, stageDescriptions } from './registry.js';
import { createLogger, type LogFormat } from './log.js';
import { EXIT, NewsEtlError, UsageError } from './errors.js';
import { OUTPUT_FORMATS, type OutputFormat } from './writers/types.js';
import { ALL_TABLES, dedupeGlobalTable } from './tables.js';
import { resolveShard, shardOf, shardOutput } from './shard.js';
import { globalDedupe } from './global-dedupe.js';
import { schemaMarkdown } from './schema-doc.js';
import { terminalProgress } from './progress.js';
import { countInputFiles } from '../stages/read.js';
import { inspectDocument } from './inspect.js';
import { existsSync, statSync } from 'node:fs';

const EXIT_CODES_HELP = `Exit codes:
  0  success
  1  failure (the run did not complete; nothing new is visible in the output)
  2  usage error (bad flag, unknown stage, missing input directory, no checkpoint for --from)
  3  another run holds the output directory's lock
  4  finished, but some inputs were rejected (see the rejects table); change with --rejects-exit-code`;

function parseFormats(value: string): OutputFormat[] {
  const formats = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const f of formats) {
    if (!(OUTPUT_FORMATS as readonly string[]).includes(f)) throw new UsageError(`unknown format "${f}"; use ${OUTPUT_FORMATS.join(', ')}`);
  }
  if (formats.length === 0) throw new UsageError('--format needs at least one of csv, parquet');
  return [...new Set(formats)] as OutputFormat[];
}

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

async function main(argv: string[]): Promise<number> {
  let exitCode: number = EXIT.ok;
  await yargs(argv)
    .scriptName('news-etl')
    .usage('$0 <command> [options]')
    .command('run', 'run the pipeline on an input directory', (y) => y
      .option('input', { alias: 'i', type: 'string', default: 'input', describe: 'input directory (.txt, .jsonl; searched recursively)' })
      .option('output', { alias: 'o', type: 'string', default: 'output', describe: 'output directory' })
      .option('format', { type: 'string', default: 'csv,parquet', describe: 'output formats, comma-separated: csv, parquet' })
      .option('stages', { type: 'string', describe: 'stages to run, comma-separated (others pass documents through)' })
      .option('from', { type: 'string', describe: 'first stage to run' })
      .option('to', { type: 'string', describe: 'last stage to run' })
      .option('concurrency', { alias: 'c', type: 'number', default: 1, describe: 'worker threads for boilerplate, dates and entities' })
      .option('full-refresh', { type: 'boolean', default: false, describe: 'ignore earlier state: reprocess every file and replace all earlier output' })
      .option('log-format', { choices: ['auto', 'text', 'json'] as const, default: 'auto' as const, describe: 'stderr logs: auto = progress bar and text on a terminal, JSON lines otherwise' })
      .option('shard', { type: 'string', describe: 'process shard I of N (0-based "I/N") into <output>/shards/I-of-N; defaults from Slurm array or Kubernetes Indexed Job variables' })
      .option('rejects-exit-code', { type: 'number', default: EXIT.finishedWithRejects, describe: 'exit code when the run finished with rejects' })
      .epilog(EXIT_CODES_HELP), async (args) => {
      const stages = selectStages({ stages: args.stages, from: args.from, to: args.to });
      const formats = parseFormats(args.format);
      if (!existsSync(args.input) || !statSync(args.input).isDirectory()) throw new UsageError(`input directory not found: ${args.input}`);
      if (!Number.isInteger(args.concurrency) || args.concurrency < 1) throw new UsageError('--concurrency must be a whole number ≥ 1');
      const shard = resolveShard(args.shard);
      const output = shard ? shardOutput(args.output, shard) : args.output;
      const include = shard ? (path: string) => shardOf(path, shard.count) === shard.index : undefined;
      const tty = process.stderr.isTTY === true;
      const format: LogFormat = args['log-format'] === 'auto' ? (tty ? 'text' : 'json') : (args['log-format'] as LogFormat);
      const progress = tty && format === 'text' && stages[0] === 'read' ? terminalProgress(await countInputFiles(args.input)) : undefined;
      // While the bar is drawn, log lines wait and are printed once it is gone.
      const held: string[] = [];
      const log = createLogger(format, progress ? (line) => { held.push(line); } : undefined);
      let summary;
      try {
        summary = await runPipeline({
          input: args.input, output, formats, stages, concurrency: args.concurrency, log, include,
          fullRefresh: args['full-refresh'], onProgress: progress ? (f, d) => progress.update(f, d) : undefined,
          now: runClock(process.env.NEWS_ETL_NOW),
        });
      } finally {
        progress?.stop();
        for (const line of held) process.stderr.write(line + '\n');
      }
      if (summary.status === 'failed') exitCode = EXIT.failure;
      else if (summary.status === 'success_with_rejects') exitCode = args['rejects-exit-code'];
    })
    .command('inspect <doc>', 'show one document after every stage of the last run that processed it: what each stage removed or added, and why', (y) => y
      .positional('doc', { type: 'string', demandOption: true, describe: 'doc_id, or source path relative to the input directory (path:line for JSONL)' })
      .option('output', { alias: 'o', type: 'string', default: 'output', describe: 'output directory' })
      .option('json', { type: 'boolean', default: false, describe: 'print the document after each stage as JSON' }), async (args) => {
      process.stdout.write(await inspectDocument(args.output, args.doc, args.json));
    })
    .command('dedupe', 'dedupe across shards: merge the shards\' dedupe signatures into the dedupe_global table', (y) => y
      .option('global', { type: 'boolean', demandOption: true, describe: 'required: read every shard under <output>/shards' })
      .option('output', { alias: 'o', type: 'string', default: 'output', describe: 'the output directory the shards were run with' })
      .option('format', { type: 'string', default: 'csv,parquet', describe: 'output formats, comma-separated: csv, parquet' })
      .option('log-format', { choices: ['text', 'json'] as const, default: 'json' as const, describe: 'stderr log format' }), async (args) => {
      if (!args.global) throw new UsageError('only `news-etl dedupe --global` exists: per-run dedupe is a stage of `run`');
      const summary = await globalDedupe(args.output, parseFormats(args.format), createLogger(args['log-format'] as LogFormat));
      process.stdout.write(`${JSON.stringify(summary)}\n`);
    })
    .command('stages', 'list the stages in pipeline order', () => undefined, () => {
      for (const s of stageDescriptions()) process.stdout.write(`${s.name.padEnd(12)}${s.describe}\n`);
    })
    .command('schema', 'print the output tables and their columns (Markdown)', () => undefined, () => {
      process.stdout.write(schemaMarkdown([...ALL_TABLES, dedupeGlobalTable]));
    })
    .demandCommand(1, 'name a command: run, inspect, dedupe, stages or schema')
    .strict()
    .epilog(EXIT_CODES_HELP)
    .fail((msg, err) => {
      throw err ?? new UsageError(msg);
    })
    .help()
    .parseAsync();
  return exitCode;
}

// Until main settles the exit code is 1: should the event loop ever empty while the run still
// awaits something that can no longer happen, cron must see a failure, not a silent 0.
let settled = false;
process.exitCode = EXIT.failure;
process.on('exit', () => {
  if (!settled) process.stderr.write('news-etl: internal error: stopped while still waiting for the run to finish (exit 1)\n');
});
main(hideBin(process.argv)).then(
  (code) => { settled = true; process.exitCode = code; },
  (err: unknown) => {
    settled = true;
    if (err instanceof NewsEtlError) {
      process.stderr.write(`news-etl: ${err.message}${err instanceof UsageError ? '\nRun `news-etl --help` for usage.' : ''}\n`);
      process.exitCode = err.exitCode;
    } else {
      process.stderr.write(`news-etl: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exitCode = EXIT.failure;
    }
  },
);
