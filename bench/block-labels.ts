/**
 * Block labels from the page gold, for the block classifier's trainer: 1 = article text, 0 = not,
 * -1 = unknown (left out of training).
 *
 * readability (`expected_text`, the whole article): a block of three words or more is article
 * text when most of its word trigrams occur in the expected text, and not when few do; a shorter
 * block is article text when it is a whole line of the expected text, and not when its words do
 * not occur there in a row at all.
 * trafilatura (`with` / `without` snippets): a block that holds a snippet, or that a longer snippet
 * holds, takes the snippet's side. The other blocks are unknown, unless a teacher's text is
 * given (Readability.js's article, in the trainer) and it agrees with every snippet of the page:
 * then they are labelled from that text as readability pages are from theirs.
 */
import type { HtmlBlock } from '../stages/html/parse.js';
import { normalizeWs, scorePage, wordTokens, type PageCase } from './eval-pages.js';

const MIN_TRIGRAM_WORDS = 3;
const ARTICLE_SHARE = 0.7;
const NOT_ARTICLE_SHARE = 0.3;
/** A snippet marks a block it contains only when the block has at least this many characters. */
const MIN_CONTAINED_CHARS = 15;

export function blockLabels(page: PageCase, blocks: readonly HtmlBlock[], teacherText?: string): Int8Array {
  if (page.expectedText !== undefined) return labelsFromText(page.expectedText, blocks);
  if (page.snippets) {
    const labels = labelsFromSnippets(page.snippets, blocks);
    if (teacherText !== undefined && agreesWithSnippets(teacherText, page.snippets)) {
      const taught = labelsFromText(teacherText, blocks);
      labels.forEach((label, b) => {
        if (label < 0) labels[b] = taught[b];
      });
    }
    return labels;
  }
  return new Int8Array(blocks.length).fill(-1);
}

/** The teacher's text holds every `with` snippet and no `without` one. */
function agreesWithSnippets(text: string, gold: { with: string[]; without: string[] }): boolean {
  const c = scorePage(text, gold);
  return c.tp > 0 && c.fn === 0 && c.fp === 0;
}

function labelsFromText(expected: string, blocks: readonly HtmlBlock[]): Int8Array {
  const tokens = wordTokens(expected);
  const trigrams = new Set<string>();
  for (let i = 2; i < tokens.length; i++) trigrams.add(`${tokens[i - 2]} ${tokens[i - 1]} ${tokens[i]}`);
  const lines = new Set(expected.split('\n').map((l) => wordTokens(l).join(' ')).filter(Boolean));
  const joined = ` ${tokens.join(' ')} `;
  const labels = new Int8Array(blocks.length).fill(-1);
  blocks.forEach((block, b) => {
    const words = wordTokens(block.text);
    if (words.length === 0) return;
    if (words.length < MIN_TRIGRAM_WORDS) {
      const phrase = words.join(' ');
      if (lines.has(phrase)) labels[b] = 1;
      else if (!joined.includes(` ${phrase} `)) labels[b] = 0;
      return;
    }
    let found = 0;
    for (let i = 2; i < words.length; i++) if (trigrams.has(`${words[i - 2]} ${words[i - 1]} ${words[i]}`)) found++;
    const share = found / (words.length - 2);
    if (share >= ARTICLE_SHARE) labels[b] = 1;
    else if (share <= NOT_ARTICLE_SHARE) labels[b] = 0;
  });
  return labels;
}

function labelsFromSnippets(gold: { with: string[]; without: string[] }, blocks: readonly HtmlBlock[]): Int8Array {
  const labels = new Int8Array(blocks.length).fill(-1);
  const withs = gold.with.map(normalizeWs).filter(Boolean);
  const withouts = gold.without.map(normalizeWs).filter(Boolean);
  blocks.forEach((block, b) => {
    const text = normalizeWs(block.text);
    const marks = (snippet: string): boolean => text.includes(snippet) || (text.length >= MIN_CONTAINED_CHARS && snippet.includes(text));
    const article = withs.some(marks);
    const not = withouts.some(marks);
    if (article !== not) labels[b] = article ? 1 : 0;
  });
  return labels;
}
