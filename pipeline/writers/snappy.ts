/**
 * Snappy compression, byte for byte as snappyjs (parquetjs-lite's SNAPPY codec) compresses: the
 * same 64 KiB fragments, hash table, hash function (its multiplication in doubles included, whose
 * rounding picks some of the slots), skipping heuristic and copy encoding, so that every page's
 * bytes are the ones the library writes. It was the largest part of what a Parquet table cost;
 * here the work per byte is smaller:
 *  - 4 bytes are read by one DataView load, not four byte loads, and the 4 bytes at the current
 *    position once (snappyjs reads them again to compare them with the candidate's);
 *  - a match is extended 4 bytes at a time, and a literal is copied by the runtime;
 *  - the output goes into one reused buffer, not a zero-filled one of the largest size per page.
 * test/snappy.test.ts holds it to parquetjs-lite's codec.
 */

const BLOCK_SIZE = 1 << 16;
const MAX_HASH_TABLE_BITS = 14;
/** The fragment's last bytes that no match starts in (snappyjs's INPUT_MARGIN). */
const INPUT_MARGIN = 15;
/** Shorter literals are copied by a loop: a call into the runtime costs more for them. */
const SHORT_LITERAL = 16;

const hashTables: Uint16Array[] = [];

/** The 4 bytes at `pos`, little-endian, as a signed 32-bit integer (what snappyjs's load32 sums to): one load. */
function load32(v: DataView, pos: number): number {
  return v.getInt32(pos, true);
}

/** snappyjs's hashFunc: the product is a double (rounded above 2^53), as there. */
function hashOf(key: number, shift: number): number {
  return (key * 0x1e35a7bd) >>> shift;
}

function emitLiteral(input: Uint8Array, ip: number, len: number, output: Uint8Array, op: number): number {
  if (len <= 60) {
    output[op++] = (len - 1) << 2;
  } else if (len < 256) {
    output[op] = 60 << 2;
    output[op + 1] = len - 1;
    op += 2;
  } else {
    output[op] = 61 << 2;
    output[op + 1] = (len - 1) & 0xff;
    output[op + 2] = (len - 1) >>> 8;
    op += 3;
  }
  if (len < SHORT_LITERAL) {
    for (let i = 0; i < len; i++) output[op + i] = input[ip + i];
  } else {
    output.set(input.subarray(ip, ip + len), op);
  }
  return op + len;
}

function emitCopyLessThan64(output: Uint8Array, op: number, offset: number, len: number): number {
  if (len < 12 && offset < 2048) {
    output[op] = 1 + ((len - 4) << 2) + ((offset >>> 8) << 5);
    output[op + 1] = offset & 0xff;
    return op + 2;
  }
  output[op] = 2 + ((len - 1) << 2);
  output[op + 1] = offset & 0xff;
  output[op + 2] = offset >>> 8;
  return op + 3;
}

function emitCopy(output: Uint8Array, op: number, offset: number, len: number): number {
  while (len >= 68) {
    op = emitCopyLessThan64(output, op, offset, 64);
    len -= 64;
  }
  if (len > 64) {
    op = emitCopyLessThan64(output, op, offset, 60);
    len -= 60;
  }
  return emitCopyLessThan64(output, op, offset, len);
}

/** How many bytes from `a` on equal those from `b` on (b < a), stopping at `end`: 4 at a time, then 1. */
function matchLength(input: Uint8Array, view: DataView, a: number, b: number, end: number): number {
  let n = 0;
  while (a + n + 4 <= end && load32(view, a + n) === load32(view, b + n)) n += 4;
  while (a + n < end && input[a + n] === input[b + n]) n++;
  return n;
}

function hashTableFor(inputSize: number): { table: Uint16Array; shift: number } {
  let bits = 1;
  while ((1 << bits) <= inputSize && bits <= MAX_HASH_TABLE_BITS) bits++;
  bits--;
  const table = (hashTables[bits] ??= new Uint16Array(1 << bits));
  table.fill(0);
  return { table, shift: 32 - bits };
}

