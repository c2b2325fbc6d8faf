/**
 * Candidate finder and classifier. Produces typed (or still-unknown) candidate spans; canonical.ts
 * then links names within the document and resolves the unknowns.
 *
 * Pipeline per document: tokenize once -> mark headline-like lines -> walk tokens: MONEY, else a
 * run of capitalized tokens (with inner connectors/particles) -> classify the run:
 *   1 whole run in the gazetteer            5 place or facility suffix ("Gansu Province",
 *   2 org suffix ("... Corporation")  -> ORG   "Wembley Stadium")                 -> PLACE
 *   3 "<Head> of|for <X>", also after         6 title/cue noun/honorific before    -> PERSON
 *     modifiers ("Italian Supreme Court of     ("General Motors" with an org word -> ORG)
 *     Cassation")              -> ORG/PLACE  7 unknown letters-only acronym       -> ORG
 *   4 strip leading titles and demonyms;      8 given name / known family name    -> PERSON
 *     common/title words then a given name ("Shadow Home Secretary Yvette Cooper") -> the tail
 *   9 otherwise split into gazetteer pieces, classify the leftovers the same way, and keep what is
 *     still unknown with its context cues ("in X", "X said", "X, a spokesman") for canonical.ts.
 * Headline-like lines ("Iraqi Resistance Hits Electricity Generation Station in Tel Aviv") carry
 * no capitalization signal, so only gazetteer pieces are taken there. A sentence-initial word in
 * the common-word list ("Yesterday") is no name. In a sports report (SPORTS_CUES) a country not
 * after "in"/"at" is its national team: ORG.
 */
import type { EntityType } from '../../pipeline/doc.js';
import { tokenize, Kind, type Token } from './tokenize.js';
import { matchMoney } from './money.js';
import { PHRASES, PHRASE_PREFIXES, MAX_PHRASE_TOKENS, DEMONYMS, COUNTRY_NAMES, FIRST_NAMES, normWord, knownFullName, fuzzyKnownPerson, type GazEntry } from './gazetteer.js';
import {
  TITLE_WORDS,
  PERSON_CUE_NOUNS,
  ORG_SUFFIXES,
  ORG_HEADS,
  PLACE_SUFFIXES,
  PLACE_HEADS,
  NAME_PARTICLES,
  COMMON_CAPS,
  PLACE_PREPOSITIONS,
  SPEECH_VERBS,
  SPORTS_CUES,
  COMMON_WORDS,
  HONORIFICS,
} from './lexicon.js';

export interface Candidate {
  start: number;
  end: number;
  /** Lower-cased words of the span (for linking). */
  words: string[];
  /** null: no rule decided; canonical.ts resolves it from document context or drops it. */
  type: EntityType | null;
  /** Set when the gazetteer (or MONEY parsing) already knows the canonical name. */
  canonical?: string;
  /** Context cues, used only for unknowns. */
  prepCue?: boolean;
  speechCue?: boolean;
  givenName?: boolean;
  /** Some word of the span is also used as a common (lower-case) word: not a personal name. */
  commonWord?: boolean;
  /** Lower-cased word just before the span (typed candidates only). */
  prev?: string;
}

const OPENERS = new Set(['"', "'", '“', '‘', '(', '[', '«', '—', '–', '-', '*', '•']);
const SENTENCE_END = new Set(['.', '!', '?', ':', ';', '…']);
const TITLE_CASE_MINOR = new Set(['a', 'an', 'the', 'of', 'in', 'on', 'at', 'to', 'for', 'and', 'or', 'but', 'by', 'with', 'from', 'as', 'vs', 'vs.', 'is', 'are']);

interface Ctx {
  text: string;
  tokens: Token[];
  /** Words seen starting with a lower-case letter somewhere in the document. */
  docLower: Set<string>;
  headline: Uint8Array;
  out: Candidate[];
}

