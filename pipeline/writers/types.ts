import type { Row } from '../schema.js';

/** One open output file of one table in one format. */
export interface TableFileWriter {
  append(row: Row): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

export type OutputFormat = 'csv' | 'parquet';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['csv', 'parquet'];
