/**
 * The learned block classifier: the committed model fits the code's features, the trainer is
 * reproducible, and on held-out sites (half B of the site split, never trained or tuned on) the
 * HTML path beats the rules it started from and the text path on the same pages.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Doc } from '../pipeline/doc.js';
import { boilerplate } from '../stages/boilerplate.js';
import { normalizeText } from '../stages/read.js';
import { FEATURE_NAMES } from '../stages/html/block-features.js';
import { shippedModel, validateModel, type BlockModel } from '../stages/html/block-model.js';
import { analyzePage, extractHtml } from '../stages/html/extract.js';
import { parseHtml } from '../stages/html/parse.js';
import { loadCollection, scorePage, summarize, wordScore, type PageCase } from '../bench/eval-pages.js';
import { loadTrainingPages, trainModel } from '../bench/train-boilerplate.js';

const ctx = { runId: 'test', runStartedAt: new Date('2025-01-01T00:00:00Z') };

function doc(page: PageCase, kind: 'html' | 'txt'): Doc {
  const raw = kind === 'html' ? page.html : normalizeText(readFileSync(page.txtPath, 'utf8'));
  return { id: page.id, source: { path: `${page.id}.${kind}`, kind, bytes: raw.length, sha256: '' }, raw, text: raw, meta: page.url ? { url: page.url } : {}, removed: [], dates: [], mentions: [] };
}

describe('block model', () => {
  it('the committed model was trained on the features the code computes, one row per block', () => {
    const model = shippedModel();
    expect(model.features).toEqual([...FEATURE_NAMES]);
    const html = `<html><body><nav><a href="/">Home</a></nav><article><h1>Title here</h1><p>${'A sentence of the article that is long enough. '.repeat(4)}</p></article></body></html>`;
    const analysis = analyzePage(parseHtml(html));
    expect(analysis.rows.dense.length).toBe(analysis.page.blocks.length * FEATURE_NAMES.length);
    expect(analysis.rows.dense.every(Number.isFinite)).toBe(true);
  });

  it('a model with other feature names is refused with a stable code', () => {
    const other = { ...shippedModel(), features: [...FEATURE_NAMES.slice(1), 'something_else'] } as BlockModel;
    expect(() => validateModel(other)).toThrow(expect.objectContaining({ code: 'model_mismatch' }));
  });

  it('training is reproducible: the same pages give the same model, other pages another', { timeout: 300_000 }, () => {
    const pages = loadTrainingPages('A', 12);
    const thresholds = { threshold: 0.5, thresholdRuleRemoved: 0.8, fallbackShare: 0.3 };
    const once = JSON.stringify(trainModel(pages, thresholds, 'test'));
    const twice = JSON.stringify(trainModel(pages, thresholds, 'test'));
    expect(twice).toBe(once);
    const fewer = JSON.stringify(trainModel(pages.slice(0, pages.length - 3), thresholds, 'test'));
    expect(fewer).not.toBe(once);
  });
});

describe('held-out sites (half B, every second page)', () => {
  const readability = loadCollection('readability').filter((p) => p.half === 'B' && p.html).filter((_, i) => i % 2 === 0);
  const trafilatura = loadCollection('trafilatura').filter((p) => p.half === 'B' && p.html).filter((_, i) => i % 2 === 0);

  it('readability pages: word F1 of the HTML path >= the rules alone and >= the text path', { timeout: 300_000 }, () => {
    let html = 0;
    let rules = 0;
    let text = 0;
    for (const page of readability) {
      html += wordScore(boilerplate.process(doc(page, 'html'), ctx).text, page.expectedText!).f1;
      rules += wordScore(extractHtml(page.html, page.url, { model: null }).paragraphs.join('\n'), page.expectedText!).f1;
      text += wordScore(boilerplate.process(doc(page, 'txt'), ctx).text, page.expectedText!).f1;
    }
    expect(readability.length).toBeGreaterThan(20);
    expect(html).toBeGreaterThanOrEqual(rules);
    expect(html).toBeGreaterThan(text);
  });

  it('trafilatura pages: snippet F1 of the HTML path >= the text path and above the floor', { timeout: 300_000 }, () => {
    const html = { tp: 0, fn: 0, fp: 0, tn: 0 };
    const text = { tp: 0, fn: 0, fp: 0, tn: 0 };
    for (const page of trafilatura) {
      for (const [acc, kind] of [[html, 'html'], [text, 'txt']] as const) {
        const c = scorePage(boilerplate.process(doc(page, kind), ctx).text, page.snippets!);
        acc.tp += c.tp; acc.fn += c.fn; acc.fp += c.fp; acc.tn += c.tn;
      }
    }
    expect(trafilatura.length).toBeGreaterThan(50);
    expect(summarize(html).f1).toBeGreaterThan(summarize(text).f1);
    expect(summarize(html).f1).toBeGreaterThan(HELD_OUT_SNIPPET_F1_FLOOR);
  });
});

/** A little below what `npm run eval -- boilerplate` measures on all of half B. */
const HELD_OUT_SNIPPET_F1_FLOOR = 0.9;

