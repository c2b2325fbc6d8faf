import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Doc, DocMeta, SourceKind } from '../pipeline/doc.js';
import type { StageContext } from '../pipeline/stage.js';
import { normalizeText } from '../stages/read.js';
import { boilerplate } from '../stages/boilerplate.js';
import {
  ChromeCounts, chromeKeys, chromeSet, chromeSource, lineHash, paragraphHash, type ChromeTable,
} from '../stages/boilerplate/crossdoc.js';
import { loadGold, normalizeWs } from '../bench/eval-boilerplate.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const DATA = path.resolve(here, '../../shared/data');
const PAGES = path.join(DATA, 'pages');
const ctx: StageContext = { runId: 'test', runStartedAt: new Date('2025-01-01T00:00:00Z') };

function doc(raw: string, meta: DocMeta = {}, kind: SourceKind = 'txt', id = 'doc'): Doc {
  return { id, source: { path: `${id}.${kind}`, kind, bytes: raw.length, sha256: '' }, raw, text: raw, meta, removed: [], dates: [], mentions: [] };
}

/** A text file (path absolute or under ../shared/data) as the read stage yields it. */
function readDoc(file: string, sourceName: string, url?: string): Doc {
  const raw = normalizeText(readFileSync(path.resolve(DATA, file), 'utf8'));
  return doc(raw, url ? { sourceName, url } : { sourceName }, 'txt', file);
}

/** Counts `docs` as the runner would (source = chromeSource) and returns the default table. */
function tableOf(docs: readonly Doc[]): ChromeTable {
  const counts = new ChromeCounts();
  for (const d of docs) counts.observe(chromeSource(d), chromeKeys(d));
  return counts.table();
}

function crossDoc(d: Doc): string[] {
  return d.removed.filter((r) => r.reason === 'cross_doc_repeat').map((r) => r.text);
}

const line = (i: number): number => lineHash(`A line of article number ${'x'.repeat(i)} that is long enough.`)!;

describe('chromeKeys / chromeSource', () => {
  it('hashes each distinct line of 15+ characters once, normalized (case, digits, whitespace)', () => {
    const keys = chromeKeys(doc('© 2023 Example Media Group\n\n© 2024  example media group\nShare\nEnough to count here\n'));
    expect(keys).toEqual([paragraphHash('© 0000 example media group'), paragraphHash('Enough to count here')]);
    expect(paragraphHash('© 2023 Example Media Group')).not.toBe(paragraphHash('© 2023 Example Media Groups'));
    expect(Number.isSafeInteger(keys[0])).toBe(true);
  });

  it('does not count data rows (two or more numbers): their digits fold alike across stories', () => {
    expect(chromeKeys(doc('Revs 35.1 mln vs 18.0 mln\nArsenal 2 Chelsea 1 at half time\n© 1996-2015 The Washington Post\n'))).toEqual([
      paragraphHash('© 1996-2015 The Washington Post'),
    ]);
  });

  it('gives no keys for HTML and rejected documents', () => {
    expect(chromeKeys(doc('<p>All rights reserved by the publisher.</p>', {}, 'html'))).toEqual([]);
    const rejected = doc('All rights reserved by the publisher.');
    rejected.reject = { stage: 'read', reason: 'x', detail: '' };
    expect(chromeKeys(rejected)).toEqual([]);
  });

  it('keys the source by meta.sourceName, else the empty string', () => {
    expect(chromeSource(doc('x', { sourceName: 'site-a' }))).toBe('site-a');
    expect(chromeSource(doc('x'))).toBe('');
  });
});

