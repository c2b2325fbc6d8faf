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
  /** Which of `lists` occur, once scanned. */
  private found: number | undefined;

  /** `lists`: the word lists that will be asked about, looked for in one scan of the text. */
  constructor(
    readonly text: string,
    private readonly lists?: WordLists,
  ) {}

  /**
   * Whether the text contains any of `words` (given in lower case), in any letter case. Pass the
   * same array each time (a module constant): answers and compiled patterns are kept per array.
   */
  any(words: readonly string[]): boolean {
    const bit = this.lists?.bitOf(words);
    if (bit !== undefined) {
      this.found ??= this.lists!.foundIn(this.lowerText());
      return (this.found & bit) !== 0;
    }
    this.answers ??= new Map();
    let answer = this.answers.get(words);
    if (answer === undefined) {
      answer = alternation(words).test(this.lowerText());
      this.answers.set(words, answer);
    }
    return answer;
  }

  /** Whether the text contains any of `words` exactly as given (for case-sensitive patterns). */
  anyExact(words: readonly string[]): boolean {
    return words.some((w) => this.text.includes(w));
  }

  private lowerText(): string {
    this.lower ??= this.text.toLowerCase();
    return this.lower;
  }
}

/**
 * Word lists (lower case) looked for together: one scan of a text finds where any of their words
 * starts, instead of a scan per list, most of which find nothing and so read the whole text.
 */
export class WordLists {
  private readonly bits = new Map<readonly string[], number>();
  /** A word -> the lists holding it or a word it starts with (which starts where it does). */
  private readonly listsOf = new Map<string, number>();
  private readonly all: number;
  /** Longest words first: where several start, the longest is reported, and it starts with the others. */
  private readonly starts: RegExp;

  constructor(lists: ReadonlyArray<readonly string[]>) {
    const unique = [...new Set(lists)];
    if (unique.length > 31) throw new Error('WordLists: at most 31 lists');
    unique.forEach((list, i) => this.bits.set(list, 1 << i));
    const words = [...new Set(unique.flat())].sort((a, b) => b.length - a.length);
    for (const w of words) {
      let mask = 0;
      unique.forEach((list, i) => {
        if (list.some((x) => w.startsWith(x))) mask |= 1 << i;
      });
      this.listsOf.set(w, mask);
    }
    this.all = (1 << unique.length) - 1;
    this.starts = new RegExp(words.map(escape).join('|'), 'g');
  }

  bitOf(list: readonly string[]): number | undefined {
    return this.bits.get(list);
  }

  /** The bits of the lists with a word in `lower`, a lower-cased text. */
  foundIn(lower: string): number {
    const re = this.starts;
    let found = 0;
    re.lastIndex = 0;
    for (let m = re.exec(lower); m !== null && found !== this.all; m = re.exec(lower)) {
      found |= this.listsOf.get(m[0]) ?? 0;
      re.lastIndex = m.index + 1; // the next word may start inside this one
    }
    return found;
  }
}

/** A literal, escaped for use inside a RegExp. */
export function escape(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One scan for several words: an alternation of literals (no flags) per word list, compiled once. */
const ALTERNATIONS = new WeakMap<readonly string[], RegExp>();

export function alternation(words: readonly string[]): RegExp {
  let re = ALTERNATIONS.get(words);
  if (!re) {
    re = new RegExp(words.map(escape).join('|'));
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
