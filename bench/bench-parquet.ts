/**
 * Parquet writer cost: the real rows of a real run written with the previous ParquetTableWriter
 * (a verbatim copy below, generic parquetjs-lite appendRow per row) and with the current one, in
 * the same process and alternating, so that the ratio is measured under the same machine load; and
 * the current one with parquetjs-lite's own footer, for the cost of the UTC timestamps' footer.
 * "same bytes": the old writer's file against the current one's written with the library's
 * distinct counts (which the current one leaves out of its statistics).
 *
 * Rows: the CSV tables of a `news-etl run --format csv` (parsed back with the table schemas). By
 * default the CLI is run once on bench/.corpus/quick-2000 (NEWS_ETL_BENCH_CORPUS overrides the
 * corpus root); `--src <output dir>` (or NEWS_ETL_PARQUET_SRC) reuses the output of such a run.
 * `--reps N` (default 7). `node dist/bench/bench-parquet.js` runs it alone.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import parquet from 'parquetjs-lite';
import { ALL_TABLES } from '../pipeline/tables.js';
import type { Cell, Column, ColumnType, Row, TableSchema } from '../pipeline/schema.js';
import { ParquetTableWriter, toParquetValue, writeToMemory } from '../pipeline/writers/parquet.js';
import { useLogicalTypeFooter } from '../pipeline/writers/parquet-footer.js';
import { REPO_ROOT } from './paths.js';

// ---------------------------------------------------------------------------------------------
// The writer as it was before the flat fast path (commit daa09eb), kept here only to measure against.

const OLD_PARQUET_TYPE: Record<ColumnType, string> = {
  string: 'UTF8', int: 'INT32', double: 'DOUBLE', bool: 'BOOLEAN', date: 'DATE', timestamp: 'TIMESTAMP_MILLIS',
};

function oldParquetSchemaFor(schema: TableSchema): unknown {
  const fields: Record<string, unknown> = {};
  for (const c of schema.columns) {
    fields[c.name] = { type: OLD_PARQUET_TYPE[c.type], optional: c.nullable, compression: 'SNAPPY' };
  }
  return new parquet.ParquetSchema(fields);
}


export class OldParquetTableWriter {
  private constructor(private readonly schema: TableSchema, private readonly writer: any) {}

  static async open(schema: TableSchema, path: string, rowGroupSize = 2048): Promise<OldParquetTableWriter> {
    // The current writer's file options (no page index, since 2026-11-23), so the files still compare byte for byte.
    const writer = await parquet.ParquetWriter.openFile(oldParquetSchemaFor(schema), path, { rowGroupSize, pageIndex: false });
    // and the current footer (UTC timestamps' LogicalType), for the same reason
    useLogicalTypeFooter(writer.envelopeWriter);
    return new OldParquetTableWriter(schema, writer);
  }

  async append(row: Row): Promise<void> {
    const record: Record<string, unknown> = {};
    for (const c of this.schema.columns) {
      const v = toParquetValue(c, row[c.name] ?? null);
      if (v !== undefined) record[c.name] = v;
    }
    await this.writer.appendRow(record);
  }

  async close(): Promise<void> {
    await this.writer.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Real rows: the CSV tables of a run, parsed back to Row objects with the table schemas.

/** RFC 4180 as our CSV writer writes it (CRLF records): an empty unquoted field is null, "" is the empty string. */
export function parseCsv(text: string): Array<Array<string | null>> {
  const records: Array<Array<string | null>> = [];
  let record: Array<string | null> = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    let field: string | null;
    if (text[i] === '"') {
      let s = '';
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error('unterminated quoted CSV field');
        s += text.slice(i, q);
        if (text[q + 1] === '"') { s += '"'; i = q + 2; } else { i = q + 1; break; }
      }
      field = s;
    } else {
      let j = i;
      // only CRLF ends a record: the writer leaves a bare LF inside a field unquoted
      while (j < n && text[j] !== ',' && !(text[j] === '\r' && text[j + 1] === '\n')) j++;
      field = j === i ? null : text.slice(i, j);
      i = j;
    }
    record.push(field);
    if (text[i] === ',') { i++; if (i === n) record.push(null); continue; }
    i += 2; // CRLF
    records.push(record);
    record = [];
  }
  return records;
}

