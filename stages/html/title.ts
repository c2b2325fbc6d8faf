/**
 * The headline as the page shows it. Candidates are the page's h1-h3 headings, and blocks whose
 * class says headline ("entry-title", "stage-headline"), that are not page furniture (navigation,
 * sidebar, footer, comments...); a leading marker ("[> ") is dropped. Each scores by
 *   - agreement with the head's titles (og:title, JSON-LD headline, `<title>` and its parts):
 *     the share of the heading's words found in them, since heads often add a site name or an
 *     SEO tail to the headline;
 *   - its level (h1 over h2 over h3);
 *   - its place: the last heading before the first kept body paragraph heads the article, a
 *     heading far before it is more likely a site name or a section label;
 *   - a page-header heading (the site's logo in an h1) scores low, and a heading equal to the
 *     site name is no candidate;
 *   - agreement with the URL's slug when the page URL is known (`meta.url`).
 * Without a candidate that scores, the head decides (meta title: og:title, headline, `<title>`
 * without its site-name part).
 */
import type { HtmlMeta } from './metadata.js';
import type { HintReason } from './hints.js';
import type { HtmlBlock, ParsedPage } from './parse.js';
import { slugAgreement, stripMarker } from '../boilerplate/headline.js';
import { urlSlugWords } from '../boilerplate/slug.js';

export interface TitleChoice {
  title?: string;
  /** Index of the block the title was read from, -1 when it came from the head. */
  block: number;
}

const LEVEL_SCORE: Record<string, number> = { h1: 1, h2: 0.6, h3: 0.3 };
const MIN_SCORE = 1;
/** A block that is no heading but whose class says headline ("entry-title", "article-headline"). */
const HEADLINE_CLASS = /(?:^|[^a-z])(?:headline|(?:entry|post|article|page|story)[-_]?title)(?:$|[^a-z])/;
const CLASS_LEVEL_SCORE = 0.6;
/** Weight of the heading's agreement (F1 of words) with the URL slug, when the page's URL is known. */
const SLUG_WEIGHT = 0.5;
const MAX_TITLE_CHARS = 300;
/** Headlines are rarely longer; a longer heading is more likely a teaser sentence. */
const LONG_TITLE_CHARS = 150;

/**
 * A heading broken in lines ("Kicker<br>Headline") is read as the line the head's titles agree
 * with most (the later line on a tie: kickers come first).
 */
function headingText(text: string, headWords: ReadonlySet<string>[]): string {
  const lines = text.split('\n').map((l) => stripMarker(l.replace(/\s+/g, ' ').trim())).filter(Boolean);
  if (lines.length <= 1) return lines[0] ?? '';
  // Score: how many of the line's words the head's titles hold (a kicker is short, so a
  // headline that the head gives in part still beats it).
  const lineScore = (line: string): number => agreement(line, headWords) * Math.max(1, words(line).length) * Math.min(1, words(line).length / 3);
  let best = lines[lines.length - 1];
  let bestScore = lineScore(best);
  for (let i = lines.length - 2; i >= 0; i--) {
    const score = lineScore(lines[i]);
    if (score > bestScore) {
      best = lines[i];
      bestScore = score;
    }
  }
  return best;
}

function words(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** Share of the heading's words that appear in any of the head's titles. */
function agreement(heading: string, headWords: ReadonlySet<string>[]): number {
  const w = words(heading);
  if (w.length === 0) return 0;
  let best = 0;
  for (const set of headWords) {
    let found = 0;
    for (const x of w) if (set.has(x)) found++;
    best = Math.max(best, found / w.length);
  }
  return best;
}

export function chooseTitle(
  page: ParsedPage, hints: readonly (HintReason | null)[], bodyStart: number, meta: HtmlMeta, headTitles: string[],
  url?: string,
): TitleChoice {
  const headWords = headTitles.map((t) => new Set(words(t)));
  const slug = url ? urlSlugWords(url) : [];
  const slugSet = new Set(slug);
  const siteKey = meta.siteName?.toLowerCase().trim();
  const level = (b: HtmlBlock): number | undefined =>
    LEVEL_SCORE[b.tag] ?? (HEADLINE_CLASS.test(page.elements[b.element]?.classId ?? '') ? CLASS_LEVEL_SCORE : undefined);
  const candidates = page.blocks.filter((b) => level(b) !== undefined && b.chars <= MAX_TITLE_CHARS);
  const end = bodyStart < 0 ? page.blocks.length : bodyStart;
  // Headings before the body, counted back from it: the nearest is 0.
  const before = candidates.filter((b) => b.index <= end);
  const beforeRank = new Map(before.map((b, i) => [b.index, i]));
  let bestScore = -Infinity;
  let best = -1;
  for (const b of candidates) {
    const hint = hints[b.element];
    if (hint !== null && hint !== 'page_header' && hint !== 'meta_line') continue;
    const text = headingText(b.text, headWords);
    if (siteKey && text.toLowerCase() === siteKey) continue;
    let score = level(b)! + 2 * agreement(text, headWords);
    if (slug.length >= 2) score += SLUG_WEIGHT * slugAgreement(text, slugSet, slug.length);
    if (text.length > LONG_TITLE_CHARS) score -= 1;
    const rank = before.length - 1 - (beforeRank.get(b.index) ?? -1);
    if (b.index <= end) score += rank === 0 ? 1 : rank === 1 ? 0.5 : 0;
    else score -= 0.5;
    if (hint === 'page_header') score -= 1;
    if (score > bestScore) {
      bestScore = score;
      best = b.index;
    }
  }
  if (best >= 0 && bestScore >= MIN_SCORE) {
    return { title: headingText(page.blocks[best].text, headWords), block: best };
  }
  return { title: meta.title, block: -1 };
}

