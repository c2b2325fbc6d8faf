/**
 * The headline of a plain-text page (text path). The rendering has no markup left, so the
 * headline is found by scoring the candidate lines before the main body (and the body's first
 * line when it is laid out as a heading) on:
 *   - heading layout: html-to-text style renderings put two or more blank lines before an
 *     h1-h3 heading, one before a paragraph and none between menu entries; the headings
 *     nearest the body and the first heading after the last menu (list) score most;
 *   - an echo: the page repeats the line close by (scrapers often render the headline twice),
 *     or quotes it in a comment-form line ("0 comments on “<headline>”");
 *   - agreement with the URL slug (`meta.url`, when the source gives one): F1 of the line's
 *     words against the slug's words, umlauts and accents folded, and a bonus when the slug
 *     names the line exactly (a one-word slug counts only for a line that is exactly that word,
 *     and only when the word is not a short section name; a one-word line counts only when it
 *     is the whole slug: "Führung" under /fuehrung/staerkenorientierte-fuehrung is the section);
 *     lines anywhere on the page that agree this well (>= 0.8) are candidates too, also list
 *     items, since the body may have been located in the wrong place (a cookie notice, a price
 *     calculator, a menu) far from the real headline;
 *   - the place: distance to the body (site names, section labels and menus come far before);
 *   - the shape: a few words without a final full stop or colon, not a list item, not inside a
 *     run of short lines (a menu), not a breadcrumb ("Home » News » ..."), not a field and its
 *     value ("Kategorie: Grundlagen"), not a label around another line of the page
 *     ("Kundenbewertungen für "<product>""), not a date, byline or chrome; a byline or date
 *     right after the line is a small plus.
 * The weights were set on two thirds of the trafilatura pages (the eval's dev split) and checked
 * on the rest. The later features (list item, exact slug, wrapping line, field/value, the
 * one-word rule above) and the crumb-tail weight came from misses on both splits; each was kept
 * only when it lost no title on either split. A title the source gave always wins when a line
 * matches it.
 */
import type { LineFeatures } from './features.js';
import { holdsPromoPhrase } from './lexicon.js';
import { foldWord, urlSlugWords } from './slug.js';

/**
 * A leading marker of symbols before the words ("[> Name", "» Name", "| Name"): no letters,
 * digits or quotes, followed by a space. Headlines are read without it on both paths.
 */
