import { Writable } from 'node:stream';
import parquet from 'parquetjs-lite';
import parquetTypes from 'parquetjs-lite/lib/types.js';
import type { Cell, Column, ColumnType, Row, TableSchema } from '../schema.js';
import type { TableFileWriter } from './types.js';
import { useLogicalTypeFooter } from './parquet-footer.js';

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
 * collecting them hashes every text into a Set (parquetjs-lite's distinct_values).
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
// parquetjs-lite's appendRow shreds every row with the generic Dremel algorithm (shred.js): per
// row it allocates an object and a Set per column, then copies them into the writer's row buffer;
// that was most of the CPU a Parquet table cost. Our tables are flat (no nesting, no repetition),
// so a row shreds to one value per column with repetition level 0 and definition level 0 (null)
// or 1 (present). appendFlat does exactly that, straight into the writer's own row buffer
// (`writer.rowBuffer`, the structure shredRecord fills), converting values with parquetjs-lite's
// own toPrimitive (strings excepted, see flatColumnsFor). Only the row that completes a page or a row group goes through appendRow, so
// that the library itself encodes pages and writes row groups: the library is not patched.
//
// That relies on internals (the rowBuffer layout, appendRow's flush rule), so before a table
// schema takes the fast path, a few probe rows are written both ways to memory and the files must
// be byte for byte the same (fastPathVerified); otherwise, e.g. after a parquetjs-lite upgrade that
// changed those internals, every row takes the generic appendRow, slower but correct.

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
}

/** One column of the writer's rowBuffer, as shredRecord creates and encodePages consumes it. */
interface ColumnData {
  dlevels: number[];
  rlevels: number[];
  values: unknown[];
  distinct_values: Set<unknown>;
  count: number;
}

interface FlatColumn {
  name: string;
  type: ColumnType;
  optional: boolean;
  dLevelMax: number;
  /** Whether encodePages computes statistics, from distinct_values (the raw values, as shredRecord keeps them). */
  statistics: boolean;
  toPrimitive: (value: unknown) => unknown;
  key: string;
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
      && f.repetitionType === (c.nullable ? 'OPTIONAL' : 'REQUIRED') && f.dLevelMax === (c.nullable ? 1 : 0);
    if (!flat || typeof logical?.toPrimitive !== 'function') return null;
    // PLAIN BYTE_ARRAY encoding (codec/plain.js) calls Buffer.from(value) on every value anyway:
    // UTF-8 for a string, a copy for a Buffer. After toPrimitive_UTF8 (Buffer.from(value, 'utf8'))
    // every string would be encoded and then copied; handed the string, it is encoded once, to the
    // same bytes (the probe rows have non-ASCII text).
    const keepString = type === 'UTF8' && f.primitiveType === 'BYTE_ARRAY' && f.encoding === 'PLAIN';
    columns.push({
      name: c.name, type: c.type, optional: c.nullable, dLevelMax: f.dLevelMax, statistics: f.statistics !== false,
      toPrimitive: keepString ? (v) => v : logical.toPrimitive, key: String(f.path),
    });
  }
  return columns;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const digit = (s: string, i: number): number => s.charCodeAt(i) - 48;

/**
 * Days since 1970-01-01 of a 'YYYY-MM-DD' date, by arithmetic (days_from_civil, proleptic
 * Gregorian, negative before 1970): what Date.parse(`${s}T00:00:00Z`) / 86400000 gives, without
 * building and parsing a string per value. Anything but a real calendar day takes that slow way.
 */
export function daysSinceEpoch(s: string): number {
  const y = digit(s, 0) * 1000 + digit(s, 1) * 100 + digit(s, 2) * 10 + digit(s, 3);
  const m = digit(s, 5) * 10 + digit(s, 6);
  const d = digit(s, 8) * 10 + digit(s, 9);
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const valid = ISO_DAY.test(s) && m >= 1 && m <= 12 && d >= 1 && d <= (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]);
  if (!valid) return Date.parse(`${s}T00:00:00Z`) / 86_400_000;
  const yy = m <= 2 ? y - 1 : y; // years start in March, so that the leap day is the last day
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** A Row's cell as parquetjs-lite's shredder would have received it from toParquetValue. */
function rawValue(c: FlatColumn, v: Cell): unknown {
  switch (c.type) {
    // from the day number, without parsing the string again (days may be negative: before 1970)
    case 'date': return new Date(daysSinceEpoch(v as string) * 86_400_000);
    case 'timestamp': return new Date(v as string);
    default: return v;
  }
}

const DONE = Promise.resolve();

/**
 * Rows a table writes through parquetjs-lite's appendRow before the fast path is verified (two
 * probe files written in memory) and taken: for the few rows of a small table, the probes would
 * cost more than they save. Either way the bytes are the same.
 */
const VERIFY_AFTER_ROWS = 256;

