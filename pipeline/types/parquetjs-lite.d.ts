declare module 'parquetjs-lite';
declare module 'parquetjs-lite/lib/types.js';
