/**
 * The dates stage: the document's publication date (`published`) and every date expression in
 * its text (`dates`), resolved against that publication date.
 */
import type { DateMention, Doc } from '../pipeline/doc.js';
import type { DocStage, StageContext } from '../pipeline/stage.js';
import { parseYmd, utcYmd } from './dates/calendar.js';
import { withChronoMemo } from './dates/chrono.js';
import { findDateMentions } from './dates/mentions.js';
import { findPublished } from './dates/published.js';

export function process(doc: Doc, ctx: StageContext): Doc {
  if (doc.reject) return doc;
  // The publication-date finders and the mentions may parse the same paragraph alike.
  return withChronoMemo(() => datesOf(doc, ctx));
}

function datesOf(doc: Doc, ctx: StageContext): Doc {
  const published = findPublished(doc, ctx.runStartedAt);
  // Relative expressions ("on Monday", "next year") are relative to when the article was
  // written; without a publication date the run's start is the best available stand-in.
  const ref = (published && parseYmd(published.date)) ?? utcYmd(ctx.runStartedAt);
  return { ...doc, published, dates: findDateMentions(doc.text, ref).filter(isRepresentable) };
}

/**
 * Arithmetic on odd input ("523 BC", "in the year -1") can leave the four-digit calendar; such a
 * value fits no DATE column and no TIMEX3 reader, so the mention is dropped rather than written.
 */
function isRepresentable(m: DateMention): boolean {
  if (m.date !== null && !/^\d{4}-\d{2}-\d{2}$/.test(m.date)) return false;
  return !/^-|^\d{5}/.test(m.value);
}

export const dates: DocStage = {
  name: 'dates',
  kind: 'doc',
  // raw: header lines and HTML metadata live there; removed: the header date boilerplate cut.
  reads: ['raw', 'text', 'meta', 'source', 'removed'],
  writes: ['published', 'dates'],
  describe: 'publication date with provenance (text: field > header > byline > dateline > text; HTML: page metadata > URL > bylines > modified) and every date expression in the text, as TIMEX3 values',
  process,
};
