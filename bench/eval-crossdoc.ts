/**
 * `npm run eval -- boilerplate --crossdoc`: the text path with cross-document chrome counts
 * (moved here unchanged from eval-boilerplate.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Doc, SourceKind } from '../pipeline/doc.js';
import { normalizeText } from '../stages/read.js';
import { process as boilerplateProcess } from '../stages/boilerplate.js';
import { ChromeCounts, chromeKeys } from '../stages/boilerplate/crossdoc.js';
import { decodeHtml } from '../stages/html/charset.js';
import { readPage } from '../stages/html/extract.js';
import { addCounts as add, hostOf, loadGold, scorePage, summarize, type Gold, type SnippetCounts } from './eval-pages.js';
import { SHARED_DATA } from './paths.js';

const ctx = { runId: 'eval', runStartedAt: new Date() };

function makeDoc(id: string, kind: SourceKind, raw: string, bytes: number, url?: string, sourceName?: string): Doc {
  const meta = { ...(url && /^https?:\/\//.test(url) ? { url } : {}), ...(sourceName === undefined ? {} : { sourceName }) };
  return { id, source: { path: `${id}.${kind}`, kind, bytes, sha256: '' }, raw, text: raw, meta, removed: [], dates: [], mentions: [] };
}

function line(name: string, c: SnippetCounts): string {
  const s = summarize(c);
  return `  ${name.padEnd(26)} P ${s.precision.toFixed(3)}  R ${s.recall.toFixed(3)}  F1 ${s.f1.toFixed(3)}  acc ${s.accuracy.toFixed(3)}  (tp ${c.tp} fn ${c.fn} fp ${c.fp} tn ${c.tn})`;
}

/**
 * Cross-document chrome on the text path: every page of pages/* (all sets) is grouped by host
 * (gold URL, else the page's canonical URL), the .txt renderings of hosts with >= 3 pages are
 * counted (source = host), and the `set` pages among them are scored with and without the table.
 * Few hosts have several pages here, so the figure covers few pages; it says how many.
 */
export function crossDocLines(set: string, gold: Gold[]): string[] {
  const pagesDir = join(SHARED_DATA, 'pages');
  const byHost = new Map<string, { doc: Doc; gold?: Gold }[]>();
  for (const name of readdirSync(pagesDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    const dir = join(pagesDir, name);
    for (const g of loadGold(dir)) {
      let url = g.url && /^https?:\/\//.test(g.url) ? g.url : undefined;
      if (!url) {
        const decoded = decodeHtml(readFileSync(join(dir, `${g.id}.html`)));
        if (decoded.ok) url = readPage(decoded.text).meta.canonicalUrl;
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