export function findCandidates(text: string): Candidate[] {
  const tokens = tokenize(text);
  const docLower = new Set<string>();
  for (const t of tokens) if (t.kind === Kind.Word && !t.cap) docLower.add(t.low);
  const ctx: Ctx = { text, tokens, docLower, headline: markHeadlines(tokens), out: [] };

  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i];
    if (t.kind === Kind.Num || t.kind === Kind.Punct || t.text === 'US' || t.text === 'A' || t.text === 'C' || t.text === 'HK') {
      const m = matchMoney(tokens, i);
      if (m) {
        ctx.out.push({ start: m.start, end: m.end, words: [], type: 'MONEY', canonical: m.canonical });
        i = m.lastToken + 1;
        continue;
      }
    }
    if (t.kind !== Kind.Word) {
      i++;
      continue;
    }
    const gaz = matchGazetteer(tokens, i, tokens.length);
    if (!gaz && !isNameToken(t)) {
      i++;
      continue;
    }
    if (ctx.headline[i]) {
      // No capitalization signal on this line: gazetteer pieces and known people only.
      if (gaz) emit(ctx, i, i + gaz.len, gaz.entry.type, gaz.entry.canonical);
      else if (t.cap && knownFullName(t.low)) emit(ctx, i, i + 1, 'PERSON');
      else if (isGivenNamePair(tokens, i)) {
        // photo credits and captions ("Image: Nick Moreau") look like headlines
        emit(ctx, i, i + 2, 'PERSON');
        i += 2;
        continue;
      }
      else if (t.text.includes('-')) splitHyphenated(ctx, i);
      i += gaz ? gaz.len : 1;
      continue;
    }
    let j = extendRun(tokens, i);
    if (gaz && i + gaz.len > j) j = i + gaz.len;
    classifyRun(ctx, i, j, true);
    i = j;
  }
  if (isSportsReport(tokens)) {
    // National teams: "Sweden defeated South Korea", but "the match in Russia" stays a place.
    for (const c of ctx.out) {
      if (c.type === 'PLACE' && c.canonical !== undefined && COUNTRY_NAMES.has(c.canonical) && !(c.prev && PLACE_PREPOSITIONS.has(c.prev))) c.type = 'ORG';
    }
  }
  return ctx.out;
}

/** At least 6 sports cue words, and at least 1 in 100 words. */
function isSportsReport(tokens: Token[]): boolean {
  let cues = 0;
  let words = 0;
  for (const t of tokens) {
    if (t.kind !== Kind.Word) continue;
    words++;
    if (SPORTS_CUES.has(t.low)) cues++;
  }
  return cues >= 6 && cues * 100 >= words;
}

/** "Nick Moreau": a given name followed by a capitalized word that is not a known name itself. */
function isGivenNamePair(tokens: Token[], i: number): boolean {
  const n = tokens[i + 1];
  return FIRST_NAMES.has(tokens[i].low) && !PHRASES.has(tokens[i].low) && n !== undefined && !n.nl && isNameToken(n) && !n.upper && !PHRASES.has(n.low) && !TITLE_WORDS.has(n.low);
}

/** A token that can be part of a name: capitalized and not a common word, or "al-Assad"-like. */
function isNameToken(t: Token): boolean {
  if (t.kind !== Kind.Word) return false;
  if (t.cap) return !COMMON_CAPS.has(t.low);
  return isParticlePrefixed(t.text);
}

function isParticlePrefixed(w: string): boolean {
  const h = w.indexOf('-');
  if (h <= 0 || h + 1 >= w.length) return false;
  const c = w[h + 1];
  return NAME_PARTICLES.has(w.slice(0, h).toLowerCase()) && c !== c.toLowerCase();
}

