/**
 * `npm run eval -- boilerplate [--limit N] [--collection NAME] [--no-sites] [--no-readability-js] [--no-rules] [--verbose] [--crossdoc]`:
 * the boilerplate stage on the three page collections of ../shared/data/pages, every figure for
 * each collection, for each half of the site split (eval-pages.ts: half A is the one looked at
 * while tuning and trains the block model, half B is held out) and for all collections together;
 * then one line per site (`--no-sites` leaves them out).
 *
 * Systems, on the same pages: the text path (the page's .txt rendering through the line
 * classifier), the HTML path (the stage on the .html: the learned block classifier), the HTML
 * rules alone (the block classifier before the model; `--no-rules` skips it), Mozilla's
 * Readability.js with jsdom (readability-js.ts; cached; `--no-readability-js` skips it), and the
 * keep-everything baseline (all visible text).
 *
 * Scores: readability pages, bag-of-words P/R/F1 against `expected_text` macro-averaged over pages
 * (that text is Readability.js's own output, so Readability.js scores ~1 there by construction);
 * trafilatura pages, trafilatura's snippet scoring pooled over pages; "together", the mean over
 * pages of each page's F1 (word F1 or the page's snippet F1). htmldate-mediacloud has no text
 * gold: it is scored for speed and robustness only, and as agreement (word F1) with Readability.js.
 * Titles: exact match, case and whitespace folded, where the gold has a title.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Doc, SourceKind } from '../pipeline/doc.js';
import { normalizeText } from '../stages/read.js';
import { process as boilerplateProcess } from '../stages/boilerplate.js';
import { extractHtml } from '../stages/html/extract.js';
import { parseHtml, visibleText } from '../stages/html/parse.js';
import {
  addCounts, COLLECTIONS, loadCollection, scorePage, summarize, titleMatches, wordScore, wordTokens, type Collection, type PageCase, type SnippetCounts,
} from './eval-pages.js';
import { SHARED_DATA } from './paths.js';
import { ReadabilityRunner } from './readability-js.js';

export { loadGold, normalizeWs, scorePage, summarize, titleMatches, type SnippetCounts } from './eval-pages.js';

type System = 'text' | 'html' | 'rules' | 'readability.js' | 'everything';
const SYSTEM_LABEL: Record<System, string> = {
  text: 'text path (.txt)', html: 'HTML path (model)', rules: 'HTML rules alone', 'readability.js': 'Readability.js', everything: 'keep everything',
};

interface Outcome {
  /** Word scores against the gold text, or against Readability.js's text on pages without gold. */
  words?: { precision: number; recall: number; f1: number };
  snippets?: SnippetCounts;
  titleRight?: boolean;
  /** Word tokens of the kept text. */
  keptWords: number;
  ms: number;
  bytes: number;
}

interface PageResult {
  page: PageCase;
  outcomes: Partial<Record<System, Outcome>>;
}

const ctx = { runId: 'eval', runStartedAt: new Date() };

/** The pipeline gets the page URL in meta.url (a JSONL `url` field); internal keys are no URLs. */
function makeDoc(id: string, kind: SourceKind, raw: string, bytes: number, url?: string): Doc {
  return { id, source: { path: `${id}.${kind}`, kind, bytes, sha256: '' }, raw, text: raw, meta: url ? { url } : {}, removed: [], dates: [], mentions: [] };
}

function timed<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
}

function outcome(page: PageCase, text: string, title: string | undefined, ms: number, bytes: number, reference?: string): Outcome {
  const o: Outcome = { ms, bytes, keptWords: wordTokens(text).length };
  if (page.expectedText !== undefined) o.words = wordScore(text, page.expectedText);
  else if (reference !== undefined) o.words = wordScore(text, reference);
  if (page.snippets) o.snippets = scorePage(text, page.snippets);
  if (page.title) o.titleRight = titleMatches(title, page.title);
  return o;
}

