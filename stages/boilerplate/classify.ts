/**
 * The line classifier behind the boilerplate stage.
 *
 * 1. Every non-blank line gets shape features (features.ts) and, when its own text is enough,
 *    a fixed reason (rules.ts: comment form, credit, caption, chrome) or the date-only flag.
 * 2. A date header glued to the first content line is split off.
 * 3. The main body is the run of lines with the highest prose score (maximum-sum subarray):
 *    punctuated lines score by their length, short ones zero, other lines a small penalty, so
 *    the run bridges an ad or a caption between paragraphs but not a menu or a teaser list.
 * 4. The headline is picked among the lines before the body (headline.ts).
 * 5. Every other line is judged by its position: before the body (header dates, menus; a
 *    standfirst after the headline stays), inside it (kept unless fixed boilerplate, a date or
 *    a repeat), after it (teaser lists, footers).
 *
 * With a cross-document chrome set (crossdoc.ts), the lines recurring across the source's
 * documents are fixed boilerplate from step 1 on, so they neither count as body prose nor
 * become the headline.
 */
import { datePrefixLength, isDateOnly } from './dates.js';
import { isSentenceLike, isTitleLike, lineFeatures, type LineFeatures } from './features.js';
import { fixedReason } from './rules.js';
import { findHeadline, headlineText, type HeadlineLine } from './headline.js';
import { lineHash } from './crossdoc.js';
import { unwrapLines } from './unwrap.js';
import { isPlainArticle } from './plain.js';
import { splitDateline, type DatelineSplit } from './dateline.js';
import { withAdjacentFigures } from './figures.js';

export type Reason =
  | 'header_date' | 'article_date' | 'date_only' | 'title' | 'title_repeat' | 'chrome' | 'teaser_list'
  | 'comment_form' | 'credit' | 'photo_caption' | 'repeated_line' | 'outside_body' | 'cross_doc_repeat' | 'dateline';

export interface LineRemoval {
  /** 1-based line number in raw. */
  line: number;
  text: string;
  reason: Reason;
}

export interface Classification {
  /** Body paragraphs, trimmed, in order. */
  paragraphs: string[];
  removals: LineRemoval[];
  /** The headline found in the page, if any. */
  headline?: string;
  /** Dateline and agency cut from the start of the body (dateline.ts). */
  dateline?: string;
  agency?: string;
  /** The short lines between the headline and the first kept line: where a page puts its byline and date. */
  underHeadline: string[];
}

interface Line {
  /** 0-based index in raw (of the first raw line, when wrapped lines were joined). */
  index: number;
  /** 0-based index in raw of the line's last raw line. */
  last: number;
  /** The text this line contributes to the body if kept (trimmed raw, date prefix cut off). */
  body: string;
  f: LineFeatures;
  dateOnly: boolean;
  /** Date header cut from the start of the line, if any. */
  datePrefix?: string;
  /** Dateline and agency tag cut from the start of the line (after a date header), if any. */
  datelinePrefix?: DatelineSplit;
  /** Blank raw lines right before this one (a heading in html-to-text renderings has 2+). */
  blankBefore: number;
  /** null while undecided, 'keep' for body lines. */
  verdict: Reason | 'keep' | null;
  /** Prose score of a cross-document chrome line, fixed when it is marked. */
  crossDocScore?: number;
}

/** Score of a non-prose line: small, so a lone caption inside the body does not split it. */
const NON_PROSE_PENALTY = 5;
const KNOWN_BOILERPLATE_PENALTY = 1;
/** List items are lighter: an article may hold a list, a menu is long anyway. */
const BULLET_PENALTY = 2;
/** Sentences shorter than this (teaser blurbs, captions) add nothing to a body's score. */
const SHORT_LINE_CHARS = 60;
const CHARS_PER_POINT = 8;
/** Fewest words left after a date prefix for it to count as a body line. */
const MIN_WORDS_AFTER_DATE_PREFIX = 5;
/** A sentence this long before the headline is still kept as article text. */
const LONG_SENTENCE_WORDS = 15;
/** A teaser list needs at least this many different headline-like lines. */
const MIN_TEASER_HEADLINES = 2;
/** A label ("Weitere Informationen:", "Lesen Sie auch:") has at most this many words. */
const MAX_LABEL_WORDS = 6;
const SEPARATORS_AFTER_DATE = /^[\s\-–—|:,.]+/;
/**
 * A document more than this share of whose text is cross-document lines is a copy of a story
 * (syndicated, updated, scraped twice), not a page with chrome: the table is not applied to it,
 * dedupe deals with copies. Measured: real chrome was at most 8% of a page's text (21 pages of 5
 * hosts); four real copies of a Reuters story in a 20-story source were ~100% and would be emptied.
 */