/** Longest gazetteer phrase starting at token i (same line; first and last word capitalized). */
function matchGazetteer(tokens: Token[], i: number, limit: number): { len: number; entry: GazEntry } | null {
  const first = tokens[i];
  if (first.kind !== Kind.Word || !(first.cap || isParticlePrefixed(first.text))) return null;
  let key = '';
  let best: { len: number; entry: GazEntry } | null = null;
  for (let len = 1; len <= MAX_PHRASE_TOKENS && i + len <= limit; len++) {
    const t = tokens[i + len - 1];
    if (len > 1 && t.nl) break;
    key = len === 1 ? t.low : key + ' ' + t.low;
    const entry = PHRASES.get(key);
    if (!entry) {
      if (!PHRASE_PREFIXES.has(key)) break;
      continue;
    }
    if (entry.exact !== undefined ? entry.exact !== joinSurface(tokens, i, i + len) : !(t.cap || t.upper || t.kind !== Kind.Word)) continue;
    if (t.kind === Kind.Punct) continue;
    best = { len, entry };
  }
  return best;
}

function joinSurface(tokens: Token[], a: number, b: number): string {
  let s = tokens[a].text;
  for (let k = a + 1; k < b; k++) s += (tokens[k].space ? ' ' : '') + tokens[k].text;
  return s;
}

/** Lower-cased word; an abbreviation's period is dropped ("Mr." -> "mr", "Gen." -> "gen"). */
const lowerOf = (t: Token | undefined): string => {
  if (!t || t.kind !== Kind.Word) return '';
  const w = t.low;
  return w.length >= 3 && w.length <= 6 && w.endsWith('.') && w.indexOf('.') === w.length - 1 ? w.slice(0, -1) : w;
};

/** End (exclusive) of the capitalized run starting at i, with connectors and particles inside. */
function extendRun(tokens: Token[], i: number): number {
  let j = i + 1;
  let hasHead = isHeadWord(lowerOf(tokens[i]));
  let joinedOf = false;
  for (;;) {
    const t = tokens[j];
    if (!t || t.nl || t.kind !== Kind.Word) break;
    if (isNameToken(t)) {
      hasHead ||= isHeadWord(lowerOf(t));
      j++;
      continue;
    }
    const w = lowerOf(t);
    if (NAME_PARTICLES.has(w)) {
      // "de Gaulle", "bin Salman", "von der Leyen"
      let k = j;
      while (tokens[k] && !tokens[k].nl && NAME_PARTICLES.has(lowerOf(tokens[k]))) k++;
      if (tokens[k] && !tokens[k].nl && tokens[k].cap && isNameToken(tokens[k])) {
        j = k + 1;
        continue;
      }
      break;
    }
    if ((w === 'of' || w === 'for' || w === 'on') && hasHead) {
      // "Ministry of Defence", "Bank for International Settlements", "Council on Foreign Relations"
      let k = j + 1;
      if (lowerOf(tokens[k]) === 'the' && !tokens[k].nl) k++;
      const n = tokens[k];
      if (n && !n.nl && n.cap && isNameToken(n)) {
        j = k + 1;
        joinedOf = true;
        continue;
      }
      break;
    }
    if (w === 'and' && joinedOf) {
      // "Ministry of Industry and Trade"
      const n = tokens[j + 1];
      if (n && !n.nl && n.cap && isNameToken(n)) {
        j += 2;
        continue;
      }
    }
    break;
  }
  return j;
}

const isHeadWord = (w: string): boolean => ORG_HEADS.has(w) || PLACE_HEADS.has(w) || ORG_SUFFIXES.has(w);

function isSentenceStart(tokens: Token[], a: number): boolean {
  let k = a;
  for (;;) {
    if (tokens[k].nl || k === 0) return true;
    const p = tokens[k - 1];
    if (p.kind === Kind.Punct && OPENERS.has(p.text)) {
      k--;
      continue;
    }
    return p.kind === Kind.Punct && SENTENCE_END.has(p.text);
  }
}

