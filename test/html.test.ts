import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Doc } from '../pipeline/doc.js';
import { boilerplate } from '../stages/boilerplate.js';
import { dropRepeated, observe, type SourceLineCounts } from '../stages/boilerplate/crossdoc.js';
import { decodeHtml, declaredCharset } from '../stages/html/charset.js';
import { extractHtml } from '../stages/html/extract.js';
import { parseHtml, visibleText } from '../stages/html/parse.js';
import { loadGold, normalizeWs, scorePage, summarize, titleMatches } from '../bench/eval-boilerplate.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const TRAF = path.resolve(here, '../../shared/data/pages/trafilatura');
const ctx = { runId: 'test', runStartedAt: new Date('2025-01-01T00:00:00Z') };
const GOLD = loadGold(TRAF);
const gold = (id: string) => GOLD.find((g) => g.id === id)!;

function page(id: string): string {
  const decoded = decodeHtml(readFileSync(path.join(TRAF, `${id}.html`)));
  if (!decoded.ok) throw new Error(`${id}: ${decoded.reason}`);
  return decoded.text;
}

function htmlDoc(raw: string): Doc {
  return { id: 'd', source: { path: 'x.html', kind: 'html', bytes: raw.length, sha256: '' }, raw, text: raw, meta: {}, removed: [], dates: [], mentions: [] };
}

