/** Publication and modification dates a page's JSON-LD blocks state (raw strings, unparsed). */
import type { HtmlDateFacts } from '../../pipeline/doc.js';

/** JSON-LD types whose datePublished is the article's (not the site's or a review's). */
const ARTICLE_TYPE = /article|posting|report|story|newsarticle|webpage|creativework|video|scholarly/i;
const MAX_DEPTH = 8;

/** The dates of the blocks' objects, in document order; the published ones of Article-type objects first. */
export function jsonLdDates(blocks: readonly string[]): HtmlDateFacts['jsonLd'] {
  const out: HtmlDateFacts['jsonLd'] = { published: [], modified: [] };
  for (const block of blocks) {
    let data: unknown;
    try {
      data = JSON.parse(block.trim().replace(/^<!\[CDATA\[|\]\]>$/g, '').replace(/^\s*\/\/.*$/gm, ''));
    } catch {
      continue; // broken JSON-LD is common
    }
    walk(data, 0, out);
  }
  out.published.sort((a, b) => Number(b.article) - Number(a.article));
  return out;
}

function walk(node: unknown, depth: number, out: HtmlDateFacts['jsonLd']): void {
  if (depth > MAX_DEPTH || node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const n of node) walk(n, depth + 1, out);
    return;
  }
  const o = node as Record<string, unknown>;
  const type = ([] as unknown[]).concat(o['@type'] ?? []).join(' ');
  const article = ARTICLE_TYPE.test(type);
  const pub = o.datePublished ?? o.dateCreated ?? o.uploadDate;
  if (typeof pub === 'string') out.published.push({ value: pub, article });
  if (typeof o.dateModified === 'string') out.modified.push(o.dateModified);
  for (const [k, v] of Object.entries(o)) {
    // A page's publisher, author or review says nothing about the page's date.
    if (k === 'publisher' || k === 'author' || k === 'review' || k === 'comment' || k === 'itemListElement') continue;
    if (typeof v === 'object') walk(v, depth + 1, out);
  }
}
