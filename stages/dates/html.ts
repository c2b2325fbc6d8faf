/**
 * Publication-date candidates of an HTML page, from the page facts the boilerplate stage read in
 * its parse of the page (`doc.page.html`, stages/html/page-facts.ts): structured metadata, the
 * URL, and the dates the page displays.
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
import type { DateSource, HtmlDateFacts } from '../../pipeline/doc.js';
import { parseIsoField, type ExplicitDate } from './explicit.js';
import { MODIFIED_META, PRIMARY_META, PUBLICATION_META } from '../html/date-fields.js';
import { LABELS, mayHoldLabelledDate } from './date-signs.js';
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

/** How far after a label its date may start (", am Dienstag, den" fits). */
const LABEL_REACH = 40;

/** Lines around the headline that may hold an unlabelled byline date. */
const HEADLINE_LINES_BEFORE = 6;
const HEADLINE_LINES_AFTER = 12;
/** Longer lines are prose, not bylines. */
const MAX_BYLINE_LINE_CHARS = 200;
const JSON_LD_ORDER = 5e5;
/** Rank of the last resort: the first written date anywhere in the visible text. */
export const FIRST_VISIBLE_RANK = 7;

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

type Push = (value: string, source: DateSource, evidence: string, rank: number, order: number, modified?: boolean) => void;

export function htmlDateCandidates(page: HtmlDateFacts, pageUrl: string | undefined): HtmlDateInfo {
  const opts: LooseOptions = { monthFirst: page.lang === 'en-us' || page.lang === 'en' };
  const out: HtmlCandidate[] = [];
  const push: Push = (value, source, evidence, rank, order, modified = false) => {
    const found = source === 'byline' ? firstLooseDate(value, opts) : parseValue(value, opts);
    if (found) out.push({ found, source, evidence, rank: modified ? 6 : rank, order, modified });
  };
  metadataCandidates(page, push);
  elementCandidates(page, opts, push, out);
  lineCandidates(page, opts, out);
  const canonicalUrl = page.canonicalUrl;
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
}

/** `<meta>` tags, then JSON-LD. */
function metadataCandidates(page: HtmlDateFacts, push: Push): void {
  for (const m of page.metas) {
    if (PRIMARY_META.has(m.key)) push(m.value, 'html-meta', `${m.key}: ${m.value}`, 0, m.order);
    else if (PUBLICATION_META.has(m.key)) push(m.value, 'html-meta', `${m.key}: ${m.value}`, 1, m.order);
    else if (MODIFIED_META.has(m.key)) push(m.value, 'html-meta', `${m.key}: ${m.value}`, 6, m.order, true);
  }
  // After the meta tags of the same rank: article:published_time is the more deliberate field
  // (JSON-LD is often generated from a cache or the server clock).
  const ld = page.jsonLd;
  ld.published.forEach((p, i) => push(p.value, 'html-meta', `json-ld datePublished: ${p.value}`, p.article ? 0 : 1, JSON_LD_ORDER + i));
  ld.modified.forEach((v, i) => push(v, 'html-meta', `json-ld dateModified: ${v}`, 6, JSON_LD_ORDER + i, true));
}

/** Elements: itemprop, `<time>`, hAtom, date-classed elements. */
function elementCandidates(page: HtmlDateFacts, opts: LooseOptions, push: Push, out: HtmlCandidate[]): void {
  const times = page.elements.filter((k) => k.kind === 'time' && !k.modified);
  const firstTime = times.find((k) => k.inArticle) ?? times[0];
  for (const k of page.elements) {
    const attrValue = k.attrs.content ?? k.attrs.datetime ?? k.attrs.title;
    if (k.kind === 'itemprop') {
      const value = attrValue ?? k.text;
      const itemprop = k.attrs.itemprop ?? '';
      push(value, 'html-meta', `itemprop=${itemprop}: ${value.slice(0, 80)}`, 1, k.order, k.modified || itemprop.toLowerCase() === 'datemodified');
    } else if (k.kind === 'abbr') {
      push(k.attrs.title ?? '', 'html-meta', `abbr.${k.attrs.class}: ${k.attrs.title}`, 1, k.order, k.modified);
    } else if (k.kind === 'time') {
      const rank = k.attrs.pubdate ? 1 : k === firstTime ? 3 : 5;
      if (k.attrs.datetime) push(k.attrs.datetime, 'html-meta', `time datetime: ${k.attrs.datetime}`, rank, k.order, k.modified);
      else if (k.text) push(k.text, 'byline', k.text.slice(0, 80), 5, k.order, k.modified);
    } else if (k.text) {
      const labelled = labelledDate(k.text, opts);
      if (labelled) out.push({ ...labelled, rank: labelled.modified ? 6 : 3, order: k.order });
      else push(k.text, 'byline', k.text.slice(0, 80), 5, k.order, k.modified);
    }
  }
}

/** Visible text: labelled bylines anywhere, unlabelled dates around the headline, the first dated line. */
function lineCandidates(page: HtmlDateFacts, opts: LooseOptions, out: HtmlCandidate[]): void {
  for (const { index, text } of page.lines) {
    const labelled = labelledDate(text, opts);
    if (labelled) out.push({ ...labelled, rank: labelled.modified ? 6 : 3, order: 1e6 + index });
  }
  const byIndex = new Map(page.lines.map((l) => [l.index, l.text]));
  const h1 = page.h1Line;
  if (h1 >= 0) {
    const from = Math.max(0, h1 - HEADLINE_LINES_BEFORE);
    const dist = (line: number): number => (line >= h1 ? line - h1 : (h1 - line) * 2 + 1);
    // Nearest to the headline first: after it, then before it.
    const window = Array.from({ length: h1 + HEADLINE_LINES_AFTER - from }, (_, i) => from + i);
    const order = window.sort((a, b) => dist(a) - dist(b));
    for (const [rank, line] of order.entries()) {
      const text = byIndex.get(line);
      if (text === undefined || text.length > MAX_BYLINE_LINE_CHARS) continue;
      const found = firstLooseDate(text, opts);
      if (found) {
        out.push({ found, source: 'byline', evidence: text.slice(0, 80), rank: 4, order: 2e6 + rank });
        break;
      }
    }
  }
  // Last resort: the first short visible line with a full date.
  for (const { index, text } of page.lines) {
    if (text.length > MAX_BYLINE_LINE_CHARS) continue;
    const found = firstLooseDate(text, opts);
    if (found) {
      out.push({ found, source: 'byline', evidence: text.slice(0, 80), rank: FIRST_VISIBLE_RANK, order: 3e6 + index });
      break;
    }
  }
}

/**
 * A date introduced by a publication or modification label in a short piece of visible text
 * ("Veröffentlicht am 21.03.2024 um 10:15 Uhr", "Updated: March 21, 2024").
 */
export function labelledDate(
  text: string,
  opts: LooseOptions = {},
): { found: ExplicitDate; source: DateSource; evidence: string; modified: boolean } | undefined {
  if (!mayHoldLabelledDate(text)) return undefined;
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
