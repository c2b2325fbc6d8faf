/**
 * The learned block classifier's inputs: one row of named dense features per block, plus hashed
 * class/id words and tag pairs. What a block looks like (length, link density, sentence shape),
 * where it sits (tags above it, place in the page, distance to the body), what its neighbours and
 * its parent element hold (link and prose shares, text density), and what the rule-based
 * classifier (rules.ts) and the text path (text-view.ts) say about it.
 *
 * The model file stores the feature names it was trained on; a model whose names differ from
 * FEATURE_NAMES is refused (block-model.ts), so features change only together with a retrain.
 */
import { fixedReason } from '../boilerplate/rules.js';
import { isDateOnly } from '../boilerplate/dates.js';
import type { Reason as TextReason } from '../boilerplate/classify.js';
import { wordsOf } from './hints.js';
import type { ParsedPage } from './parse.js';
import type { BlockVerdicts, HtmlReason } from './rules.js';
import type { TextPathView } from './text-view.js';

const TAGS = ['p', 'div', 'li', 'h1', 'h2', 'h3', 'h4', 'td', 'dd', 'blockquote', 'pre', 'figcaption', 'section', 'article'];
/** Block tags folded into one of TAGS. */
const TAG_FOLD: Record<string, string> = { h5: 'h4', h6: 'h4', th: 'td', dt: 'dd', main: 'article', header: 'section', footer: 'section', aside: 'section', nav: 'section' };
const ANCESTOR_TAGS = ['nav', 'footer', 'aside', 'header', 'article', 'main', 'section', 'form', 'ul', 'ol', 'table', 'figure', 'blockquote'];
const RULE_REASONS: readonly HtmlReason[] = [
  'navigation', 'footer', 'sidebar', 'comments', 'share', 'related', 'cookie_notice', 'advertising', 'newsletter',
  'page_header', 'meta_line', 'hidden', 'form', 'outside_main', 'link_list', 'chrome', 'credit', 'photo_caption',
  'comment_form', 'date_only', 'repeated_block', 'before_body', 'after_body', 'orphan_label',
];
const TEXT_REASONS: readonly TextReason[] = [
  'header_date', 'date_only', 'title', 'chrome', 'teaser_list', 'comment_form', 'credit', 'photo_caption', 'repeated_line', 'outside_body',
];

export const FEATURE_NAMES: readonly string[] = [
  'log_chars', 'log_words', 'link_density', 'stop_ratio', 'cap_ratio', 'ends_sentence', 'ends_period', 'ends_colon',
  'digit_share', 'sentence_marks_per_word', 'mean_word_length', 'starts_by', 'has_copyright', 'has_separators',
  'upper_share', 'date_only', 'text_rule', 'prose', 'short',
  ...TAGS.map((t) => `tag_${t}`),
  ...ANCESTOR_TAGS.map((t) => `in_${t}`),
  'log_depth', 'relative_depth',
  'hinted', 'in_article', 'in_container', 'rule_kept',
  ...RULE_REASONS.map((r) => `rule_${r}`),
  'parent_link_density', 'parent_prose_share', 'parent_log_blocks', 'parent_page_share', 'parent_log_text_density', 'parent_score_share',
  'grand_link_density', 'grand_prose_share', 'grand_page_share', 'grand_score_share',
  'relative_index', 'chars_before_share', 'before_body', 'after_body', 'log_body_distance',
  'prev_rule_kept', 'next_rule_kept', 'prev_prose', 'next_prose', 'prev_link_density', 'next_link_density',
  'window_kept_share', 'prev_text_kept', 'next_text_kept', 'same_parent_prev', 'same_parent_next', 'siblings_kept_share',
  'text_kept', 'text_headline', ...TEXT_REASONS.map((r) => `text_${r}`),
  'page_log_chars', 'page_log_blocks', 'page_prose_share',
];

/** Hash buckets of the class/id words and tag pairs. */
export const HASH_BUCKETS = 1024;
/** Class/id words are read from the block's element and up to this many ancestors that have a class or id. */
const CLASSED_ANCESTORS = 3;
const WINDOW = 3;

export interface BlockFeatureRows {
  /** Row-major, FEATURE_NAMES.length values per block. */
  dense: Float64Array;
  /** Per block: distinct hash buckets that are on. */
  hashed: Int32Array[];
}

export interface ElementStats {
  chars: Float64Array;
  linkChars: Float64Array;
  proseChars: Float64Array;
  blocks: Float64Array;
  elements: Float64Array;
  /** The most unlinked characters of one block in the subtree (a teaser's summary). */
  longestUnlinked: Float64Array;
  ancestorTags: Int32Array;
}

