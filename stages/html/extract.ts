/**
 * The HTML block classifier: keeps the article, drops the page.
 *
 * 1. parse.ts turns the page into blocks (paragraphs, headings, list items, cells) and records
 *    for each its link characters and the elements above it.
 * 2. The rules (rules.ts) give every block a verdict: furniture by structure (hints.ts: nav,
 *    footer, aside, page header, class/id words for comments, share bars, related stories,
 *    ads...; a hint that would remove most of the page's prose is ignored), the main container
 *    (the element whose blocks hold most prose and fewest links), text rules (link lists,
 *    chrome, credits, captions, dates, repeats) and the edges of the body.
 * 3. The text path's line classifier reads the same blocks as a scraper's plain text
 *    (text-view.ts), so the HTML path knows everything the text path would conclude.
 * 4. The learned block model (block-model.ts, features in block-features.ts: shape, tags above,
 *    place, neighbours, parent element's link and prose shares, class/id words, both verdicts
 *    above) gives each block a probability of being article text. A block the rules keep stays
 *    when it reaches the model's threshold; a block the rules remove comes back only past a
 *    higher one. Without a model (`{ model: null }`) the rules decide alone.
 * 5. The headline is chosen (title.ts) and taken out of the text.
 *
 * Reason codes of HTML removals (`doc.removed[].reason`, `line` = the block's 1-based source line
 * in the decoded HTML):
 *   navigation     in a nav element / menu / breadcrumb / pagination
 *   footer         in the page footer (footer element, copyright, colophon)
 *   sidebar        in an aside / sidebar / widget area
 *   comments       in the comment section (comment list, reply form, Disqus)
 *   share          share bar / social links
 *   related        related / recommended / popular stories, teaser lists
 *   cookie_notice  cookie or consent banner
 *   advertising    ad slot, sponsor or promo box
 *   newsletter     newsletter or subscription box
 *   page_header    the page header / masthead (not an article's own header)
 *   meta_line      byline, dateline, tags, categories: article metadata that is not a sentence
 *   hidden         screen-reader-only, modal or popup text
 *   form           inside a form (search box, login, review or contact form)
 *   outside_main   short or link-heavy text outside the main container
 *   link_list      a block that is mostly link text
 *   chrome / credit / photo_caption / comment_form   the text classifier's rules on the block's text
 *   date_only      a block that is only a date
 *   title          the headline (it is in meta.title)
 *   repeated_block the same text as an earlier kept block
 *   before_body    a short, non-heading block in the container before the first paragraph of prose
 *   after_body     a short block after the last paragraph of prose (except up to two closing lines,
 *                  link-free sibling paragraphs right after it: "Be there or be square!")
 *   orphan_label   a short label ending in ":" whose following block was removed, or a short
 *                  heading whose following blocks all went as furniture ("Related stories")
 *   not_article    the block model scored it as not article text and no rule above names why
 *                  (the reasons above are also given to blocks the model removes when they fit)
 */
import type { DocBudget } from '../../pipeline/budget.js';
import type { HtmlDateFacts } from '../../pipeline/doc.js';
import { blockFeatures, elementStats, type BlockFeatureRows, type ElementStats } from './block-features.js';
import { scoreBlocks, shippedModel, type BlockModel } from './block-model.js';
import { extractMetadata, type HtmlMeta } from './metadata.js';
import { PageFactsListener } from './page-facts.js';
import { parseHtml, type ParsedPage } from './parse.js';
import { classifyBlocks, dropOrphanLabels, type BlockVerdicts, type HtmlReason } from './rules.js';
import { textPathView, type TextPathView } from './text-view.js';
import { chooseTitle } from './title.js';

export type { HtmlReason } from './rules.js';

export interface BlockRemoval {
  line: number;
  text: string;
  reason: HtmlReason;
}

export interface HtmlExtraction {
  paragraphs: string[];
  removals: BlockRemoval[];
  meta: HtmlMeta;
  /** All visible text, one block a paragraph (the keep-everything baseline). */
  blocks: number;
}

const REMOVAL_TEXT_CHARS = 200;
/** Link list: more than this share of the block is link text (as in rules.ts). */
const LINK_LIST_DENSITY = 0.5;

export interface ExtractOptions {
  /** The block model; the shipped one by default, null for the rule-based verdicts alone. */
  model?: BlockModel | null;
  /** The document's time budget: checked while parsing and between the steps after it. */
  budget?: DocBudget;
}

/** What the page's blocks are, before the headline is taken out: for the extraction and the trainer. */
export interface PageAnalysis {
  page: ParsedPage;
  rules: BlockVerdicts;
  text: TextPathView;
  /** Subtree sums per element, for the features and the teaser lists. */
  stats: ElementStats;
  rows: BlockFeatureRows;
}

export function analyzePage(page: ParsedPage, url?: string): PageAnalysis {
  const rules = classifyBlocks(page);
  const text = textPathView(page.blocks, url);
  const stats = elementStats(page, rules);
  return { page, rules, text, stats, rows: blockFeatures(page, rules, text, stats) };
}