/**
 * snappyjs's compressFragment: `inputSize` bytes from `ip` (at most BLOCK_SIZE) into `output` at
 * `op`; returns the new `op`. Where snappyjs loads 4 bytes past the input's end (their hash is
 * then never used), nothing is loaded.
 */
function compressFragment(input: Uint8Array, view: DataView, ip: number, inputSize: number, output: Uint8Array, op: number): number {
  const { table, shift } = hashTableFor(inputSize);
  const ipEnd = ip + inputSize;
  const baseIp = ip;
  let nextEmit = ip;
  if (inputSize >= INPUT_MARGIN) {
    const ipLimit = ipEnd - INPUT_MARGIN;
    ip += 1;
    let nextKey = load32(view, ip);
    let nextHash = hashOf(nextKey, shift);
    for (;;) {
      // Look for a 4-byte match, taking ever bigger steps while none is found.
      let skip = 32;
      let nextIp = ip;
      let candidate: number;
      let key: number;
      do {
        ip = nextIp;
        key = nextKey;
        const hash = nextHash;
        nextIp = ip + (skip >>> 5);
        skip++;
        if (ip > ipLimit) return emitRest(input, nextEmit, ipEnd, output, op);
        if (nextIp <= ipLimit) {
          nextKey = load32(view, nextIp);
          nextHash = hashOf(nextKey, shift);
        }
        candidate = baseIp + table[hash];
        table[hash] = ip - baseIp;
      } while (key !== load32(view, candidate));

      op = emitLiteral(input, nextEmit, ip - nextEmit, output, op);

      // Copies for as long as the next position matches too.
      do {
        const base = ip;
        ip += 4 + matchLength(input, view, ip + 4, candidate + 4, ipEnd);
        op = emitCopy(output, op, base - candidate, ip - base);
        nextEmit = ip;
        if (ip >= ipLimit) return emitRest(input, nextEmit, ipEnd, output, op);
        table[hashOf(load32(view, ip - 1), shift)] = ip - 1 - baseIp;
        key = load32(view, ip);
        const hash = hashOf(key, shift);
        candidate = baseIp + table[hash];
        table[hash] = ip - baseIp;
      } while (key === load32(view, candidate));

      ip += 1;
      nextKey = load32(view, ip);
      nextHash = hashOf(nextKey, shift);
    }
  }
  return emitRest(input, nextEmit, ipEnd, output, op);
}

function emitRest(input: Uint8Array, nextEmit: number, ipEnd: number, output: Uint8Array, op: number): number {
  return nextEmit < ipEnd ? emitLiteral(input, nextEmit, ipEnd - nextEmit, output, op) : op;
}

function putVarint(value: number, output: Uint8Array, op: number): number {
  do {
    output[op] = value & 0x7f;
    value >>>= 7;
    if (value > 0) output[op] += 0x80;
    op++;
  } while (value > 0);
  return op;
}

/** snappyjs's maxCompressedLength. */
const maxCompressedLength = (length: number): number => 32 + length + Math.floor(length / 6);

let scratch = Buffer.allocUnsafeSlow(1 << 17);

/**
 * `input` compressed as snappyjs.compress compresses it. The result is a view of a buffer that the
 * next call writes over: copy it (a page's bytes are concatenated at once) before compressing again.
 */
export function snappyCompress(input: Uint8Array): Buffer {
  const most = maxCompressedLength(input.length);
  if (scratch.length < most) scratch = Buffer.allocUnsafeSlow(most);
  const output = scratch;
  const view = new DataView(input.buffer, input.byteOffset, input.length);
  let op = putVarint(input.length, output, 0);
  for (let pos = 0; pos < input.length; pos += BLOCK_SIZE) {
    op = compressFragment(input, view, pos, Math.min(input.length - pos, BLOCK_SIZE), output, op);
  }
  return output.subarray(0, op);
}
