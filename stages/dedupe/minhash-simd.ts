/**
 * minhash.ts's MinHash loop as a small WebAssembly module with 128-bit SIMD: four permutations
 * per instruction, sixteen per pass over the shingles. It computes exactly the JavaScript loop's
 * values (the same 32-bit multiply, xor, shift and unsigned minimum); where WebAssembly SIMD is
 * missing, `createSimdMinhash` returns undefined and minhash.ts keeps its JavaScript loop.
 *
 * The module is assembled here from its instructions (`op`, named after their WebAssembly text
 * names) rather than shipped as an opaque binary. Its one page of memory holds, in this order:
 * per group of 4 permutations their 4 XOR values then their 4 MUL values; the running minimum of
 * each permutation (read, lowered, written back by each call); a block of shingles (int32). A long
 * text goes through in blocks, each call starting from the minima the last block left.
 */

const PAGE_BYTES = 65536;

/** Instruction bytes (WebAssembly binary format; `simd` ops are prefixed with 0xfd). */
const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  brIf: (depth: number) => [0x0d, depth],
  localGet: (i: number) => [0x20, i],
  localSet: (i: number) => [0x21, i],
  localTee: (i: number) => [0x22, i],
  i32Const: (v: number) => [0x41, ...sleb128(v)],
  i32Add: [0x6a],
  i32LtU: [0x49],
  i32GeU: [0x4f],
  v128Load: (offset: number) => [0xfd, 0x00, 4, ...uleb128(offset)],
  v128Load32Splat: [0xfd, 0x09, 2, 0],
  v128Store: (offset: number) => [0xfd, 0x0b, 4, ...uleb128(offset)],
  v128Xor: [0xfd, 0x51],
  i32x4ShrU: [0xfd, 0xad, 0x01],
  i32x4Mul: [0xfd, 0xb5, 0x01],
  i32x4MinU: [0xfd, 0xb7, 0x01],
};

function uleb128(v: number): number[] {
  const out: number[] = [];
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

function sleb128(v: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) return [...out, byte];
    out.push(byte | 0x80);
  }
}

/** A section or vector: its byte length first. */
const sized = (bytes: number[]): number[] => [...uleb128(bytes.length), ...bytes];

// The function's parameters and locals (WebAssembly numbers them in one sequence).
const SHINGLES = 0, END = 1, PASSES = 2; // i32 parameters: first shingle's byte address, end address, passes
const PARAMS = 3, MINS = 4, AT = 5; // i32 locals: this pass's permutation parameters, its minima, the shingle read
/** Groups of 4 permutations per pass over the shingles. */
const GROUPS_PER_PASS = 4;
// v128 locals: per group of a pass its XOR values, its MUL values, its running minima; then the
// shingle in every lane and imul(x ^ XOR, MUL)
const XORS = 6, MULS = XORS + GROUPS_PER_PASS, LOWEST = MULS + GROUPS_PER_PASS;
const VALUE = LOWEST + GROUPS_PER_PASS, PERMUTED = VALUE + 1;
const V128_LOCALS = PERMUTED + 1 - XORS;
const LOCALS = [2, 3, 0x7f, ...uleb128(V128_LOCALS), 0x7b]; // 3 x i32, then the v128 locals
const PERMS_PER_PASS = 4 * GROUPS_PER_PASS;
const GROUP_PARAM_BYTES = 32;
const GROUP_MIN_BYTES = 16;

/** Each group of a pass: its code, for j = 0 .. GROUPS_PER_PASS - 1. */
const eachGroup = (code: (j: number) => number[]): number[] =>
  Array.from({ length: GROUPS_PER_PASS }, (_, j) => code(j)).flat();

/** LOWEST_j = i32x4.min_u(LOWEST_j, g(PERMUTED)), PERMUTED = i32x4.mul(VALUE ^ XORS_j, MULS_j). */
const lowerGroup = (j: number): number[] => [
  ...op.localGet(LOWEST + j),
  ...op.localGet(VALUE), ...op.localGet(XORS + j), ...op.v128Xor, ...op.localGet(MULS + j), ...op.i32x4Mul,
  ...op.localTee(PERMUTED),
  ...op.localGet(PERMUTED), ...op.i32Const(15), ...op.i32x4ShrU, ...op.v128Xor,
  ...op.i32x4MinU,
  ...op.localSet(LOWEST + j),
];

/**
 * (func $minhash (param $shingles $end $passes i32)): for each of $passes passes, PERMS_PER_PASS
 * permutations' minima over the shingles [$shingles, $end) lowered in place.
 */