/**
 * One parse of a page: its blocks, its metadata (the JSON-LD read by the parse listener) and the
 * listener, whose dated facts the dates stage gets. Every reader of a page's metadata goes through
 * here, so the trainer and the evaluations see what a run sees.
 */
export function readPage(html: string, budget?: DocBudget): { page: ParsedPage; meta: HtmlMeta; listener: PageFactsListener } {
  const listener = new PageFactsListener();
  const page = parseHtml(html, listener, budget);
  return { page, meta: extractMetadata(page.document, listener.jsonLdObjects()), listener };
}

/** The extraction, and the page's dated parts (page-facts.ts) read in the same parse. */
export function extractHtml(html: string, url?: string, options: ExtractOptions = {}): HtmlExtraction & { dates: HtmlDateFacts } {
  const budget = options.budget;
  const { page, meta, listener } = readPage(html, budget);
  budget?.check();
  const address = pageAddress(url, meta);
  const model = options.model === undefined ? shippedModel() : options.model;
  const analysis = model ? analyzePage(page, address) : undefined;
  budget?.check();
  const extraction = finishExtraction(page, meta, address, model && analysis ? { model, analysis } : undefined);
  return { ...extraction, dates: listener.facts() };
}

/**
 * The address a page is judged by: where it was fetched from, else its own canonical one. A
 * rerun's document carries the canonical address found by the first run, so both runs must
 * match the title against the same slug.
 */
export function pageAddress(url: string | undefined, meta: HtmlMeta): string | undefined {
  return url ?? meta.canonicalUrl;
}

/**
 * The verdicts (the model's, or the rules' without one), the headline out of the text, the
 * paragraphs and removals. `meta` gets the title.
 */
export function finishExtraction(
  page: ParsedPage, meta: HtmlMeta, url: string | undefined, learned?: { model: BlockModel; analysis: PageAnalysis },
): HtmlExtraction {
  let verdicts: (HtmlReason | null)[];
  let rules: BlockVerdicts;
  if (learned) {
    rules = learned.analysis.rules;
    verdicts = modelVerdicts(learned.analysis, scoreBlocks(learned.model, learned.analysis.rows), learned.model);
  } else {
    rules = classifyBlocks(page);
    verdicts = rules.verdicts;
  }
  const bodyStart = verdicts.findIndex((r, i) => r === null && rules.prose[i]);
  const choice = chooseTitle(page, rules.hints, bodyStart, meta, meta.headTitles ?? [], url);
  if (choice.title !== undefined) {
    meta.title = choice.title;
    const titleKey = normalizeKey(choice.title);
    if (choice.block >= 0 && verdicts[choice.block] === null) verdicts[choice.block] = 'title';
    page.blocks.forEach((b, i) => {
      if (verdicts[i] === null && normalizeKey(b.text) === titleKey) verdicts[i] = 'title';
    });
  }
  const paragraphs: string[] = [];
  const removals: BlockRemoval[] = [];
  page.blocks.forEach((block, i) => {
    const reason = verdicts[i];
    if (reason === null) paragraphs.push(block.text);
    else removals.push({ line: block.line, text: block.text.slice(0, REMOVAL_TEXT_CHARS), reason });
  });
  return { paragraphs, removals, meta, blocks: page.blocks.length };
}

/**
 * Keeps the blocks the model scores at or above the threshold (a higher one for blocks the rules
 * remove: the model overrules them only when it is sure, and never furniture the markup names).
 * A removed block carries the reason the rules give it, else its element's hint, else what it is
 * by shape or place (link_list, outside_main, before_body / after_body), else not_article. A kept
 * block equal to an earlier kept one goes as a repeat.
 */
export function modelVerdicts(a: PageAnalysis, probability: Float64Array, thresholds: DecisionThresholds): (HtmlReason | null)[] {
  const { blocks } = a.page;
  const keep = blocks.map((_, b) => {
    const rule = a.rules.verdicts[b];
    if (rule === null) return probability[b] >= thresholds.threshold;
    return !FURNITURE_MARKUP.has(rule) && probability[b] >= thresholds.thresholdRuleRemoved;
  });
  fallBackToTextPath(a, keep, thresholds.fallbackShare);
  const teasers = teaserCards(a.page, a.stats, keep);
  const first = keep.indexOf(true);
  const last = keep.lastIndexOf(true);
  const seen = new Set<string>();
  const verdicts = blocks.map((block, b): HtmlReason | null => {
    if (keep[b]) {
      const key = a.rules.features[b].key;
      if (seen.has(key)) return 'repeated_block';
      seen.add(key);
      return null;
    }
    const rule = a.rules.verdicts[b] ?? a.rules.hints[block.element];
    if (rule !== null) return rule;
    if (teasers[b]) return 'related';
    if (block.linkChars > LINK_LIST_DENSITY * block.chars) return 'link_list';
    if (!a.rules.inContainer[block.element]) return 'outside_main';
    if (b < first) return 'before_body';
    if (b > last) return 'after_body';
    return 'not_article';
  });
  // Labels and headings over what finally went ("Related stories" above removed teasers) go too.
  dropOrphanLabels(blocks, blocks.map((_, b) => ({ f: a.rules.features[b], prose: a.rules.prose[b], weight: 0 })), verdicts);
  return verdicts;
}

