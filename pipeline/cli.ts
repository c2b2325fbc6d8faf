#!/usr/bin/env node
/**
 * The `news-etl` command line: parses the arguments, then imports only the module of the command
 * that runs (so `--help`, `stages` and usage errors do not load the pipeline). Every line it writes
 * to stderr goes through one logger: JSON lines in JSON mode, usage and internal errors included.
 */
import { readFileSync } from 'node:fs';
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { createLogger, logFormatFor, type Logger } from './log.js';
import { EXIT, NewsEtlError, UsageError } from './errors.js';
import { nearest } from './text-distance.js';

const EXIT_CODES_HELP = `Exit codes:
  0  success
  1  failure (the run did not complete; nothing new is visible in the output)
  2  usage error (bad flag, unknown stage, missing input directory, no checkpoint for --from)
  3  another run holds the output directory's lock (news-etl unlock removes a stale one)
  4  finished, but some inputs were rejected (see the rejects table); change with --rejects-exit-code
  5  refused: the run would mark too many current documents deleted (empty or unmounted input?); see --allow-deletions
  130, 143  stopped by SIGINT / SIGTERM (an uncommitted run leaves the output as it was)`;

const FORMATS_HELP = 'output formats, comma-separated: csv, parquet';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function runOptions(y: Argv) {
  return y
    .option('input', { alias: 'i', type: 'string', describe: 'input directory, searched recursively: .txt, .html/.htm/.xhtml, .jsonl/.ndjson, .warc/.arc, each also gzipped (default: input; a rerun of later stages uses the one the output remembers)' })
    .option('include', { type: 'string', array: true, describe: 'read only files matching these globs (path relative to the input; a pattern without "/" matches the file name)' })
    .option('exclude', { type: 'string', array: true, describe: 'do not read files matching these globs' })
    .option('limit', { type: 'number', describe: 'stop after N documents (a trial run on a sample); the rest is read by the next run' })
    .option('follow-symlinks', { type: 'boolean', default: false, describe: 'follow symlinks that lead out of the input directory (off: they are rejected as outside_input)' })
    .option('output', { alias: 'o', type: 'string', default: 'output', describe: 'output directory' })
    .option('format', { type: 'string', default: 'csv,parquet', describe: FORMATS_HELP })
    .option('csv-escape-formulas', { type: 'boolean', default: false, describe: 'prefix CSV cells starting with =, +, -, @ with \' (for CSV opened in a spreadsheet; readers then see the quote)' })
    .option('stages', { type: 'string', describe: 'stages to run, comma-separated; without the first (read), the current documents are rebuilt from checkpoints' })
    .option('from', { type: 'string', describe: 'first stage to run' })
    .option('to', { type: 'string', describe: 'last stage to run' })
    .option('only', { type: 'string', array: true, describe: 'reprocess just these documents: input paths or doc ids (a JSONL record brings its whole file)' })
    .option('concurrency', { alias: 'c', type: 'number', default: 1, describe: 'lanes (worker threads) for the document stages' })
    .option('full-refresh', { type: 'boolean', default: false, describe: 'ignore earlier state: reprocess every file and replace all earlier output' })
    .option('allow-deletions', { type: 'boolean', default: false, describe: 'let the run mark more than --max-deletions of the current documents deleted' })
    .option('max-deletions', { type: 'number', default: 0.5, describe: 'share of the current documents a run may mark deleted (their input files vanished) before it refuses' })
    .option('doc-timeout', { type: 'number', default: 30, describe: 'seconds a document may take through the document stages before it becomes a stage_timeout reject (0: no limit)' })
    .option('keep-checkpoint-runs', { type: 'number', default: 30, describe: 'runs whose checkpoints are kept for inspect --run, besides those holding current documents' })
    .option('progress-interval', { type: 'number', default: 10, describe: 'seconds between progress log lines (0: none)' })
    .option('shard', { type: 'string', describe: 'process shard I of N (0-based "I/N") into <output>/shards/I-of-N; defaults from Slurm array or Kubernetes Indexed Job variables' })
    .option('rejects-exit-code', { type: 'number', default: EXIT.finishedWithRejects, describe: 'exit code when the run finished with rejects' })
    .epilog(EXIT_CODES_HELP);
}

export type RunArgs = Awaited<ReturnType<typeof runOptions>['argv']>;

