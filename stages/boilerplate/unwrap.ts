/**
 * Joins hard-wrapped lines back into the paragraphs they were cut from, before the line
 * classifier sees them. Wire feeds, e-mail and plain-text archives break a paragraph every ten
 * words or so; cut that way, a paragraph reads to the classifier as a run of short unpunctuated
 * lines (a menu, a teaser list) and a copy of a story wrapped differently from another is
 * classified differently.
 *
 * A break inside a run of non-blank lines is a wrap when the next line's first word would not
 * have fitted on the line (the classic test of text reformatters), the width being the one most
 * of the run's full lines reach. A run is taken as wrapped only when its lines are of wrapping
 * width (not menus of two-word entries, not one paragraph per line) and its wraps read as cut
 * sentences: a good share of them end mid-clause (a comma, a hyphen, a function word) or
 * continue in lower case, which lists of headlines or names never do. Shorter runs of the same
 * document are read at the width its clearly wrapped runs have. A line indented more than the
 * one before it, or opening with a list marker, starts a new paragraph (Reuters-style paragraph
 * indents, list items).
 */
import { STOP_WORDS } from './lexicon.js';

/** One line as the classifier sees it: one raw line, or several joined. */
export interface LogicalLine {
  /** 0-based index of its first raw line. */
  first: number;
  /** 0-based index of its last raw line (= first when not joined). */
  last: number;
  /** The raw line, or the trimmed raw lines joined (a space, or nothing after a word-split hyphen). */
  text: string;
}

/** Narrower runs are menus and lists, not wrapped prose. */
const MIN_WRAP_WIDTH = 40;
/** Wider lines were not wrapped by a fixed width: paragraphs rendered one per line. */
const MAX_WRAP_WIDTH = 160;
/**
 * Room (share of the width) the next word must have had on a line for the break to be deliberate:
 * wrappers fill lines to slightly different widths (word lengths, justification, paragraph
 * indents), so a line a few characters short of the longest one is still full.
 */
const WIDTH_SLACK = 0.1;
/**
 * Share of a run's wraps that must read as a sentence cut in two. Measured: in reuters' wrapped
 * runs the median share is 0.8 and 2% are under 0.5; in the rendered trafilatura pages (dev
 * split), whose lines are paragraphs, list items and menus, nearly every run scores 0.
 */