/** Subtree sums per element (children come after their parents: one backward pass). */
export function elementStats(page: ParsedPage, v: BlockVerdicts): ElementStats {
  const n = page.elements.length;
  const s: ElementStats = {
    chars: new Float64Array(n), linkChars: new Float64Array(n), proseChars: new Float64Array(n),
    blocks: new Float64Array(n), elements: new Float64Array(n).fill(1), longestUnlinked: new Float64Array(n), ancestorTags: new Int32Array(n),
  };
  for (const b of page.blocks) {
    s.chars[b.element] += b.chars;
    s.linkChars[b.element] += b.linkChars;
    if (v.prose[b.index]) s.proseChars[b.element] += b.chars;
    s.blocks[b.element]++;
    s.longestUnlinked[b.element] = Math.max(s.longestUnlinked[b.element], b.chars - b.linkChars);
  }
  for (let e = n - 1; e >= 0; e--) {
    const parent = page.elements[e].parent;
    if (parent < 0) continue;
    s.chars[parent] += s.chars[e];
    s.linkChars[parent] += s.linkChars[e];
    s.proseChars[parent] += s.proseChars[e];
    s.blocks[parent] += s.blocks[e];
    s.elements[parent] += s.elements[e];
    s.longestUnlinked[parent] = Math.max(s.longestUnlinked[parent], s.longestUnlinked[e]);
  }
  for (const el of page.elements) {
    const bit = ANCESTOR_TAGS.indexOf(el.tag);
    s.ancestorTags[el.id] = (el.parent >= 0 ? s.ancestorTags[el.parent] : 0) | (bit >= 0 ? 1 << bit : 0);
  }
  return s;
}

function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Hashes of each element's class/id words, computed once per element. */
class ClassWordHashes {
  private readonly memo = new Map<number, Uint32Array>();
  constructor(private readonly page: ParsedPage) {}

  of(element: number): Uint32Array {
    let hashes = this.memo.get(element);
    if (!hashes) {
      hashes = Uint32Array.from(wordsOf(this.page.elements[element].classId), hashString);
      this.memo.set(element, hashes);
    }
    return hashes;
  }
}

const OWN_SALT = 0x1b873593;
const UP_SALT = 0x5bd1e995;
const bucketOf = (hash: number, salt: number): number => (Math.imul(hash ^ salt, 0x27d4eb2d) >>> 0) % HASH_BUCKETS;

/**
 * Buckets of an element's own class/id words, of the words of its nearest classed ancestors, and
 * of its tag pair. Memoized per element, and the ancestors' part per nearest classed ancestor,
 * so a deep page costs no walk to the root per block.
 */
class BucketTable {
  private readonly words: ClassWordHashes;
  /** Per element: itself if it has a class or id, else its nearest such ancestor (-1: none; -2: not known yet). */
  private readonly classed: Int32Array;
  private readonly upMemo = new Map<number, number[]>();
  private readonly memo = new Map<number, Int32Array>();

  constructor(private readonly page: ParsedPage) {
    this.words = new ClassWordHashes(page);
    this.classed = new Int32Array(page.elements.length).fill(-2);
  }

  of(element: number): Int32Array {
    const hit = this.memo.get(element);
    if (hit) return hit;
    const el = this.page.elements[element];
    const buckets: number[] = [];
    for (const h of this.words.of(element)) buckets.push(bucketOf(h, OWN_SALT));
    if (el.parent >= 0) buckets.push(...this.upBuckets(this.classedFrom(el.parent)));
    const parentTag = el.parent >= 0 ? this.page.elements[el.parent].tag : '';
    buckets.push(hashString(`tags:${parentTag}>${el.tag}`) % HASH_BUCKETS);
    const sorted = Int32Array.from(buckets).sort();
    let n = 0;
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[n++] = sorted[i];
    const out = sorted.slice(0, n);
    this.memo.set(element, out);
    return out;
  }

  /** Buckets of the words of `first` and of the next CLASSED_ANCESTORS - 1 classed elements above it. */
  private upBuckets(first: number): number[] {
    if (first < 0) return [];
    const hit = this.upMemo.get(first);
    if (hit) return hit;
    const out: number[] = [];
    let e = first;
    for (let found = 0; e >= 0 && found < CLASSED_ANCESTORS; found++) {
      for (const h of this.words.of(e)) out.push(bucketOf(h, UP_SALT));
      const parent = this.page.elements[e].parent;
      e = parent >= 0 ? this.classedFrom(parent) : -1;
    }
    this.upMemo.set(first, out);
    return out;
  }

