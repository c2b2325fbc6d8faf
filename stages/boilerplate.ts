/**
 * Boilerplate stage: keeps the article body, finds the headline, and records every removed line
 * or block with a reason. Text documents go through the line classifier (boilerplate/classify.ts);
 * HTML documents (`source.kind === 'html'`, `raw` = the decoded page) through the block classifier
 * (html/extract.ts), which also reads the page's metadata (title, canonical URL, site name,
 * author, published time, language) into `meta` where the source did not give them. The HTML
 * reason codes are listed in html/extract.ts; `line` is then the block's source line in `raw`.
 *
 * Both paths also write `page` (boilerplate/page-facts.ts): what the document as read says about
 * its dates (the header dates cut, top and byline lines; an HTML page's dated metadata, elements
 * and lines, read in the same parse), so that the dates stage needs no `raw`.
 *
 * Reason codes of the text path (shown to users inspecting a document's `removed` list):
 *   header_date    date-only line before the body ("Thursday 21 March 2024 - 09:34"), or the
 *                  date header cut from the start of the first body line (text = the cut prefix)
 *   article_date   date-only line among the first lines of the body (under the headline and
 *                  standfirst): read as the publication date before any header_date
 *   date_only      any other date-only line inside or after the body, outside a teaser list
 *   title          the headline (copied to meta.title unless the source already gave a title)
 *   title_repeat   a later copy of the headline
 *   chrome         site furniture (also a short "Label:" line whose following line went): buttons, labels, counters, ids, copyright ("Comment",
 *                  "Story Code : 1123962", "Sponsored", "Breaking News", "Share", "Advertisement")
 *   teaser_list    after the body, a list of other stories' headlines and their date lines
 *   comment_form   comment section ("Leave a Reply", "Your email address will not be
 *                  published...", "0 comments on ...")
 *   credit         credit line ("Credit: RT News", "Source: Reuters")
 *   photo_caption  photo caption or photo credit ("FILE PHOTO. © Reuters / Greg Baker")
 *   repeated_line  a line identical to an earlier line
 *   outside_body   any other line before or after the main body (menus, section labels,
 *                  footers, stray text between page parts)
 *   dateline       the dateline and agency tag opening the body ("WASHINGTON, March 3 (Reuters) -",
 *                  "(MENAFN)"; text = the cut prefix), kept in meta.dateline and meta.agency
 *   cross_doc_repeat  a line that recurs across many documents of the same source (only with
 *                  `ctx.chrome`, see boilerplate/crossdoc.ts; not applied to a document most of
 *                  whose text recurs: that is a copy of a story, left to dedupe)
 */
import type { DocBudget } from '../pipeline/budget.js';
import type { Doc, Removal } from '../pipeline/doc.js';
import type { DocStage, StageContext } from '../pipeline/stage.js';
import { classify } from './boilerplate/classify.js';
import { chromeSet, chromeSource, type ChromeTable } from './boilerplate/crossdoc.js';
import { headerDatesOf, htmlPageFacts, textPageFacts } from './boilerplate/page-facts.js';
import { prepareChrome } from './boilerplate/prepare.js';
import { extractHtml } from './html/extract.js';

const STAGE = 'boilerplate';

/** `chromeTable`: the run's cross-document chrome (prepare.ts); absent, no line is removed as `cross_doc_repeat`. */
export function process(doc: Doc, ctx?: StageContext, chromeTable?: ChromeTable): Doc {
  if (doc.reject) return doc;
  if (doc.source.kind === 'html') return processHtml(doc, ctx?.budget);
  const chrome = chromeTable && chromeSet(chromeTable, chromeSource(doc));
  const result = classify(doc.raw, doc.meta.title, doc.meta.url, chrome);
  // Fields named, not spread after `stage`: a spread behind another key is copied the slow way.
  const removals: Removal[] = result.removals.map((r) => ({ stage: STAGE, line: r.line, text: r.text, reason: r.reason }));
  // Drop our own earlier removals so that rerunning the stage on a document is idempotent.
  const earlier = doc.removed.filter((r) => r.stage !== STAGE);
  const meta = { ...doc.meta };
  // Values the source gave (a JSONL field) win over what the text says. No key is added and then
  // deleted: a deleted key turns the object into a slow dictionary for every later stage. Each
  // field is stored by its name: a store by a computed key costs a runtime call per document.
  if (meta.title === undefined) {
    if (result.headline !== undefined) meta.title = result.headline;
    else if ('title' in meta) delete meta.title;
  }
  if (meta.dateline === undefined) {
    if (result.dateline !== undefined) meta.dateline = result.dateline;
    else if ('dateline' in meta) delete meta.dateline;
  }
  if (meta.agency === undefined) {
    if (result.agency !== undefined) meta.agency = result.agency;
    else if ('agency' in meta) delete meta.agency;
  }
  const page = textPageFacts(doc.raw, headerDatesOf(removals), result.underHeadline);
  return { ...doc, text: result.paragraphs.join('\n\n'), meta, page, removed: [...earlier, ...removals] };
}

function processHtml(doc: Doc, budget?: DocBudget): Doc {
  const result = extractHtml(doc.raw, doc.meta.url, { budget });
  const removals: Removal[] = result.removals.map((r) => ({ stage: STAGE, ...r }));
  const earlier = doc.removed.filter((r) => r.stage !== STAGE);
  const found = result.meta;
  const page = htmlPageFacts(result.dates, headerDatesOf(removals), recordDate(doc));
  // Values the source gave (a JSONL field) win over what the page says about itself.
  const meta = { ...doc.meta };
  if (meta.title === undefined && found.title !== undefined) meta.title = found.title;
  if (meta.url === undefined && found.canonicalUrl !== undefined) meta.url = found.canonicalUrl;
  if (meta.sourceName === undefined && found.siteName !== undefined) meta.sourceName = found.siteName;
  if (meta.author === undefined && found.author !== undefined) meta.author = found.author;
  if (meta.language === undefined && found.language !== undefined) meta.language = found.language;
  if (meta.publishedField === undefined && found.published !== undefined) meta.publishedField = found.published;
  return { ...doc, text: result.paragraphs.join('\n\n'), meta, page, removed: [...earlier, ...removals] };
}

/** A publication date the source record gave (a JSONL field), which outranks the page's. */
function recordDate(doc: Doc): boolean {
  return doc.meta.publishedField !== undefined && doc.source.line !== undefined;
}

export const boilerplate: DocStage<ChromeTable> = {
  name: 'boilerplate',
  kind: 'doc',
  reads: ['raw', 'source', 'meta'],
  writes: ['text', 'meta', 'removed', 'page'],
  always: ['text', 'page'],
  prepare: prepareChrome,
  describe: 'Keeps the article body of text and HTML documents, finds the headline and page metadata, records removed lines/blocks with reasons',
  process,
};
