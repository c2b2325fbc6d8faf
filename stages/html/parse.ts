/**
 * HTML -> a flat list of text blocks that keeps the page's block structure.
 *
 * The DOM comes from htmlparser2/domhandler. Every block-level element (p, div, li, h1-h6, td,
 * ...) closes the running block and starts a new one, so a block is the text of one paragraph,
 * heading, list item or cell; `<br>` becomes a line break inside its block. Script, style,
 * templates, forms' controls, SVG and inline-hidden elements (`hidden`, `display:none`) are not
 * text. Each block remembers how much of its text sits inside links, its nearest block element
 * and the chain of elements above it (as ids into `elements`), which is what the classifier
 * (extract.ts) scores.
 */
import { Parser, type QuoteType } from 'htmlparser2';
import { DocumentRejected } from '../../pipeline/doc-reject.js';
import type { DocBudget } from '../../pipeline/budget.js';
import type { ParseListener } from './page-facts.js';
import { DomHandler, isTag, isText, type AnyNode, type Document, type Element } from 'domhandler';

export interface ElementInfo {
  id: number;
  /** Parent element id, -1 at the root. */
  parent: number;
  tag: string;
  depth: number;
  /** Lower-cased `class` and `id` joined by a space (for hints). */
  classId: string;
  role: string;
  itemprop: string;
}

export interface HtmlBlock {
  /** 0-based order in the page. */
  index: number;
  /** Whitespace-collapsed text; `<br>` kept as "\n". */
  text: string;
  /** Tag of the nearest block-level element holding the text. */
  tag: string;
  /** Id of that element in `ParsedPage.elements`. */
  element: number;
  /** Characters of `text` without line breaks. */
  chars: number;
  /** Characters inside `<a href>`. */
  linkChars: number;
  /** 1-based source line of the block's first text. */
  line: number;
}

export interface ParsedPage {
  document: Document;
  elements: ElementInfo[];
  blocks: HtmlBlock[];
}

/** Elements whose content is never page text. */
const SKIP_TAGS: ReadonlySet<string> = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas',
  'head', 'title', 'select', 'option', 'textarea', 'input', 'button', 'video', 'audio', 'map',
  'link', 'meta', 'base', 'dialog',
]);

/** Elements that start a new block. Everything else is inline. */
const BLOCK_TAGS: ReadonlySet<string> = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'details', 'dialog', 'dir',
  'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'frameset', 'h1', 'h2',
  'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'main', 'menu', 'nav',
  'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr',
  'ul', 'caption', 'frame', 'noframes', 'listing', 'plaintext', 'xmp',
]);

const WHITESPACE_RUN = /[\s\u00a0\u200b\u2007\u202f\ufeff]+/g;

/** Elements whose text keeps its line breaks, as a browser shows them. */
const PREFORMATTED = new Set(['pre', 'listing', 'plaintext', 'xmp']);
/**
 * A line break a browser shows (<br>, or a newline inside <pre>), as it stands in a block's raw
 * text until the block is cleaned: a line break in the page's source is only a space on screen,
 * so "\n" cannot mark one. A control character no page text needs (one in the page is a space).
 */
const SHOWN_BREAK = '\u0001';
const SOURCE_LINE_BREAKS = /\n/g;

