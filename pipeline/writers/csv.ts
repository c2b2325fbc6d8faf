import type { WriteStream } from 'node:fs';
import { stringify, type Options } from 'csv-stringify/sync';
import type { Row, TableSchema } from '../schema.js';
import type { CsvOptions, TableFileWriter } from './types.js';
import { discardFileStream, endFileStream, openFileStream, writeChunk } from './file-stream.js';

/**
 * Rows are stringified in batches by csv-stringify's synchronous API and each batch is one write:
 * its stream API pays a Transform write, a callback and a file-stream chunk per row, most of what
 * CSV cost. Both run the same stringifier, so the bytes are the same.
 */
const BATCH_ROWS = 512;

/**
 * RFC 4180 CSV, UTF-8, header row, `true`/`false`, ISO 8601 dates, empty for null. Empty strings
 * are quoted ("") so that a reader can tell them from null. Cells that look like spreadsheet
 * formulas are written as they are unless `escapeFormulas` is set (see CsvOptions).
 */
export class CsvTableWriter implements TableFileWriter {
  private readonly out: WriteStream;
  private readonly options: Options;
  private readonly names: string[];
  private rows: Row[] = [];
  /** The header goes with the first batch (alone when the table has no row). */
  private headerWritten = false;
  private closed = false;

  private constructor(schema: TableSchema, path: string, options: CsvOptions) {
    this.out = openFileStream(path, { encoding: 'utf8' });
    this.names = schema.columns.map((c) => c.name);
    this.options = {
      columns: this.names,
      record_delimiter: '\r\n',
      // csv-stringify quotes a field holding the record delimiter (CRLF), not one with a bare LF or CR.
      quoted_match: /[\r\n]/,
      escape_formulas: options.escapeFormulas === true,
      cast: {
        boolean: (v) => (v ? 'true' : 'false'),
        // Only a real empty string is quoted; null stays an empty unquoted field.
        string: (v) => (v === '' ? { value: '', quoted_empty: true } : v),
      },
    };
  }

  static async open(schema: TableSchema, path: string, options: CsvOptions = {}): Promise<CsvTableWriter> {
    return new CsvTableWriter(schema, path, options);
  }

  append(row: Row): Promise<void> {
    this.rows.push(row);
    return this.rows.length >= BATCH_ROWS ? this.flush() : DONE;
  }

  private async flush(): Promise<void> {
    const rows = this.rows;
    this.rows = [];
    // As arrays in column order: an object's cells csv-stringify looks up as property paths (lodash's get).
    const records = rows.map((row) => this.names.map((name) => row[name]));
    const text = stringify(records, { ...this.options, header: !this.headerWritten });
    this.headerWritten = true;
    await writeChunk(this.out, text);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.rows.length > 0 || !this.headerWritten) await this.flush();
    await endFileStream(this.out);
  }

  /** Stops writing; the file is deleted next. */
  async abort(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await discardFileStream(this.out);
  }
}

const DONE = Promise.resolve();
