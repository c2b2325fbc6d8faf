/**
 * Page metadata from the HTML head and body: title, canonical URL, site name, author,
 * publication and modification time (raw strings, unparsed: the dates stage parses them),
 * language. Sources, in order of trust: JSON-LD, OpenGraph / article:* / twitter:* / Dublin
 * Core meta tags, microdata (itemprop), then the visible page (`<title>`, `<h1>`, `<time>`,
 * rel=author links and byline elements).
 */
import { isTag, isText, type AnyNode, type Document, type Element } from 'domhandler';
import type { JsonLdObject } from './json-ld.js';

export interface HtmlMeta {
  title?: string;
  /** Where the title came from: 'h1', 'og:title', 'json-ld', 'title', ... */
  titleSource?: string;
  canonicalUrl?: string;
  siteName?: string;
  author?: string;
  /** Publication time as the page gives it (e.g. "2021-03-04T10:00:00+01:00"). */
  published?: string;
  publishedSource?: string;
  modified?: string;
  language?: string;
  description?: string;
  /** The titles the head gives (og:title, twitter:title, JSON-LD headline, `<title>`), as evidence for the headline. */
  headTitles?: string[];
}

interface Collected {
  meta: Map<string, string>;
  titleTag?: string;
  h1: string[];
  canonical?: string;
  htmlLang?: string;
  times: { datetime: string; pubdate: boolean; itemprop: string }[];
  itemprops: Map<string, string>;
  relAuthor: string[];
  bylines: string[];
}

const TITLE_SEPARATORS = [' | ', ' - ', ' – ', ' — ', ' :: ', ' » ', ' « ', ' · ', ' / ', ' : ', ' ~ '];
const BYLINE_HINT = /(^|[\s_-])(byline|author|autor|posted-by|post-author|entry-author|author-name|vcard)($|[\s_-])/;

/** `jsonLd`: the page's JSON-LD objects, as its parse read them (PageFactsListener; extract.ts readPage). */
export function extractMetadata(document: Document, jsonLd: readonly JsonLdObject[]): HtmlMeta {
  const c: Collected = { meta: new Map(), h1: [], times: [], itemprops: new Map(), relAuthor: [], bylines: [] };
  collect(document.children, c);
  const ld = jsonLdFacts(jsonLd);
  const m = (k: string): string | undefined => c.meta.get(k);
  const out: HtmlMeta = {};

  out.siteName = clean(m('og:site_name') ?? m('application-name') ?? ld.publisher);
  chooseTitle(c, ld, out);
  out.canonicalUrl = clean(c.canonical ?? m('og:url') ?? ld.url);
  out.author = clean(firstNonUrl([ld.author, m('author'), m('article:author'), m('dc.creator'), m('dcterms.creator'),
    m('sailthru.author'), m('parsely-author'), c.itemprops.get('author'), m('twitter:creator'), c.relAuthor[0], c.bylines[0]]));
  const published: [string | undefined, string][] = [
    [m('article:published_time'), 'article:published_time'], [ld.datePublished, 'json-ld'],
    [m('og:published_time'), 'og:published_time'], [c.itemprops.get('datepublished'), 'itemprop'],
    [m('date'), 'meta date'], [m('pubdate'), 'meta pubdate'], [m('publishdate'), 'meta publishdate'],
    [m('dc.date'), 'dc.date'], [m('dcterms.date'), 'dcterms.date'], [m('dc.date.issued'), 'dc.date.issued'],
    [m('dcterms.created'), 'dcterms.created'], [m('sailthru.date'), 'sailthru.date'],
    [m('parsely-pub-date'), 'parsely-pub-date'], [ld.dateCreated, 'json-ld dateCreated'],
    [c.times.find((t) => t.pubdate || t.itemprop === 'datepublished')?.datetime, 'time pubdate'],
    [c.times[0]?.datetime, 'time'],
  ];
  const pub = published.find(([v]) => clean(v) !== undefined);
  if (pub) {
    out.published = clean(pub[0]);
    out.publishedSource = pub[1];
  }
  out.modified = clean(m('article:modified_time') ?? ld.dateModified ?? m('og:updated_time') ?? c.itemprops.get('datemodified') ??
    m('dcterms.modified') ?? c.times.find((t) => t.itemprop === 'datemodified')?.datetime);
  out.language = normalizeLanguage(c.htmlLang ?? m('content-language') ?? m('og:locale') ?? ld.inLanguage ?? m('dc.language'));
  out.description = clean(m('og:description') ?? m('description'));
  for (const k of Object.keys(out) as (keyof HtmlMeta)[]) if (out[k] === undefined) delete out[k];
  return out;
}