/** Parquet with SNAPPY compression; row groups bound the memory a writer holds. */
export class ParquetTableWriter implements TableFileWriter {
  /** The writer.rowBuffer whose columns columnData holds (appendRow replaces it after each row group). */
  private columnsOf: unknown = undefined;
  private closed = false;
  private compactedGroups = 0;
  private columnData: ColumnData[] = [];
  private readonly raw: unknown[];
  private readonly prim: unknown[];

  /** Rows appended so far (only counted until the fast path is decided). */
  private rows = 0;

  /** `flat` undefined: decided once the table has more than VERIFY_AFTER_ROWS rows. */
  private constructor(private readonly schema: TableSchema, private readonly writer: any, private flat: FlatColumn[] | null | undefined) {
    useLogicalTypeFooter(writer.envelopeWriter);
    this.raw = new Array(schema.columns.length);
    this.prim = new Array(schema.columns.length);
  }

  /** True when rows take the flat fast path (false: parquetjs-lite's generic appendRow for every row; undefined: not decided yet). */
  get fastPath(): boolean | undefined {
    return this.flat === undefined ? undefined : this.flat !== null;
  }

  /** The fast path is verified (and taken) only for a table of more than a few rows: the runs table of a run has one. */
  static async open(schema: TableSchema, path: string, rowGroupSize = 2048): Promise<ParquetTableWriter> {
    const writer = await parquet.ParquetWriter.openFile(parquetSchemaFor(schema), path, writerOptions(rowGroupSize));
    return new ParquetTableWriter(schema, writer, undefined);
  }

  /** A writer into a stream (used to verify the fast path in memory). */
  static async openStream(schema: TableSchema, out: Writable, rowGroupSize: number, fast: boolean): Promise<ParquetTableWriter> {
    const pschema = parquetSchemaFor(schema);
    const flat = fast ? flatColumnsFor(schema, pschema as any) : null;
    if (fast && !flat) throw new Error(`${schema.name}: not a flat Parquet schema`);
    const writer = await parquet.ParquetWriter.openStream(pschema, out, writerOptions(rowGroupSize));
    return new ParquetTableWriter(schema, writer, flat);
  }

  /** Not async on the fast path: no promise per row (the sink awaits every append). */
  append(row: Row): Promise<void> {
    if (this.flat === undefined && ++this.rows > VERIFY_AFTER_ROWS) return this.decideFastPath().then(() => this.append(row));
    if (this.flat && !this.completesPage()) {
      try {
        this.appendFlat(this.flat, row);
      } catch (err) {
        return Promise.reject(err);
      }
      return DONE;
    }
    return this.appendRecord(row);
  }

  private async decideFastPath(): Promise<void> {
    this.flat = (await fastPathVerified(this.schema)) ? flatColumnsFor(this.schema, this.writer.schema) : null;
  }

  /** parquetjs-lite's own appendRow (generic shredding; encodes and writes full pages and row groups). */
  private async appendRecord(row: Row): Promise<void> {
    const record: Record<string, unknown> = {};
    for (const c of this.schema.columns) {
      const v = toParquetValue(c, row[c.name] ?? null);
      if (v !== undefined) record[c.name] = v;
    }
    await this.writer.appendRow(record);
    this.compactFooterMetadata();
  }

  /**
   * parquetjs-lite keeps every written row group's metadata until close() writes the footer. Its
   * small Buffers (statistics values, node-int64's 8 bytes) are slices of Node's shared 8 KiB
   * pool slabs, so each row group pinned whole slabs: ~13 KB per row group, 700 row groups per lane
   * on the x10 corpus. Copying them into one exact-size buffer per row group frees the slabs.
   */
  private compactFooterMetadata(): void {
    const groups: unknown[] = this.writer.envelopeWriter?.rowGroups ?? [];
    for (; this.compactedGroups < groups.length; this.compactedGroups++) compactBuffers(groups[this.compactedGroups]);
  }

  /** Whether the next row completes a page or a row group: appendRow then encodes and writes it. */
  private completesPage(): boolean {
    const rb = this.writer.rowBuffer;
    const rows = rb.rowCount ?? 0;
    const pageRows = rb.pageRowCount ?? 0;
    return rows + 1 >= this.writer.rowGroupSize || pageRows + 1 >= this.writer.envelopeWriter.pageSize;
  }

  /** shredRecord for one flat row: converts every value first, so that a bad value leaves no partial row. */
  private appendFlat(columns: FlatColumn[], row: Row): void {
    const { raw, prim } = this;
    for (let i = 0; i < columns.length; i++) {
      const c = columns[i];
      const v = row[c.name];
      if (v === null || v === undefined) {
        if (!c.optional) throw new Error(`missing required field: ${c.name}`);
        raw[i] = undefined;
        continue;
      }
      raw[i] = rawValue(c, v);
      prim[i] = c.toPrimitive(raw[i]);
    }
    const data = this.currentColumnData(columns);
    for (let i = 0; i < columns.length; i++) {
      const c = columns[i];
      const d = data[i];
      d.rlevels.push(0);
      d.count += 1;
      if (raw[i] === undefined) {
        d.dlevels.push(0);
        continue;
      }
      d.dlevels.push(c.dLevelMax);
      d.values.push(prim[i]);
      if (c.statistics) d.distinct_values.add(raw[i]);
    }
    const rb = this.writer.rowBuffer;
    rb.rowCount += 1;
    rb.pageRowCount += 1;
  }

