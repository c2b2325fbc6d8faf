/**
 * English mentions from the learned tagger (model/), with what the rule tagger got right kept on
 * top: MONEY amounts (money.ts), gazetteer aliases and canonical names within the document
 * (canonical.ts), titles and possessives outside spans.
 *
 * The model tags PER, ORG, LOC and MISC as CoNLL-2003 annotates them; LOC is PLACE here, and MISC
 * spans (nationalities, events, works) are dropped: they are no column's type, and tagging them as
 * MISC is what keeps "German" or "Olympics" from becoming a person, organisation or place.
 * In a caseless line (an all-caps or title-case headline) a span loses edge words that the
 * unlabeled news nearly never capitalizes mid-sentence ("Raisi Urges" -> "Raisi").
 * One rule stays from the rule tagger: a hyphenated word the model left alone (or read as MISC,
 * "US-led") whose capitalized parts are all gazetteer names or demonyms yields those names
 * ("China-Russia" -> China, Russia).
 */
import type { DocBudget } from '../../pipeline/budget.js';
import type { EntityType, Mention } from '../../pipeline/doc.js';
import { tokenize, Kind, type Token } from './tokenize.js';
import { matchMoney } from './money.js';
import { PHRASES, DEMONYMS, normWord, type GazEntry } from './gazetteer.js';
import { TITLE_WORDS, HONORIFICS, MONTHS } from './lexicon.js';
import { resolveMentions } from './canonical.js';
import type { Candidate } from './tagger.js';
import type { ModelSpan, SequenceTagger } from './model/tagger.js';
import { gazetteerPhrase, type DocFeatures } from './model/features.js';

const MODEL_TYPES: Array<EntityType | null> = ['PERSON', 'ORG', 'PLACE', null];

export function learnedMentions(text: string, tagger: SequenceTagger, budget?: DocBudget): Mention[] {
  const tokens = tokenize(text);
  const n = tokens.length;
  // the money and tagged flags share a buffer: a typed array's own buffer costs about a microsecond
  const flags = new Uint8Array(2 * n);
  const cands: Candidate[] = [];
  const money = moneyCandidates(tokens, flags.subarray(0, n));
  cands.push(...money.cands);
  const model = tagger.tagDocument(tokens, budget);
  const named = consistentTypes(tokens, wholeGazetteerNames(tokens, model.spans, model.features.gazetteer));
  const spans = agencies(tokens, withoutCommonNouns(tokens, named, model.features));
  const tagged = flags.subarray(n);
  for (const s of spans) if (MODEL_TYPES[s.type]) tagged.fill(1, s.firstToken, s.endToken);
  tokens.forEach((t, i) => {
    if (t.kind === Kind.Word && !tagged[i] && !money.covered[i] && t.text.includes('-')) cands.push(...hyphenatedNames(t));
  });
  for (const span of spans) {
    const type = MODEL_TYPES[span.type];
    if (!type) continue;
    const one = tokens[span.firstToken];
    if (span.endToken - span.firstToken === 1 && one.text.includes('-')) {
      // "China-Russia" read as one place: the places it names
      const parts = hyphenatedNames(one);
      if (parts.length > 1) {
        cands.push(...parts);
        continue;
      }
    }
    let a = span.firstToken;
    let b = span.endToken;
    // in a caseless line, words the news almost never capitalizes mid-sentence ("Urges", "Hits")
    // are not the edge of a name
    while (a < b && isCommonCaseless(model.features, a)) a++;
    while (b > a && isCommonCaseless(model.features, b - 1)) b--;
    if (type === 'PERSON') while (a < b - 1 && isTitle(tokens[a])) a++;
    if (type !== 'PERSON') b = withoutTrailingMonths(tokens, a, b);
    while (b > a && tokens[b - 1].kind !== Kind.Word && tokens[b - 1].kind !== Kind.Num) b--;
    while (a < b && tokens[a].kind === Kind.Punct) a++;
    if (a >= b || overlapsMoney(money.covered, a, b)) continue;
    cands.push(candidate(tokens, a, b, type));
  }
  return resolveMentions(text, cands);
}

/** News agencies, by the one word they sign and credit wire copy with ("Reuter", as Reuters' copy of the 1980s ends). */
const AGENCIES = new Set(['reuter', 'reuters', 'ap', 'afp', 'upi', 'dpa', 'ansa', 'efe', 'xinhua', 'tass', 'itar-tass', 'kyodo', 'yonhap', 'bernama', 'pti', 'ians', 'anp', 'belga', 'pap', 'mti', 'ctk']);
const ORG_TYPE = MODEL_TYPES.indexOf('ORG');
const SENTENCE_END = new Set(['.', '!', '?', '"', '\u201d', "'"]);

/**
 * A news agency named by its one word is an organisation (the model, not knowing "Reuter", makes
 * a person of it), and its name as the story's last word, alone on its line or after the last
 * sentence, is its sign-off: a credit, no mention (it would top every count of a wire archive).
 */