describe('page parts around a long article', () => {
  const sentence = (section: number, n: number) =>
    `In section ${section}, paragraph ${n} explains how the regional water board changed its plans after the hearing, and why residents were asked to comment.`;
  const sections = Array.from({ length: 6 }, (_, s) => `<h2>Part ${s + 1} of the inquiry into the reservoir</h2>` +
    Array.from({ length: 6 }, (_, n) => `<p>${sentence(s + 1, n + 1)}</p>`).join('') +
    (s === 2 ? '<ul><li>The first finding of the board was that the dam is safe to use.</li><li>The second finding was that repairs must be finished by spring.</li></ul>' : '') +
    (s === 3 ? '<blockquote><p>We will publish every document of the inquiry, the chair said at the meeting.</p></blockquote>' : '')).join('');
  const comments = Array.from({ length: 12 }, (_, i) =>
    `<li class="comment"><div class="comment-author">Reader ${i}</div><p>I have lived near the reservoir for ${i + 3} years and I think the board should have listened to us much earlier than this.</p></li>`).join('');
  const html = `<html><head><title>Reservoir inquiry | The Daily Example</title></head><body>
<header class="site-header"><a href="/">The Daily Example</a><nav><a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
<main><article><h1>Reservoir inquiry</h1><div class="byline">By Jane Roe, Water Correspondent</div>
<figure><img src="a.jpg"><figcaption>The reservoir at dawn. Photo: John Doe</figcaption></figure>
<div class="article-body">${sections}</div></article>
<section class="related-stories"><h3>Related stories</h3><ul><li><a href="/a">Board approves new dam budget for next year</a></li><li><a href="/b">Residents protest the water prices in the valley</a></li><li><a href="/c">Drought warning issued for the whole region</a></li></ul></section>
<section id="comments"><h3>12 comments</h3><ol class="comment-list">${comments}</ol></section></main>
<footer><p>Copyright 2024 The Daily Example. All rights reserved.</p></footer></body></html>`;

  it('keeps every section of the article and drops byline, caption, related stories and comments', () => {
    const doc = boilerplate.process({ id: 'd', source: { path: 'x.html', kind: 'html', bytes: html.length, sha256: '' }, raw: html, text: html, meta: {}, removed: [], dates: [], mentions: [] }, ctx);
    for (let s = 1; s <= 6; s++) for (let n = 1; n <= 6; n++) expect(doc.text).toContain(sentence(s, n));
    expect(doc.text).toContain('Part 6 of the inquiry');
    expect(doc.text).toContain('repairs must be finished by spring');
    expect(doc.text).toContain('We will publish every document');
    for (const gone of ['By Jane Roe', 'Photo: John Doe', 'Board approves new dam budget', 'I have lived near the reservoir', 'Copyright 2024']) {
      expect(doc.text, gone).not.toContain(gone);
    }
    expect(doc.meta.title).toBe('Reservoir inquiry');
    const reasons = new Map(doc.removed.map((r) => [r.text.slice(0, 20), r.reason]));
    expect(reasons.get('I have lived near th')).toBe('comments');
    expect(reasons.get('Board approves new d')).toBe('related');
  });
});