  /** The writer's rowBuffer columns; after a row group was written it is a fresh {} to set up as shredRecord does. */
  private currentColumnData(columns: FlatColumn[]): ColumnData[] {
    const rb = this.writer.rowBuffer;
    if (rb === this.columnsOf) return this.columnData;
    if (!('columnData' in rb) || !('rowCount' in rb)) {
      rb.rowCount = 0;
      rb.pageRowCount = 0;
      rb.columnData = {};
      rb.pages = {};
      for (const c of columns) {
        rb.columnData[c.key] = { dlevels: [], rlevels: [], values: [], distinct_values: new Set(), count: 0 };
        rb.pages[c.key] = [];
      }
    }
    this.columnsOf = rb;
    this.columnData = columns.map((c) => rb.columnData[c.key]);
    return this.columnData;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.writer.close();
  }

  /** Finishes the file quietly (it is deleted next): destroying the stream mid-write would throw later. */
  async abort(): Promise<void> {
    if (this.closed) return; // closed already: a second close would wait for a stream that has ended
    this.closed = true;
    try { await this.writer.close(); } catch { /* the file is deleted anyway */ }
  }
}

/** Every pooled Buffer reachable from `root` (and node-int64's `buffer`) moved into one exact-size buffer. */
function compactBuffers(root: unknown): void {
  const slots: Array<{ owner: Record<string, unknown>; key: string; bytes: Buffer }> = [];
  const seen = new Set<unknown>();
  const visit = (owner: Record<string, unknown>): void => {
    if (seen.has(owner)) return;
    seen.add(owner);
    for (const key of Object.keys(owner)) {
      const v = owner[key];
      if (Buffer.isBuffer(v)) {
        if (v.buffer.byteLength > v.length) slots.push({ owner, key, bytes: v });
      } else if (v !== null && typeof v === 'object') visit(v as Record<string, unknown>);
    }
  };
  visit(root as Record<string, unknown>);
  const total = slots.reduce((n, s) => n + s.bytes.length, 0);
  if (total === 0) return;
  const store = Buffer.allocUnsafeSlow(total);
  let at = 0;
  for (const { owner, key, bytes } of slots) {
    bytes.copy(store, at);
    owner[key] = store.subarray(at, at + bytes.length);
    at += bytes.length;
  }
}

// ---------------------------------------------------------------------------------------------
// Verification of the fast path, once per table schema and process.

/** Rows with every kind of value of the schema's types: nulls, negative numbers and days, non-ASCII. */
function probeRows(schema: TableSchema): Row[] {
  const samples: Record<ColumnType, Cell[]> = {
    string: ['a é 北京 🗞️', '', 'z'],
    int: [-7, 2_147_483_647, 0],
    double: [0.25, -1e300, 3],
    bool: [true, false, true],
    date: ['1969-12-31', '2024-02-29', '0099-03-01'],
    timestamp: ['1969-12-31T23:59:59.123Z', '2024-03-01T00:00:00.000Z', '2000-01-01T12:00:00.000Z'],
  };
  return [0, 1, 2, 3].map((i) => Object.fromEntries(schema.columns.map((c) => [c.name,
    c.nullable && i % 2 === 1 ? null : samples[c.type][i % 3]])));
}

/** The bytes of a Parquet file of these rows, written with or without the fast path. */
export async function writeToMemory(schema: TableSchema, rows: Row[], fast: boolean, rowGroupSize: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new Writable({ write(chunk: Buffer, _enc, done) { chunks.push(chunk); done(); } });
  const w = await ParquetTableWriter.openStream(schema, out, rowGroupSize, fast);
  for (const r of rows) await w.append(r);
  await w.close();
  return Buffer.concat(chunks);
}

const verified = new WeakMap<TableSchema, Promise<boolean>>();

/** Whether the fast path writes the same bytes as the generic appendRow for this schema's probe rows. */
export function fastPathVerified(schema: TableSchema): Promise<boolean> {
  let result = verified.get(schema);
  if (!result) {
    result = (async () => {
      if (!flatColumnsFor(schema, parquetSchemaFor(schema) as any)) return false;
      const rows = probeRows(schema);
      // Row groups of 3: fast rows, a row that completes a group through appendRow, a fast row in a
      // fresh rowBuffer, and the partial last group that close() writes.
      const [generic, fast] = await Promise.all([writeToMemory(schema, rows, false, 3), writeToMemory(schema, rows, true, 3)]);
      return generic.equals(fast);
    })().catch(() => false);
    verified.set(schema, result);
  }
  return result;
}