function evaluatePage(page: PageCase, systems: readonly System[], readability: ReadabilityRunner | null): PageResult {
  const outcomes: PageResult['outcomes'] = {};
  const reference = readability && page.html ? readability.run(page.html, page.url) : undefined;
  const refText = page.collection === 'htmldate-mediacloud' ? reference?.text : undefined;
  const txtBytes = readFileSync(page.txtPath);
  const [tdoc, tms] = timed(() => boilerplateProcess(makeDoc(page.id, 'txt', normalizeText(txtBytes.toString('utf8')), txtBytes.length, page.url), ctx));
  outcomes.text = outcome(page, tdoc.text, tdoc.meta.title, tms, txtBytes.length, refText);
  const [hdoc, hms] = timed(() => boilerplateProcess(makeDoc(page.id, 'html', page.html, page.htmlBytes, page.url), ctx));
  outcomes.html = outcome(page, page.html ? hdoc.text : '', hdoc.meta.title, hms, page.htmlBytes, refText);
  if (systems.includes('rules')) {
    const [r, ms] = timed(() => extractHtml(page.html, page.url, { model: null }));
    outcomes.rules = outcome(page, r.paragraphs.join('\n\n'), r.meta.title, ms, page.htmlBytes, refText);
  }
  if (reference) outcomes['readability.js'] = outcome(page, reference.text, reference.title, reference.ms, page.htmlBytes, refText);
  outcomes.everything = outcome(page, visibleText(parseHtml(page.html)), undefined, 0, page.htmlBytes, refText);
  return { page, outcomes };
}

/** Per-page F1: word F1 where there is a text (gold or reference), else the page's snippet F1. */
function pageF1(o: Outcome): number | undefined {
  if (o.words) return o.words.f1;
  return o.snippets ? summarize(o.snippets).f1 : undefined;
}

interface Aggregate {
  pages: number;
  precision: number;
  recall: number;
  f1: number;
  snippets: SnippetCounts;
  titles: number;
  titlesRight: number;
  ms: number;
  bytes: number;
}

function aggregate(results: readonly PageResult[], system: System): Aggregate {
  const a: Aggregate = { pages: 0, precision: 0, recall: 0, f1: 0, snippets: { tp: 0, fn: 0, fp: 0, tn: 0 }, titles: 0, titlesRight: 0, ms: 0, bytes: 0 };
  for (const r of results) {
    const o = r.outcomes[system];
    if (!o) continue;
    a.pages++;
    a.ms += o.ms;
    a.bytes += o.bytes;
    if (o.words) {
      a.precision += o.words.precision;
      a.recall += o.words.recall;
      a.f1 += o.words.f1;
    }
    if (o.snippets) addCounts(a.snippets, o.snippets);
    if (o.titleRight !== undefined) {
      a.titles++;
      if (o.titleRight) a.titlesRight++;
    }
  }
  if (a.pages) {
    a.precision /= a.pages;
    a.recall /= a.pages;
    a.f1 /= a.pages;
  }
  return a;
}

const f3 = (x: number): string => x.toFixed(3);

/** The collection's headline figure for a system: word F1 (macro) or snippet F1 (pooled). */
function headline(collection: Collection, a: Aggregate): number {
  return collection === 'trafilatura' ? summarize(a.snippets).f1 : a.f1;
}

function systemLine(collection: Collection, system: System, a: Aggregate): string {
  const name = SYSTEM_LABEL[system].padEnd(18);
  const titles = a.titles ? `  titles ${a.titlesRight}/${a.titles} = ${f3(a.titlesRight / a.titles)}` : '';
  if (collection === 'trafilatura') {
    const s = summarize(a.snippets);
    return `    ${name} snippets P ${f3(s.precision)} R ${f3(s.recall)} F1 ${f3(s.f1)} acc ${f3(s.accuracy)}${titles}`;
  }
  return `    ${name} words P ${f3(a.precision)} R ${f3(a.recall)} F1 ${f3(a.f1)}${titles}`;
}

const PARTS = [['all', () => true], ['half A (tuned)', (r: PageResult) => r.page.half === 'A'], ['half B (held out)', (r: PageResult) => r.page.half === 'B']] as const;

