/**
 * The dated parts of an HTML page (pipeline/doc.ts HtmlDateFacts), read during the page's one
 * parse (parse.ts): the parser hands every tag and text event to this listener as well as to the
 * DOM builder. The dates stage ranks them (stages/dates/html.ts); this file only says what they are,
 * and keeps only what the dates stage can read a date from (the facts go into checkpoints).
 */
import type { DatedElement, HtmlDateFacts } from '../../pipeline/doc.js';
import { mayHoldLabelledDate } from '../dates/date-signs.js';
import { isDateMeta } from './date-fields.js';
import { jsonLdDates } from './json-ld-dates.js';
import { jsonLdObjects, parseJsonLd, type JsonLdObject } from './json-ld.js';

/** Class/id words of elements that display a date. */
const DATE_CLASS_WORDS = new Set([
  'date', 'datum', 'dates', 'time', 'timestamp', 'datetime', 'published', 'publish', 'publishdate', 'publishing', 'pubdate',
  'posted', 'postdate', 'postedon', 'byline', 'dateline', 'fecha', 'data', 'entrydate', 'articledate', 'postmeta', 'entrymeta',
  'meta', 'info', 'creation', 'created', 'zeit', 'veroeffentlicht', 'publicado', 'publication', 'time-stamp',
]);
const MODIFIED_CLASS_WORDS = new Set(['updated', 'modified', 'update', 'lastmod', 'lastupdated', 'aktualisiert']);

const MAX_VISIBLE_LINES = 4000;
/** Characters of an element's text kept: a date sits at its start. */
const MAX_CAPTURE = 300;
/** Longer visible lines are prose: the dates stage reads no unlabelled date from them. */
const MAX_DATED_LINE_CHARS = 200;
/** Every unlabelled written date the dates stage reads has its year in four digits, a labelled one two digits in a row. */
const FOUR_DIGITS = /\d{4}/;
const TWO_DIGITS = /\d\d/;

/** Elements that end a visible line (inline elements that hold bylines among them). */
const LINE_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer', 'form',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'td',
  'th', 'tr', 'ul', 'time', 'span', 'small', 'abbr', 'option',
]);
const SKIP_TEXT = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head', 'title', 'select', 'button']);
/** Elements whose scripts are not the page's (a browser does not run a script inside <noscript> or <template>). */
const NO_JSON_LD_INSIDE = new Set(['style', 'noscript', 'template', 'svg']);

/** The parser events the listener takes (htmlparser2's Handler names). */
export interface ParseListener {
  onopentag(name: string, attribs: Record<string, string>): void;
  ontext(data: string): void;
  onclosetag(name: string): void;
}

interface Frame {
  capture?: DatedElement;
  skip: boolean;
  article: boolean;
  /** Scripts inside are not the page's (NO_JSON_LD_INSIDE). */
  opaque: boolean;
}

export class PageFactsListener implements ParseListener {
  private readonly stack: Frame[] = [];
  private readonly open = new OpenCaptures();
  private readonly elements: DatedElement[] = [];
  private readonly metas: HtmlDateFacts['metas'] = [];
  private readonly jsonLd: string[] = [];
  private readonly lines: HtmlDateFacts['lines'] = [];
  private lineCount = 0;
  private line = '';
  private lang = '';
  private canonical?: string;
  private ogUrl?: string;
  private h1Line = -1;
  private order = 0;
  private skipDepth = 0;
  private articleDepth = 0;
  private opaqueDepth = 0;
  private jsonLdText: string | null = null;
  private jsonLdRead?: JsonLdObject[];

  onopentag(name: string, attrs: Record<string, string>): void {
    this.order++;
    const a = lowerKeys(attrs);
    const frame: Frame = { skip: SKIP_TEXT.has(name), article: name === 'article' || name === 'main', opaque: NO_JSON_LD_INSIDE.has(name) };
    if (frame.skip) this.skipDepth++;
    if (frame.opaque) this.opaqueDepth++;
    if (frame.article) this.articleDepth++;
    if (LINE_TAGS.has(name)) this.newline();
    if (name === 'h1' && this.h1Line < 0) this.h1Line = this.lineCount;
    if (name === 'html' && a.lang) this.lang = a.lang.toLowerCase();
    if (name === 'meta') this.readMeta(a);
    if (name === 'link' && (a.rel ?? '').toLowerCase().split(/\s+/).includes('canonical') && a.href) this.canonical = a.href;
    if (name === 'script' && this.opaqueDepth === 0 && (a.type ?? '').toLowerCase().includes('ld+json')) this.jsonLdText = '';
    frame.capture = this.captureOf(name, a, frame.skip);
    if (frame.capture) this.open.push(frame.capture);
    this.stack.push(frame);
  }

  ontext(data: string): void {
    if (this.jsonLdText !== null) {
      this.jsonLdText += data;
      return;
    }
    if (this.skipDepth > 0) return;
    this.line += data;
    this.open.append(data);
  }

