import { describe, it, expect } from 'vitest';
import parquetThrift from 'parquetjs-lite/gen-nodejs/parquet_types.js';
import parquetUtil from 'parquetjs-lite/lib/util.js';
import { serializeThrift } from '../pipeline/writers/thrift-bytes.js';

/** Page headers and column metadata with every kind of value the flat path writes: small, large and negative numbers, 64-bit counts, binary and strings. */
function samples(): unknown[] {
  const out: unknown[] = [];
  for (const [rows, nulls, min, max] of [[1, 0, 'a', 'z'], [2048, 17, '', 'é北京🗞️'.repeat(40)], [70_000, 2_147_483_647, '-7', 'x'.repeat(300)]] as const) {
    const stats = new parquetThrift.Statistics({
      max_value: Buffer.from(max), min_value: Buffer.from(min), null_count: nulls, distinct_count: rows - 1, max: Buffer.from(max), min: Buffer.from(min),
    });
    const header = new parquetThrift.PageHeader();
    header.type = parquetThrift.PageType.DATA_PAGE_V2;
    header.data_page_header_v2 = new parquetThrift.DataPageHeaderV2();
    header.data_page_header_v2.num_values = rows;
    header.data_page_header_v2.num_nulls = nulls;
    header.data_page_header_v2.num_rows = rows;
    header.data_page_header_v2.statistics = stats;
    header.uncompressed_page_size = rows * 300;
    header.compressed_page_size = rows * 100;
    header.data_page_header_v2.encoding = parquetThrift.Encoding.PLAIN;
    header.data_page_header_v2.definition_levels_byte_length = nulls % 1000;
    header.data_page_header_v2.repetition_levels_byte_length = 0;
    header.data_page_header_v2.is_compressed = rows % 2 === 0;
    out.push(header);
    const metadata = new parquetThrift.ColumnMetaData();
    metadata.path_in_schema = ['col_é'];
    metadata.num_values = rows;
    metadata.data_page_offset = rows * 1_000_003;
    metadata.encodings = [parquetThrift.Encoding.RLE, parquetThrift.Encoding.PLAIN];
    metadata.total_uncompressed_size = rows * 7_000_001;
    metadata.total_compressed_size = rows * 3;
    metadata.type = parquetThrift.Type.BYTE_ARRAY;
    metadata.codec = parquetThrift.CompressionCodec.SNAPPY;
    metadata.statistics = stats;
    out.push(metadata);
  }
  return out;
}

describe('serializeThrift', () => {
  it("writes the bytes parquetjs-lite's serializeThrift writes", () => {
    for (const obj of samples()) {
      const ours = serializeThrift(obj as { write(p: unknown): void });
      expect(ours.equals(parquetUtil.serializeThrift(obj))).toBe(true);
    }
  });
});