const MARKER = /^[^\p{L}\p{N}"'„“”‚‘’«»‹›(]+\s+(?=[\p{L}\p{N}"'„“”‚‘’«»‹›(])/u;
export function stripMarker(text: string): string {
  return text.replace(MARKER, '');
}

export interface HeadlineLine {
  f: LineFeatures;
  dateOnly: boolean;
  /** Fixed boilerplate reason (chrome, credit...) or null. */
  fixed: string | null;
  /** Blank raw lines right before this line. */
  blankBefore: number;
}

export interface HeadlineFeatures {
  heading: number;
  nearestHeading: number;
  secondHeading: number;
  firstAfterMenu: number;
  echo: number;
  slug: number;
  distance: number;
  oneWord: number;
  long: number;
  period: number;
  shortRun: number;
  bylineNext: number;
  breadcrumb: number;
  inBody: number;
  /** The line is the last part of a breadcrumb trail nearby ("Home » Film » <line>"). */
  crumbTail: number;
  /** A list item elsewhere on the page says the same (the current page's menu entry). */
  menuEntry: number;
  /** A list item (it gets in only through the slug): the page's menu entry, not its headline. */
  bullet: number;
  /** The slug names the line and nothing else (agreement 1): a product or page name. */
  slugExact: number;
  /** The line wraps another line of the page ("Kundenbewertungen für "<that line>""). */
  quotesOther: number;
  /** A field and its value ("Ausgabe 2022/3 Kategorie: Grundlagen"). */
  labelValue: number;
}

export type HeadlineWeights = Record<keyof HeadlineFeatures, number> & { minScore: number };

export const HEADLINE_WEIGHTS: HeadlineWeights = {
  heading: 1.7, nearestHeading: 0.8, secondHeading: 0.4, firstAfterMenu: 0.5, echo: 1, slug: 4.5,
  distance: -0.05, oneWord: -0.8, long: -1.2, period: -1, shortRun: -1.8, bylineNext: 1, breadcrumb: -2,
  inBody: -2, crumbTail: 3.2, menuEntry: 1, minScore: -1,
  bullet: -3, slugExact: 1.5, quotesOther: -1, labelValue: -1,
};

/** How many lines after a headline candidate its echo may come. */
const ECHO_WINDOW = 6;
/** Candidates lie at most this many content lines before the body. */
const MAX_DISTANCE = 60;
const MAX_DISTANCE_FEATURE = 30;
const MAX_WORDS = 30;
const MAX_CHARS = 250;
/** A heading inside the body is a candidate when it agrees this well with the URL slug. */
const MIN_SLUG_IN_BODY = 0.5;
/** Elsewhere on the page a line is a candidate when it agrees this well with the URL slug. */
const MIN_SLUG_FAR = 0.8;
/** A one-word slug names the page only when the word is this long (not "blog", "news", "page"). */
const MIN_ONE_WORD_SLUG_CHARS = 6;
const BYLINE_START = /^(by|von|par|por|autor|autorin|author|text|written by|posted by|geschrieben von)\b[\s:]/i;
/** A numeric date opening the line ("10.12.2022 18:27 von ...", "2022-12-10 | Politik"): a dated byline, not a headline. */
const NUMERIC_DATE_START = /^\d{1,4}[.\/-]\d{1,2}[.\/-]\d{2,4}(?!\d)/;
const EMAIL_OR_URL = /\S@\S|https?:\/\/|^www\./i;
const BREADCRUMB_SEPARATORS = /\s[»›>|\/]\s|\s?[»›]\s?/g;
/**
 * Every match of BREADCRUMB_SEPARATORS (and CRUMB_SPLIT) holds one of these characters. Most
 * lines hold none; this one-class scan spares them the alternation, which the engine tries at
 * every position.
 */
const CRUMB_SEPARATOR_CHAR = /[»›>|\/]/;

export interface HeadlineCandidate {
  index: number;
  features: HeadlineFeatures;
}

export function findHeadline(
  lines: readonly HeadlineLine[], bodyStart: number, knownTitle?: string, url?: string,
  weights: HeadlineWeights = HEADLINE_WEIGHTS,
): number {
  if (knownTitle) {
    const knownKey = knownTitle.replace(/\s+/g, ' ').trim().toLowerCase();
    const match = lines.findIndex((line) => line.f.key === knownKey);
    if (match >= 0) return match;
  }
  return pickHeadline(headlineCandidates(lines, bodyStart, url), weights);
}

export function pickHeadline(candidates: readonly HeadlineCandidate[], weights: HeadlineWeights): number {
  let best = -1;
  let bestScore = -Infinity;
  for (const c of candidates) {
    let score = 0;
    for (const k in c.features) score += weights[k as keyof HeadlineFeatures] * c.features[k as keyof HeadlineFeatures];
    if (score > bestScore) {
      bestScore = score;
      best = c.index;
    }
  }
  return bestScore >= weights.minScore ? best : -1;
}

export function headlineCandidates(lines: readonly HeadlineLine[], bodyStart: number, url?: string): HeadlineCandidate[] {
  const slug = url ? urlSlugWords(url) : [];
  const slugSet = new Set(slug);
  const slugScore = (f: LineFeatures): number => {
    const text = f.text;
    if (slug.length >= 2) {
      const agreement = slugAgreement(text, slugSet, slug.length);
      // One word that is only part of the slug is the section or the site ("Führung" for
      // /fuehrung/staerkenorientierte-fuehrung), not the page's headline.
      return agreement < 1 && f.words < 2 ? 0 : agreement;
    }
    // A one-word slug is weak evidence: only a line that is exactly that word counts.
    if (slug.length === 1 && slug[0].length >= MIN_ONE_WORD_SLUG_CHARS) return slugAgreement(text, slugSet, 1) === 1 ? 1 : 0;
    return 0;
  };
  const commentKeys = lines.filter((l) => l.fixed === 'comment_form').map((l) => l.f.key);
  const first = Math.max(0, bodyStart - MAX_DISTANCE);
  const ctx: PageContext = { lines, bodyStart, commentKeys, slugScore, crumbTails: new Set(), menuEntries: new Set() };
  for (let i = first; i < Math.min(lines.length, bodyStart + 1); i++) {
    const f = lines[i].f;
    if (isListEntry(f)) ctx.menuEntries.add(f.key.replace(LIST_MARK, ''));
    const parts = crumbParts(f.key);
    if (parts.length >= 2) ctx.crumbTails.add(parts[parts.length - 1].trim());
  }
  let lastBullet = -1;
  for (let i = bodyStart - 1; i >= first; i--) {
    if (lines[i].f.bullet) {
      lastBullet = i;
      break;
    }
  }
  const out: HeadlineCandidate[] = [];
  // The body's first line itself may be the headline when it reads like one ("When will ...?").
  // The top of the page counts as a heading break: a wire story or a table of figures has its
  // headline on the first line and no prose for the body to start after it.
  const atTop = bodyStart === 0 && lines.length > 1 && lines[1].blankBefore > 0;
  const last = bodyStart < lines.length && (isHeadlineShaped(lines[bodyStart]) || (atTop && isCandidate(lines[0]) && !lines[0].f.endsWithPeriod)) ? bodyStart : bodyStart - 1;
  let headingRank = 0;
  let firstAfterMenu = -1;
  for (let i = last; i >= first; i--) {
    const line = lines[i];
    if (!isCandidate(line)) continue;
    const heading = line.blankBefore >= 2 || i === 0; // the top of the page counts as a break
    if (heading && i > lastBullet) firstAfterMenu = i; // ends as the first one (loop runs backwards)
    out.push({ index: i, features: features(ctx, i, heading, heading ? headingRank : -1, 0) });
    if (heading) headingRank++;
  }
  for (const c of out) if (c.index === firstAfterMenu) c.features.firstAfterMenu = 1;
  // Headings inside the body the URL names (the body may have started too early).
  for (let i = last + 1; i < lines.length; i++) {
    const line = lines[i];
    if (!isHeadlineShaped(line)) continue;
    const s = slugScore(line.f);
    if (s >= MIN_SLUG_IN_BODY) out.push({ index: i, features: features(ctx, i, true, -1, 1) });
  }
  // Lines anywhere else on the page that the URL names well: the body may have been located in
  // the wrong place (a cookie notice, a calculator, a menu), so the headline is not near it.
  const taken = new Set(out.map((c) => c.index));
  for (let i = 0; i < lines.length; i++) {
    // The slug first: without a URL it is 0 for every line, and the candidate checks cost more.
    if (taken.has(i) || slugScore(lines[i].f) < MIN_SLUG_FAR || !isCandidate(lines[i], true)) continue;
    const heading = lines[i].blankBefore >= 2 || i === 0;
    out.push({ index: i, features: features(ctx, i, heading, -1, i > last ? 1 : 0) });
  }
  return out;
}

interface PageContext {
  lines: readonly HeadlineLine[];
  bodyStart: number;
  commentKeys: readonly string[];
  slugScore: (f: LineFeatures) => number;
  crumbTails: Set<string>;
  menuEntries: Set<string>;
  /** Keys of the page's short lines of two words or more, no list items (computed when first needed). */
  quotable?: string[];
}

const LIST_MARK = /^(?:[*•·\-–»>]|\d+\.)\s+/;
/** html-to-text renders a blockquote as "> " lines: a pull quote from the article, no menu entry. */
const BLOCKQUOTE = /^>\s/;

/** A list item (menu, breadcrumb or list entry): names a page, perhaps the current one. */
function isListEntry(f: LineFeatures): boolean {
  return (f.bullet || LIST_MARK.test(f.key)) && !BLOCKQUOTE.test(f.key);
}

const CRUMB_SPLIT = new RegExp(BREADCRUMB_SEPARATORS.source);

/** `text.split(CRUMB_SPLIT)`. */
function crumbParts(text: string): string[] {
  return CRUMB_SEPARATOR_CHAR.test(text) ? text.split(CRUMB_SPLIT) : [text];
}

/** `text.match(BREADCRUMB_SEPARATORS)?.length ?? 0`. */
function crumbSeparators(text: string): number {
  return CRUMB_SEPARATOR_CHAR.test(text) ? (text.match(BREADCRUMB_SEPARATORS)?.length ?? 0) : 0;
}

function features(ctx: PageContext, i: number, heading: boolean, headingRank: number, inBody: number): HeadlineFeatures {
  const { lines, bodyStart, commentKeys, slugScore } = ctx;
  const f = lines[i].f;
  const next = lines[i + 1];
  const separators = crumbSeparators(f.text);
  return {
    heading: heading ? 1 : 0,
    nearestHeading: headingRank === 0 ? 1 : 0,
    secondHeading: headingRank === 1 ? 1 : 0,
    firstAfterMenu: 0,
    echo: isEchoed(lines, i, commentKeys) ? 1 : 0,
    slug: slugScore(f),
    distance: Math.min(Math.max(0, bodyStart - i), MAX_DISTANCE_FEATURE),
    oneWord: f.words < 2 ? 1 : 0,
    long: f.words > 20 ? 1 : 0,
    period: f.endsWithPeriod ? 1 : 0,
    shortRun: inShortRun(lines, i) ? 1 : 0,
    bylineNext: next && (next.dateOnly || BYLINE_START.test(next.f.text)) ? 1 : 0,
    breadcrumb: separators >= 2 ? 1 : 0,
    inBody,
    crumbTail: ctx.crumbTails.has(f.key) ? 1 : 0,
    menuEntry: ctx.menuEntries.has(f.key) ? 1 : 0,
    bullet: f.bullet ? 1 : 0,
    slugExact: slugScore(f) >= 0.99 ? 1 : 0,
    quotesOther: quotesOther(ctx, i) ? 1 : 0,
    labelValue: LABEL_VALUE.test(f.text) ? 1 : 0,
  };
}

const MIN_QUOTE_WORDS = 2;
/** A field and its value ("Kategorie: Grundlagen", "Portionen: 12"): one colon, one word after it. */
const LABEL_VALUE = /^[^:]{1,40}:\s*[^\s:]+$/;

/**
 * The line holds another short line of the page, at least half its length
 * ("Kundenbewertungen für "<title>"", "Produktinformationen "<title>""): a label around the title.
 */
function quotesOther(ctx: PageContext, i: number): boolean {
  const key = ctx.lines[i].f.key;
  // Cheap tests only: this runs over every line of the page.
  ctx.quotable ??= [...new Set(ctx.lines.filter((o) => o.f.words >= MIN_QUOTE_WORDS && o.f.words <= MAX_WORDS &&
    o.fixed === null && !o.dateOnly && !o.f.bullet).map((o) => o.f.key))];
  return ctx.quotable.some((other) => other.length < key.length && other.length * 2 >= key.length && key.includes(other));
}

/** A body line that is a headline: a heading by layout, short, not a statement ending in a full stop. */
function isHeadlineShaped(line: HeadlineLine): boolean {
  return line.blankBefore >= 2 && isCandidate(line) && !line.f.endsWithPeriod && line.f.words <= 25;
}

function isCandidate(line: HeadlineLine, allowBullet = false): boolean {
  const f = line.f;
  if (line.dateOnly || line.fixed !== null || !f.hasLetter || (f.bullet && !allowBullet)) return false;
  if (f.words > MAX_WORDS || f.text.length > MAX_CHARS) return false;
  if (f.text.endsWith(':') || BYLINE_START.test(f.text) || NUMERIC_DATE_START.test(f.text)) return false;
  // An address or a call to follow/subscribe is no headline.
  if (EMAIL_OR_URL.test(f.text) || holdsPromoPhrase(f.key)) return false;
  return true;
}

/** The line sits among short lines without blank lines between them: a menu or a list of links. */
function inShortRun(lines: readonly HeadlineLine[], at: number): boolean {
  const short = (l: HeadlineLine | undefined): boolean => l !== undefined && l.f.words <= 4 && !l.f.endsSentence;
  const prevTight = lines[at].blankBefore === 0 && short(lines[at - 1]);
  const nextTight = lines[at + 1] !== undefined && lines[at + 1].blankBefore === 0 && short(lines[at + 1]);
  return prevTight && nextTight;
}

function isEchoed(lines: readonly HeadlineLine[], at: number, commentKeys: readonly string[]): boolean {
  const key = lines[at].f.key;
  const last = Math.min(lines.length - 1, at + ECHO_WINDOW);
  for (let i = at + 1; i <= last; i++) if (lines[i].f.key === key) return true;
  return commentKeys.some((form) => form.includes(key));
}

/**
 * The headline's text, without a leading marker ("[> "). A heading rendered on one line with
 * its kicker ("Ernährung sichern Schulze: Deutschland steht ...") is read as the part the page
 * names elsewhere as the current page: a breadcrumb's last step or a list entry (three words
 * or more) that the line ends with.
 */
export function headlineText(lines: readonly HeadlineLine[], at: number): string {
  const text = stripMarker(lines[at].f.text);
  const key = text.toLowerCase();
  if (key.length !== text.length) return text;
  // Crumb tails (the last step of a "Home » Section » Page" trail) and list entries.
  const tails = new Set<string>();
  const entries = new Set<string>();
  const lastCode = key.charCodeAt(key.length - 1);
  for (let i = 0; i < lines.length; i++) {
    if (i === at) continue;
    const f = lines[i].f;
    // A label is a trimmed suffix of the line's key (which has no trailing space): it can end the
    // headline only when the line ends with the headline's last character. Most lines do not,
    // and are spared the crumb and list-marker scans.
    if (f.key.charCodeAt(f.key.length - 1) !== lastCode) continue;
    const parts = crumbParts(f.key);
    if (parts.length >= 2) tails.add(parts[parts.length - 1].trim());
    if (isListEntry(f)) entries.add(f.key.replace(LIST_MARK, '').trim());
  }
  let best = text;
  for (const label of [...tails, ...entries]) {
    if (label.length === 0 || label.length >= key.length) continue;
    const n = label.split(' ').length;
    if (n >= MIN_CRUMB_HEADLINE_WORDS && key.endsWith(' ' + label)) {
      const suffix = text.slice(text.length - label.length);
      if (suffix.length < best.length) best = suffix;
    }
  }
  return best;
}
const MIN_CRUMB_HEADLINE_WORDS = 3;

/** F1 of the line's words against the slug's words (folded: "Erlösobergrenze" ~ "erloesobergrenze"). */
export function slugAgreement(text: string, slug: ReadonlySet<string>, slugLength: number): number {
  const words = text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (words.length === 0) return 0;
  let found = 0;
  const matched = new Set<string>();
  for (const w of words) {
    for (const v of foldWord(w)) {
      if (slug.has(v)) {
        found++;
        matched.add(v);
        break;
      }
    }
  }
  if (found === 0) return 0;
  const precision = found / words.length;
  const recall = matched.size / slugLength;
  return (2 * precision * recall) / (precision + recall);
}
