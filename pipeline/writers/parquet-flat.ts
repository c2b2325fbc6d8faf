/**
 * Row groups of a flat table (no nesting, no repetition), encoded as parquetjs-lite encodes them
 * (writer.js encodePages, encodeDataPageV2, encodeColumnChunk, encodeRowGroup), from columns filled
 * as rows arrive. The library's per-row work was most of what a Parquet table cost: its row buffer
 * holds a Buffer per string, every value again in a Set for the statistics, and its row group is
 * concatenated column by column. Here a string goes once into its column's bytes, a value is kept
 * only while it may be a page's min or max, and a row group is joined once.
 *
 * The statistics hold min, max and null count, but no distinct count: the library's is what every
 * value hashed into a Set was for, and neither pyarrow nor parquet-mr writes one, nor do DuckDB,
 * pandas or polars need it. With `distinctCounts` the pages are the library's byte for byte, which
 * is how parquet.ts verifies this path (probe rows written both ways must give the same bytes)
 * before it takes it without.
 *
 * The library's own parts do the rest: PLAIN and RLE encoders for numbers and levels, snappy, the
 * thrift classes, the envelope writer and the footer.
 */
import parquetThrift from 'parquetjs-lite/gen-nodejs/parquet_types.js';
import parquetUtil from 'parquetjs-lite/lib/util.js';
import parquetCodec from 'parquetjs-lite/lib/codec/index.js';
import parquetCompression from 'parquetjs-lite/lib/compression.js';
import type { Cell, Cells, ColumnType } from '../schema.js';
import { ColumnBytes } from './column-bytes.js';
import { serializeThrift } from './thrift-bytes.js';

/** What a column needs of its parquetjs-lite field (schema.js) and of our schema. */
export interface FlatColumn {
  name: string;
  type: ColumnType;
  optional: boolean;
  path: string[];
  primitiveType: string;
  compression: string;
  dLevelMax: number;
  /** Whether pages and chunks carry statistics (parquetjs-lite's `statistics: false` turns them off). */
  statistics: boolean;
  /** parquetjs-lite's conversion of a value of this type (strings excepted: written as they are). */
  toPrimitive: (value: unknown) => unknown;
}

type Primitive = string | number | boolean;

/** A written page, with what its column chunk's statistics are made of. */
interface Page {
  bytes: Buffer;
  rows: number;
  nulls: number;
  min: Primitive | undefined;
  max: Primitive | undefined;
  /** The library's distinct count, only when written as the library writes it. */
  distinct: Set<Primitive> | number | undefined;
}

const RDLVL_ENCODING = 'RLE';
const VALUE_ENCODING = 'PLAIN';

/**
 * Dates and timestamps reached parquetjs-lite's statistics as Date objects, each distinct from
 * every other, so the library's distinct count of them is the number of values.
 */
const COUNTED: ReadonlySet<ColumnType> = new Set(['date', 'timestamp']);

/**
 * One column of the page being filled, and the pages of the row group being filled. Strings and
 * other values are kept by subclasses of their own, so that each compares one kind of value.
 */
abstract class ColumnPages {
  protected primitives: Primitive[] = [];
  private dlevels: number[] = [];
  private rows = 0;
  private nulls = 0;
  protected min: Primitive | undefined = undefined;
  protected max: Primitive | undefined = undefined;
  /**
   * The last value the page's statistics took: a value that repeats the one before it (a document's
   * id down its mentions, the run id down a table) cannot change them, and is not compared again.
   */
  protected last: Primitive | undefined = undefined;
  /** The page's distinct values, only for the library's distinct count (verification). */
  protected distinct: Set<Primitive> | null;
  pages: Page[] = [];

  constructor(readonly column: FlatColumn, protected readonly strings: ColumnBytes | null, private readonly distinctCounts: boolean) {
    this.distinct = distinctCounts && column.statistics && !COUNTED.has(column.type) ? new Set() : null;
  }

  add(value: Primitive | undefined): void {
    this.rows++;
    if (value === undefined) {
      this.nulls++;
      if (this.column.dLevelMax > 0) this.dlevels.push(0);
      return;
    }
    if (this.column.dLevelMax > 0) this.dlevels.push(this.column.dLevelMax);
    this.keep(value);
  }

  /**
   * Into the page and its statistics, which see the value as the page holds it (a DOUBLE's -0 is
   * the 0 that toPrimitive made of it). Comparing a value seen before in the page again changes
   * neither min nor max: the min only decreases, and no value compares with NaN (refused anyway).
   */
  protected abstract keep(value: Primitive): void;

