/**
 * Publication-date candidates of an HTML page, read from the raw HTML with htmlparser2 (one
 * streaming pass, no DOM): structured metadata, the URL, and the dates the page displays.
 *
 * Ranks (lower wins; within a rank the first candidate in document order that passes the sanity
 * checks in published.ts):
 *   0  `article:published_time` / `og:published_time` / `og:article:published_time` meta, and
 *      JSON-LD `datePublished` (an Article-type object first, else any);
 *   1  other publication metadata: `itemprop="datePublished"`, `<time pubdate>`, hAtom
 *      `<abbr class="published">`, and publication meta names (date, pubdate, DC.date,
 *      dcterms.created, sailthru.date, parsely-pub-date, citation_publication_date, ...);
 *   2  a full date in the URL path ("/2024/03/21/", "2024-03-21", "/20240321/"), the URL being
 *      `meta.url` or else the page's canonical link / og:url;
 *   3  a publication byline in the visible text ("Published: ...", "Veröffentlicht am ...",
 *      "publié le ...", "Опубликовано ...") and the first `<time datetime>` (inside
 *      `<article>`/`<main>` when there is one) that is not marked as a modification;
 *   4  the first written date among the visible lines right around the headline (`<h1>`): where
 *      bylines sit when they carry no label;
 *   5  the text of an element whose class or id says date/published/byline ("post-date",
 *      "entry-meta", "article__date"), and later `<time>` elements;
 *   6  modification dates: `article:modified_time`, JSON-LD `dateModified`, `og:updated_time`,
 *      "Updated ..." / "Aktualisiert am ..." bylines: used only when nothing says "published";
 *   7  the first full date anywhere in the visible text (after everything else, also the
 *      extracted text's dateline).
 * Page-display dates (the day's date in a masthead, "last crawled", calendar widgets) are not
 * candidates: they sit in no publication field and away from the headline.
 *
 * When the URL holds a year and month but no day ("/2019/05/slug"), candidates of another month
 * are dropped if any candidate agrees with it: the URL is minted at publication.
 */
import { BoundedParser } from '../html/parse.js';
import type { DateSource } from '../../pipeline/doc.js';
import { parseIsoField, type ExplicitDate } from './explicit.js';
import { allLooseDates, firstLooseDate, urlDate, urlYearMonth, type LooseOptions } from './loose.js';

export interface HtmlCandidate {
  found: ExplicitDate;
  source: DateSource;
  evidence: string;
  rank: number;
  /** Document order, to break ties within a rank. */
  order: number;
  /** A modification date (rank 6). */
  modified?: boolean;
}

export interface HtmlDateInfo {
  candidates: HtmlCandidate[];
  /** The page's own URL (canonical link or og:url) when it states one. */
  canonicalUrl?: string;
}

// ---------------------------------------------------------------------------------------------
// What counts as what

/** Rank-0 meta properties. */
const PRIMARY_META = new Set(['article:published_time', 'og:published_time', 'og:article:published_time', 'article:published']);
/** Rank-1 meta names/properties/itemprops: publication dates under other vocabularies. */
const PUBLICATION_META = new Set([
  'datepublished', 'date', 'pubdate', 'publishdate', 'publish-date', 'publish_date', 'published-date', 'published_date',
  'publication_date', 'publication-date', 'publicationdate', 'dc.date', 'dc.date.issued', 'dc.date.created', 'dc.created', 'dc.issued',
  'dcterms.date', 'dcterms.created', 'dcterms.issued', 'sailthru.date', 'parsely-pub-date', 'article.published', 'article_date_original',
  'citation_publication_date', 'citation_date', 'citation_online_date', 'prism.publicationdate', 'originalpublicationdate', 'og:pubdate',
  'pdate', 'ptime', 'publishtime', 'publish-time', 'publish_time', 'cxenseparse:recs:publishtime', 'cxenseparse:publishtime',
  'rnews:datepublished', 'bt:pubdate', 'date_published', 'datecreated', 'dc.date.published', 'release_date', 'live_date',
  'article:post_date', 'content_date', 'displaydate', 'dateline', 'vr:published_time', 'og:regdate', 'nv:date', 'created',
]);
const MODIFIED_META = new Set([
  'article:modified_time', 'og:updated_time', 'og:modified_time', 'datemodified', 'dc.date.modified', 'dcterms.modified',
  'last-modified', 'lastmod', 'lastmodified', 'last_updated', 'revised', 'article:modified', 'modified', 'updated_time',
]);
/** JSON-LD types whose datePublished is the article's (not the site's or a review's). */
const ARTICLE_TYPE = /article|posting|report|story|newsarticle|webpage|creativework|video|scholarly/i;