describe('ChromeCounts', () => {
  it('a line is chrome from minDocs documents and minShare of the source on', () => {
    const counts = new ChromeCounts();
    counts.observe('a', [line(1), line(2)]);
    counts.observe('a', [line(1), line(2)]);
    expect(counts.table()).toEqual({}); // 2 < minDocs 3
    counts.observe('a', [line(1)]);
    expect(counts.table()).toEqual({ a: [line(1)] });
    expect(counts.table({ minDocs: 2 })).toEqual({ a: [line(1), line(2)].sort((x, y) => x - y) });
    // 3 of 31 documents is under 10%: no longer chrome.
    for (let i = 0; i < 28; i++) counts.observe('a', [line(100 + i)]);
    expect(counts.documents('a')).toBe(31);
    expect(counts.table()).toEqual({});
    counts.observe('a', [line(1)]);
    expect(counts.table()).toEqual({ a: [line(1)] }); // 4 >= 3.1
    expect(counts.table({ minShare: 0.2 })).toEqual({});
  });

  it('counts sources apart', () => {
    const counts = new ChromeCounts();
    for (let i = 0; i < 3; i++) counts.observe('a', [line(1)]);
    for (let i = 0; i < 2; i++) counts.observe('b', [line(1)]);
    expect(counts.table()).toEqual({ a: [line(1)] });
  });

  it('persists as JSON without the lines seen once; docs stay exact', () => {
    const counts = new ChromeCounts();
    for (let i = 0; i < 3; i++) counts.observe('a', [line(1), line(2 + i)]);
    counts.observe('a', [line(2)]);
    counts.observe('', [line(9)]);
    const json = JSON.parse(JSON.stringify(counts));
    expect(json).toEqual({
      version: 1,
      sources: { a: { docs: 4, lines: { [line(1)]: 3, [line(2)]: 2 } }, '': { docs: 1, lines: {} } },
    });
    const back = ChromeCounts.fromJSON(json);
    expect(back.table()).toEqual(counts.table());
    expect(back.documents('a')).toBe(4);
    expect(back.documents('')).toBe(1);
    // line(3) was pruned: seen once more it counts 1, line(2) goes on from 2.
    back.observe('a', [line(2), line(3)]);
    expect(back.toJSON().sources.a.lines).toEqual({ [line(1)]: 3, [line(2)]: 3 });
    expect(back.table()).toEqual({ a: [line(1), line(2)].sort((x, y) => x - y) });
  });

  it('refuses what is not its JSON', () => {
    expect(() => ChromeCounts.fromJSON({ sources: {} })).toThrow(/version 1/);
    expect(() => ChromeCounts.fromJSON({ version: 1, sources: { a: { docs: 'x', lines: {} } } })).toThrow(/source "a"/);
  });

  it('the table survives structured cloning (postMessage) and gives one Set per table and source', () => {
    const table: ChromeTable = { a: [line(1)] };
    expect(structuredClone(table)).toEqual(table);
    expect(chromeSet(table, 'a')).toBe(chromeSet(table, 'a'));
    expect(chromeSet(table, 'a')?.has(line(1))).toBe(true);
    expect(chromeSet(table, 'b')).toBeUndefined();
    expect(chromeSet(table, 'constructor')).toBeUndefined();
  });
});

