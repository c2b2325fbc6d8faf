/**
 * Cheap necessary conditions for the date patterns. Most texts contain none of the words a given
 * pattern needs ("weekend", "century", "Christmas"), and finding a plain word in a lower-cased
 * copy of the text costs far less than running a pattern with word boundaries and alternations
 * over it. A pattern is skipped when none of its words occurs, so a word list may only name
 * words that every match of its pattern contains (see the tests in test/dates.test.ts).
 *
 * Lower-casing is a safe stand-in for the patterns' `i` flag (without `u`): a character such a
 * pattern matches against an ASCII letter is that letter in either case, which lower-cases to
 * the letter itself; the reverse can only add spurious hits (U+212A KELVIN SIGN lower-cases to
 * "k"), which merely run the pattern.
 */
export class Words {
  private lower: string | undefined;
  private answers: Map<readonly string[], boolean> | undefined;

  constructor(readonly text: string) {}

  /**
   * Whether the text contains any of `words` (given in lower case), in any letter case. Pass the
   * same array each time (a module constant): answers and compiled patterns are kept per array.
   */
  any(words: readonly string[]): boolean {
    this.answers ??= new Map();
    let answer = this.answers.get(words);
    if (answer === undefined) {
      this.lower ??= this.text.toLowerCase();
      answer = alternation(words).test(this.lower);
      this.answers.set(words, answer);
    }
    return answer;
  }

  /** Whether the text contains any of `words` exactly as given (for case-sensitive patterns). */
  anyExact(words: readonly string[]): boolean {
    return words.some((w) => this.text.includes(w));
  }
}

/** One scan for several words: an alternation of literals (no flags) per word list, compiled once. */
const ALTERNATIONS = new WeakMap<readonly string[], RegExp>();

function alternation(words: readonly string[]): RegExp {
  let re = ALTERNATIONS.get(words);
  if (!re) {
    re = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));
    ALTERNATIONS.set(words, re);
  }
  return re;
}

/** A global pattern with the words (lower case unless `exact`) that each of its matches contains. */
export interface Gated {
  re: RegExp;
  words: readonly string[];
  /** The pattern is case-sensitive: the words are looked for as written. */
  exact?: boolean;
}

export function gated(re: RegExp, words: readonly string[]): Gated {
  return { re, words, exact: !re.flags.includes('i') };
}

/** The pattern's matches in the text, without running it when none of its words occurs. */
export function matchesOf(text: Words, g: Gated): Iterable<RegExpExecArray> {
  const possible = g.exact ? text.anyExact(g.words) : text.any(g.words);
  return possible ? text.text.matchAll(g.re) : [];
}