/** Class/id words of elements that display a date. */
const DATE_CLASS_WORDS = new Set([
  'date', 'datum', 'dates', 'time', 'timestamp', 'datetime', 'published', 'publish', 'publishdate', 'publishing', 'pubdate',
  'posted', 'postdate', 'postedon', 'byline', 'dateline', 'fecha', 'data', 'entrydate', 'articledate', 'postmeta', 'entrymeta',
  'meta', 'info', 'creation', 'created', 'zeit', 'veroeffentlicht', 'publicado', 'publication', 'time-stamp',
]);
const MODIFIED_CLASS_WORDS = new Set(['updated', 'modified', 'update', 'lastmod', 'lastupdated', 'aktualisiert']);

/** Labels in front of a publication date in visible text (lower case, matched at a word start). */
const PUB_LABEL =
  /(?<![\p{L}])(?:published|publ\.|posted|first published|released|veröffentlicht|veroeffentlicht|erschienen|erstellt|publiziert|datum|date|publié|publiée|publie|mis en ligne|publicado|publicada|publicación|pubblicato|gepubliceerd|geplaatst|opublikowano|data publikacji|опубликовано|опубліковано|дата публикации|дата публікації|yayınlanma|yayın tarihi|publicerad|publiceret|publisert|julkaistu|zveřejněno|vydáno)(?![\p{L}])/iu;
const MOD_LABEL =
  /(?<![\p{L}])(?:updated|last updated|modified|last modified|aktualisiert|geändert|zuletzt|stand|mis à jour|modifié|actualizado|actualización|atualizado|atualização|aggiornato|bijgewerkt|zaktualizowano|обновлено|оновлено|güncelleme|güncellendi|uppdaterad|opdateret|oppdatert|päivitetty)(?![\p{L}])/iu;
/** Global copies, compiled once: every line of every text document's top is checked for them. */
const LABELS: ReadonlyArray<readonly [RegExp, boolean]> = [
  [new RegExp(PUB_LABEL.source, PUB_LABEL.flags + 'g'), false],
  [new RegExp(MOD_LABEL.source, MOD_LABEL.flags + 'g'), true],
];
const TWO_DIGITS = /\d\d/;
/** How far after a label its date may start (", am Dienstag, den" fits). */
const LABEL_REACH = 40;

/** Lines around the headline that may hold an unlabelled byline date. */
const HEADLINE_LINES_BEFORE = 6;
const HEADLINE_LINES_AFTER = 12;
const MAX_VISIBLE_LINES = 4000;
const JSON_LD_ORDER = 5e5;
/** Rank of the last resort: the first written date anywhere in the visible text. */
export const FIRST_VISIBLE_RANK = 7;
const MAX_CAPTURE = 300;

const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer', 'form',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'td',
  'th', 'tr', 'ul', 'time', 'span', 'small', 'abbr', 'option',
]);
const SKIP_TEXT = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head', 'title', 'select', 'button']);

// ---------------------------------------------------------------------------------------------
// One pass over the HTML

interface Frame {
  tag: string;
  /** Text captured for this element, when it is one we read dates from. */
  capture?: { text: string; kind: 'time' | 'itemprop' | 'class' | 'abbr'; attrs: Record<string, string>; order: number; modified: boolean };
  skip: boolean;
  article: boolean;
  h1: boolean;
}