function minhashBody(paramsAt: number, minsAt: number): number[] {
  const passStart = [
    ...eachGroup((j) => [
      ...op.localGet(PARAMS), ...op.v128Load(GROUP_PARAM_BYTES * j), ...op.localSet(XORS + j),
      ...op.localGet(PARAMS), ...op.v128Load(GROUP_PARAM_BYTES * j + 16), ...op.localSet(MULS + j),
      ...op.localGet(MINS), ...op.v128Load(GROUP_MIN_BYTES * j), ...op.localSet(LOWEST + j),
    ]),
    ...op.localGet(SHINGLES), ...op.localSet(AT),
  ];
  const eachShingle = [
    ...op.block,
    ...op.localGet(AT), ...op.localGet(END), ...op.i32GeU, ...op.brIf(0),
    ...op.loop,
    ...op.localGet(AT), ...op.v128Load32Splat, ...op.localSet(VALUE),
    ...eachGroup(lowerGroup),
    ...op.localGet(AT), ...op.i32Const(4), ...op.i32Add, ...op.localTee(AT),
    ...op.localGet(END), ...op.i32LtU, ...op.brIf(0),
    ...op.end,
    ...op.end,
  ];
  const passEnd = [
    ...eachGroup((j) => [...op.localGet(MINS), ...op.localGet(LOWEST + j), ...op.v128Store(GROUP_MIN_BYTES * j)]),
    ...op.localGet(PARAMS), ...op.i32Const(GROUP_PARAM_BYTES * GROUPS_PER_PASS), ...op.i32Add, ...op.localSet(PARAMS),
    ...op.localGet(MINS), ...op.i32Const(GROUP_MIN_BYTES * GROUPS_PER_PASS), ...op.i32Add, ...op.localSet(MINS),
    ...op.localGet(PASSES), ...op.i32Const(-1), ...op.i32Add, ...op.localTee(PASSES),
    ...op.brIf(0), // another pass while $passes is not 0
  ];
  const code = [
    ...op.i32Const(paramsAt), ...op.localSet(PARAMS),
    ...op.i32Const(minsAt), ...op.localSet(MINS),
    ...op.loop, ...passStart, ...eachShingle, ...passEnd, ...op.end,
    ...op.end,
  ];
  return sized([...LOCALS, ...code]);
}

const name = (text: string): number[] => sized([...Buffer.from(text, 'utf8')]);
const section = (id: number, content: number[]): number[] => [id, ...sized(content)];

function moduleBytes(paramsAt: number, minsAt: number): Uint8Array<ArrayBuffer> {
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
    ...section(1, [1, 0x60, 3, 0x7f, 0x7f, 0x7f, 0]), // type 0: (i32, i32, i32) -> ()
    ...section(3, [1, 0]), // function 0 has type 0
    ...section(5, [1, 0x00, 1]), // one memory of one page
    ...section(7, [2, ...name('memory'), 0x02, 0, ...name('minhash'), 0x00, 0]),
    ...section(10, [1, ...minhashBody(paramsAt, minsAt)]),
  ]);
}

/** The module's instance; undefined where WebAssembly (or its SIMD) is missing, e.g. `node --jitless`. */
function simdInstance(bytes: Uint8Array<ArrayBuffer>): WebAssembly.Instance | undefined {
  if (typeof WebAssembly !== 'object') return undefined;
  try {
    return WebAssembly.validate(bytes) ? new WebAssembly.Instance(new WebAssembly.Module(bytes)) : undefined;
  } catch {
    return undefined;
  }
}

/** Computes a MinHash signature: the minimum of each permutation over the shingles `xs`, into `sig`. */
export type MinhashKernel = (xs: Int32Array, sig: Uint32Array) => void;

/**
 * The SIMD kernel for permutations h_k(x) = g(imul(x ^ xor[k], mul[k])), or undefined where
 * WebAssembly SIMD is not available (or the permutations do not fill whole passes).
 */
export function createSimdMinhash(mul: Int32Array, xor: Int32Array): MinhashKernel | undefined {
  const perms = mul.length;
  if (perms % PERMS_PER_PASS !== 0) return undefined;
  const minsAt = perms / 4 * GROUP_PARAM_BYTES;
  const shinglesAt = minsAt + 4 * perms; // a multiple of 16: perms is
  if (shinglesAt >= PAGE_BYTES) return undefined;
  const instance = simdInstance(moduleBytes(0, minsAt));
  if (!instance) return undefined;
  const memory = instance.exports.memory as WebAssembly.Memory;
  const minhash = instance.exports.minhash as (shingles: number, end: number, passes: number) => void;
  const params = new Int32Array(memory.buffer, 0, minsAt / 4);
  for (let k = 0; k < perms; k++) {
    const group = k >> 2, lane = k & 3;
    params[group * 8 + lane] = xor[k];
    params[group * 8 + 4 + lane] = mul[k];
  }
  const mins = new Uint32Array(memory.buffer, minsAt, perms);
  const block = new Int32Array(memory.buffer, shinglesAt, (PAGE_BYTES - shinglesAt) >> 2);
  const passes = perms / PERMS_PER_PASS;
  return (xs, sig) => {
    mins.fill(0xffffffff);
    for (let from = 0; from < xs.length; from += block.length) {
      const count = Math.min(block.length, xs.length - from);
      block.set(xs.subarray(from, from + count));
      minhash(shinglesAt, shinglesAt + 4 * count, passes);
    }
    sig.set(mins);
  };
}