/** Walks the DOM with an explicit stack (pages nest deeper than the call stack allows), in document order. */
function collect(nodes: readonly AnyNode[], c: Collected): void {
  const stack: { nodes: readonly AnyNode[]; next: number; inH1: boolean }[] = [{ nodes, next: 0, inH1: false }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next >= top.nodes.length) {
      stack.pop();
      continue;
    }
    const node = top.nodes[top.next++];
    if (isTag(node) && collectElement(node, c, top.inH1)) stack.push({ nodes: node.children, next: 0, inH1: top.inH1 || node.name === 'h1' });
  }
}

/**
 * Records what one element says; true when its children are to be walked. An h1 inside an h1
 * is not read again (its text is in the outer one), so nested headings cost linear time.
 */
function collectElement(node: Element, c: Collected, inH1: boolean): boolean {
  const a = node.attribs;
  switch (node.name) {
    case 'html':
      if (a.lang || a['xml:lang']) c.htmlLang = a.lang || a['xml:lang'];
      break;
    case 'meta': {
      const key = (a.property ?? a.name ?? a['http-equiv'] ?? '').toLowerCase().trim();
      if (key && a.content !== undefined && !c.meta.has(key)) c.meta.set(key, a.content);
      if (a.itemprop && a.content !== undefined && !c.itemprops.has(a.itemprop.toLowerCase())) {
        c.itemprops.set(a.itemprop.toLowerCase(), a.content);
      }
      return false;
    }
    case 'title':
      if (c.titleTag === undefined && !isInSvg(node)) c.titleTag = textOf(node, MAX_SHORT_TEXT_CHARS, MAX_SHORT_TEXT_NODES);
      return false;
    case 'link': {
      const rel = (a.rel ?? '').toLowerCase().split(/\s+/);
      if (rel.includes('canonical') && a.href && !c.canonical) c.canonical = a.href;
      return false;
    }
    case 'script': case 'style': case 'noscript': case 'template': case 'svg':
      return false;
    case 'h1': {
      if (inH1) break;
      const t = textOf(node);
      if (t) c.h1.push(t);
      break;
    }
    case 'time':
      if (a.datetime) c.times.push({ datetime: a.datetime, pubdate: a.pubdate !== undefined, itemprop: (a.itemprop ?? '').toLowerCase() });
      break;
    case 'a': {
      const rel = (a.rel ?? '').toLowerCase();
      if (rel.split(/\s+/).includes('author')) {
        const t = textOf(node, MAX_SHORT_TEXT_CHARS, MAX_SHORT_TEXT_NODES);
        if (t) c.relAuthor.push(t);
      }
      break;
    }
    default:
      break;
  }
  if (a.itemprop) {
    const prop = a.itemprop.toLowerCase();
    if (!c.itemprops.has(prop)) {
      const value = a.content ?? a.datetime ?? (prop === 'author' ? authorText(node) : undefined);
      if (value) c.itemprops.set(prop, value);
    }
  }
  if (c.bylines.length === 0 && (a.class !== undefined || a.id !== undefined)) {
    const cls = `${a.class ?? ''} ${a.id ?? ''}`.toLowerCase();
    if (BYLINE_HINT.test(cls)) {
      const t = textOf(node, MAX_BYLINE_CHARS + 1, MAX_SHORT_TEXT_NODES);
      if (t && t.length <= MAX_BYLINE_CHARS) c.bylines.push(t.replace(/^(by|von|par|por|autor|author)\s*:?\s+/i, ''));
    }
  }
  return true;
}