function collectionReport(collection: Collection, results: readonly PageResult[], systems: readonly System[]): string[] {
  const out: string[] = [];
  const sites = new Set(results.map((r) => r.page.site));
  const note = collection === 'readability' ? ' (gold = Readability.js output)' : collection === 'htmldate-mediacloud' ? ' (no text gold: word scores are agreement with Readability.js)' : '';
  out.push(`pages/${collection}: ${results.length} pages, ${sites.size} sites${note}`);
  for (const [part, keep] of PARTS) {
    const subset = results.filter(keep);
    const partSites = new Set(subset.map((r) => r.page.site)).size;
    out.push(`  ${part}: ${subset.length} pages, ${partSites} sites`);
    if (collection === 'htmldate-mediacloud') {
      out.push(...keptWordsLines(subset, systems));
      if (!subset.some((r) => r.outcomes['readability.js'])) continue;
    }
    for (const system of systems) {
      if (system === 'readability.js' && !subset.some((r) => r.outcomes[system])) continue;
      if (collection === 'htmldate-mediacloud' && system === 'readability.js') continue;
      out.push(systemLine(collection, system, aggregate(subset, system)));
    }
    const html = headline(collection, aggregate(subset, 'html'));
    const text = headline(collection, aggregate(subset, 'text'));
    out.push(`    HTML path ${html >= text ? '>=' : '<'} text path: ${f3(html)} vs ${f3(text)}`);
  }
  return out;
}

/** Without text gold: how much each system keeps, and the pages where the HTML path keeps far less than the text path. */
function keptWordsLines(results: readonly PageResult[], systems: readonly System[]): string[] {
  const mean = (system: System): string => {
    const kept = results.map((r) => r.outcomes[system]?.keptWords).filter((x): x is number => x !== undefined);
    return kept.length ? `${SYSTEM_LABEL[system]} ${Math.round(kept.reduce((a, b) => a + b, 0) / kept.length)}` : '';
  };
  const short = results.filter((r) => (r.outcomes.html?.keptWords ?? 0) < LOW_KEPT_SHARE * (r.outcomes.text?.keptWords ?? 0));
  return [`    kept words per page: ${systems.map(mean).filter(Boolean).join(' | ')}`,
    `    pages where the HTML path keeps under ${LOW_KEPT_SHARE * 100}% of the text path's words: ${short.length}${short.length ? ` (${short.slice(0, 6).map((r) => r.page.id).join(', ')})` : ''}`];
}

const LOW_KEPT_SHARE = 0.5;

function togetherReport(results: readonly PageResult[], systems: readonly System[]): string[] {
  const out = ['all collections with text gold together (readability + trafilatura; mean of per-page F1):'];
  const gold = results.filter((r) => r.page.collection !== 'htmldate-mediacloud');
  for (const [part, keep] of PARTS) {
    const subset = gold.filter(keep);
    const cells = systems.map((system) => {
      const f1s = subset.map((r) => r.outcomes[system]).filter((o): o is Outcome => !!o).map(pageF1).filter((x): x is number => x !== undefined);
      return f1s.length ? `${SYSTEM_LABEL[system]} ${f3(f1s.reduce((a, b) => a + b, 0) / f1s.length)}` : '';
    }).filter(Boolean);
    out.push(`  ${part.padEnd(18)} ${subset.length} pages: ${cells.join(' | ')}`);
  }
  return out;
}

function speedReport(results: readonly PageResult[]): string[] {
  const mbps = (a: Aggregate): string => `${(a.bytes / 1e6 / (a.ms / 1000)).toFixed(2)} MB/s`;
  const html = aggregate(results, 'html');
  const text = aggregate(results, 'text');
  const lines = [`speed, one core, shared machine (noisy; npm run bench has the steadier figure): HTML path ${mbps(html)} of HTML ` +
    `(${(html.bytes / 1e6).toFixed(1)} MB); text path ${mbps(text)} of text`];
  const rjs = aggregate(results, 'readability.js');
  if (rjs.pages) lines.push(`  Readability.js + jsdom ${mbps(rjs)} of HTML (timed when its cache was filled)`);
  const empty = results.filter((r) => r.page.html && r.outcomes.html && r.outcomes.text && (pageF1(r.outcomes.html) ?? 1) === 0 && (pageF1(r.outcomes.text) ?? 0) > 0);
  lines.push(`  pages where the HTML path scored 0 and the text path did not: ${empty.length}${empty.length ? ` (${empty.slice(0, 8).map((r) => r.page.id).join(', ')})` : ''}`);
  return lines;
}

