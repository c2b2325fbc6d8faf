/**
 * Sentences over the token stream, and which of them carry no capitalization signal.
 *
 * A sentence ends at a line break or after a standalone ".", "!", "?" or "…" (the tokenizer keeps
 * the periods of initials and abbreviations inside their words, so those never end one). Very
 * long runs without an end are cut, so decoding stays linear in practice and a table pasted as
 * one line does not become one sequence.
 *
 * Caseless sentences: all-caps lines ("SOCCER - JAPAN GET LUCKY WIN") and title-case headlines
 * ("Iraqi Resistance Hits Electricity Generation Station in Tel Aviv"). There, capitalization
 * says nothing about names, so the features read such words as if they were written in lower
 * case (features.ts); an all-caps newswire headline and a title-case web headline then look the
 * same to the model. (An all-caps word in a title-case headline keeps its case: "US" is not "us".)
 */
import { Kind, type Token } from '../tokenize.js';

export interface Sentence {
  /** Token range [start, end). */
  start: number;
  end: number;
  caseless: boolean;
  /** A title-case headline (caseless, but its all-caps words are still acronyms: "US Fails"). */
  titleCase: boolean;
}

const MAX_SENTENCE_TOKENS = 250;
const ENDERS = new Set(['.', '!', '?', '…']);
/** Words that stay lower case in title-case headlines. */
const MINOR_WORDS = new Set(['a', 'an', 'the', 'of', 'in', 'on', 'at', 'to', 'for', 'and', 'or', 'but', 'by', 'with', 'from', 'as', 'vs', 'vs.', 'is', 'are', 'into', 'over', 'after', 'up']);

export function splitSentences(tokens: Token[]): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  for (let i = 1; i <= tokens.length; i++) {
    const prev = tokens[i - 1];
    const boundary = i === tokens.length || tokens[i].nl || (prev.kind === Kind.Punct && ENDERS.has(prev.text)) || i - start >= MAX_SENTENCE_TOKENS;
    if (!boundary) continue;
    const kind = caseKind(tokens, start, i);
    out.push({ start, end: i, caseless: kind !== 'cased', titleCase: kind === 'title' });
    start = i;
  }
  return out;
}

function caseKind(tokens: Token[], start: number, end: number): 'cased' | 'upper' | 'title' {
  let words = 0;
  let upper = 0;
  let numbers = 0;
  for (let k = start; k < end; k++) {
    const t = tokens[k];
    if (t.kind === Kind.Num) numbers++;
    if (t.kind !== Kind.Word) continue;
    words++;
    if (t.upper || (t.cap && t.text.length === 1)) upper++;
  }
  if (words >= 2 && upper >= 0.8 * words && upper >= 2) return 'upper';
  // A title-case headline: short, every content word capitalized but at most one in five, no final
  // period, and a small word left in lower case or no number (a results table, "Arsenal 2 Chelsea
  // 1 Everton 0 Leeds 3", is not a headline).
  const last = tokens[end - 1];
  const endsLikeProse = last.kind === Kind.Punct && last.text === '.';
  // content words are at most the words: most sentences are ruled out before looking words up
  if (endsLikeProse || words < 4) return 'cased';
  let content = 0;
  let capitalized = 0;
  for (let k = start; k < end; k++) {
    const t = tokens[k];
    if (t.kind !== Kind.Word || MINOR_WORDS.has(t.low)) continue;
    content++;
    if (t.cap) capitalized++;
  }
  const title = content >= 4 && content <= 20 && content - capitalized <= Math.floor(content / 5) && (words > content || numbers === 0);
  return title ? 'title' : 'cased';
}


/** Whether a token's case says nothing about it: in a caseless sentence, and not an acronym of a title-case one. */
export const isCaselessToken = (sen: Sentence, t: Token): boolean => sen.caseless && !(sen.titleCase && t.upper);
