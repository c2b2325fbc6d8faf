/**
 * Table schemas, written once. A schema drives the CSV writer (header, value formatting), the
 * Parquet writer (physical/logical types, nullability, compression), the README's schema section
 * (`news-etl schema`), and the DuckDB round-trip test.
 */

export type ColumnType = 'string' | 'int' | 'double' | 'bool' | 'date' | 'timestamp';

/** Row values as the table builders produce them: dates as 'YYYY-MM-DD', timestamps as ISO strings. */
export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

export interface Column {
  name: string;
  type: ColumnType;
  nullable: boolean;
  doc: string;
}

export interface TableSchema {
  name: string;
  doc: string;
  columns: Column[];
}

export const col = {
  string: (name: string, doc: string): Column => ({ name, type: 'string', nullable: false, doc }),
  int: (name: string, doc: string): Column => ({ name, type: 'int', nullable: false, doc }),
  double: (name: string, doc: string): Column => ({ name, type: 'double', nullable: false, doc }),
  bool: (name: string, doc: string): Column => ({ name, type: 'bool', nullable: false, doc }),
  date: (name: string, doc: string): Column => ({ name, type: 'date', nullable: false, doc }),
  timestamp: (name: string, doc: string): Column => ({ name, type: 'timestamp', nullable: false, doc }),
};

export function nullable(column: Column): Column {
  return { ...column, nullable: true };
}

export function table(name: string, doc: string, columns: Column[]): TableSchema {
  return { name, doc, columns };
}

/** The SQL type DuckDB reports for a column of this type (used by docs and the round-trip test). */
export const DUCKDB_TYPE: Record<ColumnType, string> = {
  string: 'VARCHAR',
  int: 'INTEGER',
  double: 'DOUBLE',
  bool: 'BOOLEAN',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
};

export class SchemaError extends Error {
  readonly code = 'E_SCHEMA';
}

/** Throws when a row does not fit its schema, so that a bug never writes a silently wrong table. */
export function checkRow(schema: TableSchema, row: Row): void {
  for (const c of schema.columns) {
    const v = row[c.name];
    if (v === null || v === undefined) {
      if (!c.nullable) throw new SchemaError(`${schema.name}.${c.name} is not nullable but got ${String(v)}`);
      continue;
    }
    const ok =
      c.type === 'string' ? typeof v === 'string'
      : c.type === 'int' ? Number.isInteger(v)
      : c.type === 'double' ? typeof v === 'number' && Number.isFinite(v)
      : c.type === 'bool' ? typeof v === 'boolean'
      : c.type === 'date' ? typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)
      : typeof v === 'string' && !Number.isNaN(Date.parse(v));
    if (!ok) throw new SchemaError(`${schema.name}.${c.name}: ${JSON.stringify(v)} is not a ${c.type}`);
  }
}