/** `listener`: also gets every tag and text event of the parse (page-facts.ts), so the page is parsed once. */
export function parseHtml(html: string, listener?: ParseListener, budget?: DocBudget): ParsedPage {
  const document = parseBounded(html, listener, budget);
  const lineStarts = lineStartOffsets(html);
  const elements: ElementInfo[] = [];
  const blocks: HtmlBlock[] = [];

  // The running block.
  let parts: string[] = [];
  let linkChars = 0;
  let firstOffset = -1;
  let owner = -1;

  const flush = (): void => {
    if (parts.length > 0) {
      const lines = parts.join('').split(SHOWN_BREAK);
      const cleaned: string[] = [];
      for (const line of lines) {
        const t = line.replace(WHITESPACE_RUN, ' ').trim();
        if (t) cleaned.push(t);
      }
      if (cleaned.length > 0 && owner >= 0) {
        const text = cleaned.join('\n');
        const chars = text.length - (cleaned.length - 1);
        blocks.push({
          index: blocks.length, text, tag: elements[owner].tag, element: owner, chars,
          linkChars: Math.min(linkChars, chars), line: lineOf(lineStarts, firstOffset),
        });
      }
    }
    parts = [];
    linkChars = 0;
    firstOffset = -1;
  };

  // An explicit stack instead of recursion: pages nest elements deeper than the call stack allows.
  const stack: Frame[] = [];
  const open = (node: AnyNode, parent: number, depth: number, inLink: boolean, inPre: boolean): void => {
    if (isText(node)) {
      const data = node.data;
      if (firstOffset < 0 && data.trim() !== '') firstOffset = node.startIndex ?? 0;
      // A U+0001 in the page (&#1;) is a space, not a line break.
      const text = data.includes(SHOWN_BREAK) ? data.replaceAll(SHOWN_BREAK, ' ') : data;
      parts.push(inPre ? text.replace(SOURCE_LINE_BREAKS, SHOWN_BREAK) : text);
      if (inLink) linkChars += countNonSpace(data);
      return;
    }
    if (!isTag(node)) return;
    const tag = node.name;
    if (SKIP_TAGS.has(tag) || isHidden(node)) return;
    if (tag === 'br') {
      parts.push(SHOWN_BREAK);
      return;
    }
    const id = elements.length;
    const attribs = node.attribs;
    elements.push({
      id, parent, tag, depth,
      classId: `${attribs.class ?? ''} ${attribs.id ?? ''}`.toLowerCase().trim(),
      role: (attribs.role ?? '').toLowerCase(),
      itemprop: (attribs.itemprop ?? '').toLowerCase(),
    });
    const isBlock = BLOCK_TAGS.has(tag);
    const frame: Frame = {
      children: node.children, next: 0, id, depth, inLink: inLink || (tag === 'a' && attribs.href !== undefined),
      inPre: inPre || PREFORMATTED.has(tag), block: isBlock, savedOwner: owner,
    };
    if (isBlock) {
      flush();
      owner = id;
    }
    stack.push(frame);
  };

  for (const child of document.children) {
    open(child, -1, 0, false, false);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top.next < top.children.length) {
        open(top.children[top.next++], top.id, top.depth + 1, top.inLink, top.inPre);
        continue;
      }
      stack.pop();
      if (top.block) {
        flush();
        owner = top.savedOwner;
      }
    }
  }
  flush();
  return { document, elements, blocks };
}

interface Frame {
  children: readonly AnyNode[];
  /** Index of the next child to visit. */
  next: number;
  id: number;
  depth: number;
  inLink: boolean;
  /** Inside <pre> or the like: source line breaks are line breaks. */
  inPre: boolean;
  block: boolean;
  /** The running block's owner before this element, restored when it closes. */
  savedOwner: number;
}

/**
 * Attributes kept beyond MAX_ATTRIBUTES on one element: the ones the HTML path reads. A tag with
 * a million attributes would otherwise build a million-key object.
 */
const READ_ATTRIBUTES: ReadonlySet<string> = new Set([
  'class', 'id', 'role', 'itemprop', 'href', 'hidden', 'style', 'content', 'property', 'name', 'http-equiv',
  'rel', 'type', 'datetime', 'pubdate', 'lang', 'xml:lang', 'charset', 'title', 'value',
]);
const MAX_ATTRIBUTES = 64;

/**
 * Elements opened deeper than this are dropped (their content goes to the element at this depth),
 * as browsers' HTML parsers flatten over-deep trees: htmlparser2 keeps its open elements in an
 * array it shifts and unshifts, so every open and close costs time linear in the depth.
 */
export const MAX_PARSE_DEPTH = 512;

/**
 * Elements a page may open. News pages have hundreds to a few thousand (the largest of the
 * evaluation pages about ten thousand); each element costs the DOM, the blocks and their features
 * over a kilobyte, so a page of a million tiny elements (eight bytes each, within the size limit)
 * would take gigabytes: such a page is a `too_complex` reject instead.
 */
export const MAX_ELEMENTS = 100_000;
/** How often (in opening tags, a power of two) the parse looks at the document's time budget. */
const BUDGET_CHECK_ELEMENTS = 4096;

