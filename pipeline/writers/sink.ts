import { mkdir, rename, rm, rmdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { checkRow, type Row, type TableSchema } from '../schema.js';
import { CsvTableWriter } from './csv.js';
import { ParquetTableWriter } from './parquet.js';
import type { CsvOptions, OutputFormat, TableFileWriter } from './types.js';

interface OpenFile {
  writer: TableFileWriter;
  tmpPath: string;
  finalPath: string;
}

/**
 * `<output>/<format>/<table>/run-<runId>/part-<NNNN>.<ext>`: one partition per run, read by one
 * glob; one part per lane (worker) that wrote rows of the table.
 */
export function partitionDir(outputDir: string, format: OutputFormat, table: string, runId: string): string {
  return join(outputDir, format, table, `run-${runId}`);
}

/**
 * Writes rows of several tables in several formats. Every file is written under a hidden
 * temporary name and renamed into place only by `commit()`, so readers never see a partial file.
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
        const dir = partitionDir(outputDir, format, t.name, runId);
        await mkdir(dir, { recursive: true });
        const file = `part-${String(part).padStart(4, '0')}.${format}`;
        const tmpPath = join(dir, `.${file}.tmp`);
        const writer = format === 'csv' ? await CsvTableWriter.open(t, tmpPath, csv) : await ParquetTableWriter.open(t, tmpPath);
        open.push({ writer, tmpPath, finalPath: join(dir, file) });
      }
      sink.files.set(t.name, open);
      sink.rowCounts.set(t.name, 0);
    }
    return sink;
  }

  async append(table: string, row: Row): Promise<void> {
    const schema = this.schemas.get(table);
    const files = this.files.get(table);
    if (!schema || !files) throw new Error(`unknown table ${table}`);
    checkRow(schema, row);
    for (const f of files) await f.writer.append(row);
    this.rowCounts.set(table, (this.rowCounts.get(table) ?? 0) + 1);
  }

  /** Throws a SchemaError, before anything is written, when any of the rows does not fit. */
  check(rowsByTable: Record<string, Row[]>): void {
    for (const [table, rows] of Object.entries(rowsByTable)) {
      const schema = this.schemas.get(table);
      if (!schema) throw new Error(`unknown table ${table}`);
      for (const row of rows) checkRow(schema, row);
    }
  }

  async appendAll(rowsByTable: Record<string, Row[]>): Promise<void> {
    for (const [table, rows] of Object.entries(rowsByTable)) {
      for (const row of rows) await this.append(table, row);
    }
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
          renames.push({ from: f.tmpPath, to: f.finalPath });
        } else {
          await rm(f.tmpPath, { force: true });
          await removeIfEmpty(dirname(f.tmpPath));
        }
      }
    }
    return renames;
  }

  /** Closes every file, then renames them into place (for callers without a commit protocol). */
  async commit(): Promise<string[]> {
    const renames = await this.close();
    for (const r of renames) await rename(r.from, r.to);
    return renames.map((r) => r.to);
  }

  /** Drops everything written so far. */
  async abort(): Promise<void> {
    for (const f of [...this.files.values()].flat()) {
      await f.writer.abort();
      await rm(f.tmpPath, { force: true });
      await removeIfEmpty(dirname(f.tmpPath));
    }
  }
}

/** Other lanes may still be writing their parts into the same partition folder. */
async function removeIfEmpty(dir: string): Promise<void> {
  try { await rmdir(dir); } catch { /* not empty, or already gone */ }
}
