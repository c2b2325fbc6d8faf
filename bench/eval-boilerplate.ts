/**
 * `npm run eval -- boilerplate [--set trafilatura] [--limit N] [--verbose]`: scores the
 * boilerplate stage on pages/trafilatura the way trafilatura's own benchmark does (README there):
 * the extracted text, whitespace-normalized, must contain each `with` snippet and none of the
 * `without` snippets; counts are pooled over pages. Both paths (the .txt rendering through the
 * text classifier, the .html page through the HTML classifier) and their keep-everything
 * baselines (the whole .txt, all visible text of the HTML) in one run, plus titles and speed.
 * `--crossdoc` adds the text path with cross-document chrome counts (see `crossDocLines`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Doc, SourceKind } from '../pipeline/doc.js';
import { normalizeText } from '../stages/read.js';
import { process as boilerplateProcess } from '../stages/boilerplate.js';
import { ChromeCounts, chromeKeys } from '../stages/boilerplate/crossdoc.js';
import { decodeHtml } from '../stages/html/charset.js';
import { extractMetadata } from '../stages/html/metadata.js';
import { parseHtml, visibleText } from '../stages/html/parse.js';
import { SHARED_DATA } from './paths.js';

interface Gold {
  id: string;
  /** The page's URL as the benchmark keys it (some are internal keys, not URLs). */
  url?: string;
  with: string[];
  without: string[];
  title: string | null;
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

export function titleMatches(found: string | undefined, gold: string): boolean {
  return found !== undefined && normalizeWs(found).toLowerCase() === normalizeWs(gold).toLowerCase();
}

function add(a: SnippetCounts, b: SnippetCounts): void {
  a.tp += b.tp; a.fn += b.fn; a.fp += b.fp; a.tn += b.tn;
}

const ctx = { runId: 'eval', runStartedAt: new Date() };

/**
 * Both paths get the page URL in meta.url, as the pipeline gets it from a JSONL `url` field; the
 * stage may use it (URL slug as title evidence). Internal keys ("hard::x") are not URLs: left out.
 */
