import { mkdir, readdir, rename, rm, rmdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { publishedRunDir, RUN_FOLDER_PREFIX, stagingRunDir } from '../layout.js';
import { cellsOf, checkCells, type Cells, type Row, type TableSchema } from '../schema.js';
import { CsvTableWriter } from './csv.js';
import { ParquetTableWriter } from './parquet.js';
import { APPENDED, type CsvOptions, type OutputFormat, type TableFileWriter } from './types.js';

interface OpenFile {
  writer: TableFileWriter;
  stagedPath: string;
  publishedPath: string;
}

/**
 * `<output>/<format>/run-<runId>/<table>/part-<NNNN>.<ext>` once the run is committed: one folder
 * per run and format, published by one rename, read by one glob per table (layout.ts tableGlob);
 * one part per lane (worker) that wrote rows of the table.
 */
export function partitionDir(outputDir: string, format: OutputFormat, table: string, runId: string): string {
  return join(publishedRunDir(outputDir, format, runId), table);
}

/** Where the same files are written until the commit publishes them. */
export function stagedPartitionDir(outputDir: string, format: OutputFormat, table: string, runId: string): string {
  return join(stagingRunDir(outputDir, format, runId), table);
}

/**
 * Writes rows of several tables in several formats. Every file is written into the run's staging
 * folder, out of every reader's glob, and published only by the commit, so readers never see a
 * partial file, nor some of a run's tables without the others.
 */
export class TableSink {
  private readonly files = new Map<string, OpenFile[]>();
  readonly rowCounts = new Map<string, number>();

  private constructor(private readonly schemas: Map<string, TableSchema>) {}

  static async open(outputDir: string, runId: string, tables: TableSchema[], formats: OutputFormat[], part = 0, csv: CsvOptions = {}): Promise<TableSink> {
    const sink = new TableSink(new Map(tables.map((t) => [t.name, t])));
    for (const t of tables) {
      const open: OpenFile[] = [];
      for (const format of formats) {
        const dir = stagedPartitionDir(outputDir, format, t.name, runId);
        await mkdir(dir, { recursive: true });
        const file = `part-${String(part).padStart(4, '0')}.${format}`;
        const stagedPath = join(dir, file);
        const writer = format === 'csv' ? await CsvTableWriter.open(t, stagedPath, csv) : await ParquetTableWriter.open(t, stagedPath);
        open.push({ writer, stagedPath, publishedPath: join(partitionDir(outputDir, format, t.name, runId), file) });
      }
      sink.files.set(t.name, open);
      sink.rowCounts.set(t.name, 0);
    }
    return sink;
  }

  async append(table: string, row: Row): Promise<void> {
    await this.write(table, this.checked(table, [row]));
  }

  /**
   * Rows already checked against their table's schema, as their cells, file by file. A row a
   * writer took at once is not awaited: most rows fill no batch, and an await per row and file was
   * a good part of what writing a row cost.
   */
  private async write(table: string, rows: readonly Cells[]): Promise<void> {
    const files = this.files.get(table);
    if (!files) throw new Error(`unknown table ${table}`);
    for (const f of files) {
      for (const cells of rows) {
        const taken = f.writer.appendCells(cells);
        if (taken !== APPENDED) await taken;
      }
    }
    this.rowCounts.set(table, (this.rowCounts.get(table) ?? 0) + rows.length);
  }

  /** The rows' cells, each row read once for the check and every file; throws a SchemaError when any row does not fit. */
  private checked(table: string, rows: readonly Row[]): Cells[] {
    const schema = this.schemas.get(table);
    if (!schema) throw new Error(`unknown table ${table}`);
    return rows.map((row) => {
      const cells = cellsOf(schema, row);
      checkCells(schema, row, cells);
      return cells;
    });
  }

  /** Every row checked first: a SchemaError leaves nothing of them written. */
  async appendAll(rowsByTable: Record<string, Row[]>): Promise<void> {
    const checked = Object.entries(rowsByTable).map(([table, rows]) => [table, this.checked(table, rows)] as const);
    for (const [table, cells] of checked) await this.write(table, cells);
  }

  /**
   * Closes every file and returns the renames that publish them, without doing them (the caller's
   * commit protocol does). A table with no rows is dropped when `keepEmpty(table)` is false, so
   * runs with little to do do not pile up empty files.
   */
  async close(keepEmpty: (table: string) => boolean = () => true): Promise<{ from: string; to: string }[]> {
    const renames: { from: string; to: string }[] = [];
    for (const [table, files] of this.files) {
      const keep = (this.rowCounts.get(table) ?? 0) > 0 || keepEmpty(table);
      for (const f of files) {
        await f.writer.close();
        if (keep) {
          renames.push({ from: f.stagedPath, to: f.publishedPath });
        } else {
          await rm(f.stagedPath, { force: true });
          await removeIfEmpty(dirname(f.stagedPath));
        }
      }
    }
    return renames;
  }

  /** Closes every file, then moves them into place (for callers without a commit protocol). */
  async commit(): Promise<string[]> {
    const renames = await this.close();
    for (const r of renames) {
      await mkdir(dirname(r.to), { recursive: true });
      await rename(r.from, r.to);
    }
    return renames.map((r) => r.to);
  }

  /** Drops everything written so far. */
  async abort(): Promise<void> {
    for (const f of [...this.files.values()].flat()) {
      await f.writer.abort();
      await rm(f.stagedPath, { force: true });
      await removeIfEmpty(dirname(f.stagedPath));
    }
  }
}

/** Other lanes may still be writing their parts into the same partition folder. */
async function removeIfEmpty(dir: string): Promise<void> {
  try { await rmdir(dir); } catch { /* not empty, or already gone */ }
}

/** Tables that lack a committed file in at least one of the formats (so that this run writes one, and every glob matches). */
export async function tablesWithoutFiles(output: string, formats: OutputFormat[], tables: readonly string[]): Promise<Set<string>> {
  const missing = new Set<string>();
  for (const format of formats) {
    const runs = (await readdir(join(output, format)).catch(() => [] as string[])).filter((n) => n.startsWith(RUN_FOLDER_PREFIX));
    for (const table of tables) {
      let found = false;
      for (const run of runs) {
        const names = await readdir(join(output, format, run, table)).catch(() => [] as string[]);
        if ((found = names.some((n) => n.endsWith(`.${format}`)))) break;
      }
      if (!found) missing.add(table);
    }
  }
  return missing;
}
