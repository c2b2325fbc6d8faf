/**
 * Cross-document chrome (cc_net style): a line that recurs in many documents of the same source
 * ("Alle Rechte vorbehalten. Nachdruck nur mit Genehmigung.", a newsletter box, a standard
 * disclaimer, the site's slogan) is site furniture even when it reads like prose.
 *
 * Division of work: the runner owns a `ChromeCounts` (within a run, and persisted across runs
 * under the output directory), feeds it `chromeKeys(doc)` per document under
 * `chromeSource(doc)`, and hands the stage `counts.table()` as `StageContext.chrome`. The
 * boilerplate stage removes the lines of a text document whose hash is in its source's table,
 * with reason `cross_doc_repeat` (classify.ts).
 *
 * Lines are compared by a 53-bit hash of the normalized line (lower case, digits folded to 0,
 * whitespace collapsed), so counts and tables hold numbers, not text; "© 2023 Example" and
 * "© 2024 Example" are one line. Lines shorter than 15 characters and data rows (two or more
 * numbers) are not counted.
 *
 * Text documents only: the keys come from the document as read (`doc.raw`), before boilerplate.
 * HTML documents get no keys: their lines only exist after parsing, which the stage does, and
 * parsing every page twice (once to count, once to extract) is too dear. The DOM classifier
 * already removes navigation, footers and forms by their markup.
 */
import type { Doc } from '../../pipeline/doc.js';

/** Shorter lines ("Share", "Home", "Advertisement") are left to the per-document rules. */
export const MIN_LINE_CHARS = 15;
/**
 * A number ("35.1", "2,460,000", "1996-2015", "09:34"). A line with two or more is a data row
 * (an earnings line "Revs 35.1 mln vs 18.0 mln", a score, a table row): with digits folded such
 * rows of different stories hash alike, so they are not counted. Measured on reuters: counted,
 * a 50-story folder with 30 earnings reports lost the revenue line of 25 of them.
 */
const NUMBER = /\d+(?:[.,:/-]\d+)*/g;

/** Source -> hashes of the lines that are chrome there. Plain data: it goes to worker threads by postMessage. */
export type ChromeTable = Record<string, number[]>;

export interface ChromeTableOptions {
  /** Fewest documents a line must occur in (default 3). */
  minDocs?: number;
  /** Least share of the source's counted documents it must occur in (default 0.1). */
  minShare?: number;
}

/** Persisted counts of one source. */
export interface SourceLineCounts {
  /** Documents observed for this source (exact: never pruned). */
  docs: number;
  /** Line hash (decimal) -> number of documents it occurred in (once per document). */
  lines: Record<string, number>;
}

export interface ChromeCountsJSON {
  version: 1;
  sources: Record<string, SourceLineCounts>;
}

/** The source whose documents share chrome: the JSONL `source` field or the first input folder. */
export function chromeSource(doc: Doc): string {
  return doc.meta.sourceName ?? '';
}

/** 53-bit FNV-style hash of the normalized text (lower case, digits folded, whitespace collapsed). */
export function paragraphHash(text: string): number {
  return hashKey(normalize(text));
}

/** The hash a line counts under, or undefined when it does not count (too short, a data row). */
export function lineHash(line: string): number | undefined {
  const key = normalize(line);
  if (key.length < MIN_LINE_CHARS || (key.match(NUMBER)?.length ?? 0) >= 2) return undefined;
  return hashKey(key);
}

