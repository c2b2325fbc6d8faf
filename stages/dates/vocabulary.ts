/**
 * Which words can stand inside a chrono result: a cheap way to know, without running chrono,
 * that a line cannot be "nothing but a date".
 *
 * Every character of a chrono result's text was consumed by one of the patterns of chrono's
 * English parsers, or added by a refiner. Those patterns (read from chrono itself below) have no
 * `.` and no character class with letters: every ASCII letter they consume belongs to a literal
 * word of a pattern ("march", "ago", "couple"), taken whole or, where the pattern makes its last
 * letter optional ("an?", "pm?"), without that letter. The refiners add:
 * - between merged results: t|at|after|before|on|of, to|until|through|till, punctuation;
 * - around a result: "last day of the", "end of the", "this|last|past|next year", "GMT/UTC"
 *   offsets, years ("BC", "AD"), and a time zone abbreviation: 2-4 letters chrono knows (its
 *   TIMEZONE_ABBR_MAP), put after a result's end (so at the end of a word) and once per result (a
 *   final result merges at most four of them).
 * Digits enter through `\d`; `_` never does (it is neither a letter nor `\W`).
 *
 * So an ASCII word (a `\w+` run) lying inside a chrono result is, lower-cased, a sequence of
 * those literal words and digits, possibly ending in a time zone abbreviation (followed by `\W`
 * or the end). A word that is not ("profits") can only overlap a result's first or last word.
 */
import * as chrono from 'chrono-node';

export type Fit = 'word' | 'zone' | 'no';

/** Words refiners add to results (see above); parser words are read from the patterns. */
const REFINER_WORDS = ['t', 'at', 'after', 'before', 'on', 'of', 'to', 'until', 'through', 'till', 'last', 'day', 'end', 'the', 'this', 'past', 'next', 'year', 'gmt', 'utc', 'be', 'ad', 'bc', 'bce', 'ce'];
/** Escapes in chrono's patterns that stand for classes, not letters. */
const CLASS_ESCAPE = /\\[dDwWsSbB]/g;

/** Children by letter (a-z), and whether a pattern word ends here. */
interface Trie {
  end: boolean;
  next: Array<Trie | undefined>;
}

function node(): Trie {
  return { end: false, next: new Array<Trie | undefined>(26) };
}

function sources(): string[] {
  const context = new chrono.ParsingContext('', new Date(0), { forwardDate: false });
  const out: string[] = [];
  for (const parser of chrono.en.configuration.createCasualConfiguration(false).parsers) {
    out.push(parser.pattern(context).source);
    // The time expression parsers also read what follows a time ("to 5 pm").
    const following = (parser as { getFollowingTimePatternThroughCache?: () => RegExp }).getFollowingTimePatternThroughCache;
    if (typeof following === 'function') out.push(following.call(parser).source);
  }
  return out;
}

/** The literal words of the patterns, or undefined if a pattern could consume letters otherwise. */
function patternWords(srcs: string[]): string[] | undefined {
  const words: string[] = [];
  for (const src of srcs) {
    const plain = src.replace(CLASS_ESCAPE, ' ');
    // Any other escaped letter, a letter in a character class, or `.` would break the argument.
    if (/\\[A-Za-z]/.test(plain) || /\[[^\]]*[A-Za-z][^\]]*\]/.test(plain.replace(/\\./g, ' '))) return undefined;
    if (/(?<!\\)\./.test(plain.replace(/\[(?:\\.|[^\]])*\]/g, ' '))) return undefined;
    for (const m of plain.replace(/\\./g, ' ').matchAll(/[A-Za-z]+([?*]|\{0)?/g)) {
      const run = m[0].replace(/[?*{0]+$/, '').toLowerCase();
      words.push(run);
      if (m[1]) words.push(run.slice(0, -1)); // the last letter is optional
    }
  }
  return words;
}

function buildTrie(words: string[]): Trie {
  const root = node();
  for (const w of words) {
    let at = root;
    for (let i = 0; i < w.length; i++) {
      const c = w.charCodeAt(i) - 97;
      at = at.next[c] ??= node();
    }
    if (w) at.end = true;
  }
  return root;
}

/**
 * The abbreviations chrono's time zone refiner accepts, lower-cased. The map is not part of
 * chrono's public API, so it is read from its module file; if that ever fails, any 2-4 letters
 * count as a possible abbreviation (fewer words ruled out, same results).
 */
async function zoneAbbreviations(): Promise<ReadonlySet<string> | undefined> {
  try {
    const url = new URL('./timezone.js', import.meta.resolve('chrono-node'));
    const map: unknown = (await import(url.href)).TIMEZONE_ABBR_MAP;
    if (map && typeof map === 'object') return new Set(Object.keys(map).map((k) => k.toLowerCase()));
  } catch {
    // fall through
  }
  return undefined;
}

const ZONES = await zoneAbbreviations();

/** Whether chrono's time zone refiner may know `abbr` (any letters when its map could not be read). */
export function mayBeZoneAbbreviation(abbr: string): boolean {
  return !ZONES || ZONES.has(abbr.toLowerCase());
}
const PATTERN_WORDS = patternWords(sources());
/** Undefined when chrono's patterns are not of the expected kind: then every word may fit. */
const TRIE = PATTERN_WORDS && buildTrie([...PATTERN_WORDS, ...REFINER_WORDS]);

/** Lower-case letter index 0-25, 26 for a digit, -1 for anything else. */
function code(c: number): number {
  if (c >= 97 && c <= 122) return c - 97;
  if (c >= 65 && c <= 90) return c - 65;
  if (c >= 48 && c <= 57) return 26;
  return -1;
}

let reach = new Uint8Array(64);

/**
 * How `word` (a `\w+` run) can lie inside a chrono result: as a sequence of pattern words and
 * digits ('word'), only if its last 2-4 letters are read as a time zone abbreviation ('zone'), or
 * not at all ('no').
 */
export function fitOf(word: string): Fit {
  if (!TRIE) return 'word';
  const text = word;
  const start = 0;
  const end = word.length;
  const n = end - start;
  if (reach.length < n + 1) reach = new Uint8Array(2 * (n + 1));
  reach.fill(0, 0, n + 1); // positions reachable by whole pattern words and digits
  reach[0] = 1;
  for (let i = 0; i < n; i++) {
    if (!reach[i]) continue;
    const c = code(text.charCodeAt(start + i));
    if (c === 26) reach[i + 1] = 1;
    let at: Trie | undefined = TRIE;
    for (let j = i; j < n && at; j++) {
      const k = code(text.charCodeAt(start + j));
      at = k >= 0 && k < 26 ? at.next[k] : undefined;
      if (at?.end) reach[j + 1] = 1;
    }
  }
  if (reach[n]) return 'word';
  for (let len = 2; len <= 4 && len <= n; len++) {
    if (!reach[n - len]) continue;
    let letters = true;
    for (let j = end - len; j < end; j++) {
      const k = code(text.charCodeAt(j));
      letters &&= k >= 0 && k < 26;
    }
    if (letters && (!ZONES || ZONES.has(text.slice(end - len).toLowerCase()))) return 'zone';
  }
  return 'no';
}

/** At most this many words of one chrono result fit only as time zone abbreviations. */
export const MAX_ZONE_WORDS = 4;

/** Whether chrono's patterns were of the expected kind (otherwise every word fits). */
export const VOCABULARY_READ = TRIE !== undefined && ZONES !== undefined;
