/**
 * Table schemas, written once. A schema drives the CSV writer (header, value formatting), the
 * Parquet writer (physical/logical types, nullability, compression), the README's schema section
 * (`news-etl schema`), and the DuckDB round-trip test.
 */

export type ColumnType = 'string' | 'int' | 'double' | 'bool' | 'date' | 'timestamp';

/** Row values as the table builders produce them: dates as 'YYYY-MM-DD', timestamps as ISO strings. */
export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

export interface Column<N extends string = string, T extends ColumnType = ColumnType, Null extends boolean = boolean> {
  name: N;
  type: T;
  nullable: Null;
  doc: string;
}

/** The JavaScript value a column of type T holds. */
export type CellOf<T extends ColumnType> = T extends 'int' | 'double' ? number : T extends 'bool' ? boolean : string;

/** The row type of a table, derived from its column list: a misspelt or missing column is a compile error. */
export type RowOf<C extends readonly Column[]> = {
  [K in C[number] as K['name']]: K['nullable'] extends false ? CellOf<K['type']> : CellOf<K['type']> | null;
};

export interface TableSchema<C extends readonly Column[] = readonly Column[]> {
  name: string;
  doc: string;
  columns: C;
}

function column<T extends ColumnType>(type: T) {
  return <N extends string>(name: N, doc: string): Column<N, T, false> => ({ name, type, nullable: false, doc });
}

export const col = {
  string: column('string'),
  int: column('int'),
  double: column('double'),
  bool: column('bool'),
  date: column('date'),
  timestamp: column('timestamp'),
};

export function nullable<N extends string, T extends ColumnType>(c: Column<N, T, boolean>): Column<N, T, true> {
  return { ...c, nullable: true };
}

export function table<const C extends readonly Column[]>(name: string, doc: string, columns: C): TableSchema<C> {
  return { name, doc, columns };
}

/** The SQL type DuckDB reports for a column of this type (used by docs and the round-trip test). */
export const DUCKDB_TYPE: Record<ColumnType, string> = {
  string: 'VARCHAR',
  int: 'INTEGER',
  double: 'DOUBLE',
  bool: 'BOOLEAN',
  date: 'DATE',
  timestamp: 'TIMESTAMP WITH TIME ZONE',
};

export class SchemaError extends Error {
  readonly code = 'E_SCHEMA';
}

/** A row's cells in column order; undefined where the row lacks the column. */
export type Cells = readonly (Cell | undefined)[];

const cellReaders = new WeakMap<TableSchema, (row: Row) => (Cell | undefined)[]>();

/**
 * The row's cells in column order, each read once: checking and every writer then index them.
 * The reader is made per table with the column names written in, so that each read is a plain
 * property load the engine caches for the table's one row shape, not a lookup by a name that
 * changes from one column to the next.
 */
export function cellsOf(schema: TableSchema, row: Row): (Cell | undefined)[] {
  let read = cellReaders.get(schema);
  if (!read) {
    const loads = schema.columns.map((c) => `row[${JSON.stringify(c.name)}]`).join(', ');
    read = new Function('row', `return [${loads}];`) as (row: Row) => (Cell | undefined)[];
    cellReaders.set(schema, read);
  }
  return read(row);
}

const columnNames = new WeakMap<TableSchema, Set<string>>();

/** Throws when a row does not fit its schema, so that a bug never writes a silently wrong table. */
export function checkRow(schema: TableSchema, row: Row): void {
  checkCells(schema, row, cellsOf(schema, row));
}

/** checkRow for a row whose cells (cellsOf) are read already. */
export function checkCells(schema: TableSchema, row: Row, cells: Cells): void {
  if (!hasOnlyColumns(row, cells)) checkKeys(schema, row);
  const columns = schema.columns;
  for (let i = 0; i < columns.length; i++) checkCell(schema, columns[i], cells[i]);
}

/**
 * True when the row's keys are certainly its columns': as many keys as columns, each column's cell
 * defined (so each column is a key). Rows the tables build are so; any other row is checked key by key.
 */
function hasOnlyColumns(row: Row, cells: Cells): boolean {
  let keys = 0;
  for (const _ in row) keys++;
  if (keys !== cells.length) return false;
  for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) return false;
  return true;
}

function checkKeys(schema: TableSchema, row: Row): void {
  let names = columnNames.get(schema);
  if (!names) columnNames.set(schema, (names = new Set(schema.columns.map((c) => c.name))));
  for (const key in row) {
    // Rows are typed from their schema, but a row assembled at run time (a test, an older checkpoint) may still carry a stray key.
    if (!names.has(key)) throw new SchemaError(`${schema.name} has no column ${key}`);
  }
}

function checkCell(schema: TableSchema, c: Column, v: Cell | undefined): void {
  if (v === null || v === undefined) {
    if (!c.nullable) throw new SchemaError(`${schema.name}.${c.name} is not nullable but got ${String(v)}`);
    return;
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