  /** encodePages + encodeDataPageV2 for this column. */
  endPage(): void {
    const c = this.column;
    const values: Buffer = this.strings ? this.strings.take() : parquetCodec[VALUE_ENCODING].encodeValues(c.primitiveType, this.primitives, {});
    const deflated: Buffer = parquetCompression.deflate(c.compression, values);
    // Uncompressed, the page would be the strings' reused memory itself.
    const compressed = deflated === values && this.strings ? Buffer.from(values) : deflated;
    const dlevels: Buffer = c.dLevelMax > 0
      ? parquetCodec[RDLVL_ENCODING].encodeValues('INT32', this.dlevels, { bitWidth: parquetUtil.getBitWidth(c.dLevelMax), disableEnvelope: true })
      : EMPTY;
    const distinct = this.distinctCounts ? this.distinct ?? this.rows - this.nulls : undefined;
    const header = new parquetThrift.PageHeader();
    header.type = parquetThrift.PageType.DATA_PAGE_V2;
    header.data_page_header_v2 = new parquetThrift.DataPageHeaderV2();
    header.data_page_header_v2.num_values = this.rows;
    header.data_page_header_v2.num_nulls = this.nulls;
    header.data_page_header_v2.num_rows = this.rows;
    if (c.statistics) header.data_page_header_v2.statistics = encodeStatistics(c, this.min, this.max, this.nulls, distinct === undefined ? undefined : sizeOf(distinct));
    header.uncompressed_page_size = dlevels.length + values.length;
    header.compressed_page_size = dlevels.length + compressed.length;
    header.data_page_header_v2.encoding = parquetThrift.Encoding[VALUE_ENCODING];
    header.data_page_header_v2.definition_levels_byte_length = dlevels.length;
    header.data_page_header_v2.repetition_levels_byte_length = 0;
    header.data_page_header_v2.is_compressed = c.compression !== 'UNCOMPRESSED';
    const bytes = Buffer.concat([serializeThrift(header), dlevels, compressed]);
    this.pages.push({ bytes, rows: this.rows, nulls: this.nulls, min: this.min, max: this.max, distinct });
    this.primitives = [];
    this.dlevels = [];
    this.rows = 0;
    this.nulls = 0;
    this.min = undefined;
    this.max = undefined;
    this.last = undefined;
    if (this.distinct) this.distinct = new Set();
  }

  /** encodeColumnChunk: the pages and their ColumnMetaData; the pages are handed over. */
  endChunk(baseOffset: number): { body: Buffer[]; length: number; metadata: unknown } {
    const c = this.column;
    const pages = this.pages;
    this.pages = [];
    const length = pages.reduce((n, p) => n + p.bytes.length, 0);
    const metadata = new parquetThrift.ColumnMetaData();
    metadata.path_in_schema = c.path;
    metadata.num_values = pages.reduce((n, p) => n + p.rows, 0);
    metadata.data_page_offset = baseOffset;
    metadata.encodings = [];
    metadata.total_uncompressed_size = length;
    metadata.total_compressed_size = length;
    metadata.type = parquetThrift.Type[c.primitiveType];
    metadata.codec = parquetThrift.CompressionCodec[c.compression];
    if (c.statistics) metadata.statistics = chunkStatistics(c, pages);
    for (const encoding of new Set([RDLVL_ENCODING, VALUE_ENCODING])) metadata.encodings.push(parquetThrift.Encoding[encoding]);
    const serialized: Buffer = serializeThrift(metadata);
    return { body: [...pages.map((p) => p.bytes), serialized], length: length + serialized.length, metadata };
  }
}

class StringColumnPages extends ColumnPages {
  constructor(column: FlatColumn, distinctCounts: boolean) {
    super(column, new ColumnBytes(), distinctCounts);
  }

  protected keep(value: Primitive): void {
    const text = value as string;
    this.strings!.addString(text);
    if (!this.column.statistics || text === this.last) return;
    this.last = text;
    this.distinct?.add(text);
    if (this.min === undefined || text < (this.min as string)) this.min = text;
    if (this.max === undefined || text > (this.max as string)) this.max = text;
  }
}

class ValueColumnPages extends ColumnPages {
  constructor(column: FlatColumn, distinctCounts: boolean) {
    super(column, null, distinctCounts);
  }

  protected keep(value: Primitive): void {
    this.primitives.push(value);
    if (!this.column.statistics || value === this.last) return;
    this.last = value;
    this.distinct?.add(value);
    if (this.min === undefined || value < this.min) this.min = value;
    if (this.max === undefined || value > this.max) this.max = value;
  }
}

const EMPTY = Buffer.alloc(0);

const sizeOf = (distinct: Set<Primitive> | number): number => (typeof distinct === 'number' ? distinct : distinct.size);

/** The column chunk's statistics from its pages', compared as encodeColumnChunk compares them. */
function chunkStatistics(c: FlatColumn, pages: Page[]): unknown {
  let min: Primitive | undefined;
  let max: Primitive | undefined;
  let nulls = 0;
  for (let i = 0; i < pages.length; i++) {
    const p = pages[i];
    if (i === 0 || (p.max as Primitive) > (max as Primitive)) max = p.max;
    if (i === 0 || (p.min as Primitive) < (min as Primitive)) min = p.min;
    nulls += p.nulls;
  }
  return encodeStatistics(c, min, max, nulls, pages[0].distinct === undefined ? undefined : distinctCount(pages));
}