const MIN_CUT_SENTENCE_SHARE = 0.5;
/** Share of a run's lines that fill its width (a wrapped paragraph's last line is shorter). */
const MIN_FULL_SHARE = 0.25;
/** Wraps a run needs to show by itself that it was wrapped (one break proves nothing). */
const MIN_WRAPS = 2;
const LIST_MARKER = /^(?:[*•·\-–—>]\s|\d{1,3}[.)]\s|\p{L}\)\s)/u;
const SENTENCE_END = /[.!?:;"'”’)\]]$/;
const CLAUSE_END = /[,(\-–]$/;
const LOWER_START = /^[\p{Ll}]/u;
const WORD_SPLIT_HYPHEN = /\p{L}-$/u;

interface RawLine {
  index: number;
  text: string;
  indent: number;
}

/** The document's logical lines, in order; blank raw lines are left out. */
export function unwrapLines(rawLines: readonly string[]): LogicalLine[] {
  const runs = nonBlankRuns(rawLines);
  const wrapped = runs.map(wrappedRun);
  // Runs too short to show it themselves (a two-line paragraph whose break falls before a figure
  // or a name) are wrapped at the width the document's clearly wrapped runs were.
  let width = 0;
  for (const w of wrapped) if (w && w.width > width) width = w.width;
  const out: LogicalLine[] = [];
  runs.forEach((run, i) => joinRun(run, wrapped[i]?.wraps ?? (width > 0 ? wrapBreaks(run, width) : undefined), out));
  return out;
}

function nonBlankRuns(rawLines: readonly string[]): RawLine[][] {
  const runs: RawLine[][] = [];
  let run: RawLine[] = [];
  for (let index = 0; index < rawLines.length; index++) {
    const line = rawLines[index];
    const text = line.trim();
    if (text === '') {
      if (run.length) runs.push(run);
      run = [];
      continue;
    }
    run.push({ index, text, indent: line.length - line.trimStart().length });
  }
  if (run.length) runs.push(run);
  return runs;
}

/** The run's width and breaks when the run shows by itself that it was wrapped. */
function wrappedRun(run: RawLine[]): { width: number; wraps: boolean[] } | undefined {
  if (run.length < 2) return undefined;
  const width = runWidth(run);
  if (width < MIN_WRAP_WIDTH) return undefined;
  const wraps = wrapBreaks(run, width);
  return readsAsWrapped(run, wraps) ? { width, wraps } : undefined;
}

/** Appends the run's logical lines to `out` (a run may hold the lines of a whole long record). */
function joinRun(run: RawLine[], wraps: readonly boolean[] | undefined, out: LogicalLine[]): void {
  for (let i = 0; i < run.length; i++) {
    const previous = out[out.length - 1];
    if (i > 0 && wraps?.[i - 1]) {
      previous.last = run[i].index;
      previous.text = joinWrapped(previous.text, run[i].text);
    } else {
      out.push({ first: run[i].index, last: run[i].index, text: run[i].text });
    }
  }
}

/**
 * The wrapping width: the longest line length that a quarter of the run's lines (two at least)
 * come within WIDTH_SLACK of. Not simply the longest line: a footer or a URL glued to wrapped
 * prose is longer than its lines and would make every one of them look short.
 */
function runWidth(run: readonly RawLine[]): number {
  const lengths = run.map((l) => l.text.length).filter((n) => n <= MAX_WRAP_WIDTH).sort((a, b) => b - a);
  const needed = Math.max(2, Math.ceil(lengths.length * MIN_FULL_SHARE));
  // Two pointers over the lengths, longest first: the window [i, j) holds the lines within
  // the slack of lengths[i]; its lower bound only falls as i moves on, so j never goes back.
  let j = 0;
  for (let i = 0; i < lengths.length; i++) {
    const floor = lengths[i] * (1 - WIDTH_SLACK);
    if (j < i) j = i;
    while (j < lengths.length && lengths[j] >= floor) j++;
    if (j - i >= needed) return lengths[i];
  }
  return 0;
}

/** wraps[i]: the break after run[i] is a wrap (run[i + 1] continues its paragraph). */
function wrapBreaks(run: readonly RawLine[], width: number): boolean[] {
  const wraps: boolean[] = [];
  for (let i = 0; i + 1 < run.length; i++) {
    const line = run[i];
    const next = run[i + 1];
    const startsParagraph = next.indent > line.indent || LIST_MARKER.test(next.text);
    const fitted = line.text.length + 1 + firstWordLength(next.text) <= width * (1 - WIDTH_SLACK);
    // A line wider than the wrapping width was not cut at it, and does not continue a cut line;
    // a line under half of it was only cut there if the next word is very long (a URL, a menu
    // glued into one token), which prose rarely has.
    // (The width was read off a few runs' longest lines: the wrapper's may be a little wider.)
    const widest = width * (1 + WIDTH_SLACK);
    const withinWidth = line.text.length <= widest && next.text.length <= widest && line.text.length >= width / 2;
    wraps.push(!startsParagraph && !fitted && withinWidth);
  }
  return wraps;
}

/** Enough wraps, and enough of them cut a sentence (not a list of headlines or names). */
function readsAsWrapped(run: readonly RawLine[], wraps: readonly boolean[]): boolean {
  let count = 0;
  let cut = 0;
  wraps.forEach((wrap, i) => {
    if (!wrap) return;
    count++;
    if (cutsSentence(run[i].text, run[i + 1].text)) cut++;
  });
  return count >= MIN_WRAPS && cut >= MIN_CUT_SENTENCE_SHARE * count;
}

function cutsSentence(line: string, next: string): boolean {
  if (LOWER_START.test(next) || CLAUSE_END.test(line)) return true;
  if (SENTENCE_END.test(line)) return false;
  const lastWord = line.slice(line.lastIndexOf(' ') + 1).toLowerCase();
  return STOP_WORDS.has(lastWord);
}

function firstWordLength(text: string): number {
  const space = text.indexOf(' ');
  return space < 0 ? text.length : space;
}

function joinWrapped(head: string, tail: string): string {
  // "long-" + "term": the wrapper broke after a hyphen; keep it and add no space. A spaced dash
  // ("word -") is punctuation and gets its space back.
  return WORD_SPLIT_HYPHEN.test(head) && /^\p{L}/u.test(tail) ? head + tail : `${head} ${tail}`;
}
