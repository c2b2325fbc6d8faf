/**
 * The page collections of ../shared/data/pages as one list of cases for the boilerplate eval and
 * the block-classifier trainer: each page with its collection, its site, the site's half of the
 * site split, and its gold (readability: the article text; trafilatura: with/without snippets;
 * htmldate-mediacloud: none). Plus the two scorings (word F1, snippet counts).
 *
 * The site split: a page's site is its host (gold URL, else the page's canonical or og:url), or,
 * without one, its id minus a trailing number ("nytimes-2" -> "nytimes"). The half is a hash of
 * the site name, so every page of a site, in any collection, falls in the same half. Half A is
 * the one looked at while designing features and tuning; half B is held out.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeHtml } from '../stages/html/charset.js';
import { readPage } from '../stages/html/extract.js';
import { SHARED_DATA } from './paths.js';

export type Collection = 'readability' | 'trafilatura' | 'htmldate-mediacloud';
export const COLLECTIONS: readonly Collection[] = ['readability', 'trafilatura', 'htmldate-mediacloud'];
export type Half = 'A' | 'B';

export interface Gold {
  id: string;
  /** The page's URL as the benchmark keys it (some are internal keys, not URLs). */
  url?: string;
  with: string[];
  without: string[];
  title: string | null;
}

export interface PageCase {
  collection: Collection;
  id: string;
  /** An http(s) URL for the page when the gold has one. */
  url?: string;
  site: string;
  half: Half;
  /** Decoded HTML ('' when decodeHtml rejected the page). */
  html: string;
  htmlBytes: number;
  /** The .txt rendering (all visible text), as the text path reads it. */
  txtPath: string;
  /** readability: the article text Readability's test expects. */
  expectedText?: string;
  /** trafilatura: snippets that must / must not be in the article. */
  snippets?: { with: string[]; without: string[] };
  title?: string;
}

export interface SnippetCounts {
  tp: number;
  fn: number;
  fp: number;
  tn: number;
}

export function normalizeWs(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** trafilatura's scoring of one page: snippet containment in the whitespace-normalized text. */
export function scorePage(text: string, gold: { with: string[]; without: string[] }): SnippetCounts {
  const t = normalizeWs(text);
  const c: SnippetCounts = { tp: 0, fn: 0, fp: 0, tn: 0 };
  for (const s of gold.with) if (t.includes(normalizeWs(s))) c.tp++; else c.fn++;
  for (const s of gold.without) if (t.includes(normalizeWs(s))) c.fp++; else c.tn++;
  return c;
}

export function summarize(c: SnippetCounts): { precision: number; recall: number; f1: number; accuracy: number } {
  const precision = c.tp / Math.max(1, c.tp + c.fp);
  const recall = c.tp / Math.max(1, c.tp + c.fn);
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  const accuracy = (c.tp + c.tn) / Math.max(1, c.tp + c.tn + c.fp + c.fn);
  return { precision, recall, f1, accuracy };
}

export function addCounts(a: SnippetCounts, b: SnippetCounts): void {
  a.tp += b.tp; a.fn += b.fn; a.fp += b.fp; a.tn += b.tn;
}

export function titleMatches(found: string | undefined, gold: string): boolean {
  return found !== undefined && normalizeWs(found).toLowerCase() === normalizeWs(gold).toLowerCase();
}

/** Lower-cased word tokens (letters and digits), the unit of the word-level scores. */
export function wordTokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

export interface WordScore {
  precision: number;
  recall: number;
  f1: number;
}

/** Bag-of-words precision/recall/F1 of `found` against `expected` (each token counted as often as it occurs). */
export function wordScore(found: string, expected: string): WordScore {
  const want = new Map<string, number>();
  const gold = wordTokens(expected);
  for (const w of gold) want.set(w, (want.get(w) ?? 0) + 1);
  const got = wordTokens(found);
  let overlap = 0;
  for (const w of got) {
    const n = want.get(w) ?? 0;
    if (n > 0) {
      overlap++;
      want.set(w, n - 1);
    }
  }
  if (gold.length === 0 && got.length === 0) return { precision: 1, recall: 1, f1: 1 };
  const precision = got.length ? overlap / got.length : 0;
  const recall = gold.length ? overlap / gold.length : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

export function loadGold(dir: string): Gold[] {
  return readFileSync(join(dir, 'gold.jsonl'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Gold);
}

/** FNV-1a of the site name: a fixed, data-independent assignment of sites to halves. */
export function halfOf(site: string): Half {
  let h = 0x811c9dc5;
  for (let i = 0; i < site.length; i++) {
    h ^= site.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % 2 === 0 ? 'A' : 'B';
}

/** Host of a page URL; a web.archive.org copy counts under the archived site's host. */
export function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    const archived = u.hostname.endsWith('archive.org') ? /https?:\/\/[^/]+/.exec(u.pathname)?.[0] : undefined;
    return new URL(archived ?? url).hostname.replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

const HTTP_URL = /^https?:\/\//;

/** The site a page is counted under: its URL's host, else its canonical URL's, else its id without a trailing number. */
export function siteOf(id: string, goldUrl: string | undefined, html: string): string {
  const fromGold = hostOf(goldUrl && HTTP_URL.test(goldUrl) ? goldUrl : undefined);
  if (fromGold) return fromGold;
  if (html) {
    const meta = readPage(html).meta;
    const own = hostOf(meta.canonicalUrl && HTTP_URL.test(meta.canonicalUrl) ? meta.canonicalUrl : undefined);
    if (own && own !== 'example.com' && own !== 'localhost') return own;
  }
  return id.replace(/-\d+$/, '');
}

interface RawGold extends Gold {
  expected_text?: string;
}

/** Every page of one collection (in gold order), optionally only one half. */
export function loadCollection(collection: Collection, limit = Infinity): PageCase[] {
  const dir = join(SHARED_DATA, 'pages', collection);
  const golds = loadGold(dir).slice(0, limit) as RawGold[];
  return golds.map((g) => {
    const bytes = readFileSync(join(dir, `${g.id}.html`));
    const decoded = decodeHtml(bytes);
    const html = decoded.ok ? decoded.text : '';
    const site = siteOf(g.id, g.url, html);
    const page: PageCase = {
      collection, id: g.id, site, half: halfOf(site), html, htmlBytes: bytes.length, txtPath: join(dir, `${g.id}.txt`),
    };
    if (g.url && HTTP_URL.test(g.url)) page.url = g.url;
    if (collection === 'readability') page.expectedText = g.expected_text ?? '';
    if (collection === 'trafilatura') page.snippets = { with: g.with, without: g.without };
    if (g.title) page.title = g.title;
    return page;
  });
}