const MAX_CROSS_DOC_SHARE = 0.5;

/** `chrome`: hashes (crossdoc.ts `lineHash`) of the lines that are chrome in the document's source. */
export function classify(raw: string, knownTitle?: string, url?: string, chrome?: ReadonlySet<number>): Classification {
  const rawLines = raw.split('\n');
  const { lines, block, headlineLines } = locate(rawLines, chrome);
  const headlineAt = findHeadline(headlineLines, block.start, knownTitle, url);
  if (isPlainArticle(lines, block.start)) {
    judgePlainArticle(lines, block, headlineAt);
  } else {
    const body = withAdjacentFigures(lines, block, headlineAt);
    judgeByPosition(lines, body, headlineAt);
    markTeaserLists(lines.slice(body.end + 1));
  }
  dropOrphanLabels(lines);
  const dateline = cutDateline(lines);
  const headline = headlineAt >= 0 && !knownTitle ? headlineText(headlineLines, headlineAt) : headlineAt >= 0 ? lines[headlineAt].f.text : undefined;
  return { ...assemble(lines, headline), dateline: dateline?.dateline, agency: dateline?.agency, underHeadline: bylineZone(lines, headlineAt) };
}

/** A byline is a few words: the name, the date, a section or two. */
const MAX_BYLINE_WORDS = 20;

/** The short lines after the headline and before the first kept line, as read. */
function bylineZone(lines: Line[], headlineAt: number): string[] {
  if (headlineAt < 0) return [];
  const zone: string[] = [];
  for (let i = headlineAt + 1; i < lines.length && lines[i].verdict !== 'keep'; i++) {
    if (lines[i].f.words <= MAX_BYLINE_WORDS) zone.push(lines[i].f.text);
  }
  return zone;
}

/** The dateline and agency tag opening the body's first line move out of the text (dateline.ts). */
function cutDateline(lines: Line[]): DatelineSplit | undefined {
  const first = lines.find((line) => line.verdict === 'keep');
  const split = first && splitDateline(first.body);
  if (!first || !split) return undefined;
  first.datelinePrefix = split;
  first.body = split.rest;
  return split;
}

/** Content lines with their fixed reasons, the main block, and the lines as the headline search sees them. */
function locate(rawLines: readonly string[], chrome?: ReadonlySet<number>): { lines: Line[]; block: Block; headlineLines: HeadlineLine[] } {
  const lines = contentLines(rawLines);
  if (chrome) markCrossDocChrome(lines, rawLines, chrome);
  splitLeadingDatePrefix(lines);
  const block = mainBlock(lines);
  const headlineLines = lines.map((l) => ({ f: l.f, dateOnly: l.dateOnly, fixed: l.dateOnly ? null : l.verdict, blankBefore: l.blankBefore }));
  return { lines, block, headlineLines };
}

function contentLines(rawLines: readonly string[]): Line[] {
  const lines: Line[] = [];
  let previous = -1;
  for (const logical of unwrapLines(rawLines)) {
    const f = lineFeatures(logical.text);
    const { first, last } = logical;
    lines.push({ index: first, last, body: logical.text, f, dateOnly: isDateOnly(f.text), verdict: null, blankBefore: first - previous - 1 });
    previous = last;
  }
  for (const line of lines) {
    if (!line.dateOnly) line.verdict = fixedReason(line.f);
  }
  return lines;
}

/**
 * Marks the lines in the source's chrome set `cross_doc_repeat`, whatever rule or position would
 * say (date-only lines excepted: the dates stage reads the header dates). Their prose score is
 * capped at that of known boilerplate and never raised: a recurring prose footer or cookie
 * notice then no longer wins or stretches the body, a recurring box between two paragraphs is
 * bridged like an ad, and no stretch of menu lines (-5 each) becomes easier to bridge than
 * without the table, which would pull the body over it. Scoring these lines 0 (as if dropped)
 * or -1 like other fixed lines did that on a real page (see also and references of a Wikipedia
 * article joined to the body); -5 for all of them gave the same results as the cap elsewhere.
 */