describe('decodeHtml', () => {
  it('decodes a windows-1252 page by its declared charset (umlauts intact)', () => {
    const bytes = readFileSync(path.join(TRAF, 'proplanta.de.erloesobergrenze.html'));
    expect(new TextDecoder('utf-8', { fatal: false }).decode(bytes)).toContain('\ufffd');
    const r = decodeHtml(bytes);
    expect(r.ok && r.charset).toBe('windows-1252');
    expect(r.ok && r.text).toContain('Bayern fordert höhere Erlösobergrenzen für Bioenergie');
  });

  it('decodes an iso-8859-2 Polish page (ą, ę, ż, ł intact)', () => {
    const id = 'ziemniaki-na-szostej-surowka-na-dziesiatej-.-jak-pomagac-zeby-nie-zaszkodzic-por';
    const bytes = readFileSync(path.join(TRAF, `${id}.html`));
    expect(declaredCharset(bytes)).toBe('iso-8859-2');
    const r = decodeHtml(bytes);
    expect(r.ok && r.charset).toBe('iso-8859-2');
    const text = extractHtml(r.ok ? r.text : '').paragraphs.join('\n');
    for (const snippet of gold(id).with) expect(normalizeWs(text)).toContain(normalizeWs(snippet));
  });

  it('prefers a BOM, reads http-equiv, and rejects empty and binary input', () => {
    const bom = Uint8Array.from([0xef, 0xbb, 0xbf, ...Buffer.from('<meta charset="iso-8859-1"><p>Grüße</p>')]);
    expect(decodeHtml(bom)).toMatchObject({ ok: true, charset: 'utf-8', text: '<meta charset="iso-8859-1"><p>Grüße</p>' });
    const legacy = Buffer.concat([Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"><p>Gr'), Buffer.from([0xfc, 0xdf]), Buffer.from('e</p>')]);
    expect(decodeHtml(legacy)).toMatchObject({ ok: true, charset: 'windows-1252' });
    expect(decodeHtml(legacy).ok && (decodeHtml(legacy) as { text: string }).text).toContain('Grüße');
    expect(decodeHtml(new Uint8Array(0))).toMatchObject({ ok: false, reason: 'empty_file' });
    expect(decodeHtml(Buffer.from(' \n '))).toMatchObject({ ok: false, reason: 'empty_file' });
    expect(decodeHtml(new Uint8Array(1000))).toMatchObject({ ok: false, reason: 'binary_content' });
  });
});

describe('metadata on real pages', () => {
  const cases = ['battery-news.de.ultium-cells', 'solarserver.de.solarthermisches-kraftwerk-dubai',
    'lostiempos.com-juicio', 'kaieteurnewsonline.com-essequibo', 'proplanta.de.erloesobergrenze'];
  for (const id of cases) {
    it(`${id}: title and publication date match the gold`, () => {
      const g = GOLD.find((x) => x.id === id) as unknown as { title: string; date: string };
      const doc = boilerplate.process(htmlDoc(page(id)), ctx);
      expect(titleMatches(doc.meta.title, g.title), `${doc.meta.title} vs ${g.title}`).toBe(true);
      expect(doc.meta.publishedField?.slice(0, 10)).toBe(g.date);
      expect(doc.text).not.toContain(doc.meta.title!); // the headline leaves the text
    });
  }

  it('reads canonical URL, site name, author and language', () => {
    const html = `<html lang="de-DE"><head><title>Ein Titel | Beispielblatt</title>
      <link rel="canonical" href="https://example.org/a">
      <meta property="og:site_name" content="Beispielblatt">
      <script type="application/ld+json">{"@type":"NewsArticle","headline":"Ein Titel","author":{"@type":"Person","name":"Erika Muster"},"datePublished":"2024-03-01T10:00:00+01:00","dateModified":"2024-03-02"}</script>
      </head><body><h1>Ein Titel</h1><p>${'Der Text des Artikels ist lang genug und hat viele Wörter, die ein Satz sind. '.repeat(3)}</p></body></html>`;
    const { meta } = extractHtml(html);
    expect(meta).toMatchObject({ title: 'Ein Titel', canonicalUrl: 'https://example.org/a', siteName: 'Beispielblatt',
      author: 'Erika Muster', published: '2024-03-01T10:00:00+01:00', modified: '2024-03-02', language: 'de' });
  });
});

describe('extraction on real pages', () => {
  const ids = ['greentech.live.energiesparen-bei-cern', 'reset.org.clickbait', 'thisisjanewayne.com.bauch',
    'caymancompass.com-prison', 'landwirt.com.sensortechnik', 'datev-magazin.de-kommunikation'];
  for (const id of ids) {
    it(`${id}: keeps every "with" snippet and drops every "without" snippet`, () => {
      const g = gold(id);
      const doc = boilerplate.process(htmlDoc(page(id)), ctx);
      const text = normalizeWs(doc.text);
      for (const s of g.with) expect(text, s).toContain(normalizeWs(s));
      for (const s of g.without) expect(text, s).not.toContain(normalizeWs(s));
    });
  }

  it('records every removed block with a documented reason and its source line', () => {
    const raw = page('caymancompass.com-prison');
    const doc = boilerplate.process(htmlDoc(raw), ctx);
    const reasons = new Set(['navigation', 'footer', 'sidebar', 'comments', 'share', 'related', 'cookie_notice',
      'advertising', 'newsletter', 'page_header', 'meta_line', 'hidden', 'form', 'outside_main', 'link_list', 'chrome',
      'credit', 'photo_caption', 'comment_form', 'date_only', 'title', 'repeated_block', 'before_body', 'after_body',
      'orphan_label', 'not_article']);
    const lines = raw.split('\n');
    expect(doc.removed.length).toBeGreaterThan(10);
    for (const r of doc.removed) {
      expect(r.stage).toBe('boilerplate');
      expect(reasons.has(r.reason), r.reason).toBe(true);
      expect(r.line).toBeGreaterThanOrEqual(1);
      expect(r.line).toBeLessThanOrEqual(lines.length);
      expect(r.text.length).toBeLessThanOrEqual(200);
    }
  });

  it('is pure and idempotent on an HTML document', () => {
    const input = htmlDoc(page('reset.org.clickbait'));
    const snapshot = structuredClone(input);
    const once = boilerplate.process(input, ctx);
    expect(input).toEqual(snapshot);
    const twice = boilerplate.process(once, ctx);
    expect(twice.text).toBe(once.text);
    expect(twice.removed).toEqual(once.removed);
  });
});

describe('JSON-LD', () => {
  const page = (...blocks: unknown[]) => `<html><head>${blocks.map((b) => `<script type="application/ld+json">${typeof b === 'string' ? b : JSON.stringify(b)}</script>`).join('')}</head><body><h1>Headline</h1><p>Text.</p></body></html>`;

  it('reads the article object, not what it embeds (a video, a citation, a reviewed item)', () => {
    const meta = extractHtml(page({
      '@type': 'NewsArticle', author: { '@id': '#a' },
      video: { '@type': 'VideoObject', url: 'https://video.example/v', author: { name: 'Video Uploader' }, publisher: { name: 'VideoSite' }, datePublished: '2015-01-01' },
    })).meta;
    expect(meta.author).toBeUndefined();
    expect(meta.siteName).toBeUndefined();
    expect(meta.canonicalUrl).toBeUndefined();
    expect(meta.published).toBeUndefined();
    const review = extractHtml(page({ '@type': 'Review', author: 'Critic Name', url: 'https://r.example/review', itemReviewed: { '@type': 'Product', url: 'https://shop.example/p' } })).meta;
    expect(review.author).toBe('Critic Name');
    expect(review.canonicalUrl).toBe('https://r.example/review');
  });

  it('reads an @graph, comment lines and a CDATA wrapper; one parse feeds the metadata and the dates', () => {
    const r = extractHtml(page(`<![CDATA[
// generated
{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Site"},{"@type":"NewsArticle","author":[{"@type":"Person","name":"Ann Lee"}],"datePublished":"2024-06-25T08:00:00Z","publisher":{"@type":"Organization","name":"The Daily"}}]}
]]>`));
    expect(r.meta.author).toBe('Ann Lee');
    expect(r.meta.published).toBe('2024-06-25T08:00:00Z');
    expect(r.meta.siteName).toBe('The Daily');
    expect(r.dates.jsonLd.published).toEqual([{ value: '2024-06-25T08:00:00Z', article: true }]);
  });

  it('ignores JSON-LD inside <noscript> or <template>, in the parse listener and in the DOM reader alike', () => {
    const html = '<html><body><noscript><script type="application/ld+json">{"@type":"NewsArticle","author":{"name":"X"}}</script></noscript><p>y</p></body></html>';
    expect(extractHtml(html).meta.author).toBeUndefined();
    expect(extractHtml(html).dates.jsonLd.published).toEqual([]);
  });
});

describe('synthetic pages', () => {
  const para = (n: number) => `<p>This is sentence number ${n} of the article, and it is written as plain running prose with words.</p>`;
  it('a paragraph wrapped in the page source is one line; <br> and <pre> break lines', () => {
    const page = parseHtml(`<html><body><p>Vladimir
      Putin met the
      press on Friday.</p><p>First line<br>second line</p><pre>code line 1
code line 2</pre></body></html>`);
    expect(page.blocks.map((b) => b.text)).toEqual([
      'Vladimir Putin met the press on Friday.', 'First line\nsecond line', 'code line 1\ncode line 2',
    ]);
    // A U+0001 in the page is a space (the parser marks <br> with it until a block is cleaned).
    expect(parseHtml('<p>alpha&#1;beta</p>').blocks.map((b) => b.text)).toEqual(['alpha beta']);
  });

  it('drops a list of teaser cards (a linked headline over a one-sentence summary) after the article, keeps an ingredient list', () => {
    const story = (n: number) => `<p>Paragraph ${n} of the report says what the police found at the scene, who was taken to hospital and what witnesses saw.</p>`;
    const card = (n: number) => `<div class="card"><h3><a href="/s${n}">Another story number ${n}</a></h3><p>The summary of another story, number ${n} and one sentence long, that a reader might click on next.</p></div>`;
    const ingredient = (n: number) => `<li class="ingredient"><span>${n * 50} g</span> <a href="/i${n}">Flour</a></li>`;
    const html = `<html><head><title>Crash in the town centre</title></head><body>
<article><h1>Crash in the town centre</h1>${[1, 2, 3, 4].map(story).join('')}<ul>${[1, 2, 3, 4].map(ingredient).join('')}</ul>
<div class="more">${[1, 2, 3, 4, 5].map(card).join('')}</div></article></body></html>`;
    const r = extractHtml(html);
    expect(r.paragraphs.join('\n')).toContain('Paragraph 4 of the report');
    expect(r.paragraphs.join('\n')).not.toContain('The summary of another story');
    expect(r.removals.filter((x) => x.text.startsWith('The summary of another story')).map((x) => x.reason)).toEqual(new Array(5).fill('related'));
    expect(r.paragraphs.join('\n')).toContain('200 g');
  });

  it('keeps an article behind a paywall container ("subscription-content"), drops a sign-up box', () => {
    const story = (n: number) => `<p>Paragraph ${n} of the report says what the police found at the scene, who was taken to hospital and what witnesses saw.</p>`;
    const html = `<html><head><title>Crash in the town centre</title></head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Crash in the town centre</h1>${story(1)}${story(2)}<div id="subscription-content">${[3, 4, 5, 6, 7].map(story).join('')}</div>
<div class="newsletter-signup"><p>Sign up to our daily newsletter for the latest news.</p></div></article>
<aside><h3>Most read</h3>${[1, 2, 3, 4, 5, 6, 7, 8].map((n) => `<h4><a href="/s${n}">Another story ${n}</a></h4><p>The teaser of another story that readers read today, written as a sentence of its own.</p>`).join('')}</aside>
<footer><p>This website and its newspapers adhere to the press code of practice. If you have a complaint about the editorial content, contact the editor.</p></footer></body></html>`;
    const r = extractHtml(html);
    for (const n of [1, 3, 7]) expect(r.paragraphs.join('\n')).toContain(`Paragraph ${n} of the report`);
    expect(r.removals.find((x) => x.text.startsWith('Sign up'))?.reason).toBe('newsletter');
  });

  it('keeps short closing lines right after the article, drops a heading above teaser links', () => {
    const html = `<html><head><title>Closing lines | Site</title></head><body><nav><a href="/">Home</a> <a href="/a">About</a></nav>
<div class="content"><h1>Closing lines</h1>${para(1)}${para(2)}${para(3)}<p>See you all next week!</p>
<h3>More reading</h3><div><a href="/x">A teaser headline that links to another story</a></div></div></body></html>`;
    const r = extractHtml(html);
    expect(r.meta.title).toBe('Closing lines');
    expect(r.paragraphs).toContain('See you all next week!');
    expect(r.paragraphs).not.toContain('More reading');
  });

  it('reads a headline from a headline class, without a leading marker, and a kicker line as such', () => {
    const byClass = `<html><head><title>Leasing oder Finanzierung | Site</title></head><body><div class="content">
<p class="stage-headline">Leasing oder Finanzierung: was lohnt sich mehr?</p>${para(1)}${para(2)}</div></body></html>`;
    expect(extractHtml(byClass).meta.title).toBe('Leasing oder Finanzierung: was lohnt sich mehr?');
    const marker = `<html><head><title>Site // » Jens Weber</title></head><body><div class="content"><h2>[&gt; Jens Weber</h2>${para(1)}${para(2)}</div></body></html>`;
    expect(extractHtml(marker).meta.title).toBe('Jens Weber');
    const kicker = `<html><head><title>Abnehm-Tricks für Weihnachten</title><meta property="og:title" content="Weihnachten nicht zunehmen: 10 Tipps | Site"></head>
<body><div class="content"><h2>Abnehm-Tricks für Weihnachten<br>Weihnachten nicht zunehmen: 10 Tipps für ein schlankes Fest</h2>${para(1)}${para(2)}</div></body></html>`;
    expect(extractHtml(kicker).meta.title).toBe('Weihnachten nicht zunehmen: 10 Tipps für ein schlankes Fest');
  });

  it('reads numbered and hyphen-split class words as hints ("footer2", "author-box-wrap")', () => {
    const html = `<html><body><div class="content">${para(1)}${para(2)}${para(3)}
<div class="author-box-wrap"><p>Jane Doe is a writer who has covered technology and science for many years now.</p></div></div>
<div class="footer2"><p>This site is run by a small team of people who love writing about all sorts of things.</p></div></body></html>`;
    const text = extractHtml(html).paragraphs.join('\n');
    expect(text).toContain('sentence number 3');
    expect(text).not.toContain('Jane Doe');
    expect(text).not.toContain('small team');
  });
});

describe('trafilatura CI subset (every 9th page: 42 pages)', () => {
  it('snippet F1 stays above the floor, well above keep-everything, and titles hold', () => {
    const subset = GOLD.filter((_, i) => i % 9 === 0);
    const c = { tp: 0, fn: 0, fp: 0, tn: 0 };
    const base = { tp: 0, fn: 0, fp: 0, tn: 0 };
    let titles = 0;
    let titlesRight = 0;
    for (const g of subset) {
      const raw = page(g.id);
      const doc = boilerplate.process(htmlDoc(raw), ctx);
      for (const [acc, s] of [[c, scorePage(doc.text, g)], [base, scorePage(visibleText(parseHtml(raw)), g)]] as const) {
        acc.tp += s.tp; acc.fn += s.fn; acc.fp += s.fp; acc.tn += s.tn;
      }
      if (g.title) {
        titles++;
        if (titleMatches(doc.meta.title, g.title)) titlesRight++;
      }
    }
    const f1 = summarize(c).f1;
    expect(f1).toBeGreaterThan(CI_F1_FLOOR);
    expect(f1).toBeGreaterThan(summarize(base).f1 + 0.1);
    expect(titlesRight / titles).toBeGreaterThan(CI_TITLE_FLOOR);
  });
});

describe('cross-document chrome counts', () => {
  it('drops a paragraph repeated across documents of a source, keeps the rest', () => {
    const disclaimer = 'Alle Rechte vorbehalten. Nachdruck nur mit schriftlicher Genehmigung der Redaktion.';
    let counts: SourceLineCounts = { docs: 0, lines: {} };
    for (let i = 0; i < 5; i++) counts = observe(counts, [`Artikel Nummer ${i} erzählt eine eigene Geschichte.`, disclaimer, disclaimer]);
    expect(counts.docs).toBe(5);
    const frozen = structuredClone(counts);
    const { kept, removed } = dropRepeated(['Ein ganz neuer Absatz mit eigenem Inhalt.', disclaimer], counts);
    expect(kept).toEqual(['Ein ganz neuer Absatz mit eigenem Inhalt.']);
    expect(removed).toEqual([{ index: 1, text: disclaimer, reason: 'cross_doc_repeat' }]);
    expect(counts).toEqual(frozen);
    // Numbers are folded: "Artikel Nummer 7" matches the counted "Artikel Nummer 0..4" paragraphs.
    expect(dropRepeated(['Artikel Nummer 7 erzählt eine eigene Geschichte.'], counts).removed).toHaveLength(1);
  });
});

/** Floors a little below what this subset measures (no meta.url; `npm run eval -- boilerplate` has the figures). */
const CI_F1_FLOOR = 0.9;
const CI_TITLE_FLOOR = 0.74;