const MAX_BYLINE_CHARS = 80;
/** Titles, author links and bylines are short: their text is read with these budgets, so nested ones cost linear time. */
const MAX_SHORT_TEXT_CHARS = 2000;
const MAX_SHORT_TEXT_NODES = 500;

function isInSvg(node: Element): boolean {
  for (let p = node.parent; p; p = p.parent) if (isTag(p) && p.name === 'svg') return true;
  return false;
}

/** The author's name inside an itemprop=author element (its itemprop=name child if any). */
function authorText(node: Element): string | undefined {
  const queue: AnyNode[] = [...node.children];
  for (let i = 0; i < queue.length; i++) {
    const n = queue[i];
    if (isTag(n)) {
      if ((n.attribs.itemprop ?? '').toLowerCase() === 'name') return n.attribs.content ?? textOf(n, MAX_SHORT_TEXT_CHARS, MAX_SHORT_TEXT_NODES);
      if (queue.length < MAX_SHORT_TEXT_NODES) for (const child of n.children) queue.push(child);
    }
  }
  const t = textOf(node, MAX_BYLINE_CHARS + 1, MAX_SHORT_TEXT_NODES);
  return t.length <= MAX_BYLINE_CHARS ? t : undefined;
}

/**
 * The text under `node` (scripts and styles left out), whitespace collapsed. With `maxChars`,
 * the walk stops once more non-space characters than that are gathered (the caller wants short
 * texts only and rejects a longer one); with `maxNodes`, a subtree larger than that reads as ''.
 */
export function textOf(node: AnyNode, maxChars = Infinity, maxNodes = Infinity): string {
  const parts: string[] = [];
  let gathered = 0;
  let visited = 0;
  const stack: AnyNode[] = [node];
  while (stack.length > 0 && gathered <= maxChars) {
    if (++visited > maxNodes) return '';
    const n = stack.pop()!;
    if (isText(n)) {
      parts.push(n.data);
      gathered += countNonSpace(n.data);
    } else if (isTag(n) ? n.name !== 'script' && n.name !== 'style' : 'children' in n) {
      const children = (n as { children: AnyNode[] }).children;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
  }
  return parts.join(' ').replace(/[\s\u00a0]+/g, ' ').trim();
}

function countNonSpace(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 32 && text.charCodeAt(i) !== 0xa0) n++;
  return n;
}

interface LdFacts {
  headline?: string;
  name?: string;
  author?: string;
  publisher?: string;
  datePublished?: string;
  dateModified?: string;
  dateCreated?: string;
  url?: string;
  inLanguage?: string;
}

/** Facts from the first article-like JSON-LD object (falling back to any object that has them). */
function jsonLdFacts(found: readonly JsonLdObject[]): LdFacts {
  const about = found.filter((x) => x.aboutPage);
  const objects = about.map((x) => x.object);
  const articles = about.filter((x) => x.article).map((x) => x.object);
  const pick = (key: string): string | undefined => {
    for (const o of [...articles, ...objects]) {
      const s = scalar(o[key]);
      if (s) return s;
    }
    return undefined;
  };
  const facts: LdFacts = {};
  facts.headline = articles.map((o) => scalar(o.headline)).find(Boolean);
  facts.datePublished = pick('datePublished');
  facts.dateModified = pick('dateModified');
  facts.dateCreated = pick('dateCreated');
  facts.inLanguage = pick('inLanguage');
  facts.url = articles.map((o) => scalar(o.url) ?? scalar(o.mainEntityOfPage)).find(Boolean);
  for (const o of articles) {
    const names = personNames(o.author);
    if (names.length) {
      facts.author = names.join('; ');
      break;
    }
  }
  for (const o of [...articles, ...objects]) {
    const p = o.publisher;
    const name = p && typeof p === 'object' && !Array.isArray(p) ? scalar((p as Record<string, unknown>).name) : undefined;
    if (name) {
      facts.publisher = name;
      break;
    }
  }
  return facts;
}