function markCrossDocChrome(lines: Line[], rawLines: readonly string[], chrome: ReadonlySet<number>): void {
  let all = 0;
  let hit = 0;
  const hits: Line[] = [];
  for (const line of lines) {
    if (line.dateOnly) continue;
    const chars = crossDocChars(line, rawLines, chrome);
    all += line.f.text.length;
    hit += chars;
    if (chars === line.f.text.length) hits.push(line);
  }
  if (hits.length === 0 || hit > MAX_CROSS_DOC_SHARE * all) return;
  for (const line of hits) {
    line.crossDocScore = Math.min(proseScore(line), -KNOWN_BOILERPLATE_PENALTY);
    line.verdict = 'cross_doc_repeat';
  }
}

/**
 * Characters of the line that recur across the source. The counts are kept per raw line
 * (crossdoc.ts), so a paragraph joined from wrapped lines is chrome when every raw line of it
 * is, and counts towards the document's recurring share by the raw lines that are.
 */
function crossDocChars(line: Line, rawLines: readonly string[], chrome: ReadonlySet<number>): number {
  if (line.index === line.last) return chrome.has(lineHash(line.f.key) ?? -1) ? line.f.text.length : 0;
  let chars = 0;
  let all = true;
  for (let i = line.index; i <= line.last; i++) {
    const text = rawLines[i].trim();
    if (chrome.has(lineHash(text) ?? -1)) chars += text.length;
    else all = false;
  }
  return all ? line.f.text.length : Math.min(chars, line.f.text.length - 1);
}

/**
 * " date 2024-10-06 (MENAFN) China's ..." : the scraper glued the date header onto the first
 * paragraph. Only the first line that is neither a date nor chrome is looked at.
 */
function splitLeadingDatePrefix(lines: Line[]): void {
  const first = lines.find((line) => !line.dateOnly && line.verdict === null);
  if (!first) return;
  const prefixLength = datePrefixLength(first.body);
  if (prefixLength === 0) return;
  const rest = first.body.slice(prefixLength).replace(SEPARATORS_AFTER_DATE, '').trim();
  const restFeatures = lineFeatures(rest);
  if (restFeatures.words < MIN_WORDS_AFTER_DATE_PREFIX) return;
  first.datePrefix = first.body.slice(0, prefixLength).trim();
  first.body = rest;
  first.f = restFeatures;
  first.verdict = fixedReason(restFeatures);
}

function proseScore(line: Line): number {
  if (line.crossDocScore !== undefined) return line.crossDocScore;
  const f = line.f;
  // Known boilerplate (an ad label, a caption) often sits between paragraphs: it is removed
  // anyway, so it only weakly argues that the body has ended.
  if (line.dateOnly || line.verdict !== null) return -KNOWN_BOILERPLATE_PENALTY;
  // Sentences score by length beyond a short-line allowance: a 60-word paragraph weighs far more
  // than the one-line blurbs under menu entries and teasers, which hover around zero.
  if (f.endsSentence && f.words >= 3) {
    return Math.max((f.text.length - SHORT_LINE_CHARS) / CHARS_PER_POINT, 0);
  }
  // A long paragraph that lost its final punctuation (truncated scrape) is still prose.
  if (f.words >= 20 && f.stopRatio >= 0.1) return (f.text.length - SHORT_LINE_CHARS) / (2 * CHARS_PER_POINT);
  return f.bullet ? -BULLET_PENALTY : -NON_PROSE_PENALTY;
}

interface Block {
  start: number;
  end: number;
}

/** Maximum-sum run of prose scores (Kadane). Without any prose, the whole page is the body. */
function mainBlock(lines: Line[]): Block {
  let best: Block = { start: 0, end: lines.length - 1 };
  let bestSum = 0;
  let runStart = 0;
  let runSum = 0;
  for (let i = 0; i < lines.length; i++) {
    if (runSum <= 0) {
      runStart = i;
      runSum = 0;
    }
    runSum += proseScore(lines[i]);
    if (runSum > bestSum) {
      bestSum = runSum;
      best = { start: runStart, end: i };
    }
  }
  return best;
}

/** A plain article (plain.ts) keeps every line but its headline, header dates and fixed boilerplate. */
function judgePlainArticle(lines: Line[], block: Block, headlineAt: number): void {
  const headlineKey = headlineAt >= 0 ? lines[headlineAt].f.key : undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.dateOnly) line.verdict = i < block.start ? 'header_date' : 'keep';
    else if (line.verdict !== null) continue;
    else if (i === headlineAt) line.verdict = 'title';
    else line.verdict = line.f.key === headlineKey ? 'title_repeat' : 'keep';
  }
}