  /** The element itself or its nearest ancestor with a class or id (-1: none), path-compressed. */
  private classedFrom(element: number): number {
    const path: number[] = [];
    let e = element;
    while (e >= 0 && this.classed[e] === -2) {
      if (this.page.elements[e].classId) {
        this.classed[e] = e;
        break;
      }
      path.push(e);
      e = this.page.elements[e].parent;
    }
    const found = e < 0 ? -1 : this.classed[e];
    for (const p of path) this.classed[p] = found;
    return found;
  }
}

const STARTS_BY = /^(by|von|par|por|di|door|av|przez|de)\s/i;
const SEPARATORS = / [|•·] /;
const SENTENCE_MARKS = new Set([...'.!?…']);

interface CharCounts {
  digits: number;
  letters: number;
  upper: number;
  /** Sentence marks followed by a space or the end. */
  sentenceMarks: number;
}

/** One pass over the text instead of a Unicode regex per count. */
function charCounts(text: string): CharCounts {
  const c: CharCounts = { digits: 0, letters: 0, upper: 0, sentenceMarks: 0 };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) c.digits++;
    else if (code >= 65 && code <= 90) {
      c.letters++;
      c.upper++;
    } else if (code >= 97 && code <= 122) c.letters++;
    else if (code > 127) {
      const ch = text[i];
      const lower = ch.toLowerCase();
      const upper = ch.toUpperCase();
      if (lower !== upper) {
        c.letters++;
        if (ch === upper) c.upper++;
      }
    }
    if (SENTENCE_MARKS.has(text[i]) && (i + 1 === text.length || text.charCodeAt(i + 1) === 32)) c.sentenceMarks++;
  }
  return c;
}

function ratio(a: number, b: number): number {
  return b > 0 ? a / b : 0;
}

export function blockFeatures(page: ParsedPage, v: BlockVerdicts, text: TextPathView, stats: ElementStats): BlockFeatureRows {
  const { blocks, elements } = page;
  const width = FEATURE_NAMES.length;
  const dense = new Float64Array(blocks.length * width);
  const hashed: Int32Array[] = [];
  const buckets = new BucketTable(page);
  let totalChars = 0;
  let proseChars = 0;
  let maxDepth = 1;
  for (const b of blocks) {
    totalChars += b.chars;
    if (v.prose[b.index]) proseChars += b.chars;
    maxDepth = Math.max(maxDepth, elements[b.element].depth);
  }
  let maxScore = 0;
  for (let e = 0; e < v.score.length; e++) maxScore = Math.max(maxScore, v.score[e]);
  const kept = v.verdicts.map((r) => r === null);
  const keptProse = blocks.map((b) => kept[b.index] && v.prose[b.index]);
  const bodyStart = keptProse.indexOf(true);
  const bodyEnd = keptProse.lastIndexOf(true);
  const distance = bodyDistances(keptProse);
  const keptShareByParent = siblingsKeptShare(page, kept);
  let charsBefore = 0;
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b];
    const f = v.features[b];
    const el = elements[block.element];
    const parent = el.parent;
    const grand = parent >= 0 ? elements[parent].parent : -1;
    const row: number[] = [];
    const linkDensity = ratio(block.linkChars, block.chars);
    const chars = charCounts(f.text);
    row.push(
      Math.log1p(block.chars), Math.log1p(f.words), linkDensity, f.stopRatio, f.capRatio, +f.endsSentence, +f.endsWithPeriod,
      +f.text.endsWith(':'), ratio(chars.digits, block.chars), ratio(chars.sentenceMarks, f.words),
      Math.min(20, ratio(block.chars - f.words + 1, f.words)), +STARTS_BY.test(f.text), +(f.text.includes('©') || f.key.includes('(c)')),
      +SEPARATORS.test(f.text), ratio(chars.upper, chars.letters), +isDateOnly(f.text), +(fixedReason(f) !== null), +v.prose[b], +(f.words < 5),
    );
    const tag = TAG_FOLD[block.tag] ?? block.tag;
    for (const t of TAGS) row.push(+(tag === t));
    for (let i = 0; i < ANCESTOR_TAGS.length; i++) row.push((stats.ancestorTags[block.element] >> i) & 1);
    row.push(Math.log1p(el.depth), el.depth / maxDepth);
    row.push(+(v.hints[block.element] !== null), v.inArticle[block.element], v.inContainer[block.element], +kept[b]);
    for (const r of RULE_REASONS) row.push(+(v.verdicts[b] === r));
    pushElement(row, stats, v, parent, totalChars, maxScore, true);
    pushElement(row, stats, v, grand, totalChars, maxScore, false);
    row.push(
      ratio(b, Math.max(1, blocks.length - 1)), ratio(charsBefore, totalChars), +(bodyStart >= 0 && b < bodyStart),
      +(bodyEnd >= 0 && b > bodyEnd), Math.log1p(distance[b]),
    );
    charsBefore += block.chars;
    const prev = b - 1;
    const next = b + 1 < blocks.length ? b + 1 : -1;
    row.push(
      prev >= 0 ? +kept[prev] : 0, next >= 0 ? +kept[next] : 0, prev >= 0 ? +v.prose[prev] : 0, next >= 0 ? +v.prose[next] : 0,
      prev >= 0 ? ratio(blocks[prev].linkChars, blocks[prev].chars) : 0, next >= 0 ? ratio(blocks[next].linkChars, blocks[next].chars) : 0,
      windowKeptShare(page, kept, b), prev >= 0 ? text.kept[prev] : 0, next >= 0 ? text.kept[next] : 0,
      prev >= 0 ? +(elements[blocks[prev].element].parent === parent) : 0, next >= 0 ? +(elements[blocks[next].element].parent === parent) : 0,
      parent >= 0 ? keptShareByParent.get(parent) ?? 0 : 0,
    );
    row.push(text.kept[b], text.headline[b]);
    for (const r of TEXT_REASONS) row.push(+(text.reasons[b] === r));
    row.push(Math.log1p(totalChars), Math.log1p(blocks.length), ratio(proseChars, totalChars));
    dense.set(row, b * width);
    hashed.push(buckets.of(block.element));
  }
  return { dense, hashed };
}

