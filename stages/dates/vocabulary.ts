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

/**
 * The pattern words as a trie in flat arrays (fitOf runs on every word of long texts): node `n`'s
 * child for letter `k` (a-z as 0-25) is `next[26 * n + k]`, 0 for none (the root, node 0, is no
 * one's child); `end[n]` when a pattern word ends there.
 */
interface Trie {
  next: Int32Array;
  end: Uint8Array;
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
  const next: number[] = new Array<number>(26).fill(0);
  const end: number[] = [0];
  for (const w of words) {
    let at = 0;
    for (let i = 0; i < w.length; i++) {
      const slot = 26 * at + w.charCodeAt(i) - 97;
      if (next[slot] === 0) {
        next[slot] = end.length;
        end.push(0);
        for (let k = 0; k < 26; k++) next.push(0);
      }
      at = next[slot];
    }
    if (w) end[at] = 1;
  }
  return { next: Int32Array.from(next), end: Uint8Array.from(end) };
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
/**
 * The abbreviations of 2-4 letters a-z, a byte per `letterKey`, for fitOf: looked up without a
 * copy of the word.
 */
const ZONE_KEYS = ZONES && zoneKeys(ZONES);

function zoneKeys(zones: ReadonlySet<string>): Uint8Array {
  const keys = new Uint8Array(27 ** 4);
  for (const z of zones) if (/^[a-z]{2,4}$/.test(z)) keys[letterKey(z, 0, z.length)] = 1;
  return keys;
}

/** A number for the ASCII letters [start, end) (at most four), case-blind; -1 if one is no letter. */
function letterKey(text: string, start: number, end: number): number {
  let key = 0;
  for (let i = start; i < end; i++) {
    const k = code(text.charCodeAt(i));
    if (k < 0 || k > 25) return -1;
    key = 27 * key + k + 1;
  }
  return key;
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

/** Positions reachable in the current word: those set to `epoch` (no clearing per word). */
let reach = new Uint32Array(64);
let epoch = 0;

/**
 * How `word` (a `\w+` run) can lie inside a chrono result: as a sequence of pattern words and
 * digits ('word'), only if its last 2-4 letters are read as a time zone abbreviation ('zone'), or
 * not at all ('no').
 */
export function fitOf(word: string): Fit {
  return fitOfSpan(word, 0, word.length);
}

/** `fitOf(text.slice(start, end))`, without the copy. */
export function fitOfSpan(text: string, start: number, end: number): Fit {
  if (!TRIE) return 'word';
  const n = end - start;
  if (reach.length < n + 1) reach = new Uint32Array(2 * (n + 1));
  if (++epoch === 0xffffffff) {
    reach.fill(0);
    epoch = 1;
  }
  reach[0] = epoch; // positions reachable by whole pattern words and digits
  const { next, end: ends } = TRIE;
  for (let i = 0; i < n; i++) {
    if (reach[i] !== epoch) continue;
    const c = code(text.charCodeAt(start + i));
    if (c === 26) reach[i + 1] = epoch;
    let at = 0;
    for (let j = i; j < n; j++) {
      const k = code(text.charCodeAt(start + j));
      at = k >= 0 && k < 26 ? next[26 * at + k] : 0;
      if (at === 0) break;
      if (ends[at]) reach[j + 1] = epoch;
    }
  }
  if (reach[n] === epoch) return 'word';
  for (let len = 2; len <= 4 && len <= n; len++) {
    if (reach[n - len] !== epoch) continue;
    const key = letterKey(text, end - len, end);
    if (key >= 0 && (!ZONE_KEYS || ZONE_KEYS[key] === 1)) return 'zone';
  }
  return 'no';
}

/** At most this many words of one chrono result fit only as time zone abbreviations. */
export const MAX_ZONE_WORDS = 4;

/** Whether chrono's patterns were of the expected kind (otherwise every word fits). */
export const VOCABULARY_READ = TRIE !== undefined && ZONES !== undefined;