function makeDoc(id: string, kind: SourceKind, raw: string, bytes: number, url?: string, sourceName?: string): Doc {
  const meta = { ...(url && /^https?:\/\//.test(url) ? { url } : {}), ...(sourceName === undefined ? {} : { sourceName }) };
  return { id, source: { path: `${id}.${kind}`, kind, bytes, sha256: '' }, raw, text: raw, meta, removed: [], dates: [], mentions: [] };
}

/** Held-out split for tuning: every third page (index % 3 === 2) is `test`, the rest `dev`. */
export function splitOf(index: number): 'dev' | 'test' {
  return index % 3 === 2 ? 'test' : 'dev';
}

export function loadGold(dir: string): Gold[] {
  return readFileSync(join(dir, 'gold.jsonl'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Gold);
}

interface PathResult {
  counts: SnippetCounts;
  baseline: SnippetCounts;
  titles: number;
  titlesRight: number;
  bytes: number;
  ms: number;
  failures: { id: string; missed: string[]; leaked: string[]; title?: string; goldTitle?: string | null }[];
}

function newResult(): PathResult {
  return { counts: { tp: 0, fn: 0, fp: 0, tn: 0 }, baseline: { tp: 0, fn: 0, fp: 0, tn: 0 }, titles: 0, titlesRight: 0, bytes: 0, ms: 0, failures: [] };
}

function record(rs: PathResult[], g: Gold, text: string, baselineText: string, title: string | undefined): void {
  const c = scorePage(text, g);
  const b = scorePage(baselineText, g);
  const t = normalizeWs(text);
  const missed = g.with.filter((s) => !t.includes(normalizeWs(s)));
  const leaked = g.without.filter((s) => t.includes(normalizeWs(s)));
  for (const r of rs) {
    add(r.counts, c);
    add(r.baseline, b);
    let titleWrong = false;
    if (g.title) {
      r.titles++;
      if (titleMatches(title, g.title)) r.titlesRight++;
      else titleWrong = true;
    }
    if (missed.length || leaked.length || titleWrong) r.failures.push({ id: g.id, missed, leaked, title, goldTitle: g.title });
  }
}

function pct(x: number): string {
  return x.toFixed(3);
}

function line(name: string, c: SnippetCounts): string {
  const s = summarize(c);
  return `  ${name.padEnd(26)} P ${pct(s.precision)}  R ${pct(s.recall)}  F1 ${pct(s.f1)}  acc ${pct(s.accuracy)}  (tp ${c.tp} fn ${c.fn} fp ${c.fp} tn ${c.tn})`;
}

type Split = 'all' | 'dev' | 'test';
const SPLITS: readonly Split[] = ['all', 'dev', 'test'];

/**
 * Options: `--set NAME`, `--limit N`, `--verbose` (failures of the chosen split), `--split
 * all|dev|test` (which split `--verbose` lists; figures are printed for all three).
 */
export async function evaluate(args: string[]): Promise<void> {
  const set = argValue(args, '--set') ?? 'trafilatura';
  const limit = Number(argValue(args, '--limit') ?? Infinity);
  const verbose = args.includes('--verbose');
  const shown = (argValue(args, '--split') ?? 'all') as Split;
  const dir = join(SHARED_DATA, 'pages', set);
  const gold = loadGold(dir).slice(0, limit);
  const text = { all: newResult(), dev: newResult(), test: newResult() };
  const html = { all: newResult(), dev: newResult(), test: newResult() };
  let rejected = 0;
  gold.forEach((g, index) => {
    const split = splitOf(index);
    const txtBytes = readFileSync(join(dir, `${g.id}.txt`));
    const raw = normalizeText(txtBytes.toString('utf8'));
    let start = performance.now();
    const tdoc = boilerplateProcess(makeDoc(g.id, 'txt', raw, txtBytes.length, g.url), ctx);
    text.all.ms += performance.now() - start;
    text.all.bytes += txtBytes.length;
    record([text.all, text[split]], g, tdoc.text, raw, tdoc.meta.title);

    const htmlBytes = readFileSync(join(dir, `${g.id}.html`));
    start = performance.now();
    const decoded = decodeHtml(htmlBytes);
    if (!decoded.ok) {
      rejected++;
      html.all.ms += performance.now() - start;
      record([html.all, html[split]], g, '', '', undefined);
      return;
    }
    const hdoc = boilerplateProcess(makeDoc(g.id, 'html', decoded.text, htmlBytes.length, g.url), ctx);
    html.all.ms += performance.now() - start;
    html.all.bytes += htmlBytes.length;
    record([html.all, html[split]], g, hdoc.text, visibleText(parseHtml(decoded.text)), hdoc.meta.title);
  });
  const out: string[] = [];
  out.push(`pages/${set}: ${gold.length} pages, ${gold.reduce((n, g) => n + g.with.length + g.without.length, 0)} snippets` +
    (rejected ? `, ${rejected} HTML pages rejected by decodeHtml` : '') + '; meta.url = gold url on both paths');
  for (const [name, rr, unit] of [['text path (.txt)', text, 'text'], ['HTML path (.html)', html, 'HTML']] as const) {
    const r = rr.all;
    out.push(`${name}:`);
    out.push(line('boilerplate stage', r.counts));
    out.push(line('keep-everything baseline', r.baseline));
    out.push(`  titles (exact, ci/ws)      ${r.titlesRight}/${r.titles} = ${pct(r.titlesRight / Math.max(1, r.titles))}`);
    out.push(`  speed                      ${(r.bytes / 1e6 / (r.ms / 1000)).toFixed(1)} MB/s of ${unit} (one core, ${(r.bytes / 1e6).toFixed(1)} MB in ${(r.ms / 1000).toFixed(2)} s, incl. decoding)`);
    for (const split of ['dev', 'test'] as const) {
      const s = rr[split];
      out.push(`  ${split.padEnd(5)} split                 F1 ${pct(summarize(s.counts).f1)}  titles ${s.titlesRight}/${s.titles} = ${pct(s.titlesRight / Math.max(1, s.titles))}`);
    }
  }
  if (args.includes('--crossdoc')) out.push(...crossDocLines(set, gold));
  process.stdout.write(out.join('\n') + '\n');
  if (verbose && SPLITS.includes(shown)) {
    for (const [name, rr] of [['TEXT', text], ['HTML', html]] as const) {
      const r = rr[shown];
      process.stdout.write(`\n--- ${name} failures, ${shown} split (${r.failures.length} pages)\n`);
      for (const f of r.failures) {
        process.stdout.write(`${f.id}\n`);
        for (const m of f.missed) process.stdout.write(`   MISSED ${m.slice(0, 100)}\n`);
        for (const l of f.leaked) process.stdout.write(`   LEAKED ${l.slice(0, 100)}\n`);
        if (f.goldTitle && !titleMatches(f.title, f.goldTitle)) process.stdout.write(`   TITLE ${JSON.stringify(f.title)} != ${JSON.stringify(f.goldTitle)}\n`);
      }
    }
  }
}

/** Host of a page URL; a web.archive.org copy counts under the archived site's host. */
function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    const archived = u.hostname.endsWith('archive.org') ? /https?:\/\/[^/]+/.exec(u.pathname)?.[0] : undefined;
    return new URL(archived ?? url).hostname.replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

/**
 * Cross-document chrome on the text path: every page of pages/* (all sets) is grouped by host
 * (gold URL, else the page's canonical URL), the .txt renderings of hosts with >= 3 pages are
 * counted (source = host), and the `set` pages among them are scored with and without the table.
 * Few hosts have several pages here, so the figure covers few pages; it says how many.
 */
function crossDocLines(set: string, gold: Gold[]): string[] {
  const pagesDir = join(SHARED_DATA, 'pages');
  const byHost = new Map<string, { doc: Doc; gold?: Gold }[]>();
  for (const name of readdirSync(pagesDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    const dir = join(pagesDir, name);
    for (const g of loadGold(dir)) {
      let url = g.url && /^https?:\/\//.test(g.url) ? g.url : undefined;
      if (!url) {
        const decoded = decodeHtml(readFileSync(join(dir, `${g.id}.html`)));
        if (decoded.ok) url = extractMetadata(parseHtml(decoded.text).document).canonicalUrl;
      }
      const host = hostOf(url);
      if (!host) continue;
      const raw = normalizeText(readFileSync(join(dir, `${g.id}.txt`), 'utf8'));
      const scored = name === set ? gold.find((s) => s.id === g.id) : undefined;
      const pages = byHost.get(host) ?? [];
      pages.push({ doc: makeDoc(g.id, 'txt', raw, raw.length, g.url, host), gold: scored });
      byHost.set(host, pages);
    }
  }
  const hosts = [...byHost].filter(([, pages]) => pages.length >= 3);
  const counts = new ChromeCounts();
  for (const [host, pages] of hosts) for (const p of pages) counts.observe(host, chromeKeys(p.doc));
  const chrome = counts.table();
  const without = { tp: 0, fn: 0, fp: 0, tn: 0 };
  const withTable = { tp: 0, fn: 0, fp: 0, tn: 0 };
  let scored = 0;
  let removed = 0;
  let newlyRemoved = 0;
  for (const [, pages] of hosts) {
    for (const p of pages) {
      const plain = boilerplateProcess(p.doc, ctx);
      const out = boilerplateProcess(p.doc, ctx, chrome);
      const before = new Set(plain.removed.map((r) => r.line));
      const repeats = out.removed.filter((r) => r.reason === 'cross_doc_repeat');
      removed += repeats.length;
      newlyRemoved += repeats.filter((r) => !before.has(r.line)).length;
      if (!p.gold) continue;
      scored++;
      add(without, scorePage(plain.text, p.gold));
      add(withTable, scorePage(out.text, p.gold));
    }
  }
  const pageCount = hosts.reduce((n, [, pages]) => n + pages.length, 0);
  return [
    `text path + cross-document counts (hosts with ≥3 pages): ${hosts.length} hosts, ${pageCount} pages of all sets counted, ` +
      `${Object.values(chrome).reduce((n, h) => n + h.length, 0)} chrome lines; ${removed} lines removed as cross_doc_repeat, ${newlyRemoved} of them kept without the table`,
    line(`${scored} ${set} page(s), no table`, without),
    line(`same, with the table`, withTable),
  ];
}

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}