function cellFor(c: Column, s: string | null): Cell {
  if (s === null) return null;
  switch (c.type) {
    case 'int': case 'double': return Number(s);
    case 'bool': return s === 'true';
    default: return s;
  }
}

export function readCsvTable(file: string, schema: TableSchema): Row[] {
  const [header, ...records] = parseCsv(readFileSync(file, 'utf8'));
  const names = schema.columns.map((c) => c.name);
  if (header.join(',') !== names.join(',')) throw new Error(`${file}: header ${header.join(',')} is not ${names.join(',')}`);
  return records.map((r) => Object.fromEntries(schema.columns.map((c, k) => [c.name, cellFor(c, r[k])])));
}

/** Output directory of a CSV run: the given one, or a fresh run of the CLI on the quick corpus. */
async function sourceRun(src: string | undefined, corpusDir?: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  if (src) return { dir: src, cleanup: async () => {} };
  const corpus = corpusDir ?? join(process.env.NEWS_ETL_BENCH_CORPUS ?? join(REPO_ROOT, 'bench/.corpus'), 'quick-2000');
  if (!existsSync(corpus)) throw new Error(`${corpus} not found: build it with npm run bench -- --quick, or pass --src <csv run output>`);
  const dir = await mkdtemp(join(tmpdir(), 'news-etl-bench-parquet-src-'));
  // its log goes nowhere; on failure execFileSync throws with the log as error.stderr
  execFileSync(process.execPath, [join(REPO_ROOT, 'dist/pipeline/cli.js'), 'run', '-i', corpus, '-o', dir, '--full-refresh',
    '--format', 'csv', '--log-format', 'json', '--rejects-exit-code', '0'], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 << 20 });
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

function loadTables(dir: string): Array<{ schema: TableSchema; rows: Row[] }> {
  const tables: Array<{ schema: TableSchema; rows: Row[] }> = [];
  // The output's layout: csv/run-<run>/<table>/part-<k>.csv
  const runs = readdirSync(join(dir, 'csv')).filter((r) => r.startsWith('run-')).sort();
  for (const schema of ALL_TABLES) {
    const rows: Row[] = [];
    for (const run of runs) {
      const tdir = join(dir, 'csv', run, schema.name);
      if (!existsSync(tdir)) continue;
      for (const part of readdirSync(tdir).filter((f) => f.endsWith('.csv')).sort()) rows.push(...readCsvTable(join(tdir, part), schema));
    }
    tables.push({ schema, rows });
  }
  return tables;
}

// ---------------------------------------------------------------------------------------------
// measurement

interface Writer { append(row: Row): Promise<void>; close(): Promise<void> }
type Open = (schema: TableSchema, path: string) => Promise<Writer>;

async function writeOnce(open: Open, schema: TableSchema, rows: Row[], path: string): Promise<{ wallMs: number; cpuMs: number; bytes: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const w = await open(schema, path);
  for (const r of rows) await w.append(r);
  await w.close();
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wallMs, cpuMs: (c.user + c.system) / 1000, bytes: statSync(path).size };
}

const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const r1 = (x: number): number => Math.round(x * 10) / 10;
const r2 = (x: number): number => Math.round(x * 100) / 100;

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

