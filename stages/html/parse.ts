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
import { parseDocument } from 'htmlparser2';
import { isTag, isText, type AnyNode, type Document, type Element } from 'domhandler';

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

export function parseHtml(html: string): ParsedPage {
  const document = parseDocument(html, { decodeEntities: true, withStartIndices: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
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
      const lines = parts.join('').split('\n');
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

  const visit = (node: AnyNode, parent: number, depth: number, inLink: boolean): void => {
    if (isText(node)) {
      const data = node.data;
      if (firstOffset < 0 && data.trim() !== '') firstOffset = node.startIndex ?? 0;
      parts.push(data);
      if (inLink) linkChars += countNonSpace(data);
      return;
    }
    if (!isTag(node)) return;
    const tag = node.name;
    if (SKIP_TAGS.has(tag) || isHidden(node)) return;
    if (tag === 'br') {
      parts.push('\n');
      return;
    }
    const isBlock = BLOCK_TAGS.has(tag);
    const id = elements.length;
    const attribs = node.attribs;
    elements.push({
      id, parent, tag, depth,
      classId: `${attribs.class ?? ''} ${attribs.id ?? ''}`.toLowerCase().trim(),
      role: (attribs.role ?? '').toLowerCase(),
      itemprop: (attribs.itemprop ?? '').toLowerCase(),
    });
    const link = inLink || (tag === 'a' && attribs.href !== undefined);
    if (isBlock) {
      flush();
      const saved = owner;
      owner = id;
      for (const child of node.children) visit(child, id, depth + 1, link);
      flush();
      owner = saved;
    } else {
      for (const child of node.children) visit(child, id, depth + 1, link);
    }
  };

  for (const child of document.children) visit(child, -1, 0, false);
  flush();
  return { document, elements, blocks };
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