export function agencies(tokens: Token[], spans: ModelSpan[]): ModelSpan[] {
  const last = tokens.length - 1;
  const signOff = last >= 0 && AGENCIES.has(tokens[last].low) && (tokens[last].nl || last === 0 || SENTENCE_END.has(tokens[last - 1].text));
  return spans
    .filter((s) => !(signOff && s.firstToken <= last && last < s.endToken))
    .map((s) => (s.endToken - s.firstToken === 1 && AGENCIES.has(tokens[s.firstToken].low) && s.type !== ORG_TYPE ? { ...s, type: ORG_TYPE } : s));
}

/**
 * The document's own writing decides a one-word name: a word it writes in lower case more often
 * than capitalized (outside caseless lines), and that news in general does not mostly
 * capitalize, is a common noun wherever it is capitalized
 * ("Iodine deficiency is..." in an article that says "iodine" throughout). Acronyms and words
 * inside longer names are left alone: "IQ", "National Iodine Nutrition Study".
 */
export function withoutCommonNouns(tokens: Token[], spans: ModelSpan[], features: DocFeatures): ModelSpan[] {
  const suspect = (s: ModelSpan) =>
    s.endToken - s.firstToken === 1 && !tokens[s.firstToken].upper && (features.infos[s.firstToken]?.capBin ?? 0) <= MAX_CAP_BIN;
  // only the words of suspect spans are counted (most documents have none)
  const counts = new Map<string, { lower: number; capital: number }>();
  for (const s of spans) if (suspect(s)) counts.set(tokens[s.firstToken].low, { lower: 0, capital: 0 });
  if (counts.size === 0) return spans;
  tokens.forEach((t, i) => {
    const c = t.kind === Kind.Word && !t.upper && !features.caseless[i] ? counts.get(t.low) : undefined;
    if (!c) return;
    if (t.cap) c.capital++;
    else if (t.text === t.low) c.lower++;
  });
  return spans.filter((s) => {
    if (!suspect(s)) return true;
    const c = counts.get(tokens[s.firstToken].low)!;
    return c.lower < MIN_LOWER_WRITINGS || c.lower <= c.capital;
  });
}

/** Lower-case writings of a word that make its capitalized one-word spans common nouns. */
const MIN_LOWER_WRITINGS = 2;
/**
 * Only for words the unlabeled news capitalizes mid-sentence less than half the time, or too
 * rarely seen to tell (word-stats.ts bins): a name such as "Venezuela" stays a name in a text
 * written all in lower case (some Reuters wires are).
 */
const MAX_CAP_BIN = 3;

/** A word of a caseless line that the unlabeled news writes in lower case nearly always (word-stats.ts bin 1). */
function isCommonCaseless(features: DocFeatures, i: number): boolean {
  return features.caseless[i] === 1 && features.infos[i]?.capBin === 1;
}

const MONTH_JOINERS = new Set(['/', '-', '&', 'and', 'or']);
const isMonth = (t: Token): boolean => t.cap && MONTHS.has(lowerOf(t));

/**
 * Months at the end of a place's or organisation's span are a date next to the name, not part of
 * it: commodity and futures copy writes "New York May", "London Sept and Oct/Dec" (contract
 * months). A span made only of months goes too. Persons keep theirs ("Theresa May").
 */
function withoutTrailingMonths(tokens: Token[], a: number, b: number): number {
  while (b > a && isMonth(tokens[b - 1])) {
    b--;
    while (b - 1 > a && MONTH_JOINERS.has(tokens[b - 1].low) && isMonth(tokens[b - 2])) b--;
  }
  return b;
}

/** "President", "Mr.", "Dr": a title the model left at the start of a person's span. */
function isTitle(t: Token): boolean {
  const w = t.low.endsWith('.') ? t.low.slice(0, -1) : t.low;
  return t.kind === Kind.Word && (TITLE_WORDS.has(w) || HONORIFICS.has(w));
}

/** "China-Russia" -> China, Russia; "US-led" -> US; nothing unless every capitalized part is known. */
function hyphenatedNames(t: Token): Candidate[] {
  const out: Candidate[] = [];
  let from = 0;
  for (const part of t.text.split('-')) {
    const at = from;
    from += part.length + 1;
    if (!part || part[0] === part[0].toLowerCase()) continue;
    const entry = PHRASES.get(normWord(part));
    if (entry && (entry.exact === undefined || entry.exact === part)) {
      out.push({ start: t.start + at, end: t.start + at + part.length, words: [normWord(part)], type: entry.type, canonical: entry.canonical });
    } else if (!DEMONYMS.has(normWord(part))) return [];
  }
  return out;
}

/** MONEY candidates, and their tokens marked in `covered` (zeros, one per token). */
function moneyCandidates(tokens: Token[], covered: Uint8Array): { cands: Candidate[]; covered: Uint8Array } {
  const cands: Candidate[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === Kind.Word && t.text !== 'US' && t.text !== 'A' && t.text !== 'C' && t.text !== 'HK') continue;
    const m = matchMoney(tokens, i);
    if (!m) continue;
    cands.push({ start: m.start, end: m.end, words: [], type: 'MONEY', canonical: m.canonical });
    covered.fill(1, i, m.lastToken + 1);
    i = m.lastToken;
  }
  return { cands, covered };
}