function pushElement(row: number[], s: ElementStats, v: BlockVerdicts, e: number, totalChars: number, maxScore: number, withDensity: boolean): void {
  if (e < 0) {
    row.push(0, 0, ...(withDensity ? [0, 0, 0] : [0]), 0);
    return;
  }
  row.push(ratio(s.linkChars[e], s.chars[e]), ratio(s.proseChars[e], s.chars[e]));
  if (withDensity) row.push(Math.log1p(s.blocks[e]), ratio(s.chars[e], totalChars), Math.log1p(s.chars[e] / s.elements[e]));
  else row.push(ratio(s.chars[e], totalChars));
  row.push(maxScore > 0 ? Math.max(-1, v.score[e] / maxScore) : 0);
}

/** Blocks between each block and the nearest kept prose block (the page's length when there is none). */
function bodyDistances(keptProse: readonly boolean[]): Float64Array {
  const n = keptProse.length;
  const d = new Float64Array(n).fill(n);
  let last = -Infinity;
  for (let b = 0; b < n; b++) {
    if (keptProse[b]) last = b;
    d[b] = Math.min(d[b], b - last);
  }
  last = Infinity;
  for (let b = n - 1; b >= 0; b--) {
    if (keptProse[b]) last = b;
    d[b] = Math.min(d[b], last - b);
  }
  return d;
}

/** Share of the characters within WINDOW blocks either side that the rules keep. */
function windowKeptShare(page: ParsedPage, kept: readonly boolean[], b: number): number {
  let all = 0;
  let keptChars = 0;
  for (let i = Math.max(0, b - WINDOW); i <= Math.min(page.blocks.length - 1, b + WINDOW); i++) {
    if (i === b) continue;
    all += page.blocks[i].chars;
    if (kept[i]) keptChars += page.blocks[i].chars;
  }
  return ratio(keptChars, all);
}

/** Per parent element: share of its child blocks' characters the rules keep. */
function siblingsKeptShare(page: ParsedPage, kept: readonly boolean[]): Map<number, number> {
  const all = new Map<number, number>();
  const keptChars = new Map<number, number>();
  for (const b of page.blocks) {
    const parent = page.elements[b.element].parent;
    all.set(parent, (all.get(parent) ?? 0) + b.chars);
    if (kept[b.index]) keptChars.set(parent, (keptChars.get(parent) ?? 0) + b.chars);
  }
  const share = new Map<number, number>();
  for (const [parent, chars] of all) share.set(parent, ratio(keptChars.get(parent) ?? 0, chars));
  return share;
}
