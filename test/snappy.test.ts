import { describe, expect, it } from 'vitest';
import parquetCompression from 'parquetjs-lite/lib/compression.js';
import { snappyCompress } from '../pipeline/writers/snappy.js';

/** parquetjs-lite's SNAPPY codec (snappyjs), the bytes snappyCompress must give. */
const librarySnappy = (input: Buffer): Buffer => Buffer.from(parquetCompression.deflate('SNAPPY', input));

/** A deterministic pseudo-random generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function textLike(bytes: number, seed: number): Buffer {
  const next = random(seed);
  const words = ['the', 'economy', 'said', 'Reuters', 'March', '2024', 'é', '北京', 'minister', ',', '.', '\n'];
  const parts: string[] = [];
  let length = 0;
  while (length < bytes) {
    const word = `${words[Math.floor(next() * words.length)]} `;
    parts.push(word);
    length += Buffer.byteLength(word);
  }
  return Buffer.from(parts.join('')).subarray(0, bytes);
}

function noise(bytes: number, seed: number): Buffer {
  const next = random(seed);
  return Buffer.from(Array.from({ length: bytes }, () => Math.floor(next() * 256)));
}

/** PLAIN-encoded ids as a string column holds them: long runs of one value, then another. */
function repeatedIds(values: number, seed: number): Buffer {
  const next = random(seed);
  const parts: Buffer[] = [];
  let id = '';
  for (let i = 0; i < values; i++) {
    if (i === 0 || next() < 0.1) id = Math.floor(next() * 2 ** 48).toString(16).padStart(16, '0');
    const length = Buffer.alloc(4);
    length.writeUInt32LE(id.length);
    parts.push(length, Buffer.from(id));
  }
  return Buffer.concat(parts);
}

describe('snappyCompress', () => {
  it('gives the bytes of parquetjs-lite snappy codec', () => {
    const inputs: Buffer[] = [
      Buffer.alloc(0), Buffer.from('a'), Buffer.from('abcdefghijklmn'), Buffer.from('abcdefghijklmno'), Buffer.from('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'),
      Buffer.alloc(70_000, 7), Buffer.alloc(200_000, 0),
      noise(100, 1), noise(65_536, 2), noise(65_537, 3), noise(300_000, 4),
      textLike(1_000, 5), textLike(65_536, 6), textLike(65_551, 7), textLike(500_000, 8),
      repeatedIds(2048, 9), repeatedIds(20_000, 10),
      Buffer.concat([noise(40_000, 11), textLike(40_000, 12), Buffer.alloc(40_000, 1), noise(40_000, 13)]),
    ];
    for (const input of inputs) expect(snappyCompress(input).equals(librarySnappy(input))).toBe(true);
  });

  it('reads a view of a larger buffer from its own start', () => {
    const whole = textLike(150_000, 14);
    const view = whole.subarray(1234, 140_000);
    expect(snappyCompress(view).equals(librarySnappy(Buffer.from(view)))).toBe(true);
  });
});