function overlapsMoney(covered: Uint8Array, a: number, b: number): boolean {
  for (let k = a; k < b; k++) if (covered[k]) return true;
  return false;
}

const lowerOf = (t: Token): string => (t.low.length >= 3 && t.low.length <= 6 && t.low.endsWith('.') && t.low.indexOf('.') === t.low.length - 1 ? t.low.slice(0, -1) : t.low);

function candidate(tokens: Token[], a: number, b: number, type: EntityType): Candidate {
  const words: string[] = [];
  let key = '';
  for (let k = a; k < b; k++) {
    if (tokens[k].kind === Kind.Word) words.push(lowerOf(tokens[k]));
    key = k === a ? tokens[k].low : key + ' ' + tokens[k].low;
  }
  const entry = gazetteerEntry(tokens, a, b, key);
  return { start: tokens[a].start, end: tokens[b - 1].end, words, type, canonical: entry?.canonical, prev: a > 0 ? lowerOf(tokens[a - 1]) : undefined };
}

/** The gazetteer's entry for exactly this span (acronyms only in their own letter case). */
function gazetteerEntry(tokens: Token[], a: number, b: number, key: string): GazEntry | undefined {
  const entry = PHRASES.get(key);
  if (!entry || entry.exact === undefined) return entry;
  let surface = tokens[a].text;
  for (let k = a + 1; k < b; k++) surface += (tokens[k].space ? ' ' : '') + tokens[k].text;
  return entry.exact === surface ? entry : undefined;
}

const PER = 0;
/** Model type -> gazetteer list type (features.ts gazetteerPhrase): PER -> PERSON, ORG -> ORG, LOC -> PLACE. */
const GAZETTEER_LIST = [2, 1, 0];

/**
 * A span inside a longer gazetteer name of the same type, whose other words the model left
 * untagged, becomes the whole name ("Xi" in a title-case headline "... As Xi Jinping Visits ...").
 */
export function wholeGazetteerNames(tokens: Token[], spans: ModelSpan[], codes: Uint8Array): ModelSpan[] {
  // tokens in a span, marked only once a span may grow (most documents have none that does)
  let covered: Uint8Array | undefined;
  const spanTokens = (): Uint8Array => {
    const marks = new Uint8Array(codes.length);
    for (const s of spans) marks.fill(1, s.firstToken, s.endToken);
    return marks;
  };
  return spans.map((s) => {
    const phrase = gazetteerPhrase(codes, s.firstToken);
    if (!phrase || phrase.type !== GAZETTEER_LIST[s.type] || phrase.start > s.firstToken || phrase.end < s.endToken) return s;
    if (phrase.start === s.firstToken && phrase.end === s.endToken) return s;
    covered ??= spanTokens();
    for (let k = phrase.start; k < phrase.end; k++) if (covered[k] && (k < s.firstToken || k >= s.endToken)) return s;
    covered.fill(1, phrase.start, phrase.end);
    return { ...s, firstToken: phrase.start, endToken: phrase.end, start: tokens[phrase.start].start, end: tokens[phrase.end - 1].end };
  });
}

/**
 * One type per name in a document: the model reads each mention in its own sentence, and a name
 * it sees ten times may get two types ("Scientology" as an organisation and, in a short sentence,
 * as a person). Every mention of the same words (case folded) takes the type most of them got
 * (MISC counts: a name mostly read as MISC is dropped everywhere); on a tie each keeps its own.
 * Then a one-word mention that is the last word of a longer person's name in the document
 * ("Jafari" after "Amneh Jafari") is that person.
 */
export function consistentTypes(tokens: Token[], spans: ModelSpan[]): ModelSpan[] {
  const keyOf = (s: ModelSpan) => {
    let key = tokens[s.firstToken].low;
    for (let k = s.firstToken + 1; k < s.endToken; k++) key += ' ' + tokens[k].low;
    return key;
  };
  const votes = new Map<string, number[]>();
  const keys = spans.map(keyOf);
  spans.forEach((s, k) => {
    let v = votes.get(keys[k]);
    if (!v) votes.set(keys[k], (v = [0, 0, 0, 0]));
    v[s.type]++;
  });
  const familyNames = new Set<string>();
  for (const s of spans) if (s.type === PER && s.endToken - s.firstToken >= 2) familyNames.add(tokens[s.endToken - 1].low);
  return spans.map((s, k) => {
    const v = votes.get(keys[k])!;
    let best = s.type;
    for (let t = 0; t < v.length; t++) if (v[t] > v[best]) best = t;
    if (s.endToken - s.firstToken === 1 && familyNames.has(keys[k])) best = PER;
    return best === s.type ? s : { ...s, type: best };
  });
}

