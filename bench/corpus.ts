/**
 * Benchmark corpora, built deterministically from plain-text sources and reused while their
 * manifest hash matches.
 *
 * - `x1`: every `.txt` file of the sources, byte for byte, under `<source>/<file>`.
 * - `xN` (N copies): copy 0 is the x1 corpus (under `<source>/c0/<file>`); copies 1..N-1 hold every
 *   document again, perturbed by a PRNG seeded with (seed, copy, path), under `<source>/c<k>/`:
 *   - 90% of them are turned into *distinct* documents: about 30% of their lowercase words are
 *     swapped with another lowercase word of the same document (same vocabulary, same length,
 *     same lines, capitalised names, numbers and dates untouched) and about 1% get a word
 *     inserted; estimated Jaccard with the original is about 0.3 (5-gram shingles), far below dedupe's
 *     candidate threshold, so every stage does the work of a new article;
 *   - 10% get a light perturbation (2% of words swapped, a word or two inserted): near-duplicates
 *     of the original, as syndicated re-sends are in a real feed.
 *   So an xN corpus has N times the files and about N times the bytes, with the same language,
 *   line structure, entity and date density as x1, and a realistic share of near-duplicates
 *   (about 10% on top of the sources' own exact duplicates).
 * - a subset (`subset: n`): n files spread evenly over the sorted file list (for `--quick`).
 *
 * The manifest (`.manifest.json` inside the corpus directory; the read stage skips dot-files)
 * records a hash of the builder version, the options and every source file's path and size.
 */
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Bump when the perturbation or layout changes: corpora built by an older builder are rebuilt. */
export const BUILDER_VERSION = 1;

export interface CorpusSource {
  /** Folder name inside the corpus (also the documents' `source_name`). */
  name: string;
  /** Directory whose `*.txt` files (not recursive) are the documents. */
  dir: string;
}

export interface CorpusOptions {
  /** Where corpora live (e.g. bench/.corpus); the corpus goes to `<root>/<name>`. */
  root: string;
  name: string;
  sources: CorpusSource[];
  /** 1 = the sources as they are; N > 1 = N copies, copies 1..N-1 perturbed. */
  copies: number;
  seed: number;
  /** Keep only this many files, spread evenly over the sorted list (before copying). */
  subset?: number;
}

export interface SourceFile {
  source: string;
  /** File name inside the source directory. */
  file: string;
  abs: string;
  size: number;
}

export interface CorpusInfo {
  dir: string;
  files: number;
  bytes: number;
  hash: string;
  /** False when an existing corpus with the same manifest hash was reused. */
  built: boolean;
  buildMs: number;
}

interface Manifest {
  version: number;
  hash: string;
  files: number;
  bytes: number;
  options: { copies: number; seed: number; subset?: number; sources: CorpusSource[] };
}

/** mulberry32: a small, fast, seeded PRNG; returns floats in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit seed from strings and numbers (FNV-1a over their text). */
export function seedOf(...parts: Array<string | number>): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join('\u0000')) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The `*.txt` files of each source, sorted by source then file name. */
export async function listSourceFiles(sources: CorpusSource[]): Promise<SourceFile[]> {
  const out: SourceFile[] = [];
  for (const s of sources) {
    const names = (await readdir(s.dir)).filter((n) => n.endsWith('.txt') && !n.startsWith('.')).sort();
    for (const file of names) {
      const abs = join(s.dir, file);
      out.push({ source: s.name, file, abs, size: (await stat(abs)).size });
    }
  }
  return out;
}

/** `n` items spread evenly over `items` (all of them when n >= length), in their order. */
export function evenSubset<T>(items: T[], n: number): T[] {
  if (n >= items.length) return items.slice();
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(items[Math.floor((i * items.length) / n)]);
  return out;
}

const LOWER_WORD = /^[a-z]+$/;

/**
 * Perturbs a text: swaps a fraction `swapRate` of its lowercase words with other lowercase words
 * of the same text and inserts a copy of a random lowercase word after a fraction `insertRate` of
 * them. Whitespace, line breaks and every other token (capitalised words, numbers, punctuated
 * words) stay where they are.
 */