/** What yargs says of an unknown flag, with the nearest known one when there is one. */
function suggest(message: string, known: string[]): string {
  const m = /^Unknown arguments?: (.+)$/.exec(message);
  if (!m) return message;
  const hints = m[1].split(', ').map((flag) => nearest(flag, known)).filter((k): k is string => k !== undefined);
  return hints.length ? `${message} (did you mean ${hints.map((k) => `--${k}`).join(', ')}?)` : message;
}

/** Every flag of every command, for "did you mean". */
const KNOWN_FLAGS = ['input', 'include', 'exclude', 'limit', 'follow-symlinks', 'output', 'format', 'stages', 'from', 'to', 'only', 'concurrency', 'full-refresh', 'allow-deletions', 'max-deletions',
  'keep-checkpoint-runs', 'doc-timeout', 'csv-escape-formulas', 'log-format', 'progress-interval', 'shard', 'rejects-exit-code', 'run', 'json', 'global', 'force', 'out', 'since', 'help', 'version'];

type Guard = <A>(handler: (args: A) => Promise<void>) => (args: A) => Promise<void>;

/** The commands that read or maintain an existing output folder. */
function outputCommands(y: Argv, log: Logger, unlessFailed: Guard): Argv {
  return y
    .command('inspect <doc>', 'show one document after every stage: what each stage removed or added, why, and in which run', (y) => y
      .positional('doc', { type: 'string', demandOption: true, describe: 'doc_id, or source path relative to the input directory (path:line for JSONL)' })
      .option('output', { alias: 'o', type: 'string', default: 'output', describe: 'output directory' })
      .option('run', { type: 'string', describe: 'the document as this run left it (a run whose checkpoints are kept)' })
      .option('json', { type: 'boolean', default: false, describe: 'print the document after each stage as JSON' }), unlessFailed(async (args) => {
      const { inspectDocument } = await import('./inspect.js');
      process.stdout.write(await inspectDocument(args.output, args.doc, args.json, args.run));
    }))
    .command('dedupe', 'dedupe across shards: merge the shards\' dedupe signatures into the dedupe_global table', (y) => y
      .option('global', { type: 'boolean', demandOption: true, describe: 'required: read every shard under <output>/shards' })
      .option('output', { alias: 'o', type: 'string', default: 'output', describe: 'the output directory the shards were run with' })
      .option('format', { type: 'string', default: 'csv,parquet', describe: FORMATS_HELP }), unlessFailed(async (args) => {
      if (!args.global) throw new UsageError('only `news-etl dedupe --global` exists: per-run dedupe is a stage of `run`');
      const [{ globalDedupe }, { parseFormats }] = await Promise.all([import('./global-dedupe.js'), import('./commands/formats.js')]);
      process.stdout.write(`${JSON.stringify(await globalDedupe(args.output, parseFormats(args.format), log))}\n`);
    }))
    .command('unlock', 'remove the output directory\'s lock when the run holding it is gone (dead on this host, or its lease ran out on another)', (y) => y
      .option('output', { alias: 'o', type: 'string', default: 'output', describe: 'output directory (a shard\'s: <output>/shards/I-of-N)' })
      .option('force', { type: 'boolean', default: false, describe: 'remove the lock even while its holder looks alive (that run then fails at its commit)' }), unlessFailed(async (args) => {
      const r = await (await import('./lock.js')).unlock(args.output, args.force);
      process.stdout.write(r.removed ? `removed the lock of run ${r.owner?.runId ?? '?'} (pid ${r.owner?.pid ?? '?'} on ${r.owner?.host ?? '?'}): ${r.why}\n` : `${r.why}\n`);
    }))
    .command('report', 'write one self-contained HTML report of the output tables: funnel, runs, documents per day, entities, duplicates, rejects', (y) => y
      .option('output', { alias: 'o', type: 'string', default: 'output', describe: 'output directory (its load.sql is read)' })
      .option('out', { type: 'string', describe: 'HTML file to write (default: <output>/report.html)' })
      .option('since', { type: 'string', describe: 'period start, YYYY-MM-DD: runs started and documents published since then (default: everything)' })
      .option('run', { type: 'string', describe: 'the run whose funnel is shown (default: the latest)' }), unlessFailed(async (args) => {
      // Loaded only for this command: DuckDB and the report code stay out of every other command's start-up.
      const { writeReport } = await import('./report/build.js');
      const report = await writeReport({ output: args.output, out: args.out, since: args.since, run: args.run });
      process.stdout.write(`${report.path}\n`);
    }))
    .command('compact', 'merge the run folders of every table into one (current rows kept as they are), under the lock: for outputs of many runs', (y) => y
      .option('output', { alias: 'o', type: 'string', default: 'output', describe: 'output directory' }), unlessFailed(async (args) => {
      const summary = await (await import('./compact.js')).compact(args.output, log);
      process.stdout.write(`${JSON.stringify(summary)}\n`);
    }));
}

