import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { stringify, type Stringifier } from 'csv-stringify';
import type { Row, TableSchema } from '../schema.js';
import type { CsvOptions, TableFileWriter } from './types.js';

/**
 * RFC 4180 CSV, UTF-8, header row, `true`/`false`, ISO 8601 dates, empty for null. Empty strings
 * are quoted ("") so that a reader can tell them from null. Cells that look like spreadsheet
 * formulas are written as they are unless `escapeFormulas` is set (see CsvOptions).
 */
export class CsvTableWriter implements TableFileWriter {
  private readonly out: WriteStream;
  private readonly csv: Stringifier;
  private readonly finished: Promise<unknown>;
  private closed = false;

  private constructor(schema: TableSchema, path: string, options: CsvOptions) {
    this.out = createWriteStream(path, { encoding: 'utf8' });
    this.csv = stringify({
      header: true,
      columns: schema.columns.map((c) => c.name),
      record_delimiter: '\r\n',
      // csv-stringify quotes a field holding the record delimiter (CRLF), not one with a bare LF or CR.
      quoted_match: /[\r\n]/,
      escape_formulas: options.escapeFormulas === true,
      cast: {
        boolean: (v) => (v ? 'true' : 'false'),
        // Only a real empty string is quoted; null stays an empty unquoted field.
        string: (v) => (v === '' ? { value: '', quoted_empty: true } : v),
      },
    });
    this.csv.pipe(this.out);
    this.finished = once(this.out, 'finish');
  }

  static async open(schema: TableSchema, path: string, options: CsvOptions = {}): Promise<CsvTableWriter> {
    return new CsvTableWriter(schema, path, options);
  }

  async append(row: Row): Promise<void> {
    if (!this.csv.write(row)) await once(this.csv, 'drain');
  }

  async close(): Promise<void> {
    this.closed = true;
    this.csv.end();
    await this.finished;
  }

  /** Finishes the file quietly (it is deleted next): destroying the stream mid-write would throw later. */
  async abort(): Promise<void> {
    if (this.closed) return;
    try {
      this.csv.end();
      await this.finished;
    } catch { /* the file is deleted anyway */ }
  }
}
