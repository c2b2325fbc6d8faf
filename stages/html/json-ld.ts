/**
 * A page's JSON-LD, read once for everything that uses it: the page metadata (metadata.ts) and
 * the dated facts the dates stage gets (page-facts.ts). One parser, one walk, one notion of
 * which objects describe the article.
 */

/** How deep the walk goes: real pages nest an article in a @graph, a WebPage or an ItemList. */
const MAX_DEPTH = 8;

/** Types of an object that describes the page's own content (not the site, a person or a list). */
const ARTICLE_TYPE = /article|posting|report|story|blog|news|webpage|creativework|video|scholarly|recipe|review|event|product/i;
const NOT_ARTICLE_TYPE = /website|organization|person|breadcrumb/i;

/**
 * Keys whose objects describe somebody or something else than the page: their dates, names and
 * headlines are not the page's (its publisher's founding date, a review's or a comment's date).
 */
const FOREIGN_KEYS: ReadonlySet<string> = new Set(['publisher', 'author', 'review', 'comment', 'itemListElement']);

export interface JsonLdObject {
  object: Record<string, unknown>;
  /** Its @type describes the page's content. */
  article: boolean;
  /**
   * It describes the page itself: a block's top-level object, a member of its @graph, or its
   * mainEntity. Objects it merely holds (an embedded video, a citation, the item a review
   * reviews, the site it is part of) have their own authors, addresses and dates.
   */
  aboutPage: boolean;
}

/**
 * One script block's JSON, or undefined when it is not JSON. Lenient as pages need: a CDATA
 * wrapper and `//` comment lines are dropped first.
 */
export function parseJsonLd(text: string): unknown {
  try {
    return JSON.parse(text.trim().replace(/^<!\[CDATA\[|\]\]>$/g, '').replace(/^\s*\/\/.*$/gm, ''));
  } catch {
    return undefined; // broken JSON-LD is common
  }
}

/** Every object of the blocks, in document order (a parent before what it holds). */
export function jsonLdObjects(roots: readonly unknown[]): JsonLdObject[] {
  const out: JsonLdObject[] = [];
  const walk = (node: unknown, depth: number, aboutPage: boolean): void => {
    if (depth > MAX_DEPTH || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const n of node) walk(n, depth + 1, aboutPage);
      return;
    }
    const object = node as Record<string, unknown>;
    const type = typeOf(object);
    out.push({ object, article: ARTICLE_TYPE.test(type) && !NOT_ARTICLE_TYPE.test(type), aboutPage });
    for (const [k, v] of Object.entries(object)) {
      if (!FOREIGN_KEYS.has(k) && typeof v === 'object') walk(v, depth + 1, aboutPage && (k === '@graph' || k === 'mainEntity'));
    }
  };
  for (const root of roots) walk(root, 0, true);
  return out;
}

function typeOf(o: Record<string, unknown>): string {
  const t = o['@type'];
  return Array.isArray(t) ? t.join(' ') : typeof t === 'string' ? t : '';
}
