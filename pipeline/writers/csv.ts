import type { WriteStream } from 'node:fs';
import { cellsOf, type Cells, type Row, type TableSchema } from '../schema.js';
import { APPENDED, type CsvOptions, type TableFileWriter } from './types.js';
import { csvHeader, csvRecordBound, csvRecordInto } from './csv-format.js';
import { MAX_UTF8_PER_UNIT } from './column-bytes.js';
import { discardFileStream, endFileStream, openFileStream, writeChunk } from './file-stream.js';

/**
 * Records are encoded as they come into a buffer that is one write per batch: a stream write per
 * row costs a callback and a file-stream chunk each, and a long string of records built up before
 * its write was slow to flatten and encode. Batches are of a number of rows too, so that a failed
 * disk fails the appends that follow soon, not only the close.
 */
const BATCH_ROWS = 512;
const CHUNK_BYTES = 1 << 18;

/**
 * RFC 4180 CSV, UTF-8, header row, `true`/`false`, ISO 8601 dates, empty for null. Empty strings
 * are quoted ("") so that a reader can tell them from null. Cells that look like spreadsheet
 * formulas are written as they are unless `escapeFormulas` is set (see CsvOptions).
 */
export class CsvTableWriter implements TableFileWriter {
  private readonly out: WriteStream;
  private readonly escapeFormulas: boolean;
  private chunk = Buffer.allocUnsafeSlow(CHUNK_BYTES);
  private used = 0;
  private batchRows = 0;
  private closed = false;

  private constructor(private readonly schema: TableSchema, path: string, options: CsvOptions) {
    this.out = openFileStream(path, { encoding: 'utf8' });
    this.escapeFormulas = options.escapeFormulas === true;
    this.put(csvHeader(schema.columns.map((c) => c.name), this.escapeFormulas));
  }

  static async open(schema: TableSchema, path: string, options: CsvOptions = {}): Promise<CsvTableWriter> {
    return new CsvTableWriter(schema, path, options);
  }

  append(row: Row): Promise<void> {
    return this.appendCells(cellsOf(this.schema, row));
  }

  appendCells(cells: Cells): Promise<void> {
    const most = csvRecordBound(cells);
    if (this.used > 0 && this.used + most > this.chunk.length) return this.flush().then(() => this.add(cells, most));
    return this.add(cells, most);
  }

  /** Into the chunk, which has room for the record unless it is empty (then it grows to the record's bound). */
  private add(cells: Cells, most: number): Promise<void> {
    if (this.used === 0 && most > this.chunk.length) this.chunk = Buffer.allocUnsafeSlow(most);
    this.used += csvRecordInto(this.chunk, this.used, cells, this.escapeFormulas);
    return ++this.batchRows >= BATCH_ROWS ? this.flush() : APPENDED;
  }

  /** The header into the chunk, which has room for it unless it is empty (then it grows to the text's size). */
  private put(text: string): void {
    if (this.used === 0 && text.length * MAX_UTF8_PER_UNIT > this.chunk.length) this.chunk = Buffer.allocUnsafeSlow(text.length * MAX_UTF8_PER_UNIT);
    this.used += this.chunk.write(text, this.used, 'utf8');
  }

  /** The stream keeps what it is handed until it is written: it gets the filled chunk, and a new chunk takes the next records. */
  private async flush(): Promise<void> {
    if (this.used === 0) return;
    const batch = this.chunk.subarray(0, this.used);
    this.chunk = Buffer.allocUnsafeSlow(CHUNK_BYTES);
    this.used = 0;
    this.batchRows = 0;
    await writeChunk(this.out, batch);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
    await endFileStream(this.out);
  }

  /** Stops writing; the file is deleted next. */
  async abort(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await discardFileStream(this.out);
  }
}

