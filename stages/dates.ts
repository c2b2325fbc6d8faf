/**
 * The dates stage: the document's publication date (`published`) and every date expression in
 * its text (`dates`). Relative expressions ("on Monday", "next year", "in December") are
 * resolved against the document's anchor, its publication date (or the dated dateline it was
 * read from); each mention records that anchor and where it came from. A document without one
 * keeps relative values (XXXX-12, XXXX-WXX-5) with `date` null: nothing is resolved against the
 * day the pipeline runs, whose start only rules out publication dates in the future.
 */
import type { AnchorSource, DateMention, Doc, Published } from '../pipeline/doc.js';
import type { DocStage, StageContext } from '../pipeline/stage.js';
import { parseYmd, type Ymd } from './dates/calendar.js';
import { withChronoMemo } from './dates/chrono.js';
import { findDateMentions, type FoundMention } from './dates/mentions.js';
import { findPublished } from './dates/published.js';

export function process(doc: Doc, ctx: StageContext): Doc {
  if (doc.reject) return doc;
  // The publication-date finders and the mentions may parse the same paragraph alike.
  return withChronoMemo(() => datesOf(doc, ctx));
}

interface Anchor {
  ymd: Ymd;
  date: string;
  source: AnchorSource;
}

function datesOf(doc: Doc, ctx: StageContext): Doc {
  let published = findPublished(doc, ctx.runStartedAt);
  let anchor = anchorOf(published);
  const language = doc.language?.code;
  let found = findDateMentions(doc.text, anchor?.ymd, ctx.budget, language);
  if (published && recalledByText(published, found)) {
    published = undefined;
    anchor = undefined;
    found = findDateMentions(doc.text, undefined, ctx.budget, language);
  }
  const dates = found.filter(isRepresentable).map((m) => withAnchor(m, anchor));
  return { ...doc, published, dates };
}

function anchorOf(published: Published | undefined): Anchor | undefined {
  const ymd = published && parseYmd(published.date);
  if (!published || !ymd) return undefined;
  return { ymd, date: published.date, source: published.source === 'dateline' ? 'dateline' : 'published' };
}

/**
 * The mention's own fields in their order, then its anchor. Copied key by key: a rest pattern
 * (`{ anchored, ...mention }`) takes the slow generic path, which cost more than the rest of the
 * mapping.
 */
function withAnchor(m: FoundMention, anchor: Anchor | undefined): DateMention {
  const mention: Record<string, unknown> = {};
  for (const key in m) if (key !== 'anchored') mention[key] = m[key as keyof FoundMention];
  const resolved = m.anchored && anchor !== undefined;
  mention.anchor = resolved ? anchor.date : null;
  mention.anchorSource = resolved ? anchor.source : 'none';
  return mention as unknown as DateMention;
}

/**
 * Decades between a publication date read from the lede and a later calendar date the same text
 * states, beyond which that lede date is an event the story recalls, not the day of the report.
 */
const MAX_TEXT_DATE_LAG_YEARS = 20;

/**
 * A publication date taken from the text itself (`source: 'text'`, the last resort) is not
 * trusted when the text states a day or month decades after it: it would anchor every relative
 * expression decades too early. Written days and months only (years alone are often forecasts).
 */
function recalledByText(published: Published, mentions: readonly FoundMention[]): boolean {
  if (published.source !== 'text') return false;
  const year = Number(published.date.slice(0, 4));
  return mentions.some((m) => !m.anchored && (m.granularity === 'day' || m.granularity === 'month') &&
    Number(m.value.slice(0, 4)) - year >= MAX_TEXT_DATE_LAG_YEARS);
}

/**
 * Arithmetic on odd input ("523 BC", "in the year -1") can leave the four-digit calendar; such a
 * value fits no DATE column and no TIMEX3 reader, so the mention is dropped rather than written.
 */
function isRepresentable(m: FoundMention): boolean {
  if (m.date !== null && !/^\d{4}-\d{2}-\d{2}$/.test(m.date)) return false;
  return !/^-|^\d{5}/.test(m.value);
}

export const dates: DocStage = {
  name: 'dates',
  kind: 'doc',
  // page: what the document as read says about its dates (header dates cut, top and byline lines,
  // the page's dated metadata), written by the boilerplate stage where it parses the document.
  reads: ['text', 'meta', 'source', 'page', 'language'],
  writes: ['published', 'dates'],
  describe: 'publication date with provenance (text: field > header > byline > dateline > text; HTML: page metadata > URL > bylines > modified) and every date expression in the text, as TIMEX3 values resolved against it (relative ones stay relative without it)',
  process,
};