export async function benchParquet(opts: { src?: string; corpus?: string; reps?: number } = {}): Promise<Record<string, number>> {
  const reps = opts.reps ?? 7;
  const source = await sourceRun(opts.src ?? process.env.NEWS_ETL_PARQUET_SRC, opts.corpus);
  const tables = loadTables(source.dir).filter((t) => t.rows.length > 0);
  const out = await mkdtemp(join(tmpdir(), 'news-etl-bench-parquet-'));
  const writers: Array<[string, Open]> = [
    ['old', (s, p) => OldParquetTableWriter.open(s, p)],
    ['new', (s, p) => ParquetTableWriter.open(s, p)],
    // the new writer ending its files with parquetjs-lite's own footer (no LogicalType): what the UTC footer costs
    ['stock_footer', async (s, p) => {
      const w = await ParquetTableWriter.open(s, p);
      delete (w as unknown as { writer: { envelopeWriter: Record<string, unknown> } }).writer.envelopeWriter.writeFooter;
      return w;
    }],
  ];
  const samples: Record<string, Record<string, Array<{ wallMs: number; cpuMs: number; bytes: number }>>> = { old: {}, new: {}, stock_footer: {} };
  const identical: Record<string, boolean> = {};
  try {
    // warm-up (JIT) with one table each, not measured
    const warm = tables.reduce((a, b) => (b.rows.length > a.rows.length ? b : a));
    for (const [name, open] of writers) await writeOnce(open, warm.schema, warm.rows.slice(0, 3000), join(out, `warm-${name}.parquet`));
    for (let rep = 0; rep < reps; rep++) {
      // alternate which writer goes first, so that neither always runs on a warmer/colder machine
      const order = rep % 2 === 0 ? writers : [...writers].reverse();
      for (const t of tables) {
        for (const [name, open] of order) {
          const s = await writeOnce(open, t.schema, t.rows, join(out, `${t.schema.name}-${name}.parquet`));
          (samples[name][t.schema.name] ??= []).push(s);
        }
        if (rep === 0) {
          // the new writer's statistics leave out the library's distinct counts: compared with them
          const old = readFileSync(join(out, `${t.schema.name}-old.parquet`));
          identical[t.schema.name] = old.equals(await writeToMemory(t.schema, t.rows, 'flat-distinct', 2048));
        }
      }
    }
  } finally {
    await rm(out, { recursive: true, force: true });
    await source.cleanup();
  }

  const result: Record<string, number> = {};
  const lines: string[] = [];
  const pad = (s: string | number, w: number): string => String(s).padStart(w);
  lines.push(`parquet writer bench: ${reps} reps, old = generic appendRow, new = ParquetTableWriter`);
  lines.push(`  ${'table'.padEnd(10)} ${pad('rows', 6)} | ${pad('old rows/s best', 15)} ${pad('median', 8)} ${pad('cpu ms best', 11)} ${pad('median', 7)} | ${pad('new rows/s best', 15)} ${pad('median', 8)} ${pad('cpu ms best', 11)} ${pad('median', 7)} | ${pad('cpu ratio', 9)} | ${pad('bytes old', 10)} ${pad('bytes new', 10)} ${pad('same bytes', 10)}`);
  const totals = { old: { best: 0, median: 0, wallBest: 0, bytes: 0 }, new: { best: 0, median: 0, wallBest: 0, bytes: 0 } };
  let totalRows = 0;
  for (const t of tables) {
    const name = t.schema.name;
    const n = t.rows.length;
    totalRows += n;
    const stat = (w: 'old' | 'new') => {
      const s = samples[w][name];
      const cpu = s.map((x) => x.cpuMs);
      const wall = s.map((x) => x.wallMs);
      const st = { cpuBest: Math.min(...cpu), cpuMedian: median(cpu), wallBest: Math.min(...wall), wallMedian: median(wall), bytes: s[0].bytes };
      totals[w].best += st.cpuBest; totals[w].median += st.cpuMedian; totals[w].wallBest += st.wallBest; totals[w].bytes += st.bytes;
      return st;
    };
    const o = stat('old');
    const nw = stat('new');
    const rps = (ms: number): number => Math.round(n / (ms / 1000));
    const ratio = o.cpuMedian / nw.cpuMedian;
    lines.push(`  ${name.padEnd(10)} ${pad(n, 6)} | ${pad(rps(o.wallBest), 15)} ${pad(rps(o.wallMedian), 8)} ${pad(r1(o.cpuBest), 11)} ${pad(r1(o.cpuMedian), 7)} | ${pad(rps(nw.wallBest), 15)} ${pad(rps(nw.wallMedian), 8)} ${pad(r1(nw.cpuBest), 11)} ${pad(r1(nw.cpuMedian), 7)} | ${pad(r2(ratio), 9)} | ${pad(o.bytes, 10)} ${pad(nw.bytes, 10)} ${pad(identical[name] ? 'yes' : 'no', 10)}`);
    Object.assign(result, {
      [`${name}_rows`]: n,
      [`${name}_old_rows_per_s_best`]: rps(o.wallBest), [`${name}_old_rows_per_s_median`]: rps(o.wallMedian),
      [`${name}_new_rows_per_s_best`]: rps(nw.wallBest), [`${name}_new_rows_per_s_median`]: rps(nw.wallMedian),
      [`${name}_old_cpu_ms_best`]: r1(o.cpuBest), [`${name}_old_cpu_ms_median`]: r1(o.cpuMedian),
      [`${name}_new_cpu_ms_best`]: r1(nw.cpuBest), [`${name}_new_cpu_ms_median`]: r1(nw.cpuMedian),
      [`${name}_cpu_ratio_median`]: r2(ratio),
      [`${name}_old_bytes`]: o.bytes, [`${name}_new_bytes`]: nw.bytes, [`${name}_identical_bytes`]: identical[name] ? 1 : 0,
    });
  }
  const rps = (ms: number): number => Math.round(totalRows / (ms / 1000));
  const cpuMedians = (w: string): number => tables.reduce((ms, t) => ms + median(samples[w][t.schema.name].map((x) => x.cpuMs)), 0);
  const footerRatio = r2(cpuMedians('new') / cpuMedians('stock_footer'));
  lines.push(`  UTC timestamps' footer: new writer cpu / the same with parquetjs-lite's footer = ${footerRatio} (medians, summed over tables)`);
  Object.assign(result, {
    footer_cpu_ratio_median: footerRatio,
    total_rows: totalRows,
    total_old_cpu_ms_best: r1(totals.old.best), total_old_cpu_ms_median: r1(totals.old.median),
    total_new_cpu_ms_best: r1(totals.new.best), total_new_cpu_ms_median: r1(totals.new.median),
    total_old_rows_per_s_best: rps(totals.old.wallBest), total_new_rows_per_s_best: rps(totals.new.wallBest),
    total_old_us_cpu_per_row_median: r2((totals.old.median * 1000) / totalRows),
    total_new_us_cpu_per_row_median: r2((totals.new.median * 1000) / totalRows),
    total_cpu_ratio_best: r2(totals.old.best / totals.new.best),
    total_cpu_ratio_median: r2(totals.old.median / totals.new.median),
    total_old_bytes: totals.old.bytes, total_new_bytes: totals.new.bytes,
  });
  lines.push(`  total: ${totalRows} rows; cpu ms best ${r1(totals.old.best)} -> ${r1(totals.new.best)} (x${result.total_cpu_ratio_best}), `
    + `median ${r1(totals.old.median)} -> ${r1(totals.new.median)} (x${result.total_cpu_ratio_median}); `
    + `rows/s (best wall) ${result.total_old_rows_per_s_best} -> ${result.total_new_rows_per_s_best}; bytes ${totals.old.bytes} -> ${totals.new.bytes}`);
  process.stdout.write(lines.join('\n') + '\n');
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const reps = argValue('--reps');
  benchParquet({ src: argValue('--src'), reps: reps ? Number(reps) : undefined }).catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  });
}
