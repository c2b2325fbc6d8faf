import { Writable } from 'node:stream';
import parquet from 'parquetjs-lite';
import parquetTypes from 'parquetjs-lite/lib/types.js';
import { cellsOf, type Cell, type Cells, type Column, type ColumnType, type Row, type TableSchema } from '../schema.js';
import { APPENDED, type TableFileWriter } from './types.js';
import { useLogicalTypeFooter } from './parquet-footer.js';
import { FlatRowGroups, type FlatColumn } from './parquet-flat.js';
import { openFileStream, writeChunk } from './file-stream.js';
import { SerializedStruct } from './thrift-bytes.js';

/** parquetjs-lite's types; a timestamp also gets its UTC-adjusted LogicalType in the footer (parquet-footer.ts). */
const PARQUET_TYPE: Record<ColumnType, string> = {
  string: 'UTF8',
  int: 'INT32',
  double: 'DOUBLE',
  bool: 'BOOLEAN',
  date: 'DATE',
  timestamp: 'TIMESTAMP_MILLIS',
};


/**
 * Long free text: no column statistics. Their min/max would be whole article texts (copied into
 * every page header, the column index and the footer), no reader can prune on them, and
 * collecting them compares every text (parquetjs-lite's appendRow also hashes each into a Set).
 */
const NO_STATISTICS = new Set(['documents.text']);

/**
 * No page index (ColumnIndex/OffsetIndex): a column chunk here is one or two pages, so it repeats
 * the row group's statistics (which readers prune on), and parquetjs-lite holds it in memory for
 * every row group until the footer is written.
 */
function writerOptions(rowGroupSize: number): Record<string, unknown> {
  return { rowGroupSize, pageIndex: false };
}

export function parquetSchemaFor(schema: TableSchema): unknown {
  const fields: Record<string, unknown> = {};
  for (const c of schema.columns) {
    const statistics = NO_STATISTICS.has(`${schema.name}.${c.name}`) ? { statistics: false } : {};
    fields[c.name] = { type: PARQUET_TYPE[c.type], optional: c.nullable, compression: 'SNAPPY', ...statistics };
  }
  return new parquet.ParquetSchema(fields);
}

export function toParquetValue(column: Column, value: Cell): unknown {
  if (value === null || value === undefined) return undefined;
  switch (column.type) {
    // A UTC-midnight Date: parquetjs-lite turns it into days since the epoch, and unlike a plain
    // number it may be negative (dates before 1970 occur in article text).
    case 'date': return new Date(`${value as string}T00:00:00Z`);
    case 'timestamp': return new Date(value as string);
    default: return value;
  }
}

// ---------------------------------------------------------------------------------------------
// The flat fast path.
//
// parquetjs-lite's appendRow shreds every row with the generic Dremel algorithm (shred.js) into a
// row buffer that its encodePages and writeRowGroup then encode. Our tables are flat (no nesting,
// no repetition), so parquet-flat.ts fills and encodes the columns itself, to the same bytes, and
// hands each row group to the library's envelope writer; the library writes the header, the
// footer and closes the file. The library is not patched.
//
// That relies on internals (what encodePages and encodeRowGroup write, the envelope writer's
// bookkeeping), so before a table schema takes the fast path, a few probe rows are written both
// ways to memory and the files must be byte for byte the same (fastPathVerified); otherwise, e.g.
// after a parquetjs-lite upgrade that changed those internals, every row takes the generic
// appendRow, slower but correct. The fast path's statistics leave out the library's distinct
// count (parquet-flat.ts), so the probe is written with it ('flat-distinct'), as the library would.

/**
 * How rows are encoded: parquetjs-lite's generic appendRow; the flat fast path; or the flat path
 * with the library's distinct counts in its statistics, which is the library's bytes exactly.
 */
export type ParquetPath = 'generic' | 'flat' | 'flat-distinct';

/** The parquetjs-lite field description (schema.js) of one flat column. */
interface ParquetField {
  name: string;
  path: string[];
  primitiveType: string;
  originalType?: string;
  repetitionType: string;
  rLevelMax: number;
  dLevelMax: number;
  isNested?: boolean;
  statistics?: boolean;
  encoding: string;
  compression: string;
}

/** The columns of a flat schema, or null when parquetjs-lite describes it otherwise than expected. */
function flatColumnsFor(schema: TableSchema, pschema: { fieldList: ParquetField[] }): FlatColumn[] | null {
  const fields = pschema.fieldList;
  if (!Array.isArray(fields) || fields.length !== schema.columns.length) return null;
  const columns: FlatColumn[] = [];
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    const c = schema.columns[i];
    const type = f.originalType ?? f.primitiveType;
    const logical = parquetTypes.PARQUET_LOGICAL_TYPES?.[type];
    const flat = !f.isNested && f.name === c.name && Array.isArray(f.path) && f.path.length === 1 && f.rLevelMax === 0
      && f.repetitionType === (c.nullable ? 'OPTIONAL' : 'REQUIRED') && f.dLevelMax === (c.nullable ? 1 : 0) && f.encoding === 'PLAIN';
    if (!flat || typeof logical?.toPrimitive !== 'function') return null;
    columns.push({
      name: c.name, type: c.type, optional: c.nullable, path: f.path, primitiveType: f.primitiveType, compression: f.compression,
      dLevelMax: f.dLevelMax, statistics: f.statistics !== false, toPrimitive: logical.toPrimitive,
    });
  }
  return columns;
}

