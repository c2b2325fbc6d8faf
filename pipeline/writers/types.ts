import type { Cells, Row } from '../schema.js';

/** One open output file of one table in one format. */
export interface TableFileWriter {
  /** Resolves once the row is taken; APPENDED when it was at once (the caller need not wait for it). */
  append(row: Row): Promise<void>;
  /** append for a row whose cells are read already (cellsOf), in the table's column order. */
  appendCells(cells: Cells): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

/** What append returns for a row taken at once: a row that fills no batch costs its caller no await. */
export const APPENDED: Promise<void> = Promise.resolve();

export type OutputFormat = 'csv' | 'parquet';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['csv', 'parquet'];

/** How CSV files are written. */
export interface CsvOptions {
  /**
   * Prefix a text cell that a spreadsheet would run as a formula (one starting with =, +, -, @, a
   * tab or CR, or their full-width forms) with a single quote: csv-stringify's escape_formulas.
   * Off by default: the quote then becomes part of the value for DuckDB, pandas and every other reader.
   */
  escapeFormulas?: boolean;
}