function sitesReport(results: readonly PageResult[], systems: readonly System[]): string[] {
  const bySite = new Map<string, PageResult[]>();
  for (const r of results) {
    const key = `${r.page.collection}\t${r.page.site}`;
    bySite.set(key, [...(bySite.get(key) ?? []), r]);
  }
  const out = [`per site (collection, site, half, pages, then each system's F1 as in its collection):`];
  out.push(`  ${['collection', 'site', 'half', 'pages', ...systems.map((s) => SYSTEM_LABEL[s])].join('\t')}`);
  for (const [key, rs] of [...bySite].sort()) {
    const collection = rs[0].page.collection;
    const cells = systems.map((s) => (rs.some((r) => r.outcomes[s]) ? f3(headline(collection, aggregate(rs, s))) : '-'));
    out.push(`  ${key}\t${rs[0].page.half}\t${rs.length}\t${cells.join('\t')}`);
  }
  return out;
}

/** Sites where the HTML path trails the text path: how many, and the largest gaps. */
function gapReport(results: readonly PageResult[]): string[] {
  const bySite = new Map<string, PageResult[]>();
  for (const r of results) if (r.page.collection !== 'htmldate-mediacloud') bySite.set(`${r.page.collection}/${r.page.site}`, [...(bySite.get(`${r.page.collection}/${r.page.site}`) ?? []), r]);
  const gaps: [string, number][] = [];
  for (const [site, rs] of bySite) {
    const c = rs[0].page.collection;
    const gap = headline(c, aggregate(rs, 'html')) - headline(c, aggregate(rs, 'text'));
    if (gap < 0) gaps.push([`${site} (${rs[0].page.half})`, gap]);
  }
  gaps.sort((a, b) => a[1] - b[1]);
  return [`sites where the HTML path trails the text path: ${gaps.length} of ${bySite.size}; largest: ${gaps.slice(0, 8).map(([s, g]) => `${s} ${g.toFixed(2)}`).join(', ')}`];
}

export async function evaluate(args: string[]): Promise<void> {
  const limit = Number(argValue(args, '--limit') ?? Infinity);
  const only = argValue(args, '--collection') as Collection | undefined;
  const systems: System[] = ['text', 'html'];
  if (!args.includes('--no-rules')) systems.push('rules');
  const readability = args.includes('--no-readability-js') ? null : new ReadabilityRunner();
  if (readability) systems.push('readability.js');
  systems.push('everything');
  const all: PageResult[] = [];
  const out: string[] = [];
  for (const collection of COLLECTIONS) {
    if (only && collection !== only) continue;
    const results = loadCollection(collection, limit).map((page) => evaluatePage(page, systems, readability));
    readability?.save();
    all.push(...results);
    out.push(...collectionReport(collection, results, systems));
  }
  out.push(...togetherReport(all, systems), ...speedReport(all), ...gapReport(all));
  if (!args.includes('--no-sites')) out.push(...sitesReport(all, systems));
  if (args.includes('--crossdoc')) {
    const { crossDocLines } = await import('./eval-crossdoc.js');
    const { loadGold: gold } = await import('./eval-pages.js');
    out.push(...crossDocLines('trafilatura', gold(join(SHARED_DATA, 'pages', 'trafilatura'))));
  }
  if (args.includes('--verbose')) out.push(...failures(all));
  process.stdout.write(out.join('\n') + '\n');
}

/** Half A only: the pages where the HTML path lost most against the gold (the held-out half stays unseen). */
function failures(results: readonly PageResult[]): string[] {
  const seen = results.filter((r) => r.page.half === 'A' && r.page.collection !== 'htmldate-mediacloud' && r.outcomes.html);
  const scored = seen.map((r) => [r, pageF1(r.outcomes.html!) ?? 1, pageF1(r.outcomes.text!) ?? 1] as const).sort((a, b) => a[1] - b[1]);
  return ['worst HTML pages of half A (page, HTML F1, text F1, P, R):',
    ...scored.slice(0, 30).map(([r, h, t]) => `  ${r.page.collection}/${r.page.id}\t${f3(h)}\t${f3(t)}\t${r.outcomes.html!.words ? `${f3(r.outcomes.html!.words.precision)}\t${f3(r.outcomes.html!.words.recall)}` : JSON.stringify(r.outcomes.html!.snippets)}`)];
}

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}