/**
 * Rows a table holds before the fast path is verified (two probe files written in memory) and
 * taken: for the few rows of a small table, the probes would cost more than they save, and its
 * rows go through parquetjs-lite's appendRow. Either way the bytes are the same.
 */
const VERIFY_AFTER_ROWS = 256;

/** Parquet with SNAPPY compression; row groups bound the memory a writer holds. */
export class ParquetTableWriter implements TableFileWriter {
  private closed = false;
  private compactedGroups = 0;
  private groups: FlatRowGroups | undefined;
  /** Rows (their cells) held until the path is decided. */
  private undecided: Cells[] = [];

  /** `flat` undefined: decided once the table has more than VERIFY_AFTER_ROWS rows. */
  private constructor(private readonly schema: TableSchema, private readonly writer: any, private readonly out: Writable, private flat: FlatColumn[] | null | undefined,
    private readonly distinctCounts = false) {
    useLogicalTypeFooter(writer.envelopeWriter);
    if (flat) this.groups = this.rowGroupsOf(flat);
  }

  /** True when rows take the flat fast path (false: parquetjs-lite's generic appendRow for every row; undefined: not decided yet). */
  get fastPath(): boolean | undefined {
    return this.flat === undefined ? undefined : this.flat !== null;
  }

  /** The fast path is verified (and taken) only for a table of more than a few rows: the runs table of a run has one. */
  static async open(schema: TableSchema, path: string, rowGroupSize = 2048): Promise<ParquetTableWriter> {
    const out = openFileStream(path);
    const writer = await parquet.ParquetWriter.openStream(parquetSchemaFor(schema), out, writerOptions(rowGroupSize));
    return new ParquetTableWriter(schema, writer, out, undefined);
  }

  /** A writer into a stream (used to verify the fast path in memory). */
  static async openStream(schema: TableSchema, out: Writable, rowGroupSize: number, path: ParquetPath): Promise<ParquetTableWriter> {
    const pschema = parquetSchemaFor(schema);
    const fast = path !== 'generic';
    const flat = fast ? flatColumnsFor(schema, pschema as any) : null;
    if (fast && !flat) throw new Error(`${schema.name}: not a flat Parquet schema`);
    const writer = await parquet.ParquetWriter.openStream(pschema, out, writerOptions(rowGroupSize));
    return new ParquetTableWriter(schema, writer, out, flat, path === 'flat-distinct');
  }

  /** Not async on the fast path: no promise per row (the sink awaits every append). */
  append(row: Row): Promise<void> {
    return this.appendCells(cellsOf(this.schema, row));
  }

  appendCells(cells: Cells): Promise<void> {
    if (this.groups) {
      try {
        if (!this.groups.add(cells)) return APPENDED;
      } catch (err) {
        return Promise.reject(err);
      }
      return this.writeRowGroup();
    }
    if (this.flat === null) return this.appendRecord(cells);
    return this.hold(cells);
  }

  /** A row of a table whose path is not decided yet: refused now if it lacks a required value, as either path would. */
  private hold(cells: Cells): Promise<void> {
    const missing = this.schema.columns.find((c, i) => !c.nullable && (cells[i] === null || cells[i] === undefined));
    if (missing) return Promise.reject(new Error(`missing required field: ${missing.name}`));
    this.undecided.push(cells);
    return this.undecided.length > VERIFY_AFTER_ROWS ? this.decide() : APPENDED;
  }

  private async decide(): Promise<void> {
    const flat = (await fastPathVerified(this.schema)) ? flatColumnsFor(this.schema, this.writer.schema) : null;
    this.flat = flat;
    if (flat) this.groups = this.rowGroupsOf(flat);
    await this.appendUndecided();
  }

  private async appendUndecided(): Promise<void> {
    const rows = this.undecided;
    this.undecided = [];
    for (const cells of rows) await this.appendCells(cells);
  }

  private rowGroupsOf(flat: FlatColumn[]): FlatRowGroups {
    return new FlatRowGroups(flat, this.writer.rowGroupSize, this.writer.envelopeWriter.pageSize, this.distinctCounts);
  }