function normalize(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

function hashKey(key: string): number {
  // FNV-1a in two 32-bit halves combined into 53 bits (exact in a JS number). Digits fold to 0
  // here, so dates, counters and years do not split a line into many.
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < key.length; i++) {
    let c = key.charCodeAt(i);
    if (c >= 48 && c <= 57) c = 48;
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return (h1 >>> 0) * 0x200000 + ((h2 >>> 0) & 0x1fffff);
}

/** The distinct line hashes of a text document as read; [] for HTML and rejected documents. */
export function chromeKeys(doc: Doc): number[] {
  if (doc.reject || doc.source.kind === 'html') return [];
  const keys = new Set<number>();
  for (const line of doc.raw.split('\n')) {
    const h = lineHash(line);
    if (h !== undefined) keys.add(h);
  }
  return [...keys];
}

/**
 * How many documents of each source each line occurred in. Memory: one map entry per distinct
 * line of a source (numbers only, no text).
 */
export class ChromeCounts {
  private readonly docs = new Map<string, number>();
  private readonly lines = new Map<string, Map<number, number>>();

  /** Counts one document of `source`; `keys` are its `chromeKeys` (distinct). */
  observe(source: string, keys: readonly number[]): void {
    this.docs.set(source, (this.docs.get(source) ?? 0) + 1);
    let counts = this.lines.get(source);
    if (!counts) this.lines.set(source, (counts = new Map()));
    for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  }

  /** Documents counted for `source`. */
  documents(source: string): number {
    return this.docs.get(source) ?? 0;
  }

  /** The lines that are chrome now: in >= minDocs documents and >= minShare of the source's documents. */
  table(options: ChromeTableOptions = {}): ChromeTable {
    const minDocs = options.minDocs ?? 3;
    const minShare = options.minShare ?? 0.1;
    const table: ChromeTable = {};
    for (const [source, counts] of this.lines) {
      const least = Math.max(minDocs, minShare * this.documents(source));
      const chrome: number[] = [];
      for (const [k, n] of counts) if (n >= least) chrome.push(k);
      if (chrome.length) table[source] = chrome.sort((a, b) => a - b);
    }
    return table;
  }

  /**
   * The persisted form. Lines counted in only one document are left out: most lines of a news
   * source are article text that never recurs, so this keeps the state near the size of the
   * source's recurring lines rather than of everything it ever published, and a line seen once
   * is no evidence of chrome. The price: such a line starts from 0 again next run. `docs` stays
   * exact, since the share threshold divides by it.
   */
  toJSON(): ChromeCountsJSON {
    const sources: Record<string, SourceLineCounts> = {};
    for (const [source, docs] of this.docs) {
      const lines: Record<string, number> = {};
      for (const [k, n] of this.lines.get(source) ?? []) if (n >= 2) lines[k] = n;
      sources[source] = { docs, lines };
    }
    return { version: 1, sources };
  }

  static fromJSON(o: unknown): ChromeCounts {
    const json = o as Partial<ChromeCountsJSON> | null;
    if (json?.version !== 1 || typeof json.sources !== 'object' || json.sources === null) {
      throw new Error('cross-document chrome counts: not a version 1 counts object');
    }
    const counts = new ChromeCounts();
    for (const [source, s] of Object.entries(json.sources)) {
      if (!Number.isSafeInteger(s?.docs) || typeof s.lines !== 'object' || s.lines === null) {
        throw new Error(`cross-document chrome counts: bad entry for source ${JSON.stringify(source)}`);
      }
      counts.docs.set(source, s.docs);
      const lines = new Map<number, number>();
      for (const [k, n] of Object.entries(s.lines)) lines.set(Number(k), n);
      counts.lines.set(source, lines);
    }
    return counts;
  }
}

/** Per table object: source -> Set of its hashes, built on first use (tables are large, documents many). */
const SETS = new WeakMap<ChromeTable, Map<string, ReadonlySet<number>>>();

/** The chrome hashes of `source` in `table` as a Set, or undefined when the source has none. */
export function chromeSet(table: ChromeTable, source: string): ReadonlySet<number> | undefined {
  let bySource = SETS.get(table);
  if (!bySource) SETS.set(table, (bySource = new Map()));
  let set = bySource.get(source);
  if (!set) {
    const hashes = Object.hasOwn(table, source) ? table[source] : undefined;
    if (!hashes?.length) return undefined;
    bySource.set(source, (set = new Set(hashes)));
  }
  return set;
}

// The paragraph-list form below (counts as plain `SourceLineCounts`) predates ChromeCounts; it
// is what test/html.test.ts exercises. Same hash and thresholds.

export interface CrossDocOptions extends ChromeTableOptions {
  /** Paragraphs shorter than this are left to the per-document rules (default 15 characters). */
  minChars?: number;
}

export interface CrossDocRemoval {
  /** Index of the paragraph in the input list. */
  index: number;
  text: string;
  reason: 'cross_doc_repeat';
}

/** Adds one document's paragraphs to `counts` in place (each distinct paragraph once) and returns it. */
export function observe(counts: SourceLineCounts, paragraphs: readonly string[], options: CrossDocOptions = {}): SourceLineCounts {
  const minChars = options.minChars ?? MIN_LINE_CHARS;
  const seen = new Set<number>();
  for (const p of paragraphs) {
    if (p.trim().length < minChars) continue;
    const h = paragraphHash(p);
    if (!seen.has(h)) counts.lines[h] = (counts.lines[h] ?? 0) + 1;
    seen.add(h);
  }
  counts.docs += 1;
  return counts;
}

/** Splits a document's paragraphs into kept ones and cross-document repeats, given the counts. */
export function dropRepeated(
  paragraphs: readonly string[], counts: SourceLineCounts, options: CrossDocOptions = {},
): { kept: string[]; removed: CrossDocRemoval[] } {
  const least = Math.max(options.minDocs ?? 3, (options.minShare ?? 0.1) * counts.docs);
  const minChars = options.minChars ?? MIN_LINE_CHARS;
  const kept: string[] = [];
  const removed: CrossDocRemoval[] = [];
  paragraphs.forEach((p, index) => {
    const n = p.trim().length >= minChars ? counts.lines[paragraphHash(p)] ?? 0 : 0;
    if (n >= least) removed.push({ index, text: p.slice(0, 200), reason: 'cross_doc_repeat' });
    else kept.push(p);
  });
  return { kept, removed };
}
