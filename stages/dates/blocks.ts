/**
 * The pieces of a text chrono reads one at a time: paragraphs, long ones cut at a line or
 * sentence end (mentions.ts for English, localized-mentions.ts for other languages).
 */
import type { Ymd } from './calendar.js';

/**
 * The day chrono reads relative to when a text has no anchor: every value that depends on it is
 * replaced by a relative one, so which day it is does not matter, only that it is fixed.
 */
export const PLACEHOLDER_REFERENCE: Ymd = { y: 2000, m: 6, d: 15 };

/**
 * chrono gets a paragraph at a time, and a long paragraph in pieces of at most this many
 * characters, cut at a line or sentence end: chrono copies the rest of its text after each
 * match, so one long block (a record without blank lines) costs the square of its length.
 */
const MAX_BLOCK_CHARS = 4096;
const BLOCK_CUT = /[.!?]["”’)]?\s+|\n/g;

/** Paragraphs (blank-line separated), long ones in pieces, with their offsets in the full text. */
export function* blocks(text: string): Generator<{ start: number; text: string }> {
  const separator = /\n[ \t]*\n/g;
  let start = 0;
  for (const m of text.matchAll(separator)) {
    if (m.index > start) yield* pieces(text, start, m.index);
    start = m.index + m[0].length;
  }
  if (start < text.length) yield* pieces(text, start, text.length);
}

function* pieces(text: string, start: number, end: number): Generator<{ start: number; text: string }> {
  while (end - start > MAX_BLOCK_CHARS) {
    const cut = lastCut(text, start, start + MAX_BLOCK_CHARS);
    yield { start, text: text.slice(start, cut) };
    start = cut;
  }
  yield { start, text: text.slice(start, end) };
}

/** The end of the last sentence or line within [start, limit), else of the last word, else limit. */
function lastCut(text: string, start: number, limit: number): number {
  const window = text.slice(start, limit);
  let cut = -1;
  for (const m of window.matchAll(BLOCK_CUT)) cut = m.index + m[0].length;
  if (cut <= 0) cut = window.lastIndexOf(' ') + 1;
  return cut > 0 ? start + cut : limit;
}
