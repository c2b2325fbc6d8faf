/**
 * Tables of figures next to the body of a text page. Rows of numbers do not score as prose, so
 * the body found by the prose score stops short of the table an earnings report or a results
 * story opens or ends with; menus and teaser lists are not made of such rows.
 */
import type { LineFeatures } from './features.js';

export interface FigureLine {
  f: LineFeatures;
  dateOnly: boolean;
  /** Fixed reason or null. */
  verdict: string | null;
}

export interface Block {
  start: number;
  end: number;
}

const MAX_TABLE_LABEL_WORDS = 4;
const MAX_FIGURE_ROW_WORDS = 12;
/** Share of a figure row's words that are numbers. */
const MIN_FIGURE_SHARE = 0.25;
/** A word that is a figure: "23", "31.9", "2,240,000", "$1.5", "12%", "(4.1)". */
const NUMBER_TOKEN = /^[-+(]?[$£€¥]?\d[\d.,:/]*[%)]?[,;]?$/;
const YEAR_OR_TIME = /^(?:(?:19|20)\d\d|\d{1,2}:\d\d)\W*$/;

/**
 * The body with the table of figures it opens or ends with ("Shr 23 cts vs 23 cts", "Revs 876.9
 * mln vs 401.2 mln", a "Nine mths" label between rows): rows of numbers do not score as prose,
 * so the prose run stops short of them, but menus and teaser lists are not made of them.
 */
export function withAdjacentFigures(lines: readonly FigureLine[], block: Block, headlineAt: number): Block {
  const isRow = (i: number): boolean => i !== headlineAt && isFigureRow(lines[i]);
  const isLabel = (i: number): boolean => i !== headlineAt && isTableLabel(lines[i]);
  let start = block.start;
  for (let i = start - 1; i >= 0 && (isRow(i) || isLabel(i)); i--) if (isRow(i)) start = i;
  let end = block.end;
  for (let i = end + 1; i < lines.length && (isRow(i) || isLabel(i)); i++) if (isRow(i)) end = i;
  return { start, end };
}

/** A short row mostly of figures: a label and a few numbers, as tables are rendered. */
function isFigureRow(line: FigureLine): boolean {
  if (line.verdict !== null || line.dateOnly || line.f.words > MAX_FIGURE_ROW_WORDS) return false;
  let numbers = 0;
  // Years and times of day make date lines and bylines, which stay outside the body.
  for (const token of line.f.text.split(' ')) if (NUMBER_TOKEN.test(token) && !YEAR_OR_TIME.test(token)) numbers++;
  return numbers >= 2 && numbers >= MIN_FIGURE_SHARE * line.f.words;
}

/** A short heading inside a table of figures ("Year", "Nine mths", "Qtr to March 31"). */
function isTableLabel(line: FigureLine): boolean {
  return line.verdict === null && !line.dateOnly && line.f.words <= MAX_TABLE_LABEL_WORDS && !line.f.endsSentence;
}
