/** The benchmark corpus builder (bench/corpus.ts). No timing here: only layout, determinism, reuse. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCorpus, evenSubset, perturb, perturbedCopy, prng, readManifest, type CorpusSource } from '../bench/corpus.js';

const ARTICLE = [
  'FARMERS SEE BETTER HARVEST',
  '',
  'LONDON, March 3 - Farmers in the north said on Tuesday that the harvest would be better than',
  'expected after a wet spring, and that prices for wheat and barley were likely to fall over the',
  'coming months as stocks rebuilt. The ministry said it would publish new figures in April.',
  '    Analysts at Acme Grain Ltd said the outlook for exports was good but that costs were rising.',
  ' Reuter',
  '',
].join('\n');

let root: string;
let sources: CorpusSource[];

async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string, rel: string): Promise<void> => {
    for (const e of (await readdir(d, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.isDirectory()) await walk(join(d, e.name), `${rel}${e.name}/`);
      else out.push(`${rel}${e.name}`);
    }
  };
  await walk(dir, '');
  return out;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'news-etl-bench-test-'));
  const a = join(root, 'src/a');
  const b = join(root, 'src/b');
  await mkdir(a, { recursive: true });
  await mkdir(b, { recursive: true });
  for (let i = 1; i <= 6; i++) await writeFile(join(a, `${i}.txt`), ARTICLE.replace('north', `north ${i}`));
  await writeFile(join(a, 'README.md'), 'not a document');
  await writeFile(join(b, 'x-1.txt'), ARTICLE.replace('wheat', 'maize'));
  await writeFile(join(b, 'dups.jsonl'), '{"group": 1}\n');
  sources = [{ name: 'reuters', dir: a }, { name: 'bbc', dir: b }];
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('perturb', () => {
  it('is deterministic for a seed, keeps lines and capitalised words, and changes lowercase words', () => {
    const one = perturb(ARTICLE, prng(1), 0.3, 0.01);
    expect(perturb(ARTICLE, prng(1), 0.3, 0.01)).toBe(one);
    expect(perturb(ARTICLE, prng(2), 0.3, 0.01)).not.toBe(one);
    expect(one).not.toBe(ARTICLE);
    expect(one.split('\n').length).toBe(ARTICLE.split('\n').length);
    const caps = (t: string) => t.split(/\s+/).filter((w) => /^[A-Z]/.test(w));
    expect(caps(one)).toEqual(caps(ARTICLE));
    const lower = (t: string) => t.split(/\s+/).filter((w) => /^[a-z]+$/.test(w)).sort();
    // swaps keep the multiset of lowercase words; insertions only add words that were there
    expect(new Set(lower(one))).toEqual(new Set(lower(ARTICLE)));
  });

  it('copies non-UTF-8 bytes unchanged', () => {
    const bad = Buffer.from([0x61, 0x62, 0xc3, 0x28, 0x61]);
    expect(perturbedCopy(bad, 8, 1, 'x.txt').equals(bad)).toBe(true);
  });
});

describe('evenSubset', () => {
  it('spreads n items over the list, in order, and returns everything when n is large', () => {
    const items = Array.from({ length: 10 }, (_, i) => i);
    expect(evenSubset(items, 5)).toEqual([0, 2, 4, 6, 8]);
    expect(evenSubset(items, 20)).toEqual(items);
  });
});

describe('buildCorpus', () => {
  it('x1: copies every .txt file byte for byte under <source>/, nothing else', async () => {
    const info = await buildCorpus({ root: join(root, 'corpora'), name: 'x1', sources, copies: 1, seed: 8 });
    expect(info.built).toBe(true);
    expect(info.files).toBe(7);
    expect(await files(info.dir)).toEqual(['.manifest.json', 'bbc/x-1.txt', ...[1, 2, 3, 4, 5, 6].map((i) => `reuters/${i}.txt`)]);
    expect(await readFile(join(info.dir, 'reuters/3.txt'), 'utf8')).toBe(ARTICLE.replace('north', 'north 3'));
    expect(readManifest(info.dir)?.hash).toBe(info.hash);
  });

  it('reuses a corpus whose manifest hash matches, and rebuilds when the options change', async () => {
    const opts = { root: join(root, 'corpora'), name: 'sub', sources, copies: 1, seed: 8, subset: 3 };
    const first = await buildCorpus(opts);
    expect(first.built).toBe(true);
    expect(first.files).toBe(3);
    const again = await buildCorpus(opts);
    expect(again.built).toBe(false);
    expect(again.hash).toBe(first.hash);
    const other = await buildCorpus({ ...opts, subset: 4 });
    expect(other.built).toBe(true);
    expect(other.hash).not.toBe(first.hash);
    expect(other.files).toBe(4);
  });

  it('xN: copy 0 is the original, other copies are perturbed under distinct paths, deterministically', async () => {
    const a = await buildCorpus({ root: join(root, 'corpora'), name: 'x3', sources, copies: 3, seed: 8 });
    expect(a.files).toBe(21);
    const listed = await files(a.dir);
    expect(listed.filter((f) => f.endsWith('.txt'))).toHaveLength(21);
    expect(listed).toContain('reuters/c2/6.txt');
    expect(listed).toContain('bbc/c1/x-1.txt');
    const original = ARTICLE.replace('north', 'north 1');
    expect(await readFile(join(a.dir, 'reuters/c0/1.txt'), 'utf8')).toBe(original);
    const c1 = await readFile(join(a.dir, 'reuters/c1/1.txt'), 'utf8');
    const c2 = await readFile(join(a.dir, 'reuters/c2/1.txt'), 'utf8');
    expect(c1).not.toBe(original);
    expect(c2).not.toBe(c1);
    expect(c1.split('\n')[0]).toBe('FARMERS SEE BETTER HARVEST');
    // same seed elsewhere: byte-identical corpus
    const b = await buildCorpus({ root: join(root, 'corpora-2'), name: 'x3', sources, copies: 3, seed: 8 });
    expect(b.hash).toBe(a.hash);
    for (const f of listed.filter((x) => x.endsWith('.txt'))) {
      expect(await readFile(join(b.dir, f), 'utf8')).toBe(await readFile(join(a.dir, f), 'utf8'));
    }
    // bytes grow about N-fold (swaps keep length; insertions add a little)
    const x1 = readManifest(join(root, 'corpora/x1'))!;
    expect(a.bytes / x1.bytes).toBeGreaterThanOrEqual(3);
    expect(a.bytes / x1.bytes).toBeLessThan(3.2);
  });
});