describe('boilerplate stage with ctx.chrome', () => {
  // Five real Wikipedia pages as one source (pages/trafilatura + pages/readability renderings).
  const wiki = [
    readDoc('pages/trafilatura/en.wikipedia.org.tsne.txt', 'en.wikipedia.org', 'https://en.wikipedia.org/wiki/T-distributed_stochastic_neighbor_embedding'),
    ...['wikipedia', 'wikipedia-2', 'wikipedia-3', 'wikipedia-4'].map((id) => readDoc(`pages/readability/${id}.txt`, 'en.wikipedia.org')),
  ];
  const wikiTable = tableOf(wiki);

  it('removes lines recurring across a real source as cross_doc_repeat, keeps the article text', () => {
    const [tsne] = wiki;
    const plain = boilerplate.process(tsne, ctx);
    const chrome = boilerplate.process(tsne, ctx, wikiTable);
    // The section heading of every article was kept as body text without the table.
    expect(plain.text).toContain('References[edit]');
    expect(crossDoc(plain)).toEqual([]);
    expect(chrome.text).not.toContain('References[edit]');
    expect(crossDoc(chrome)).toEqual(expect.arrayContaining([
      'References[edit]', 'From Wikipedia, the free encyclopedia', '* Donate to Wikipedia', '* Privacy policy',
    ]));
    const removed = chrome.removed.find((r) => r.text === 'References[edit]')!;
    expect(removed).toMatchObject({ stage: 'boilerplate', line: 175 });
    const gold = loadGold(path.join(PAGES, 'trafilatura')).find((g) => g.id === 'en.wikipedia.org.tsne')!;
    for (const s of gold.with) expect(normalizeWs(chrome.text).includes(normalizeWs(s))).toBe(normalizeWs(plain.text).includes(normalizeWs(s)));
    expect(chrome.text).toContain('T-distributed Stochastic Neighbor Embedding (t-SNE) is a machine learning algorithm');
  });

  it('a site-wide line is no headline: the real title wins once the table says so', () => {
    const hermitian = wiki[3];
    expect(boilerplate.process(hermitian, ctx).meta.title).toBe('Jump to navigation Jump to search');
    expect(boilerplate.process(hermitian, ctx, wikiTable).meta.title).toBe('Hermitian matrix');
  });

  it('does not move the body: the removed lines were all removed anyway or are the recurring heading', () => {
    for (const page of wiki) {
      const plain = boilerplate.process(page, ctx);
      const chrome = boilerplate.process(page, ctx, wikiTable);
      const removedBefore = new Set(plain.removed.map((r) => r.line));
      const removedAfter = new Set(chrome.removed.map((r) => r.line));
      expect([...removedBefore].filter((l) => !removedAfter.has(l))).toEqual([]); // nothing restored
      const newlyRemoved = chrome.removed.filter((r) => !removedBefore.has(r.line));
      expect(newlyRemoved.every((r) => r.reason === 'cross_doc_repeat')).toBe(true);
    }
  });

  it('a real footer appended to real pages of one source leaves them with the table, stays without', () => {
    const footer = readFileSync(path.join(PAGES, 'htmldate-mediacloud/1549555386.txt'), 'utf8').split('\n').slice(107, 114).join('\n');
    const pages = ['rs-ingenieure.de.tragwerksplanung', 'chineselyrics4u.com.zhineng', '100noticias.com-millones'].map((id) => {
      const d = readDoc(`pages/trafilatura/${id}.txt`, 'network');
      return { ...d, raw: `${d.raw}\n\n${footer}\n`, text: `${d.raw}\n\n${footer}\n` };
    });
    const table = tableOf(pages);
    const notice = 'Original content available for non-commercial use under a Creative Commons license, except where noted.';
    const plain = boilerplate.process(pages[0], ctx);
    const chrome = boilerplate.process(pages[0], ctx, table);
    expect(plain.text).toContain(notice);
    expect(plain.text).toContain('* Pay Your Ad Bill');
    expect(chrome.text).not.toContain(notice);
    expect(chrome.text).not.toContain('* Pay Your Ad Bill');
    expect(crossDoc(chrome)).toEqual(expect.arrayContaining([notice, '* Pay Your Ad Bill', '* Place a Classified Ad']));
    expect(chrome.text).toContain('Wir bearbeiten alle Leistungsbilder');
    expect(chrome.text).toBe(plain.text.replace(/\n\n\* Place a Classified Ad[^]*$/, ''));
  });

  it('a recurring prose notice cannot hold the body location: real cookie notice on real pages', () => {
    const notice = readFileSync(path.join(PAGES, 'trafilatura/fifplay.com.settings.txt'), 'utf8').split('\n').slice(836, 843).join('\n');
    const ids = ['coopbuddy.de.bee', 'ohneq.de.johannes', 'pix-bavaria.de'];
    const gold = loadGold(path.join(PAGES, 'trafilatura'));
    const originals = ids.map((id) => readDoc(`pages/trafilatura/${id}.txt`, 'network'));
    const pages = originals.map((d) => ({ ...d, raw: `${notice}\n\n${d.raw}`, text: `${notice}\n\n${d.raw}` }));
    const table = tableOf(pages);
    pages.forEach((page, i) => {
      const found = (d: Doc): number => gold.find((g) => g.id === ids[i])!.with.filter((s) => normalizeWs(d.text).includes(normalizeWs(s))).length;
      const plain = boilerplate.process(page, ctx);
      const chrome = boilerplate.process(page, ctx, table);
      const original = boilerplate.process(originals[i], ctx);
      expect(found(plain)).toBe(0); // the notice took the body's place
      expect(found(chrome)).toBe(found(original));
      expect(found(chrome)).toBeGreaterThan(0);
      expect(chrome.text).toBe(original.text);
      expect(crossDoc(chrome)).toContain('Privacy & Cookies Policy');
    });
  });

  it('leaves a copy of a story alone: four real wire copies in a small source keep their text', () => {
    // pages of reuters/dups.jsonl group 23 (one story four times) among 16 other stories
    const copies = ['1971', '7031', '12456', '12471'].map((id) => readDoc(`news/reuters/txt/${id}.txt`, 'wire'));
    const others = Array.from({ length: 16 }, (_, i) => readDoc(`news/reuters/txt/${i + 1}.txt`, 'wire'));
    const table = tableOf([...copies, ...others]);
    expect(table.wire.length).toBeGreaterThanOrEqual(5); // the story's lines are "chrome" by count
    for (const copy of copies) {
      const plain = boilerplate.process(copy, ctx);
      const chrome = boilerplate.process(copy, ctx, table);
      expect(chrome).toEqual(plain);
      expect(chrome.text).toContain('The Bundesbank left credit policies');
    }
  });

  it('leaves the figures of real earnings reports alone (30 of 50 wire stories in one source)', () => {
    const dir = path.join(DATA, 'news/reuters/txt');
    const names = readdirSync(dir).sort((a, b) => parseInt(a) - parseInt(b)).slice(0, 400);
    const first = names.map((name) => readDoc(path.join(dir, name), 'wire'));
    const earnings = first.filter((d) => /\n\s*Revs /.test(d.raw)).slice(0, 30);
    const others = first.filter((d) => !/\n\s*Revs /.test(d.raw)).slice(0, 20);
    expect(earnings).toHaveLength(30);
    const table = tableOf([...earnings, ...others]);
    for (const d of earnings) expect(boilerplate.process(d, ctx, table)).toEqual(boilerplate.process(d, ctx));
  });

  it('keeps date reasons for recurring date lines (the dates stage reads header_date)', () => {
    const body = 'The council met on Tuesday and agreed on a new budget for the coming year, officials said.';
    const docs = [1, 2, 3].map((i) => doc(`Thursday, March 21st\n\nStory ${i}\n\n${body} Number ${'i'.repeat(i)}.\n`, { sourceName: 's' }));
    const table = tableOf(docs);
    expect(table.s).toContain(lineHash('Thursday, March 21st'));
    const out = boilerplate.process(docs[0], ctx, table);
    expect(out.removed.find((r) => r.line === 1)?.reason).toBe('header_date');
  });

  it('output is identical without ctx.chrome, for other sources, for no matching line and for HTML', () => {
    const input = path.resolve(here, '../input');
    const files = ['site-a/2024-03-18-chile-korea-lithium.txt', 'site-b/energy/north-sea-wind-auction.txt', 'site-e/health/kigali-vaccine-plant.txt'];
    const docs = files.map((f) => readDoc(path.join(input, f), f.split('/')[0]));
    const table: ChromeTable = { ...wikiTable, 'site-a': [line(1)] };
    for (const d of docs) {
      expect(boilerplate.process(d, ctx, table)).toEqual(boilerplate.process(d, ctx));
      expect(boilerplate.process(d, ctx, {})).toEqual(boilerplate.process(d, ctx));
    }
    const html = readFileSync(path.join(PAGES, 'readability/wikipedia.html'), 'utf8');
    const page = doc(html, { sourceName: 'en.wikipedia.org' }, 'html');
    expect(boilerplate.process(page, ctx, wikiTable)).toEqual(boilerplate.process(page, ctx));
  });
});
