/**
 * The page facts (pipeline/doc.ts PageFacts) the boilerplate stage writes for the dates stage:
 * what the document as read says about its dates, so that `raw` can leave the document here.
 * Text documents: the top lines (header dates) and the labelled lines near the top (bylines);
 * HTML documents: the dated parts of the page, read during the page's one parse (html/page-facts.ts).
 */
import type { Doc, HtmlDateFacts, PageFacts, Removal } from '../../pipeline/doc.js';
import { mayHoldLabelledDate, mayHoldWrittenDate } from '../dates/date-signs.js';
import { PageFactsListener } from '../html/page-facts.js';
import { parseBounded } from '../html/parse.js';

/** Header dates sit at the top of the page; lines further down are menus or related stories. */
const HEADER_SCAN_LINES = 6;
/** A header line is a date with a label or a time: its start is all that can hold one. */
const HEADER_LINE_CHARS = 200;
/** Scraped pages put bylines below menus and headlines, but above comments and footers. */
const BYLINE_SCAN_LINES = 150;

/**
 * The texts of the date lines the dates stage reads as header dates: the one opening the article
 * first (the publication date, when a page has it), then the header dates above the body (among
 * them the "today" dates of menus), each kind in line order.
 */
export function headerDatesOf(removals: readonly Pick<Removal, 'line' | 'text' | 'reason'>[]): string[] {
  const ofReason = (reason: string) => removals.filter((r) => r.reason === reason).sort((a, b) => a.line - b.line).map((r) => r.text);
  return [...ofReason('article_date'), ...ofReason('header_date')];
}

/** A top line the dates stage reads a header date from has its day and month written, and its year: a digit. */
const DIGIT = /\d/;

/** `underHeadline`: the lines between the headline and the body (classify.ts), those with a digit kept. */
export function textPageFacts(raw: string, headerDates: string[], underHeadline: readonly string[] = []): PageFacts {
  const header = topLines(raw).filter((line) => DIGIT.test(line) && mayHoldWrittenDate(line));
  const facts: PageFacts = { topLines: header, bylineLines: bylineLines(raw), headerDates };
  const dated = underHeadline.filter((line) => DIGIT.test(line));
  if (dated.length) facts.underHeadline = dated;
  return facts;
}

export function htmlPageFacts(dates: HtmlDateFacts, headerDates: string[], recordDate: boolean): PageFacts {
  const facts: PageFacts = { topLines: [], bylineLines: [], headerDates, html: dates };
  if (recordDate) facts.publishedFieldFrom = 'record';
  return facts;
}

/**
 * The facts of a document the boilerplate stage did not see (evaluations and tests of the dates
 * stage alone): its text unchanged, the header-date removals it carries.
 */
export function pageFactsOf(doc: Doc): PageFacts {
  const headerDates = headerDatesOf(doc.removed);
  if (doc.source.kind !== 'html') return textPageFacts(doc.raw, headerDates);
  const listener = new PageFactsListener();
  parseBounded(doc.raw, listener);
  return htmlPageFacts(listener.facts(), headerDates, doc.meta.publishedField !== undefined && doc.source.line !== undefined);
}

/** The first non-blank lines, each cut to its start; line by line from the top (splitting the whole document for six lines was a measurable cost). */
function topLines(raw: string): string[] {
  const lines: string[] = [];
  for (let start = 0; start <= raw.length && lines.length < HEADER_SCAN_LINES; ) {
    const nl = raw.indexOf('\n', start);
    const end = nl < 0 ? raw.length : nl;
    const line = raw.slice(start, Math.min(end, start + HEADER_LINE_CHARS));
    if (line.trim() !== '') lines.push(line);
    if (nl < 0) break;
    start = nl + 1;
  }
  return lines;
}

/** The lines among the first non-blank ones that may hold a labelled date. */
function bylineLines(raw: string): string[] {
  const lines: string[] = [];
  let seen = 0;
  for (let start = 0; start <= raw.length && seen < BYLINE_SCAN_LINES; ) {
    const nl = raw.indexOf('\n', start);
    const line = raw.slice(start, nl < 0 ? raw.length : nl);
    if (line.trim() !== '') {
      seen++;
      if (mayHoldLabelledDate(line)) lines.push(line);
    }
    if (nl < 0) break;
    start = nl + 1;
  }
  return lines;
}