/** Classify tokens [a, b) of a run; `outer` is false for leftovers after gazetteer splitting. */
function classifyRun(ctx: Ctx, a: number, b: number, outer: boolean): void {
  const { tokens } = ctx;
  // Drop leading common words, and a sentence-initial word the document also uses in lower case.
  while (a < b) {
    const w = lowerOf(tokens[a]);
    if (matchGazetteer(tokens, a, b)) break;
    if (COMMON_CAPS.has(w) || (outer && isSentenceStart(tokens, a) && (ctx.docLower.has(w) || (b === a + 1 && isCommonWord(w))) && !TITLE_WORDS.has(w) && !DEMONYMS.has(w))) {
      a++;
      continue;
    }
    break;
  }
  // Trailing particles/connectors never end a name.
  while (b > a && !tokens[b - 1].cap && !isParticlePrefixed(tokens[b - 1].text)) b--;
  if (a >= b) return;

  const whole = wholeGazetteer(tokens, a, b);
  if (whole) return emit(ctx, a, b, whole.type, whole.canonical);

  const n = b - a;
  const lastW = lowerOf(tokens[b - 1]);
  const firstW = lowerOf(tokens[a]);
  if (n >= 2 && ORG_SUFFIXES.has(lastW)) return emit(ctx, a, b, 'ORG');
  // "<Head> of|for <X>", possibly after modifiers ("Italian Supreme Court of Cassation")
  for (let k = a; k + 2 < b; k++) {
    const c = lowerOf(tokens[k + 1]);
    if (c !== 'of' && c !== 'for') continue;
    const head = lowerOf(tokens[k]);
    if (ORG_HEADS.has(head)) return emit(ctx, a, b, 'ORG');
    if (PLACE_HEADS.has(head) && c === 'of') return emit(ctx, a, b, 'PLACE');
    break;
  }
  if (n >= 2 && PLACE_SUFFIXES.has(lastW) && !TITLE_WORDS.has(firstW)) return emit(ctx, a, b, 'PLACE');

  // Strip titles and demonyms: "Russian Prime Minister Mikhail Mishustin" -> "Mikhail Mishustin".
  let titled = false;
  const runStart = a;
  while (a < b) {
    const w = lowerOf(tokens[a]);
    if (TITLE_WORDS.has(w) && tokens[a].cap) titled = true;
    else if (!(DEMONYMS.has(w) && a + 1 < b)) {
      // "U.S. President Donald Trump", "NATO Secretary General Jens Stoltenberg": a one-word
      // place or organisation before a title is a mention of its own
      const g = matchGazetteer(tokens, a, b);
      const after = g ? tokens[a + g.len] : undefined;
      if (!g || g.len !== 1 || !after || g.entry.type === 'PERSON' || a + g.len + 1 >= b || !after.cap || !TITLE_WORDS.has(lowerOf(after))) break;
      emit(ctx, a, a + g.len, g.entry.type, g.entry.canonical);
      a += g.len;
      continue;
    }
    a++;
  }
  if (a >= b) return;
  if (a > 0 && n !== b - a) {
    const again = wholeGazetteer(tokens, a, b);
    if (again) return emit(ctx, a, b, again.type, again.canonical);
  }
  const m = b - a;
  const words: string[] = [];
  for (let k = a; k < b; k++) words.push(lowerOf(tokens[k]));
  const first = words[0];
  const last = words[m - 1];

  if (m >= 2 && PLACE_SUFFIXES.has(last)) return emit(ctx, a, b, 'PLACE');
  // "Shadow Home Secretary Yvette Cooper", "Booker Prize-winner Margaret Atwood": common or title
  // words, then a given name and one or two more name words -> the person is the tail.
  if (m >= 3) {
    for (let k = a + 1; k < b - 1 && k <= a + 4; k++) {
      const w = lowerOf(tokens[k]);
      if (FIRST_NAMES.has(w) && !PHRASES.has(w) && b - k <= 3) {
        let prefixCommon = true;
        for (let q = a; q < k && prefixCommon; q++) {
          const pw = lowerOf(tokens[q]);
          prefixCommon = isCommonWord(pw) || TITLE_WORDS.has(pw) || DEMONYMS.has(pw);
        }
        let tailNames = true;
        for (let q = k + 1; q < b && tailNames; q++) tailNames = !isCommonWord(lowerOf(tokens[q])) || FIRST_NAMES.has(lowerOf(tokens[q]));
        if (prefixCommon && tailNames) return emit(ctx, k, b, 'PERSON');
        break;
      }
      if (!isCommonWord(w) && !TITLE_WORDS.has(w)) break;
    }
  }
  if (m === 1 && DEMONYMS.has(first)) return; // "Russian": context only
  if (titled || hasPersonCueBefore(tokens, a)) {
    // "General Motors Europe" is a company, not General "Motors Europe"
    if (titled && words.some((w) => ORG_SUFFIXES.has(w))) return emit(ctx, runStart, b, 'ORG');
    if (m >= 2 || !PHRASES.has(first)) return emit(ctx, a, b, 'PERSON');
  }
  if (m === 1 && tokens[a].upper && tokens[a].text.length <= 8 && !/\d/.test(first) && !ctx.docLower.has(first) && !TITLE_WORDS.has(first)) return emit(ctx, a, b, 'ORG');
  if (m >= 2 && m <= 4 && FIRST_NAMES.has(first) && !PHRASES.has(first)) return emit(ctx, a, b, 'PERSON');
  if (m >= 2 && m <= 3 && (knownFullName(last) || fuzzyKnownPerson(words))) return emit(ctx, a, b, 'PERSON');
  if (m === 1 && knownFullName(first)) return emit(ctx, a, b, 'PERSON');

  // Gazetteer pieces inside the run; the leftovers are classified on their own.
  let found = false;
  let segStart = a;
  for (let k = a; k < b; ) {
    const g = matchGazetteer(tokens, k, b);
    if (!g) {
      k++;
      continue;
    }
    found = true;
    if (segStart < k) classifyRun(ctx, segStart, k, false);
    emit(ctx, k, k + g.len, g.entry.type, g.entry.canonical);
    k += g.len;
    segStart = k;
  }
  if (found) {
    if (segStart < b) classifyRun(ctx, segStart, b, false);
    return;
  }
  if (m === 1 && tokens[a].text.includes('-') && splitHyphenated(ctx, a)) return;

  // Unknown: keep with cues for canonical.ts.
  const cand: Candidate = { start: tokens[a].start, end: tokens[b - 1].end, words, type: null };
  cand.prepCue = PLACE_PREPOSITIONS.has(lowerOf(tokens[a - 1]));
  cand.speechCue = SPEECH_VERBS.has(lowerOf(tokens[a - 1])) || SPEECH_VERBS.has(lowerOf(tokens[b]?.text === ',' ? tokens[b + 1] : tokens[b]));
  // apposition: "Claudio De Vincenti, undersecretary to ...", "X, a spokesman for ..."
  if (!cand.speechCue && tokens[b]?.text === ',') {
    const n1 = tokens[b + 1];
    const n2 = n1 && (n1.low === 'a' || n1.low === 'an' || n1.low === 'the') ? tokens[b + 2] : n1;
    cand.speechCue = n2 !== undefined && !n2.cap && (PERSON_CUE_NOUNS.has(n2.low) || n2.low === 'undersecretary' || n2.low === 'deputy');
  }
  cand.givenName = FIRST_NAMES.has(first) || FIRST_NAMES.has(first.slice(0, first.indexOf('-')));
  // "al-Rantisi" is written lower-case but is a name word, not a common word
  cand.commonWord = words.some((w) => !isParticlePrefixed(w) && !NAME_PARTICLES.has(w) && (ctx.docLower.has(w) || COMMON_CAPS.has(w) || PHRASES.has(w) || isCommonWord(w)));
  ctx.out.push(cand);
}

