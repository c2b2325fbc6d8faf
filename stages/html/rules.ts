/**
 * The rule-based block verdicts: hints from structure, the main container, rules on a block's
 * own text, edges of the body. They were the whole HTML classifier before the learned model
 * (block-model.ts); now they are features of it, and they name the reason a removed block
 * carries. The reason codes are listed in extract.ts.
 */
import { isDateOnly } from '../boilerplate/dates.js';
import { lineFeatures, type LineFeatures } from '../boilerplate/features.js';
import { PROMO_MAX_WORDS, holdsPromoPhrase } from '../boilerplate/lexicon.js';
import { fixedReason } from '../boilerplate/rules.js';
import { elementHint, type HintReason } from './hints.js';
import type { ElementInfo, HtmlBlock, ParsedPage } from './parse.js';

export type HtmlReason =
  | HintReason | 'outside_main' | 'link_list' | 'chrome' | 'credit' | 'photo_caption'
  | 'comment_form' | 'date_only' | 'title' | 'repeated_block' | 'after_body' | 'before_body' | 'orphan_label' | 'not_article';

/** A hint is ignored when its element holds more than this share of the page's prose. */
const MAX_HINTED_PROSE_SHARE = 0.5;
/** A form is furniture (search, login, comment box) unless it wraps a good part of the prose (a shop's product form). */
const MAX_FORM_PROSE_SHARE = 0.3;
/**
 * A sign-up box says a sentence or two. An element named for subscriptions that holds more prose
 * than this is the article behind a paywall ("subscription-content"), not a box.
 */
const MAX_NEWSLETTER_PROSE_CHARS = 500;
const LINK_WEIGHT = 1.5;
const NON_PROSE_WEIGHT = 0.5;
/** Link list: more than this share of the block is link text. */
const LINK_LIST_DENSITY = 0.5;

export interface BlockFacts {
  f: LineFeatures;
  prose: boolean;
  weight: number;
}

function isProse(block: HtmlBlock, f: LineFeatures): boolean {
  const linkDensity = block.linkChars / Math.max(1, block.chars);
  if (linkDensity > 0.3 || f.words < 8) return false;
  return f.endsSentence || f.stopRatio >= 0.15;
}

function blockFacts(block: HtmlBlock): BlockFacts {
  const f = lineFeatures(block.text);
  const prose = isProse(block, f);
  const nonLink = block.chars - block.linkChars;
  const weight = (prose ? nonLink : NON_PROSE_WEIGHT * nonLink) - LINK_WEIGHT * block.linkChars;
  return { f, prose, weight };
}

export interface BlockVerdicts {
  /** Per block: prose by shape (sentences, few links). */
  prose: boolean[];
  /** Per block: null when kept, else the removal reason. */
  verdicts: (HtmlReason | null)[];
  /** Main container element id (-1 when the page has no elements). */
  container: number;
  /** Per element: the hint that removes its blocks, or null. */
  hints: (HintReason | null)[];
  /** Per block: its text's shape features. */
  features: LineFeatures[];
  /** Per element: inside an element that marks an article (article, main, "entry-content"...). */
  inArticle: Uint8Array;
  /** Per element: inside the main container. */
  inContainer: Uint8Array;
  /** Per element: container score of its subtree (prose counts for, links against). */
  score: Float64Array;
}

