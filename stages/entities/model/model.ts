/**
 * The trained model in memory and on disk.
 *
 * File layout (little-endian): the 8-byte magic `NEWSNER1`; a u32 length and a UTF-8 JSON header
 * (ModelHeader); then, each padded to 4 bytes, the feature keys (u32 x features), their weights
 * (i16 x features x TAG_COUNT), the transition weights (i16 x (TAG_COUNT + 1) x TAG_COUNT, row 0 =
 * sentence start), the final-tag weights (i16 x TAG_COUNT), the word-stats words (u32 byte length,
 * UTF-8, one per line) and their packed stats (u32 each, word-stats.ts).
 *
 * Weights are the averaged perceptron weights times one scale and rounded: decoding compares sums,
 * so the scale never has to be undone.
 */
import { TAG_COUNT } from './tags.js';
import type { WordStats } from './word-stats.js';
import { ModelError } from './errors.js';

export const MAGIC = 'NEWSNER1';

export interface ModelHeader {
  /** Must equal FEATURE_VERSION of the code that reads it (features.ts keys). */
  featureVersion: number;
  tagCount: number;
  features: number;
  words: number;
  /** Lower-case words and punctuation seen inside a training entity (outside.ts): the rest are always O. */
  insideForms: string[];
  /** Free-form facts about training (data, epochs, seed, figures): shown by the model README. */
  training: Record<string, unknown>;
}

export interface NerModel {
  header: ModelHeader;
  insideForms: ReadonlySet<string>;
  /**
   * Open-addressing table (keys are already hashes: the low bits pick the slot): at 2 * slot the
   * key (as a signed 32-bit integer), at 2 * slot + 1 its weight row (-1 empty). Key and row side
   * by side: a probe reads one cache line, not two (probing is most of what summing a new word's
   * weights costs).
   */
  slots: Int32Array;
  slotMask: number;
  weights: Int16Array;
  transition: Int16Array;
  final: Int16Array;
  stats: WordStats;
}

/** Weight row of a feature key, or -1 when the model has none. */
export function rowOf(model: NerModel, key: number): number {
  const slots = model.slots;
  const mask = model.slotMask;
  const signed = key | 0;
  let slot = key & mask;
  for (;;) {
    const r = slots[2 * slot + 1];
    if (r < 0) return -1;
    if (slots[2 * slot] === signed) return r;
    slot = (slot + 1) & mask;
  }
}

export function buildModel(header: ModelHeader, keys: Uint32Array, weights: Int16Array, transition: Int16Array, final: Int16Array, stats: WordStats): NerModel {
  let size = 1;
  while (size < keys.length * 2) size *= 2;
  const slots = new Int32Array(2 * size).fill(-1);
  const mask = size - 1;
  for (let r = 0; r < keys.length; r++) {
    let slot = keys[r] & mask;
    while (slots[2 * slot + 1] >= 0) slot = (slot + 1) & mask;
    slots[2 * slot] = keys[r] | 0;
    slots[2 * slot + 1] = r;
  }
  return { header, insideForms: new Set(header.insideForms), slots, slotMask: mask, weights, transition, final, stats };
}

const pad4 = (n: number): number => (n + 3) & ~3;

export function encodeModel(header: ModelHeader, keys: Uint32Array, weights: Int16Array, transition: Int16Array, final: Int16Array, stats: WordStats): Buffer {
  const words = [...stats.keys()];
  const wordBytes = Buffer.from(words.join('\n'), 'utf8');
  const values = Uint32Array.from(words, (w) => stats.get(w)!);
  const head = Buffer.from(JSON.stringify({ ...header, features: keys.length, words: words.length, tagCount: TAG_COUNT }), 'utf8');
  const parts: Buffer[] = [];
  const push = (b: Buffer) => {
    parts.push(b);
    const extra = pad4(b.length) - b.length;
    if (extra) parts.push(Buffer.alloc(extra));
  };
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    return b;
  };
  const view = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  parts.push(Buffer.from(MAGIC, 'ascii'));
  parts.push(u32(head.length));
  push(head);
  push(view(keys));
  push(view(weights));
  push(view(transition));
  push(view(final));
  parts.push(u32(wordBytes.length));
  push(wordBytes);
  push(view(values));
  return Buffer.concat(parts);
}

export function decodeModel(buf: Buffer, expectedFeatureVersion: number): NerModel {
  if (buf.subarray(0, 8).toString('ascii') !== MAGIC) throw new ModelError('entities_model_corrupt', 'not a news-etl entity model (bad magic)');
  let at = 8;
  const headLength = buf.readUInt32LE(at);
  at += 4;
  const header = JSON.parse(buf.subarray(at, at + headLength).toString('utf8')) as ModelHeader;
  at = pad4(at + headLength);
  if (header.featureVersion !== expectedFeatureVersion || header.tagCount !== TAG_COUNT) {
    throw new ModelError('entities_model_mismatch', `model has feature version ${header.featureVersion} and ${header.tagCount} tags; this code needs ${expectedFeatureVersion} and ${TAG_COUNT}: run npm run train -- entities`);
  }
  const take = <A>(make: (b: ArrayBuffer) => A, bytes: number): A => {
    const copy = new Uint8Array(bytes);
    copy.set(buf.subarray(at, at + bytes));
    at = pad4(at + bytes);
    return make(copy.buffer);
  };
  const n = header.features;
  const keys = take((b) => new Uint32Array(b), n * 4);
  const weights = take((b) => new Int16Array(b), n * TAG_COUNT * 2);
  const transition = take((b) => new Int16Array(b), (TAG_COUNT + 1) * TAG_COUNT * 2);
  const final = take((b) => new Int16Array(b), TAG_COUNT * 2);
  const wordLength = buf.readUInt32LE(at);
  at += 4;
  const words = header.words === 0 ? [] : buf.subarray(at, at + wordLength).toString('utf8').split('\n');
  at = pad4(at + wordLength);
  const values = take((b) => new Uint32Array(b), header.words * 4);
  if (at !== buf.length || words.length !== header.words) throw new ModelError('entities_model_corrupt', 'entity model file is truncated or has trailing bytes');
  const stats: WordStats = new Map();
  for (let k = 0; k < words.length; k++) stats.set(words[k], values[k]);
  return buildModel(header, keys, weights, transition, final, stats);
}
