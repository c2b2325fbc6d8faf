/**
 * Whether a text document is a plain article: the text of a story with no page around it
 * (newswire copy, an archive file, one paragraph per line, a hard-wrapped e-mail). In such a
 * document every line belongs to the story, including what the position rules would take for
 * page furniture: a table of figures after the prose, a list of winners, a section heading, a
 * sign-off ("Reuter"). Only the headline, header dates and lines that name themselves as
 * boilerplate (captions, credits) leave its text.
 *
 * Scraped pages, rendered to text, show their page somewhere: a word of site chrome ("Home",
 * "Share", "Comments", a copyright line), a comment form, a menu (three short lines in a row
 * without a sentence or a figure), list items as html-to-text renders them ("* Home"), or more
 * than a few lines above the article body that are neither dates nor figures (menus, a logo,
 * section labels, a sign-in box). A document with none of these is plain. Measured on the
 * dev halves (trafilatura's eval dev split; even-numbered reuters, bbc, gum and tempeval files):
 * of the 249 scraped pages one showed none of the first four, and it had 12+ such lines above
 * its body; of the plain files, 99% had at most 2 and nearly all the rest at most 4.
 */
import { isDataRow, type LineFeatures } from './features.js';

export interface PlainLine {
  f: LineFeatures;
  dateOnly: boolean;
  /** Reason fixed by the line's own text (rules.ts) or the cross-document table, else null. */
  verdict: string | null;
}

/** Lines above the body a plain article may have: headline, kicker, standfirst, byline. */
const MAX_LEAD_LINES = 4;
/** Short lines in a row that make a menu. */
const MENU_RUN = 3;
const MENU_ENTRY_WORDS = 3;
/** Fixed reasons that only pages have; captions and credits also appear in plain copy. */
const PAGE_REASONS: ReadonlySet<string> = new Set(['chrome', 'comment_form', 'cross_doc_repeat']);
const HTML_LIST_ITEM = '* ';

export function isPlainArticle(lines: readonly PlainLine[], bodyStart: number): boolean {
  let menuRun = 0;
  for (const line of lines) {
    if (line.verdict !== null && PAGE_REASONS.has(line.verdict)) return false;
    if (line.f.text.startsWith(HTML_LIST_ITEM)) return false;
    menuRun = isMenuEntry(line) ? menuRun + 1 : 0;
    if (menuRun >= MENU_RUN) return false;
  }
  let lead = 0;
  for (let i = 0; i < bodyStart; i++) if (!lines[i].dateOnly && !isDataRow(lines[i].f.text)) lead++;
  return lead <= MAX_LEAD_LINES;
}

function isMenuEntry(line: PlainLine): boolean {
  const f = line.f;
  return f.words <= MENU_ENTRY_WORDS && !f.endsSentence && !line.dateOnly && !/\d/.test(f.text);
}