interface Collected {
  lang: string;
  metas: Array<{ key: string; value: string; order: number }>;
  canonical?: string;
  ogUrl?: string;
  jsonLd: string[];
  captures: NonNullable<Frame['capture']>[];
  timesInArticle: Set<number>;
  lines: string[];
  /** Line index of the first `<h1>`. */
  h1Line: number;
  order: number;
}

function collect(html: string): Collected {
  const c: Collected = { lang: '', metas: [], jsonLd: [], captures: [], timesInArticle: new Set(), lines: [], h1Line: -1, order: 0 };
  const stack: Frame[] = [];
  const open = new OpenCaptures();
  let line = '';
  let skipDepth = 0;
  let articleDepth = 0;
  let jsonLdText: string | null = null;
  const newline = () => {
    const t = line.replace(/\s+/g, ' ').trim();
    if (t && c.lines.length < MAX_VISIBLE_LINES) c.lines.push(t);
    line = '';
  };
  // BoundedParser: htmlparser2's own stack costs time linear in the depth per element; it flattens
  // pages nested deeper than browsers do, as the boilerplate stage's parse does.
  const parser = new BoundedParser(
    {
      onopentag(name, attrs) {
        c.order++;
        const a = lowerKeys(attrs);
        const frame: Frame = { tag: name, skip: SKIP_TEXT.has(name), article: name === 'article' || name === 'main', h1: name === 'h1' };
        if (frame.skip) skipDepth++;
        if (frame.article) articleDepth++;
        if (BLOCK_TAGS.has(name)) newline();
        if (frame.h1 && c.h1Line < 0) c.h1Line = c.lines.length;
        if (name === 'html' && a.lang) c.lang = a.lang.toLowerCase();
        if (name === 'meta') {
          const key = (a.property ?? a.name ?? a.itemprop ?? a['http-equiv'] ?? '').trim().toLowerCase();
          const value = a.content ?? a.datetime ?? a.value;
          if (key && value) c.metas.push({ key, value, order: c.order });
          if (key === 'og:url' && value) c.ogUrl = value;
        }
        if (name === 'link' && (a.rel ?? '').toLowerCase().split(/\s+/).includes('canonical') && a.href) c.canonical = a.href;
        if (name === 'script' && (a.type ?? '').toLowerCase().includes('ld+json')) jsonLdText = '';
        const itemprop = (a.itemprop ?? '').toLowerCase();
        const classWords = words(`${a.class ?? ''} ${a.id ?? ''}`);
        const modified = itemprop === 'datemodified' || classWords.some((w) => MODIFIED_CLASS_WORDS.has(w));
        if (name !== 'meta' && (itemprop === 'datepublished' || itemprop === 'datemodified' || itemprop === 'datecreated')) {
          frame.capture = { text: '', kind: 'itemprop', attrs: a, order: c.order, modified };
        } else if (name === 'time') {
          frame.capture = { text: '', kind: 'time', attrs: a, order: c.order, modified };
          if (articleDepth > 0) c.timesInArticle.add(c.order);
        } else if (name === 'abbr' && classWords.some((w) => w === 'published' || w === 'updated') && a.title) {
          frame.capture = { text: '', kind: 'abbr', attrs: a, order: c.order, modified };
        } else if (!frame.skip && classWords.some((w) => DATE_CLASS_WORDS.has(w) || MODIFIED_CLASS_WORDS.has(w))) {
          frame.capture = { text: '', kind: 'class', attrs: a, order: c.order, modified };
        }
        if (frame.capture) open.push(frame.capture);
        stack.push(frame);
      },
      ontext(data) {
        if (jsonLdText !== null) {
          jsonLdText += data;
          return;
        }
        if (skipDepth > 0) return;
        line += data;
        open.append(data);
      },
      onclosetag(name) {
        if (name === 'script' && jsonLdText !== null) {
          c.jsonLd.push(jsonLdText);
          jsonLdText = null;
        }
        const frame = stack.pop();
        if (!frame) return;
        if (frame.skip) skipDepth--;
        if (frame.article) articleDepth--;
        if (BLOCK_TAGS.has(name)) newline();
        if (frame.capture) {
          open.pop();
          frame.capture.text = frame.capture.text.replace(/\s+/g, ' ').trim();
          c.captures.push(frame.capture);
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  newline();
  c.captures.sort((a, b) => a.order - b.order);
  return c;
}

/**
 * The captures of the open elements, outermost first. Text goes to every open capture still under
 * MAX_CAPTURE. An outer capture has received all the text an inner one has (and more), so the full
 * ones are the outermost: appending walks from the innermost and stops at the first full one, and
 * the cost stays linear in the page however deep captures nest (each takes text a bounded number
 * of times before it is full), where walking every open element was quadratic on deep pages.
 */
class OpenCaptures {
  private readonly captures: Array<{ text: string }> = [];

  push(capture: { text: string }): void {
    this.captures.push(capture);
  }

  pop(): void {
    this.captures.pop();
  }

  append(data: string): void {
    for (let i = this.captures.length - 1; i >= 0; i--) {
      const capture = this.captures[i];
      if (capture.text.length >= MAX_CAPTURE) break;
      capture.text += data;
    }
  }
}

function lowerKeys(attrs: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) out[k.toLowerCase()] = v;
  return out;
}

/** Class/id words: split at non-alphanumerics and camelCase, plus the joined compound. */
function words(s: string): string[] {
  const out: string[] = [];
  for (const token of s.split(/\s+/)) {
    if (!token) continue;
    const parts = token.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
    out.push(...parts);
    if (parts.length > 1) out.push(parts.join(''));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// JSON-LD

interface LdDates {
  published: Array<{ value: string; article: boolean }>;
  modified: string[];
}

function jsonLdDates(blocks: string[]): LdDates {
  const out: LdDates = { published: [], modified: [] };
  for (const block of blocks) {
    let data: unknown;
    try {
      data = JSON.parse(block.trim().replace(/^<!\[CDATA\[|\]\]>$/g, '').replace(/^\s*\/\/.*$/gm, ''));
    } catch {
      continue;
    }
    walk(data, 0);
  }
  out.published.sort((a, b) => Number(b.article) - Number(a.article));
  return out;

  function walk(node: unknown, depth: number): void {
    if (depth > 8 || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const n of node) walk(n, depth + 1);
      return;
    }
    const o = node as Record<string, unknown>;
    const type = ([] as unknown[]).concat(o['@type'] ?? []).join(' ');
    // A page's publisher, author or review says nothing about the page's date.
    const article = ARTICLE_TYPE.test(type);
    const pub = o.datePublished ?? o.dateCreated ?? o.uploadDate;
    if (typeof pub === 'string') out.published.push({ value: pub, article });
    if (typeof o.dateModified === 'string') out.modified.push(o.dateModified);
    for (const [k, v] of Object.entries(o)) {
      if (k === 'publisher' || k === 'author' || k === 'review' || k === 'comment' || k === 'itemListElement') continue;
      if (typeof v === 'object') walk(v, depth + 1);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Candidates

/** A metadata value: strict ISO first (keeps the written calendar date and offset), then loose. */
function parseValue(value: string, opts: LooseOptions): ExplicitDate | undefined {
  const v = value.trim();
  const iso = parseIsoField(v) ?? parseIsoField(v.replace(/\s+/, 'T'));
  if (iso) return iso;
  // Compact "20240321".
  const compact = /^((?:19|20)\d{2})(\d{2})(\d{2})$/.exec(v);
  if (compact) return parseIsoField(`${compact[1]}-${compact[2]}-${compact[3]}`);
  // Unix timestamps in seconds or milliseconds (some CMSs put them in pubdate meta tags).
  if (/^\d{10}(?:\d{3})?$/.test(v)) {
    const at = new Date(v.length === 10 ? Number(v) * 1000 : Number(v));
    return {
      ymd: { y: at.getUTCFullYear(), m: at.getUTCMonth() + 1, d: at.getUTCDate() },
      time: { h: at.getUTCHours(), mi: at.getUTCMinutes(), s: at.getUTCSeconds(), ms: 0 },
      offsetMinutes: 0,
      yearWritten: true,
      index: 0,
      length: v.length,
    };
  }
  return firstLooseDate(v, opts);
}

export function htmlDateCandidates(html: string, pageUrl: string | undefined): HtmlDateInfo {
  const c = collect(html);
  const opts: LooseOptions = { monthFirst: c.lang === 'en-us' || c.lang === 'en' };
  const out: HtmlCandidate[] = [];
  const push = (value: string, source: DateSource, evidence: string, rank: number, order: number, modified = false) => {
    const found = source === 'byline' ? firstLooseDate(value, opts) : parseValue(value, opts);
    if (found) out.push({ found, source, evidence, rank: modified ? 6 : rank, order, modified });
  };

  // Metadata in <meta> tags.
  for (const m of c.metas) {
    if (PRIMARY_META.has(m.key)) push(m.value, 'html-meta', `${m.key}: ${m.value}`, 0, m.order);
    else if (PUBLICATION_META.has(m.key)) push(m.value, 'html-meta', `${m.key}: ${m.value}`, 1, m.order);
    else if (MODIFIED_META.has(m.key)) push(m.value, 'html-meta', `${m.key}: ${m.value}`, 6, m.order, true);
  }
  // JSON-LD.
  const ld = jsonLdDates(c.jsonLd);
  // After the meta tags of the same rank: article:published_time is the more deliberate field
  // (JSON-LD is often generated from a cache or the server clock).
  ld.published.forEach((p, i) => push(p.value, 'html-meta', `json-ld datePublished: ${p.value}`, p.article ? 0 : 1, JSON_LD_ORDER + i));
  ld.modified.forEach((v, i) => push(v, 'html-meta', `json-ld dateModified: ${v}`, 6, JSON_LD_ORDER + i, true));

  // Elements: itemprop, <time>, hAtom, date-classed elements.
  const firstArticleTime = c.captures.find((k) => k.kind === 'time' && c.timesInArticle.has(k.order) && !k.modified);
  const firstTime = firstArticleTime ?? c.captures.find((k) => k.kind === 'time' && !k.modified);
  for (const k of c.captures) {
    const attrValue = k.attrs.content ?? k.attrs.datetime ?? k.attrs.title;
    if (k.kind === 'itemprop') {
      const value = attrValue ?? k.text;
      push(value, 'html-meta', `itemprop=${k.attrs.itemprop}: ${value.slice(0, 80)}`, 1, k.order, k.modified || k.attrs.itemprop.toLowerCase() === 'datemodified');
    } else if (k.kind === 'abbr') {
      push(k.attrs.title, 'html-meta', `abbr.${k.attrs.class}: ${k.attrs.title}`, 1, k.order, k.modified);
    } else if (k.kind === 'time') {
      const pubdate = k.attrs.pubdate !== undefined;
      const rank = pubdate ? 1 : k === firstTime ? 3 : 5;
      if (k.attrs.datetime) push(k.attrs.datetime, 'html-meta', `time datetime: ${k.attrs.datetime}`, rank, k.order, k.modified);
      else if (k.text) push(k.text, 'byline', k.text.slice(0, 80), 5, k.order, k.modified);
    } else if (k.text) {
      const labelled = labelledDate(k.text, opts);
      if (labelled) out.push({ ...labelled, rank: labelled.modified ? 6 : 3, order: k.order });
      else push(k.text, 'byline', k.text.slice(0, 80), 5, k.order, k.modified);
    }
  }

  // Visible text: labelled bylines anywhere, unlabelled dates around the headline.
  c.lines.forEach((text, i) => {
    const labelled = labelledDate(text, opts);
    if (labelled) out.push({ ...labelled, rank: labelled.modified ? 6 : 3, order: 1e6 + i });
  });
  if (c.h1Line >= 0) {
    const from = Math.max(0, c.h1Line - HEADLINE_LINES_BEFORE);
    const around = c.lines.slice(from, c.h1Line + HEADLINE_LINES_AFTER);
    // Nearest to the headline first: after it, then before it.
    const order = [...around.keys()].sort((a, b) => dist(a + from) - dist(b + from));
    for (const i of order) {
      const text = around[i];
      if (text.length > 200) continue; // a paragraph of prose, not a byline
      const found = firstLooseDate(text, opts);
      if (found) {
        out.push({ found, source: 'byline', evidence: text.slice(0, 80), rank: 4, order: 2e6 + order.indexOf(i) });
        break;
      }
    }
  }

  // Last resort: the first short visible line with a full date.
  for (let i = 0; i < c.lines.length; i++) {
    if (c.lines[i].length > 200) continue;
    const found = firstLooseDate(c.lines[i], opts);
    if (found) {
      out.push({ found, source: 'byline', evidence: c.lines[i].slice(0, 80), rank: FIRST_VISIBLE_RANK, order: 3e6 + i });
      break;
    }
  }

  // The URL.
  const canonicalUrl = absoluteUrl(c.canonical) ?? absoluteUrl(c.ogUrl);
  for (const url of [pageUrl, canonicalUrl]) {
    if (!url) continue;
    const found = urlDate(url);
    if (found) {
      out.push({ found: { ...found, index: 0, length: url.length }, source: 'url', evidence: url, rank: 2, order: 0 });
      break;
    }
  }
  const ym = [pageUrl, canonicalUrl].map((u) => (u ? urlYearMonth(u) : undefined)).find(Boolean);
  const agree = ym ? out.filter((k) => k.found.ymd.y === ym.y && k.found.ymd.m === ym.m) : [];
  const candidates = agree.length > 0 ? agree : out;
  candidates.sort((a, b) => a.rank - b.rank || a.order - b.order);
  return { candidates, canonicalUrl };

  function dist(line: number): number {
    return line >= c.h1Line ? line - c.h1Line : (c.h1Line - line) * 2 + 1;
  }
}

function absoluteUrl(u: string | undefined): string | undefined {
  return u && /^https?:\/\//i.test(u.trim()) ? u.trim() : undefined;
}

/**
 * A date introduced by a publication or modification label in a short piece of visible text
 * ("Veröffentlicht am 21.03.2024 um 10:15 Uhr", "Updated: March 21, 2024").
 */
export function labelledDate(
  text: string,
  opts: LooseOptions = {},
): { found: ExplicitDate; source: DateSource; evidence: string; modified: boolean } | undefined {
  if (text.length > 400) return undefined;
  // Every date allLooseDates reads has two digits in a row, and a labelled one needs a label; most
  // lines have neither, and these checks cost far less than reading dates.
  if (!TWO_DIGITS.test(text)) return undefined;
  if (!PUB_LABEL.test(text) && !MOD_LABEL.test(text)) return undefined;
  const dates = allLooseDates(text, { ...opts, shortYear: true });
  if (dates.length === 0) return undefined;
  let best: { found: ExplicitDate; source: DateSource; evidence: string; modified: boolean } | undefined;
  for (const [g, modified] of LABELS) {
    for (const m of text.matchAll(g)) {
      const labelEnd = m.index + m[0].length;
      const found = dates.find((d) => d.index >= labelEnd && d.index - labelEnd <= LABEL_REACH);
      if (!found) continue;
      const between = text.slice(labelEnd, found.index);
      if (/\p{N}/u.test(between)) continue; // another number in between: not this label's date
      if (!best || (best.modified && !modified)) {
        best = { found, source: 'byline', evidence: text.slice(m.index, found.index + found.length).slice(0, 120), modified };
      }
      break;
    }
  }
  return best;
}
