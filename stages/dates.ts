/**
 * The dates stage: the document's publication date (`published`) and every date expression in
 * its text (`dates`), resolved against that publication date.
 */
import type { Doc } from '../pipeline/doc.js';
import type { PerDocStage, StageContext } from '../pipeline/stage.js';
import { parseYmd, utcYmd } from './dates/calendar.js';
import { findDateMentions } from './dates/mentions.js';
import { findPublished } from './dates/published.js';

export function process(doc: Doc, ctx: StageContext): Doc {
  if (doc.reject) return doc;
  const published = findPublished(doc, ctx.runStartedAt);
  // Relative expressions ("on Monday", "next year") are relative to when the article was
  // written; without a publication date the run's start is the best available stand-in.
  const ref = (published && parseYmd(published.date)) ?? utcYmd(ctx.runStartedAt);
  return { ...doc, published, dates: findDateMentions(doc.text, ref) };
}

export const dates: PerDocStage = {
  name: 'dates',
  kind: 'per-doc',
  describe: 'publication date with provenance (text: field > header > byline > dateline > text; HTML: page metadata > URL > bylines > modified) and every date expression in the text, as TIMEX3 values',
  process,
};