/**
 * Removals the model never overrules: the page's markup names the part as furniture (a footer,
 * a comment list, a share bar, an author box, a caption, screen-reader text...), and a hint that
 * would take most of the prose is already ignored by the rules. Prose in such a part (a comment,
 * an author's bio, a long caption) reads like article text to the model, and Readability's
 * output, which much of the training labels come from, keeps captions.
 */
const FURNITURE_MARKUP: ReadonlySet<HtmlReason> = new Set<HtmlReason>([
  'navigation', 'footer', 'sidebar', 'comments', 'share', 'related', 'cookie_notice', 'advertising', 'newsletter', 'form',
  'meta_line', 'hidden', 'photo_caption', 'link_list',
]);

export type DecisionThresholds = Pick<BlockModel, 'threshold' | 'thresholdRuleRemoved' | 'fallbackShare'>;

/** A teaser: a linked headline and a sentence or two under it. */
const MAX_TEASER_CHARS = 400;
/** Teasers come in lists: sibling cards alike in tag and class. */
const MIN_TEASERS = 3;
/** A teaser's summary: a sentence of unlinked text (an ingredient row or a price tag is not one). */
const MIN_SUMMARY_CHARS = 60;

/**
 * Blocks in lists of teaser cards, which the model keeps when the summary under a teaser's linked
 * headline reads like prose ("more from this section" under an article). A card is an element of
 * two or more blocks with a link among them, a summary of MIN_SUMMARY_CHARS or more unlinked
 * characters in one block, and at most MAX_TEASER_CHARS of text in all; a list is
 * MIN_TEASERS or more sibling cards alike in tag and class. Unkept, unless such lists hold most of
 * what is kept (then the cards are the page's content: a list of briefs).
 */
function teaserCards(page: ParsedPage, stats: ElementStats, keep: boolean[]): Uint8Array {
  const { elements, blocks } = page;
  const n = elements.length;
  const isCard = (e: number): boolean => elements[e].parent >= 0 && stats.blocks[e] >= 2 && stats.linkChars[e] > 0
    && stats.chars[e] <= MAX_TEASER_CHARS && stats.longestUnlinked[e] >= MIN_SUMMARY_CHARS;
  // Each card's sibling group (parent, tag, class), and how many cards each group holds.
  const cardKeys: Array<string | undefined> = new Array(n);
  const cards = new Map<string, number>();
  for (let e = 0; e < n; e++) {
    if (!isCard(e)) continue;
    const key = `${elements[e].parent}|${elements[e].tag}|${elements[e].classId}`;
    cardKeys[e] = key;
    cards.set(key, (cards.get(key) ?? 0) + 1);
  }
  const inList = new Uint8Array(n);
  for (let e = 0; e < n; e++) {
    const parent = elements[e].parent;
    const key = cardKeys[e];
    inList[e] = (parent >= 0 && inList[parent]) || (key !== undefined && cards.get(key)! >= MIN_TEASERS) ? 1 : 0;
  }
  const teasers = new Uint8Array(blocks.length);
  let teaserKept = 0;
  let kept = 0;
  for (const b of blocks) {
    if (!keep[b.index]) continue;
    kept += b.chars;
    if (inList[b.element]) {
      teasers[b.index] = 1;
      teaserKept += b.chars;
    }
  }
  if (teaserKept * 2 > kept) return new Uint8Array(blocks.length);
  for (let b = 0; b < blocks.length; b++) if (teasers[b]) keep[b] = false;
  return teasers;
}

/** A block the text path keeps when at least half its lines stay. */
const TEXT_PATH_KEEPS = 0.5;

/**
 * The HTML path must not do worse than the text path: when the model keeps far fewer words than
 * the text path keeps on the same blocks (a page whose markup misleads), the text path's blocks
 * are kept as well.
 */
function fallBackToTextPath(a: PageAnalysis, keep: boolean[], share: number): void {
  if (share <= 0) return;
  // Characters, not words: Chinese or Japanese text has few spaces to count words by.
  let modelChars = 0;
  let textChars = 0;
  a.page.blocks.forEach((block, b) => {
    if (keep[b]) modelChars += block.chars;
    if (a.text.kept[b] >= TEXT_PATH_KEEPS) textChars += block.chars;
  });
  if (modelChars >= share * textChars) return;
  a.page.blocks.forEach((_, b) => {
    if (a.text.kept[b] >= TEXT_PATH_KEEPS) keep[b] = true;
  });
}

function normalizeKey(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}
