/**
 * Hostile HTML (issue 20): the HTML path must finish on pages nested far deeper than the call
 * stack allows and on tags with a million attributes, and still read the article. The timeouts
 * only stop a runaway test; speed itself is measured in `npm run bench`.
 */
import { describe, expect, it } from 'vitest';
import { isTag, type Element } from 'domhandler';
import type { Doc } from '../pipeline/doc.js';
import { boilerplate } from '../stages/boilerplate.js';
import { readPage } from '../stages/html/extract.js';
import { pageFactsOf } from '../stages/boilerplate/page-facts.js';
import { htmlDateCandidates } from '../stages/dates/html.js';
import { MAX_ELEMENTS, MAX_PARSE_DEPTH, parseBounded, parseHtml } from '../stages/html/parse.js';

const ctx = { runId: 'test', runStartedAt: new Date('2025-01-01T00:00:00Z') };
const SENTENCE = 'The council approved the new budget on Tuesday after a long debate about schools and roads.';

function htmlDoc(raw: string): Doc {
  return { id: 'd', source: { path: 'x.html', kind: 'html', bytes: raw.length, sha256: '' }, raw, text: raw, meta: {}, removed: [], dates: [], mentions: [] };
}

function deepestElement(root: Element): { element: Element; depth: number } {
  let element = root;
  let depth = 0;
  for (;;) {
    const child = element.children.find(isTag);
    if (!child) return { element, depth };
    element = child;
    depth++;
  }
}

describe('deep nesting', () => {
  const depth = 200_000;

  it('200k nested divs: the stage finishes and keeps the article at the bottom', { timeout: 30_000 }, () => {
    const html = `<html><head><title>Deep</title></head><body>${'<div>'.repeat(depth)}<p>${SENTENCE}</p><p>${SENTENCE.replace('Tuesday', 'Friday')}</p>${'</div>'.repeat(depth)}<footer><p>Copyright the site</p></footer></body></html>`;
    const doc = boilerplate.process(htmlDoc(html), ctx);
    expect(doc.reject).toBeUndefined();
    expect(doc.text).toContain(SENTENCE);
    expect(doc.text).toContain('on Friday');
    expect(doc.text).not.toContain('Copyright');
  });

  it('the DOM is flattened below the depth cap, as browsers do, and no text is lost', { timeout: 30_000 }, () => {
    const html = `<body>${'<div><span>x</span>'.repeat(depth)}${'</div>'.repeat(depth)}</body>`;
    const document = parseBounded(html);
    const body = document.children.find(isTag)!;
    expect(deepestElement(body).depth).toBeLessThanOrEqual(MAX_PARSE_DEPTH);
    const page = parseHtml(html);
    const xs = page.blocks.reduce((n, b) => n + (b.text.match(/x/g)?.length ?? 0), 0);
    expect(xs).toBe(depth);
  });

  it('nested headings, bylines and inline elements: metadata reads them in linear time', { timeout: 30_000 }, () => {
    // headings and links do not nest (each opening one closes the last): n of each stay in the
    // DOM, just under its element cap
    const page = (n: number) => `<html><head><title>Nested headline</title></head><body>${'<h1>'.repeat(n)}Nested headline${'</h1>'.repeat(n)}` +
      `${'<div class="byline">'.repeat(n)}By Jane Roe${'</div>'.repeat(n)}${'<span><a href="/x">'.repeat(n)}link${'</a></span>'.repeat(n)}</body></html>`;
    const meta = readPage(page(Math.floor(MAX_ELEMENTS / 3) - 10)).meta;
    expect(meta.title).toBe('Nested headline');
    expect(meta.author).toBe('Jane Roe');
    expect(() => readPage(page(MAX_ELEMENTS))).toThrow(expect.objectContaining({ reason: 'too_complex' }));
  });
});

describe('deep nesting in the dates stage', () => {
  it('200k nested date-classed elements: the page date is read from the innermost one', { timeout: 30_000 }, () => {
    const n = 200_000;
    // Every element captures text for a date; text between them reaches every open capture.
    const html = `<html><body>${'<div class="post-date">\n'.repeat(n)}Posted 21 March 2024${'</div>'.repeat(n)}<p>${SENTENCE}</p></body></html>`;
    const { candidates } = htmlDateCandidates(pageFactsOf(htmlDoc(html)).html!, undefined);
    expect(candidates.length).toBeGreaterThan(0);
    expect(candidates[0].found.ymd).toEqual({ y: 2024, m: 3, d: 21 });
  });
});

describe('a million attributes', () => {
  it('keeps a bounded number of attributes per element, and the ones the classifier reads', { timeout: 30_000 }, () => {
    const many = Array.from({ length: 1_000_000 }, (_, i) => `data-a${i}="v"`).join(' ');
    const html = `<html><body><div ${many} class="site-footer"><p>${SENTENCE}</p></div><article><p>${SENTENCE.replace('council', 'mayor')}</p><p>${SENTENCE.replace('council', 'board')}</p></article></body></html>`;
    const document = parseBounded(html);
    let widest = 0;
    const stack = [...document.children];
    while (stack.length) {
      const node = stack.pop()!;
      if (!isTag(node)) continue;
      widest = Math.max(widest, Object.keys(node.attribs).length);
      stack.push(...node.children);
    }
    expect(widest).toBeLessThan(100);
    // The class after a million other attributes still marks the footer.
    const doc = boilerplate.process(htmlDoc(html), ctx);
    expect(doc.text).toContain('The mayor approved');
    expect(doc.text).not.toContain('The council approved');
  });
});
