import parquet from 'parquetjs-lite';
import type { Cell, Column, ColumnType, Row, TableSchema } from '../schema.js';
import type { TableFileWriter } from './types.js';

const PARQUET_TYPE: Record<ColumnType, string> = {
  string: 'UTF8',
  int: 'INT32',
  double: 'DOUBLE',
  bool: 'BOOLEAN',
  date: 'DATE',
  timestamp: 'TIMESTAMP_MILLIS',
};


export function parquetSchemaFor(schema: TableSchema): unknown {
  const fields: Record<string, unknown> = {};
  for (const c of schema.columns) {
    fields[c.name] = { type: PARQUET_TYPE[c.type], optional: c.nullable, compression: 'SNAPPY' };
  }
  return new parquet.ParquetSchema(fields);
}

function toParquetValue(column: Column, value: Cell): unknown {
  if (value === null || value === undefined) return undefined;
  switch (column.type) {
    // A UTC-midnight Date: parquetjs-lite turns it into days since the epoch, and unlike a plain
    // number it may be negative (dates before 1970 occur in article text).
    case 'date': return new Date(`${value as string}T00:00:00Z`);
    case 'timestamp': return new Date(value as string);
    default: return value;
  }
}

/** Parquet with SNAPPY compression; row groups bound the memory a writer holds. */
export class ParquetTableWriter implements TableFileWriter {
  private constructor(private readonly schema: TableSchema, private readonly writer: any) {}

  static async open(schema: TableSchema, path: string, rowGroupSize = 2048): Promise<ParquetTableWriter> {
    const writer = await parquet.ParquetWriter.openFile(parquetSchemaFor(schema), path, { rowGroupSize });
    return new ParquetTableWriter(schema, writer);
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

  /** Finishes the file quietly (it is deleted next): destroying the stream mid-write would throw later. */
  async abort(): Promise<void> {
    try { await this.writer.close(); } catch { /* the file is deleted anyway */ }
  }
}