function commandLine(argv: string[], log: Logger, setExit: (code: number) => void, failed: (err: Error) => void): Argv {
  let failure: Error | undefined;
  // yargs runs a command's handler even after its fail() callback has been told of a bad flag.
  const unlessFailed = <A>(handler: (args: A) => Promise<void>) => async (args: A): Promise<void> => { if (!failure) await handler(args); };
  const withRun = yargs(argv)
    .scriptName('news-etl')
    .usage('$0 <command> [options]')
    .option('log-format', { choices: ['auto', 'text', 'json'] as const, default: 'auto' as const, describe: 'stderr logs: auto = progress bar and text on a terminal, JSON lines otherwise' })
    .command('run', 'run the pipeline on an input directory', runOptions, unlessFailed(async (args) => {
      setExit(await (await import('./commands/run.js')).runCommand(args, log));
    }));
  return outputCommands(withRun, log, unlessFailed)
    .command('stages', 'list the stages in pipeline order', () => undefined, unlessFailed(async () => {
      for (const s of (await import('./registry.js')).stageDescriptions()) process.stdout.write(`${s.name.padEnd(12)}${s.describe}\n`);
    }))
    .command('schema', 'print the output tables and their columns (Markdown)', () => undefined, unlessFailed(async () => {
      const [{ schemaMarkdown }, { ALL_TABLES, dedupeGlobalTable }] = await Promise.all([import('./schema-doc.js'), import('./tables.js')]);
      process.stdout.write(schemaMarkdown([...ALL_TABLES, dedupeGlobalTable]));
    }))
    .demandCommand(1, 'name a command: run, inspect, dedupe, unlock, report, compact, stages or schema')
    .strict()
    .recommendCommands()
    .epilog(EXIT_CODES_HELP)
    .fail((msg, err) => {
      // Not thrown from here: yargs calls this inside its own synchronous validation.
      failure ??= err ?? new UsageError(suggest(msg, KNOWN_FLAGS));
      failed(failure);
    })
    .version(version())
    .help()
    .exitProcess(false);
}

function report(err: unknown, log: Logger): number {
  if (err instanceof NewsEtlError) {
    log.error(err instanceof UsageError ? 'usage_error' : 'error', { code: err.code, message: err.message, ...(err instanceof UsageError ? { hint: 'run `news-etl --help` for usage' } : {}) });
    return err.exitCode;
  }
  log.error('internal_error', { message: err instanceof Error ? err.message : String(err), stack: err instanceof Error ? err.stack : undefined });
  return EXIT.failure;
}

const argv = hideBin(process.argv);
const log = createLogger(logFormatFor(argv, process.stderr.isTTY === true));
// Until the command settles the exit code is 1: should the event loop ever empty while a run still
// awaits something that can no longer happen, cron must see a failure, not a silent 0.
let settled = false;
let exitCode: number = EXIT.ok;
process.exitCode = EXIT.failure;
process.on('exit', () => {
  if (!settled) log.error('internal_error', { message: 'stopped while still waiting for the run to finish (exit 1)' });
});
// A command stopped by a signal (cron's timeout, Ctrl-C) says so in its last line. It leaves what a
// kill -9 leaves: an uncommitted run changed nothing visible, and the next run takes over its lock.
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.once(signal, () => {
    settled = true;
    log.error('interrupted', { signal, message: `stopped by ${signal} (exit ${code}); a run not yet committed left the output as it was` });
    process.exit(code);
  });
}
let failure: Error | undefined;
commandLine(argv, log, (code) => { exitCode = code; }, (err) => { failure ??= err; }).parseAsync().then(
  () => { settled = true; process.exitCode = failure ? report(failure, log) : exitCode; },
  (err: unknown) => { settled = true; process.exitCode = report(failure ?? err, log); },
);
