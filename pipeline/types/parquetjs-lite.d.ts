declare module 'parquetjs-lite';
declare module 'parquetjs-lite/lib/types.js';
declare module 'parquetjs-lite/gen-nodejs/parquet_types.js';
declare module 'parquetjs-lite/lib/util.js';
declare module 'parquetjs-lite/lib/codec/index.js';
declare module 'parquetjs-lite/lib/compression.js';
declare module 'parquetjs-lite/modules/thrift-lite/compact_protocol.js';