  /**
   * What parquetjs-lite's writeRowGroup does with the row group that encodeRowGroup makes, but for
   * its write: the bytes go to the file stream as writeChunk hands them, without waiting for the
   * file system to take them unless the stream holds a few row groups already (parquetjs-lite's
   * writeSection waits for each write), so that the next rows are encoded meanwhile.
   */
  private async writeRowGroup(): Promise<void> {
    const envelope = this.writer.envelopeWriter;
    const group = this.groups!.take(envelope.offset);
    if (!group) return;
    envelope.rowCount += group.rows;
    envelope.rowGroups.push(group.metadata);
    this.compactFooterMetadata();
    envelope.offset += group.body.length;
    await writeChunk(this.out, group.body);
  }

  /** parquetjs-lite's own appendRow (generic shredding; encodes and writes full pages and row groups). */
  private async appendRecord(cells: Cells): Promise<void> {
    const record: Record<string, unknown> = {};
    const columns = this.schema.columns;
    for (let i = 0; i < columns.length; i++) {
      const v = toParquetValue(columns[i], cells[i] ?? null);
      if (v !== undefined) record[columns[i].name] = v;
    }
    await this.writer.appendRow(record);
    this.compactFooterMetadata();
  }

  /**
   * parquetjs-lite keeps every written row group's metadata until close() writes the footer. As
   * thrift objects (column chunks, statistics, node-int64s, small Buffers) that is several times
   * the metadata's encoded size, and it grows with the rows written (docs/benchmarks.md). Each is
   * kept as its footer bytes instead (SerializedStruct), which encodeFooter writes as they are:
   * the same file.
   */
  private compactFooterMetadata(): void {
    const groups: unknown[] | undefined = this.writer.envelopeWriter?.rowGroups;
    if (!groups) return;
    for (; this.compactedGroups < groups.length; this.compactedGroups++) {
      groups[this.compactedGroups] = new SerializedStruct(groups[this.compactedGroups] as { write(protocol: unknown): void });
    }
  }

  /** A table left undecided (a few rows) goes through appendRow; the last row group is written before the footer. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.flat === undefined) {
      for (const cells of this.undecided) await this.appendRecord(cells);
      this.undecided = [];
    }
    if (this.groups) await this.writeRowGroup();
    await this.writer.close();
  }

  /** Finishes the file quietly (it is deleted next): destroying the stream mid-write would throw later. */
  async abort(): Promise<void> {
    if (this.closed) return; // closed already: a second close would wait for a stream that has ended
    this.closed = true;
    try { await this.writer.close(); } catch { /* the file is deleted anyway */ }
  }
}


// ---------------------------------------------------------------------------------------------
// Verification of the fast path, once per table schema and process.

/**
 * Rows with every kind of value of the schema's types: nulls, negative numbers and days, -0,
 * non-ASCII, a value repeated within a row group (distinct counts), a row group of nulls only.
 */
function probeRows(schema: TableSchema): Row[] {
  const samples: Record<ColumnType, Cell[]> = {
    string: ['a é 北京 🗞️', '', 'z'],
    int: [-7, 2_147_483_647, 0],
    double: [0.25, -1e300, -0],
    bool: [true, false, true],
    date: ['1969-12-31', '2024-02-29', '0099-03-01'],
    timestamp: ['1969-12-31T23:59:59.123Z', '2024-03-01T00:00:00.000Z', '2000-01-01T12:00:00.000Z'],
  };
  const sampleOfRow = [0, 1, 0, 2, 2, 1, 0, 0, 1];
  return sampleOfRow.map((k, i) => Object.fromEntries(schema.columns.map((c) => [c.name,
    c.nullable && (i % 2 === 1 || i >= 6) ? null : samples[c.type][k]])));
}

/** The bytes of a Parquet file of these rows, written the given way. */
export async function writeToMemory(schema: TableSchema, rows: Row[], path: ParquetPath, rowGroupSize: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new Writable({ write(chunk: Buffer, _enc, done) { chunks.push(chunk); done(); } });
  const w = await ParquetTableWriter.openStream(schema, out, rowGroupSize, path);
  for (const r of rows) await w.append(r);
  await w.close();
  return Buffer.concat(chunks);
}

const verified = new WeakMap<TableSchema, Promise<boolean>>();

/** Whether the fast path (with the library's distinct counts) writes the same bytes as the generic appendRow for this schema's probe rows. */
export function fastPathVerified(schema: TableSchema): Promise<boolean> {
  let result = verified.get(schema);
  if (!result) {
    result = (async () => {
      if (!flatColumnsFor(schema, parquetSchemaFor(schema) as any)) return false;
      const rows = probeRows(schema);
      // Row groups of 3: full groups written as they complete, and the last one that close() writes.
      const [generic, fast] = await Promise.all([writeToMemory(schema, rows, 'generic', 3), writeToMemory(schema, rows, 'flat-distinct', 3)]);
      return generic.equals(fast);
    })().catch(() => false);
    verified.set(schema, result);
  }
  return result;
}
