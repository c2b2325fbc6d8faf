/**
 * The Parquet footer with LogicalType annotations.
 *
 * parquetjs-lite writes a timestamp column with only the legacy ConvertedType TIMESTAMP_MILLIS.
 * The format says that type is UTC-adjusted, and pyarrow (pandas) reads it so, but DuckDB and
 * polars read a column without a LogicalType as a naive (zone-less) timestamp. So the footer also
 * carries LogicalType TIMESTAMP(isAdjustedToUTC = true, MILLIS), SchemaElement field 10, which
 * parquetjs-lite's own thrift code can serialize but its writer never sets; the ConvertedType stays
 * for readers that predate LogicalType, as the format asks of writers.
 *
 * The footer is built as parquetjs-lite's writer.js builds it (getMetadata, encodeFooter: neither
 * is exported), from the same schema, row count and row-group metadata, and with the same thrift
 * classes; test/writers.test.ts checks that it differs from the library's only by those
 * annotations. The row groups, pages and statistics are the library's, untouched.
 */
import parquetThrift from 'parquetjs-lite/gen-nodejs/parquet_types.js';
import { NewsEtlError } from '../errors.js';
import { serializeThrift } from './thrift-bytes.js';

const PARQUET_MAGIC = 'PAR1';
/** What parquetjs-lite writes as FileMetaData.version and created_by. */
const PARQUET_VERSION = 1;
const CREATED_BY = 'parquet.js';

/** The parts of a parquetjs-lite schema field (schema.js) that the footer describes. */
interface FooterField {
  name: string;
  repetitionType: string;
  primitiveType?: string;
  originalType?: string;
  typeLength?: number;
  isNested?: boolean;
  fieldCount?: number;
}

/** The LogicalType that states what a ConvertedType only implies, or null where readers agree already. */
function logicalTypeFor(originalType: string | undefined): unknown {
  if (originalType !== 'TIMESTAMP_MILLIS') return null;
  const unit = new parquetThrift.TimeUnit({ MILLIS: new parquetThrift.MilliSeconds() });
  return new parquetThrift.LogicalType({ TIMESTAMP: new parquetThrift.TimestampType({ isAdjustedToUTC: true, unit }) });
}

function schemaElements(fields: Record<string, unknown>, fieldList: FooterField[]): unknown[] {
  const root = new parquetThrift.SchemaElement();
  root.name = 'root';
  root.num_children = Object.keys(fields).length;
  const elements = [root];
  for (const field of fieldList) {
    const element = new parquetThrift.SchemaElement();
    element.name = field.name;
    element.repetition_type = parquetThrift.FieldRepetitionType[field.repetitionType];
    if (field.isNested) element.num_children = field.fieldCount;
    else element.type = parquetThrift.Type[field.primitiveType!];
    if (field.originalType) element.converted_type = parquetThrift.ConvertedType[field.originalType];
    element.type_length = field.typeLength;
    element.logicalType = logicalTypeFor(field.originalType);
    elements.push(element);
  }
  return elements;
}

/** The footer bytes: FileMetaData (thrift compact), its length, the magic. */
export function encodeFooter(schema: { fields: Record<string, unknown>; fieldList: FooterField[] }, rowCount: unknown,
  rowGroups: unknown[], userMetadata: Record<string, string> = {}): Buffer {
  const metadata = new parquetThrift.FileMetaData();
  metadata.version = PARQUET_VERSION;
  metadata.created_by = CREATED_BY;
  metadata.num_rows = rowCount;
  metadata.row_groups = rowGroups;
  metadata.schema = schemaElements(schema.fields, schema.fieldList);
  metadata.key_value_metadata = Object.entries(userMetadata).map(([key, value]) => new parquetThrift.KeyValue({ key, value }));
  // thrift-bytes' serializer: the same bytes as parquetjs-lite's, without a Buffer per byte and per int64 of every row group's metadata.
  const encoded: Buffer = serializeThrift(metadata);
  const footer = Buffer.alloc(encoded.length + 8);
  encoded.copy(footer);
  footer.writeUInt32LE(encoded.length, encoded.length);
  footer.write(PARQUET_MAGIC, encoded.length + 4);
  return footer;
}

/**
 * Makes a parquetjs-lite ParquetEnvelopeWriter (`writer.envelopeWriter`) end its file with
 * encodeFooter's footer instead of the library's. Only this writer changes: the library is not patched.
 */
export function useLogicalTypeFooter(envelopeWriter: any): void {
  if (typeof envelopeWriter?.writeFooter !== 'function' || typeof envelopeWriter.writeSection !== 'function') {
    throw new NewsEtlError('E_PARQUET_FOOTER', 'parquetjs-lite: its ParquetEnvelopeWriter has no writeFooter/writeSection (a changed library?)');
  }
  envelopeWriter.writeFooter = function writeFooter(this: any, userMetadata?: Record<string, string>): Promise<void> {
    return this.writeSection(encodeFooter(this.schema, this.rowCount, this.rowGroups, userMetadata ?? {}));
  };
}