/** The library's distinct count of a column chunk: its pages' distinct values together. */
function distinctCount(pages: Page[]): number {
  if (pages.length === 1) return sizeOf(pages[0].distinct!);
  if (pages.every((p) => typeof p.distinct === 'number')) return pages.reduce((n, p) => n + (p.distinct as number), 0);
  const all = new Set<Primitive>();
  for (const p of pages) for (const v of p.distinct as Set<Primitive>) all.add(v);
  return all.size;
}

/** Statistics with the library's distinct count, or (undefined) without one. */
function encodeStatistics(c: FlatColumn, min: Primitive | undefined, max: Primitive | undefined, nulls: number, distinct: number | undefined): unknown {
  const minValue = min === undefined ? null : statisticsValue(c, min);
  const maxValue = max === undefined ? null : statisticsValue(c, max);
  return new parquetThrift.Statistics({ max_value: maxValue, min_value: minValue, null_count: nulls, distinct_count: distinct, max: maxValue, min: minValue });
}

/** encodeStatisticsValue: a string's UTF-8 bytes, any other primitive PLAIN-encoded. */
function statisticsValue(c: FlatColumn, value: Primitive): Buffer {
  if (c.primitiveType === 'BYTE_ARRAY') return Buffer.from(value as string, 'utf8');
  return parquetCodec[VALUE_ENCODING].encodeValues(c.primitiveType, [value], c);
}

/** A row group ready to be written: its bytes and its RowGroup metadata for the footer. */
export interface EncodedRowGroup {
  body: Buffer;
  metadata: unknown;
  rows: number;
}

/** Fills the columns of a flat table row by row and hands over each finished row group. */
export class FlatRowGroups {
  private readonly columns: ColumnPages[];
  private readonly primitives: (Primitive | undefined)[];
  private rows = 0;
  private pageRows = 0;

  /** `distinctCounts`: statistics with the library's distinct counts, to compare with its bytes. */
  constructor(columns: FlatColumn[], private readonly rowGroupSize: number, private readonly pageSize: number, distinctCounts = false) {
    this.columns = columns.map((c) => (c.primitiveType === 'BYTE_ARRAY' ? new StringColumnPages(c, distinctCounts) : new ValueColumnPages(c, distinctCounts)));
    this.primitives = new Array(columns.length);
  }

  /** Converts every value first, so that a refused value leaves no partial row. True when a row group is complete. */
  add(cells: Cells): boolean {
    const { columns, primitives } = this;
    for (let i = 0; i < columns.length; i++) primitives[i] = primitiveOf(columns[i].column, cells[i]);
    for (let i = 0; i < columns.length; i++) columns[i].add(primitives[i]);
    this.rows++;
    if (++this.pageRows >= this.pageSize) this.endPage();
    return this.rows >= this.rowGroupSize;
  }

  private endPage(): void {
    for (const c of this.columns) c.endPage();
    this.pageRows = 0;
  }

  /** encodeRowGroup at file offset `baseOffset`; undefined when there is no row. */
  take(baseOffset: number): EncodedRowGroup | undefined {
    if (this.rows === 0) return undefined;
    if (this.pageRows > 0) this.endPage();
    const metadata = new parquetThrift.RowGroup();
    metadata.num_rows = this.rows;
    metadata.columns = [];
    metadata.total_byte_size = 0;
    const body: Buffer[] = [];
    for (const c of this.columns) {
      const chunk = c.endChunk(baseOffset + metadata.total_byte_size);
      const columnChunk = new parquetThrift.ColumnChunk();
      columnChunk.file_offset = baseOffset + metadata.total_byte_size + chunk.length - chunk.body[chunk.body.length - 1].length;
      columnChunk.meta_data = chunk.metadata;
      metadata.columns.push(columnChunk);
      metadata.total_byte_size += chunk.length;
      body.push(...chunk.body);
    }
    const rows = this.rows;
    this.rows = 0;
    return { body: Buffer.concat(body, metadata.total_byte_size), metadata, rows };
  }
}

/** The value as the column's pages hold it; undefined for null. Throws as parquetjs-lite's shredder would. */
function primitiveOf(c: FlatColumn, value: Cell | undefined): Primitive | undefined {
  if (value === null || value === undefined) {
    if (!c.optional) throw new Error(`missing required field: ${c.name}`);
    return undefined;
  }
  switch (c.type) {
    case 'string':
      if (typeof value !== 'string') throw new TypeError(`${c.name}: ${String(value)} is not a string`);
      return value;
    case 'date': return daysSinceEpoch(value as string);
    case 'timestamp': return timestampMillis(value as string);
    default: return c.toPrimitive(value) as Primitive;
  }
}

function timestampMillis(value: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`invalid value for TIMESTAMP_MILLIS: ${value}`);
  return ms;
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