function scalar(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (typeof v === 'number') return String(v);
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const id = (v as Record<string, unknown>)['@id'];
    return typeof id === 'string' ? id : undefined;
  }
  return undefined;
}

function personNames(v: unknown): string[] {
  if (typeof v === 'string') return v.trim() ? [v.trim()] : [];
  if (Array.isArray(v)) return v.flatMap(personNames);
  if (v && typeof v === 'object') {
    const name = (v as Record<string, unknown>).name;
    return typeof name === 'string' && name.trim() ? [name.trim()] : [];
  }
  return [];
}

function clean(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const t = v.replace(/[\s\u00a0]+/g, ' ').trim();
  return t === '' ? undefined : t;
}

function firstNonUrl(values: (string | undefined)[]): string | undefined {
  return values.find((v) => v !== undefined && clean(v) !== undefined && !/^(https?:)?\/\//i.test(v.trim()) && !v.trim().startsWith('@'));
}

function normalizeLanguage(v: string | undefined): string | undefined {
  const t = clean(v);
  if (!t) return undefined;
  const code = t.split(/[-_,\s]/)[0].toLowerCase();
  return /^[a-z]{2,3}$/.test(code) ? code : undefined;
}

function key(s: string): string {
  return s.replace(/[\s\u00a0]+/g, ' ').trim().toLowerCase();
}

/**
 * The title: an `<h1>` the head confirms (equal to og:title, the JSON-LD headline or a part of
 * `<title>`) is the headline as the page shows it; otherwise og:title / the JSON-LD headline;
 * otherwise `<title>` without its site-name part; otherwise the only `<h1>`.
 */
function chooseTitle(c: Collected, ld: LdFacts, out: HtmlMeta): void {
  const m = (k: string): string | undefined => clean(c.meta.get(k));
  const og = m('og:title') ?? m('twitter:title') ?? m('dc.title');
  const headline = clean(ld.headline);
  const titleTag = clean(c.titleTag);
  const titleParts = titleTag ? splitTitle(titleTag) : [];
  out.headTitles = [og, m('twitter:title'), headline, titleTag].filter((x): x is string => !!x);
  const confirmed = new Set([og, headline, titleTag, ...titleParts].filter((x): x is string => !!x).map(key));
  const h1 = c.h1.map((h) => clean(h)).filter((h): h is string => !!h);
  const confirmedH1 = h1.find((h) => confirmed.has(key(h)));
  const set = (title: string | undefined, source: string): boolean => {
    if (!title) return false;
    out.title = title;
    out.titleSource = source;
    return true;
  };
  if (set(confirmedH1, 'h1')) return;
  if (set(og && stripSiteName(og, out.siteName), 'og:title')) return;
  if (set(headline, 'json-ld')) return;
  if (titleTag && set(bestTitlePart(titleTag, out.siteName, h1), 'title')) return;
  set(h1[0], 'h1');
}

function splitTitle(title: string): string[] {
  for (const sep of TITLE_SEPARATORS) {
    if (title.includes(sep)) return title.split(sep).map((p) => p.trim()).filter(Boolean);
  }
  return [title];
}

function stripSiteName(title: string, siteName: string | undefined): string {
  if (!siteName) return title;
  const parts = splitTitle(title);
  if (parts.length < 2) return title;
  const site = key(siteName);
  const kept = parts.filter((p) => key(p) !== site);
  return kept.length > 0 && kept.length < parts.length ? kept.join(' - ') : title;
}

/** `<title>` minus the site name: the part naming the site goes; else the longest part. */
function bestTitlePart(title: string, siteName: string | undefined, h1: string[]): string {
  const parts = splitTitle(title);
  if (parts.length === 1) return title;
  const h1Keys = new Set(h1.map(key));
  const inH1 = parts.find((p) => h1Keys.has(key(p)));
  if (inH1) return inH1;
  if (siteName) {
    const stripped = stripSiteName(title, siteName);
    if (stripped !== title) return stripped;
  }
  return parts.reduce((a, b) => (b.length > a.length ? b : a));
}