export function perturb(text: string, rnd: () => number, swapRate: number, insertRate: number): string {
  const tokens = text.split(/(\s+)/);
  const words: number[] = [];
  for (let i = 0; i < tokens.length; i += 2) if (LOWER_WORD.test(tokens[i])) words.push(i);
  if (words.length < 2) return text;
  const swaps = Math.max(1, Math.round((words.length * swapRate) / 2));
  for (let s = 0; s < swaps; s++) {
    const a = words[Math.floor(rnd() * words.length)];
    const b = words[Math.floor(rnd() * words.length)];
    const t = tokens[a];
    tokens[a] = tokens[b];
    tokens[b] = t;
  }
  const inserts = Math.max(1, Math.round(words.length * insertRate));
  for (let s = 0; s < inserts; s++) {
    const at = words[Math.floor(rnd() * words.length)];
    tokens[at] = `${tokens[at]} ${tokens[words[Math.floor(rnd() * words.length)]]}`;
  }
  return tokens.join('');
}

/** Share of the perturbed copies that stay near-duplicates of their original. */
export const NEAR_DUPLICATE_SHARE = 0.1;
const HEAVY = { swap: 0.3, insert: 0.01 };
const LIGHT = { swap: 0.02, insert: 0.003 };
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The content of copy `copy` (>= 1) of a source file: perturbed, deterministic in (seed, copy, path). */
export function perturbedCopy(bytes: Buffer, seed: number, copy: number, path: string): Buffer {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return bytes; // not UTF-8 (the pipeline rejects it anyway): copied as it is
  }
  const rnd = prng(seedOf(seed, copy, path));
  const rate = rnd() < NEAR_DUPLICATE_SHARE ? LIGHT : HEAVY;
  return Buffer.from(perturb(text, rnd, rate.swap, rate.insert), 'utf8');
}

export function corpusHash(opts: CorpusOptions, files: SourceFile[]): string {
  const h = createHash('sha256');
  h.update(JSON.stringify({ v: BUILDER_VERSION, copies: opts.copies, seed: opts.seed, subset: opts.subset ?? null, sources: opts.sources.map((s) => s.name) }));
  for (const f of files) h.update(`\n${f.source}/${f.file}\t${f.size}`);
  return h.digest('hex').slice(0, 16);
}

export function readManifest(dir: string): Manifest | undefined {
  const p = join(dir, '.manifest.json');
  if (!existsSync(p)) return undefined;
  try {
    return JSON.parse(readFileSync(p, 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

/** Builds the corpus, or reuses it when its manifest hash matches. */
export async function buildCorpus(opts: CorpusOptions): Promise<CorpusInfo> {
  const t0 = performance.now();
  if (!Number.isInteger(opts.copies) || opts.copies < 1) throw new Error(`copies must be a whole number >= 1, got ${opts.copies}`);
  let files = await listSourceFiles(opts.sources);
  if (opts.subset !== undefined) files = evenSubset(files, opts.subset);
  const hash = corpusHash(opts, files);
  const dir = join(opts.root, opts.name);
  const existing = readManifest(dir);
  if (existing && existing.hash === hash) {
    return { dir, files: existing.files, bytes: existing.bytes, hash, built: false, buildMs: performance.now() - t0 };
  }
  const tmp = `${dir}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  const dirs = new Set<string>();
  for (const f of files) for (let c = 0; c < opts.copies; c++) dirs.add(opts.copies === 1 ? join(tmp, f.source) : join(tmp, f.source, `c${c}`));
  for (const d of dirs) await mkdir(d, { recursive: true });
  let bytes = 0;
  await pool(files, 16, async (f) => {
    if (opts.copies === 1) {
      await copyFile(f.abs, join(tmp, f.source, f.file));
      bytes += f.size;
      return;
    }
    const original = await readFile(f.abs);
    for (let c = 0; c < opts.copies; c++) {
      const out = c === 0 ? original : perturbedCopy(original, opts.seed, c, `${f.source}/${f.file}`);
      await writeFile(join(tmp, f.source, `c${c}`, f.file), out);
      bytes += out.length;
    }
  });
  const manifest: Manifest = {
    version: BUILDER_VERSION, hash, files: files.length * opts.copies, bytes,
    options: { copies: opts.copies, seed: opts.seed, subset: opts.subset, sources: opts.sources },
  };
  await writeFile(join(tmp, '.manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  await rm(dir, { recursive: true, force: true });
  await mkdir(opts.root, { recursive: true });
  await rename(tmp, dir);
  return { dir, files: manifest.files, bytes, hash, built: true, buildMs: performance.now() - t0 };
}