/**
 * Lines of the body a date line may follow and still open the article: a scraped page shows the
 * publication date under the headline and standfirst, where the menus' "today" dates never are.
 */
const OPENING_LINES = 2;

/** A line of the body with at most OPENING_LINES other lines of it before it. */
function opensBody(lines: Line[], block: Block, at: number): boolean {
  let before = 0;
  for (let i = block.start; i < at; i++) if (!lines[i].dateOnly && ++before > OPENING_LINES) return false;
  return true;
}

function judgeByPosition(lines: Line[], block: Block, headlineAt: number): void {
  const headlineKey = headlineAt >= 0 ? lines[headlineAt].f.key : undefined;
  const seen = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const key = line.f.key;
    if (line.dateOnly) {
      line.verdict = i < block.start ? 'header_date' : opensBody(lines, block, i) ? 'article_date' : 'date_only';
    } else if (line.verdict !== null) {
      // fixed by its own text
    } else if (i === headlineAt) {
      line.verdict = 'title';
    } else if (key === headlineKey) {
      line.verdict = 'title_repeat';
    } else if (seen.has(key)) {
      line.verdict = 'repeated_line';
    } else if (i < block.start) {
      // Before the body, sentences after the headline (a standfirst) are article text; before
      // it, only long prose is (short sentences there are taglines and cookie notices).
      const afterHeadline = headlineAt < 0 || i > headlineAt;
      const keep = isSentenceLike(line.f) && (afterHeadline || line.f.words >= LONG_SENTENCE_WORDS);
      line.verdict = keep ? 'keep' : 'outside_body';
    } else if (i <= block.end) {
      line.verdict = 'keep';
    } else {
      line.verdict = 'outside_body';
    }
    seen.add(key);
  }
}

/**
 * After the body, runs of headline-like lines (each often repeated and followed by its date)
 * are lists of other stories. Chrome lines ("Featured Stories") neither start nor break a run.
 */
function markTeaserLists(trailer: Line[]): void {
  let run: Line[] = [];
  const headlines = new Set<string>();
  const closeRun = (): void => {
    if (headlines.size >= MIN_TEASER_HEADLINES) for (const line of run) line.verdict = 'teaser_list';
    run = [];
    headlines.clear();
  };
  for (const line of trailer) {
    if (line.dateOnly) {
      run.push(line);
    } else if (isTeaserCandidate(line)) {
      run.push(line);
      headlines.add(line.f.key);
    } else if (line.verdict === 'outside_body' || line.verdict === 'keep') {
      closeRun();
    }
  }
  closeRun();
}

/** A short label ending in a colon ("Weitere Informationen:") goes as chrome when what follows went. */
function dropOrphanLabels(lines: Line[]): void {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.verdict !== 'keep' || line.f.words > MAX_LABEL_WORDS || !line.f.text.endsWith(':')) continue;
    if (i + 1 >= lines.length || lines[i + 1].verdict !== 'keep') line.verdict = 'chrome';
  }
}

function isTeaserCandidate(line: Line): boolean {
  return (line.verdict === 'outside_body' || line.verdict === 'repeated_line') && isTitleLike(line.f);
}

function assemble(lines: Line[], headline: string | undefined): Pick<Classification, 'paragraphs' | 'removals' | 'headline'> {
  const paragraphs: string[] = [];
  const removals: LineRemoval[] = [];
  let current: string[] = [];
  const closeParagraph = (): void => {
    if (current.length) paragraphs.push(current.join('\n'));
    current = [];
  };
  for (const line of lines) {
    if (line.blankBefore > 0) closeParagraph();
    const lineNumber = line.index + 1;
    if (line.datePrefix) removals.push({ line: lineNumber, text: line.datePrefix, reason: 'header_date' });
    if (line.datelinePrefix) removals.push({ line: lineNumber, text: line.datelinePrefix.prefix, reason: 'dateline' });
    if (line.verdict === 'keep') {
      current.push(line.body);
    } else {
      closeParagraph();
      removals.push({ line: lineNumber, text: line.body, reason: line.verdict ?? 'outside_body' });
    }
  }
  closeParagraph();
  return { paragraphs, removals, headline };
}

