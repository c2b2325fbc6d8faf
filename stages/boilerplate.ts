/**
 * Boilerplate stage for text documents: keeps the article body, finds the headline, and records
 * every removed line with a reason. The classifier itself is in boilerplate/classify.ts.
 *
 * Reason codes (shown to users inspecting a document's `removed` list):
 *   header_date    date-only line before the body ("Thursday 21 March 2024 - 09:34"), or the
 *                  date header cut from the start of the first body line (text = the cut prefix)
 *   date_only      date-only line inside or after the body, outside a teaser list
 *   title          the headline (copied to meta.title unless the source already gave a title)
 *   title_repeat   a later copy of the headline
 *   chrome         site furniture: buttons, labels, counters, ids, copyright ("Comment",
 *                  "Story Code : 1123962", "Sponsored", "Breaking News", "Share", "Advertisement")
 *   teaser_list    after the body, a list of other stories' headlines and their date lines
 *   comment_form   comment section ("Leave a Reply", "Your email address will not be
 *                  published...", "0 comments on ...")
 *   credit         credit line ("Credit: RT News", "Source: Reuters")
 *   photo_caption  photo caption or photo credit ("FILE PHOTO. © Reuters / Greg Baker")
 *   repeated_line  a line identical to an earlier line
 *   outside_body   any other line before or after the main body (menus, section labels,
 *                  footers, stray text between page parts)
 */
import type { Doc, Removal } from '../pipeline/doc.js';
import type { DocFn, PerDocStage } from '../pipeline/stage.js';
import { classify } from './boilerplate/classify.js';

const STAGE = 'boilerplate';

export const process: DocFn = (doc) => {
  if (doc.reject || doc.source.kind === 'html') return doc;
  const result = classify(doc.raw, doc.meta.title);
  const removals: Removal[] = result.removals.map((r) => ({ stage: STAGE, ...r }));
  // Drop our own earlier removals so that rerunning the stage on a document is idempotent.
  const earlier = doc.removed.filter((r) => r.stage !== STAGE);
  const title = doc.meta.title ?? result.headline;
  return {
    ...doc,
    text: result.paragraphs.join('\n\n'),
    meta: title === undefined ? doc.meta : { ...doc.meta, title },
    removed: [...earlier, ...removals],
  };
};

export const boilerplate: PerDocStage = {
  name: 'boilerplate',
  kind: 'per-doc',
  describe: 'Keeps the article body of text documents, finds the headline, records removed lines with reasons',
  process,
};