export function classifyBlocks(page: ParsedPage): BlockVerdicts {
  const { elements, blocks } = page;
  const facts = blocks.map(blockFacts);

  // Subtree sums per element: prose characters and container score.
  const proseChars = new Float64Array(elements.length);
  const score = new Float64Array(elements.length);
  let totalProse = 0;
  for (let b = 0; b < blocks.length; b++) {
    const p = facts[b].prose ? blocks[b].chars : 0;
    totalProse += p;
    proseChars[blocks[b].element] += p;
    score[blocks[b].element] += facts[b].weight;
  }
  // Children come after their parent in `elements`: one backward pass adds each subtree up.
  for (let e = elements.length - 1; e >= 0; e--) {
    const parent = elements[e].parent;
    if (parent >= 0) {
      proseChars[parent] += proseChars[e];
      score[parent] += score[e];
    }
  }

  // Hints, inherited top-down (ids are in document order, parents first). The outermost wins.
  const hint: (HintReason | null)[] = new Array(elements.length).fill(null);
  const inArticle = new Uint8Array(elements.length);
  for (const el of elements) {
    const parentHint = el.parent >= 0 ? hint[el.parent] : null;
    const parentArticle = el.parent >= 0 ? inArticle[el.parent] : 0;
    const own = elementHint(el);
    inArticle[el.id] = parentArticle || (own.positive ? 1 : 0);
    if (parentHint !== null) {
      hint[el.id] = parentHint;
      continue;
    }
    let negative = own.negative;
    if (negative === 'page_header' && parentArticle) negative = null;
    const maxShare = negative === 'form' ? MAX_FORM_PROSE_SHARE : MAX_HINTED_PROSE_SHARE;
    if (negative !== null && totalProse > 0 && proseChars[el.id] > maxShare * totalProse) negative = null;
    if (negative === 'newsletter' && proseChars[el.id] > MAX_NEWSLETTER_PROSE_CHARS) negative = null;
    hint[el.id] = negative;
  }

  // Main container: best score among unhinted elements (a descendant wins a tie).
  let container = -1;
  let best = -Infinity;
  for (const el of elements) {
    if (hint[el.id] !== null) continue;
    if (score[el.id] >= best) {
      best = score[el.id];
      container = el.id;
    }
  }
  const inContainer = new Uint8Array(elements.length);
  if (container >= 0) {
    inContainer[container] = 1;
    for (const el of elements) if (el.parent >= 0 && inContainer[el.parent]) inContainer[el.id] = 1;
  }

  const seen = new Set<string>();
  const verdicts: (HtmlReason | null)[] = [];
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b];
    const reason = blockReason(block, facts[b], hint[block.element], inContainer[block.element] === 1, seen);
    verdicts.push(reason);
    if (reason === null) seen.add(facts[b].f.key);
  }
  trimEdges(blocks, facts, verdicts, elements);
  dropOrphanLabels(blocks, facts, verdicts);
  return { prose: facts.map((x) => x.prose), verdicts, container, hints: hint, features: facts.map((x) => x.f), inArticle, inContainer, score };
}

function blockReason(
  block: HtmlBlock, facts: BlockFacts, hint: HintReason | null, inContainer: boolean, seen: ReadonlySet<string>,
): HtmlReason | null {
  const f = facts.f;
  if (hint !== null) return hint;
  if (!inContainer && !facts.prose) return 'outside_main';
  if (block.linkChars > LINK_LIST_DENSITY * block.chars) return 'link_list';
  if (isDateOnly(f.text)) return 'date_only';
  if (block.tag === 'figcaption' && f.words < MAX_CAPTION_WORDS) return 'photo_caption';
  const fixed = fixedReason(f);
  if (fixed !== null) return fixed;
  if (isPromo(f)) return 'advertising';
  if (seen.has(f.key)) return 'repeated_block';
  return null;
}

/** A short paragraph that calls to subscribe, follow, download or support (a promo box in the article). */
function isPromo(f: LineFeatures): boolean {
  return f.words <= PROMO_MAX_WORDS && holdsPromoPhrase(f.key);
}

/**
 * Short lines after the last paragraph of prose are what follows an article (share prompts,
 * "related" headings, author boxes, tag lists): they go as `after_body`.
 */