/** A common English word that is not also a given name ("Mark", "Will" stay possible names). */
const isCommonWord = (w: string): boolean => COMMON_WORDS.has(w) && !FIRST_NAMES.has(w);

function wholeGazetteer(tokens: Token[], a: number, b: number): GazEntry | null {
  const g = matchGazetteer(tokens, a, b);
  return g && g.len === b - a ? g.entry : null;
}

/** "spokesman, Zhao Lijian", "counterpart Xi Jinping", "(Chinese President) Xi Jinping". */
function hasPersonCueBefore(tokens: Token[], a: number): boolean {
  let k = a - 1;
  while (k >= 0 && tokens[k].kind === Kind.Punct && (tokens[k].text === ',' || tokens[k].text === ')' || tokens[k].text === '(')) k--;
  if (k < 0 || tokens[k].kind !== Kind.Word) return false;
  const w = lowerOf(tokens[k]);
  // "Mr Wang" ("Mr" never joins a run), "(Chinese President) Xi Jinping"
  return PERSON_CUE_NOUNS.has(w) || (k === a - 1 && HONORIFICS.has(w) && !tokens[k].upper) || (tokens[k].cap && TITLE_WORDS.has(w) && k === a - 2 && tokens[a - 1].text === ')');
}

/**
 * "China-Russia" -> China, Russia; "US-led" -> US. Each capitalized part must be a gazetteer
 * entry or a demonym (which emits nothing), otherwise the token is left alone.
 */
