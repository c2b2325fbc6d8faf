/**
 * parquetjs-lite's serializeThrift (util.js) with the same TCompactProtocol, but into one growing
 * buffer: the protocol makes two Buffers per varint and one per byte (with the deprecated
 * `new Buffer`), and the transport copies each once more, which made the page headers and column
 * metadata of the flat fast path a good part of what a row group cost. Only the writes that
 * allocate are replaced, each putting the bytes the protocol would have put; the flat path's probe
 * files, compared with parquetjs-lite's own, hold it to that (parquet.ts fastPathVerified).
 */
import TCompactProtocol from 'parquetjs-lite/modules/thrift-lite/compact_protocol.js';

/** The bytes written so far, in one buffer that grows. */
class ThriftBytes {
  private buffer = Buffer.allocUnsafeSlow(1024);
  used = 0;

  reserve(bytes: number): void {
    if (this.used + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(this.buffer.length * 2, this.used + bytes));
    this.buffer.copy(grown, 0, 0, this.used);
    this.buffer = grown;
  }

  /** A byte as a Buffer holds it (modulo 256). */
  byte(value: number): void {
    this.reserve(1);
    this.buffer[this.used++] = value & 0xff;
  }

  /** The transport's write: strings (never written by the protocol's callers here) as UTF-8. */
  write(chunk: Uint8Array | string): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.used);
    this.used += bytes.length;
  }

  /** An exact-size copy: the buffer is reused for the next object. */
  take(): Buffer {
    const out = Buffer.allocUnsafeSlow(this.used);
    this.buffer.copy(out, 0, 0, this.used);
    this.used = 0;
    return out;
  }
}

/** TCompactProtocol whose byte and varint writes go straight into ThriftBytes. */
class DirectCompactProtocol extends (TCompactProtocol as new (trans: unknown) => Record<string, unknown>) {
  constructor(private readonly out: ThriftBytes) {
    super(out);
  }

  writeByte(b: number): void {
    this.out.byte(b);
  }

  /** Bytes this protocol wrote before, for another object: a struct's bytes do not depend on what holds it. */
  writeRaw(bytes: Uint8Array): void {
    this.out.write(bytes);
  }

  writeVarint32(n: number): void {
    const out = this.out;
    while (true) {
      if ((n & ~0x7f) === 0) {
        out.byte(n);
        return;
      }
      out.byte((n & 0x7f) | 0x80);
      n = n >>> 7;
    }
  }

  /** node-int64's big-endian halves, as the protocol reads them. */
  writeVarint64(n: unknown): void {
    if (typeof n === 'number' || !(n instanceof Object) || !Buffer.isBuffer((n as { buffer?: unknown }).buffer)) {
      (TCompactProtocol.prototype.writeVarint64 as (n: unknown) => void).call(this, n);
      return;
    }
    const int64 = (n as { buffer: Buffer }).buffer;
    let hi = int64.readUInt32BE(0);
    let lo = int64.readUInt32BE(4);
    const out = this.out;
    while (true) {
      if ((lo & ~0x7f) === 0 && hi === 0) {
        out.byte(lo);
        return;
      }
      out.byte((lo & 0x7f) | 0x80);
      const mask = hi << 25;
      lo = lo >>> 7;
      hi = hi >>> 7;
      lo = lo | mask;
    }
  }
}

const bytes = new ThriftBytes();

/** The compact-protocol bytes of a thrift object (a PageHeader, a ColumnMetaData), as serializeThrift makes them. */
export function serializeThrift(obj: { write(protocol: unknown): void }): Buffer {
  bytes.used = 0;
  // a protocol per object: it keeps the field ids of the structs it is in
  obj.write(new DirectCompactProtocol(bytes));
  return bytes.take();
}

/**
 * A thrift struct kept as its compact-protocol bytes, written by serializeThrift into an object
 * that holds it (a row group in a file's footer) as the struct itself would be: in the compact
 * protocol a struct's field ids are relative to its own fields, so its bytes are the same alone
 * or nested. A Parquet writer keeps every row group's metadata until the footer (parquet.ts
 * compactFooterMetadata): as bytes, not as thrift objects several times their size.
 */
export class SerializedStruct {
  /** What parquetjs-lite's writeIndex reads of a row group: no column (no page index is written). */
  readonly columns: readonly unknown[] = [];
  private readonly bytes: Buffer;

  constructor(struct: { write(protocol: unknown): void }) {
    this.bytes = serializeThrift(struct);
  }

  write(protocol: unknown): void {
    if (!(protocol instanceof DirectCompactProtocol)) throw new Error('a serialized thrift struct is written by serializeThrift (thrift-bytes.ts) only');
    protocol.writeRaw(this.bytes);
  }
}