/** The parser's own fields that the caps read and set (private in its typings). */
interface ParserInternals {
  attribname: string;
  attribvalue: string;
  attribs: Record<string, string> | null;
  tagname: string;
  endIndex: number;
  stack: string[];
}

/**
 * htmlparser2's Parser with three caps: at most MAX_ATTRIBUTES attributes (plus the
 * READ_ATTRIBUTES) per element, no element opened below MAX_PARSE_DEPTH, and at most
 * MAX_ELEMENTS elements in the DOM (past it the page is rejected).
 */
export class BoundedParser extends Parser {
  private attributesSeen = 0;
  /** Opening tags read, those past the depth cap too (they cost the parse time, not memory). */
  private tagsSeen = 0;
  /** Elements put in the DOM. */
  private elementsKept = 0;
  /** The document's time budget, checked every BUDGET_CHECK_ELEMENTS opening tags. */
  budget?: DocBudget;

  override onopentagname(start: number, endIndex: number): void {
    this.attributesSeen = 0;
    if ((++this.tagsSeen & (BUDGET_CHECK_ELEMENTS - 1)) === 0) this.budget?.check();
    const internals = this as unknown as ParserInternals;
    if (internals.stack.length >= MAX_PARSE_DEPTH) {
      // Skipped: no name means no open event, no attributes and no self-close (see Parser.endOpenTag).
      internals.endIndex = endIndex;
      internals.tagname = '';
      internals.attribs = null;
      return;
    }
    if (++this.elementsKept > MAX_ELEMENTS) {
      throw new DocumentRejected('too_complex', `the page opens more than ${MAX_ELEMENTS.toLocaleString('en')} elements (news pages have a few thousand); not read`);
    }
    super.onopentagname(start, endIndex);
  }

  override onattribend(quote: QuoteType, endIndex: number): void {
    const internals = this as unknown as ParserInternals;
    if (++this.attributesSeen > MAX_ATTRIBUTES && !READ_ATTRIBUTES.has(internals.attribname)) {
      internals.attribvalue = '';
      internals.endIndex = endIndex;
      return;
    }
    super.onattribend(quote, endIndex);
  }
}

/** The DOM of `html` (domhandler builds it without recursion), with the attribute cap. */
export function parseBounded(html: string, listener?: ParseListener, budget?: DocBudget): Document {
  const handler = listener ? new ListenedDomHandler(listener) : new DomHandler(undefined, { withStartIndices: true });
  const parser = new BoundedParser(handler, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  parser.budget = budget;
  parser.end(html);
  return handler.root;
}

/** A DOM builder that also hands the tag and text events to a listener, in the parser's order. */
class ListenedDomHandler extends DomHandler {
  constructor(private readonly listener: ParseListener) {
    super(undefined, { withStartIndices: true });
  }

  override onopentag(name: string, attribs: Record<string, string>): void {
    super.onopentag(name, attribs);
    this.listener.onopentag(name, attribs);
  }

  override ontext(data: string): void {
    super.ontext(data);
    this.listener.ontext(data);
  }

  /** The parser passes the closing tag's name, which the DOM builder does not need. */
  override onclosetag(name?: string): void {
    super.onclosetag();
    this.listener.onclosetag(name ?? '');
  }
}

function countNonSpace(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 32 && c !== 0xa0) n++;
  }
  return n;
}

/** `hidden`, `display:none` or `visibility:hidden` on the element itself. */
function isHidden(node: Element): boolean {
  const attribs = node.attribs;
  if (attribs.hidden !== undefined) return true;
  const style = attribs.style;
  if (style && style.length < 500) {
    const compact = style.replace(/\s+/g, '').toLowerCase();
    if (compact.includes('display:none') || compact.includes('visibility:hidden')) return true;
  }
  return false;
}

function lineStartOffsets(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineOf(starts: readonly number[], offset: number): number {
  if (offset < 0) return 1;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** All visible text of the page, one block a paragraph: the keep-everything baseline. */
export function visibleText(page: ParsedPage): string {
  return page.blocks.map((block) => block.text).join('\n\n');
}
