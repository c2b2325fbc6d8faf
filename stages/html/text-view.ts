/**
 * The text path's opinion of an HTML page: the page's blocks rendered as a scraper's plain text
 * (one line per block line, list items as "* item", a blank line before paragraphs and two
 * before headings, as html-to-text lays pages out), run through the text path's line classifier,
 * and its verdicts mapped back to the blocks. The block classifier reads them as features, so
 * the HTML path starts from everything the text path knows about the same page.
 */
import { classify, type Reason } from '../boilerplate/classify.js';
import type { HtmlBlock } from './parse.js';

export interface TextPathView {
  /** Per block: share of its lines the text path kept (0..1). */
  kept: Float64Array;
  /** Per block: the text path's reason for its first removed line, or null. */
  reasons: (Reason | null)[];
  /** Per block: the text path took the block as the headline. */
  headline: Uint8Array;
}

const HEADING = /^h[1-6]$/;

function blankLinesBefore(tag: string): number {
  if (HEADING.test(tag)) return 2;
  return tag === 'p' || tag === 'blockquote' || tag === 'pre' || tag === 'table' ? 1 : 0;
}

export function textPathView(blocks: readonly HtmlBlock[], url?: string): TextPathView {
  const lines: string[] = [];
  /** Block index of every rendered line (-1 for blank lines). */
  const owner: number[] = [];
  for (const block of blocks) {
    for (let i = blankLinesBefore(block.tag); i > 0; i--) {
      lines.push('');
      owner.push(-1);
    }
    const prefix = block.tag === 'li' ? ' * ' : '';
    for (const line of block.text.split('\n')) {
      lines.push(prefix + line);
      owner.push(block.index);
    }
  }
  const result = classify(lines.join('\n'), undefined, url);
  const removedLines = new Uint8Array(blocks.length);
  const lineCount = new Uint8Array(blocks.length);
  const reasons: (Reason | null)[] = new Array(blocks.length).fill(null);
  const headline = new Uint8Array(blocks.length);
  for (const b of owner) if (b >= 0 && lineCount[b] < 255) lineCount[b]++;
  for (const removal of result.removals) {
    const b = owner[removal.line - 1];
    if (b === undefined || b < 0) continue;
    if (removedLines[b] < 255) removedLines[b]++;
    if (reasons[b] === null) reasons[b] = removal.reason;
    if (removal.reason === 'title') headline[b] = 1;
  }
  const kept = new Float64Array(blocks.length);
  for (let b = 0; b < blocks.length; b++) kept[b] = lineCount[b] ? Math.max(0, 1 - removedLines[b] / lineCount[b]) : 0;
  return { kept, reasons, headline };
}