  onclosetag(name: string): void {
    if (name === 'script' && this.jsonLdText !== null) {
      this.jsonLd.push(this.jsonLdText);
      this.jsonLdText = null;
    }
    const frame = this.stack.pop();
    if (!frame) return;
    if (frame.skip) this.skipDepth--;
    if (frame.opaque) this.opaqueDepth--;
    if (frame.article) this.articleDepth--;
    if (LINE_TAGS.has(name)) this.newline();
    if (frame.capture) {
      this.open.pop();
      frame.capture.text = frame.capture.text.replace(/\s+/g, ' ').trim();
      if (mayBeDated(frame.capture)) this.elements.push(frame.capture);
    }
  }

  /** After the parse: the page's JSON-LD objects, parsed once for the metadata and the dates. */
  jsonLdObjects(): JsonLdObject[] {
    this.jsonLdRead ??= jsonLdObjects(this.jsonLd.map(parseJsonLd).filter((r) => r !== undefined));
    return this.jsonLdRead;
  }

  /** After the parse. */
  facts(): HtmlDateFacts {
    this.newline();
    this.elements.sort((a, b) => a.order - b.order);
    const facts: HtmlDateFacts = {
      lang: this.lang, metas: this.metas, jsonLd: jsonLdDates(this.jsonLdObjects()), elements: this.elements, lines: this.lines, h1Line: this.h1Line,
    };
    const canonicalUrl = absoluteUrl(this.canonical) ?? absoluteUrl(this.ogUrl);
    if (canonicalUrl !== undefined) facts.canonicalUrl = canonicalUrl;
    return facts;
  }

  private readMeta(a: Record<string, string>): void {
    const key = (a.property ?? a.name ?? a.itemprop ?? a['http-equiv'] ?? '').trim().toLowerCase();
    const value = a.content ?? a.datetime ?? a.value;
    if (key && value && isDateMeta(key)) this.metas.push({ key, value, order: this.order });
    if (key === 'og:url' && value) this.ogUrl = value;
  }

  private captureOf(name: string, a: Record<string, string>, skip: boolean): DatedElement | undefined {
    const itemprop = (a.itemprop ?? '').toLowerCase();
    const classWords = words(`${a.class ?? ''} ${a.id ?? ''}`);
    const modified = itemprop === 'datemodified' || classWords.some((w) => MODIFIED_CLASS_WORDS.has(w));
    const element = (kind: DatedElement['kind']): DatedElement =>
      ({ kind, text: '', attrs: datedAttrs(a, kind), order: this.order, modified, inArticle: this.articleDepth > 0 });
    if (name !== 'meta' && (itemprop === 'datepublished' || itemprop === 'datemodified' || itemprop === 'datecreated')) return element('itemprop');
    if (name === 'time') return element('time');
    if (name === 'abbr' && classWords.some((w) => w === 'published' || w === 'updated') && a.title) return element('abbr');
    if (!skip && classWords.some((w) => DATE_CLASS_WORDS.has(w) || MODIFIED_CLASS_WORDS.has(w))) return element('class');
    return undefined;
  }

  private newline(): void {
    const t = this.line.replace(/\s+/g, ' ').trim();
    if (t && this.lineCount < MAX_VISIBLE_LINES) {
      if (mayHoldDate(t)) this.lines.push({ index: this.lineCount, text: t });
      this.lineCount++;
    }
    this.line = '';
  }
}

function mayHoldDate(line: string): boolean {
  return (line.length <= MAX_DATED_LINE_CHARS && FOUR_DIGITS.test(line)) || mayHoldLabelledDate(line);
}

/**
 * Whether the dates stage may read a date from the element: from an attribute, or from its text
 * (every date it reads there has two digits in a row). Every `<time>` is kept: the first one
 * ranks above the others.
 */
function mayBeDated(e: DatedElement): boolean {
  const { content, datetime, title } = e.attrs;
  return e.kind === 'time' || TWO_DIGITS.test(e.text) || (e.kind !== 'class' && (content ?? datetime ?? title) !== undefined);
}

/** The attributes the dates stage reads of a dated element (`class`: an hAtom element's evidence). */
function datedAttrs(a: Record<string, string>, kind: DatedElement['kind']): DatedElement['attrs'] {
  const out: DatedElement['attrs'] = {};
  if (a.itemprop !== undefined && kind === 'itemprop') out.itemprop = a.itemprop;
  if (a.class !== undefined && kind === 'abbr') out.class = a.class;
  if (a.content !== undefined) out.content = a.content;
  if (a.datetime !== undefined) out.datetime = a.datetime;
  if (a.title !== undefined) out.title = a.title;
  if (a.pubdate !== undefined) out.pubdate = true;
  return out;
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

function absoluteUrl(u: string | undefined): string | undefined {
  return u && /^https?:\/\//i.test(u.trim()) ? u.trim() : undefined;
}