function splitHyphenated(ctx: Ctx, i: number): boolean {
  const t = ctx.tokens[i];
  const parts: Array<{ s: number; e: number; entry?: GazEntry }> = [];
  let s = 0;
  for (let k = 0; k <= t.text.length; k++) {
    if (k < t.text.length && t.text[k] !== '-') continue;
    const part = t.text.slice(s, k);
    const c = part[0] ?? '';
    if (c && c !== c.toLowerCase()) {
      const entry = PHRASES.get(normWord(part));
      const okCase = entry && (entry.exact === undefined || entry.exact === part);
      if (okCase) parts.push({ s, e: k, entry });
      else if (!DEMONYMS.has(normWord(part))) return false;
    }
    s = k + 1;
  }
  for (const p of parts) {
    ctx.out.push({ start: t.start + p.s, end: t.start + p.e, words: [normWord(t.text.slice(p.s, p.e))], type: p.entry!.type, canonical: p.entry!.canonical });
  }
  return parts.length > 0;
}

function emit(ctx: Ctx, a: number, b: number, type: EntityType, canonical?: string): void {
  const words: string[] = [];
  for (let k = a; k < b; k++) if (ctx.tokens[k].kind === Kind.Word) words.push(lowerOf(ctx.tokens[k]));
  ctx.out.push({ start: ctx.tokens[a].start, end: ctx.tokens[b - 1].end, words, type, canonical, prev: a > 0 ? lowerOf(ctx.tokens[a - 1]) : undefined });
}

/**
 * Headline-like lines: at least 3 content words, 75%+ of them capitalized (all but one when the
 * line is long or ends with a period) ("Iraqi Resistance Hits
 * Electricity Generation Station in Tel Aviv"), or an all-caps line. Returns a per-token flag.
 */
function markHeadlines(tokens: Token[]): Uint8Array {
  const flags = new Uint8Array(tokens.length);
  let lineStart = 0;
  for (let i = 0; i <= tokens.length; i++) {
    if (i < tokens.length && !(tokens[i].nl && i > lineStart)) continue;
    let content = 0;
    let caps = 0;
    let upper = 0;
    for (let k = lineStart; k < i; k++) {
      const t = tokens[k];
      if (t.kind !== Kind.Word || TITLE_CASE_MINOR.has(t.text.toLowerCase())) continue;
      content++;
      if (t.cap) caps++;
      if (t.upper) upper++;
    }
    // Long lines and lines ending in a period are sentences unless at most one content word is
    // lower-case ("X with Y in Paris on November 14.", "The Harbin Company hired Liang Wenhao.").
    const last = tokens[i - 1];
    const sentence = content > 10 || (last !== undefined && last.kind === Kind.Punct && last.text === '.');
    if ((content >= 3 && (sentence ? content - caps <= 1 : caps >= 0.75 * content)) || (content >= 2 && upper === content)) flags.fill(1, lineStart, i);
    lineStart = i;
  }
  return flags;
}