function trimEdges(
  blocks: readonly HtmlBlock[], facts: readonly BlockFacts[], verdicts: (HtmlReason | null)[], elements: readonly ElementInfo[],
): void {
  let last = -1;
  for (let b = blocks.length - 1; b >= 0; b--) {
    if (verdicts[b] === null && facts[b].prose) {
      last = b;
      break;
    }
  }
  if (last < 0) return;
  const first = verdicts.findIndex((v, b) => v === null && facts[b].prose);
  for (let b = 0; b < first; b++) {
    if (verdicts[b] === null && HEAD_CUT(blocks[b], facts[b])) verdicts[b] = 'before_body';
  }
  // The closing lines of the article ("Be there or be square!", "XX, Die Redaktion") stay: short
  // link-free paragraphs right after the last prose, siblings of it (same parent element).
  const parent = elements[blocks[last].element]?.parent ?? -1;
  let b = last + 1;
  for (let kept = 0; b < blocks.length && kept < MAX_CLOSING_LINES; b++, kept++) {
    const block = blocks[b];
    if (verdicts[b] !== null || block.tag !== 'p' || block.linkChars > 0 || !isClosingLine(facts[b].f)) break;
    if (parent < 0 || elements[block.element]?.parent !== parent) break;
  }
  for (; b < blocks.length; b++) {
    if (verdicts[b] === null && TRAIL_CUT(blocks[b], facts[b])) verdicts[b] = 'after_body';
  }
}

/** A closing line: two words or more, not a label ("Kontakt:") nor an address (e-mail). */
function isClosingLine(f: LineFeatures): boolean {
  return f.words >= 2 && !f.text.endsWith(':') && !EMAIL.test(f.text);
}
const EMAIL = /@|\[at\]|\(at\)/i;

/** A short label ending in a colon ("Weitere Informationen:") goes when what it introduces went. */
export function dropOrphanLabels(blocks: readonly HtmlBlock[], facts: readonly BlockFacts[], verdicts: (HtmlReason | null)[]): void {
  for (let b = 0; b < blocks.length; b++) {
    if (verdicts[b] !== null || facts[b].f.words > MAX_LABEL_WORDS) continue;
    if (facts[b].f.text.endsWith(':')) {
      const next = b + 1 < blocks.length ? verdicts[b + 1] : 'after_body';
      if (next !== null) verdicts[b] = 'orphan_label';
    } else if (HEADING.test(blocks[b].tag) && !facts[b].f.endsWithPeriod && headsFurniture(facts, verdicts, b)) {
      verdicts[b] = 'orphan_label';
    }
  }
}

/**
 * What follows a heading went as page furniture (a "Related stories" or "More from us" box):
 * at least MIN_FURNITURE_RUN removed blocks, and no prose kept right after them.
 */
function headsFurniture(facts: readonly BlockFacts[], verdicts: readonly (HtmlReason | null)[], b: number): boolean {
  let removed = 0;
  let n = b + 1;
  for (; n < verdicts.length && verdicts[n] !== null; n++) if (FURNITURE.has(verdicts[n]!)) removed++;
  if (removed === 0 || removed !== n - b - 1) return false;
  if (n >= verdicts.length) return true;
  return (removed >= MIN_FURNITURE_RUN && !facts[n].prose) || TEASER.has(verdicts[b + 1]!);
}

const FURNITURE: ReadonlySet<HtmlReason> = new Set<HtmlReason>(['related', 'link_list', 'navigation', 'sidebar', 'advertising',
  'newsletter', 'share', 'comments', 'outside_main', 'footer', 'form', 'after_body', 'cookie_notice', 'photo_caption']);
const MIN_FURNITURE_RUN = 2;
/** A heading right above a teaser (a linked headline, a related box) introduces teasers. */
const TEASER: ReadonlySet<HtmlReason> = new Set<HtmlReason>(['link_list', 'related']);

const MAX_LABEL_WORDS = 6;
/** At most this many closing lines after the last prose paragraph are kept. */
const MAX_CLOSING_LINES = 2;
/** A figure caption shorter than this is a photo caption; a longer one often carries article text. */
const MAX_CAPTION_WORDS = 20;
const HEAD_CUT = (block: HtmlBlock, f: BlockFacts): boolean => !f.prose && !HEADING.test(block.tag);
const HEADING = /^h[1-6]$/;
const TRAIL_CUT = (_block: HtmlBlock, f: BlockFacts): boolean => !f.prose;
