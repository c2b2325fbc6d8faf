/**
 * Lookup tables built once at module load from the data modules. Keys are token sequences as the
 * tokenizer produces them, lower-cased, typographic apostrophes folded to ASCII, joined by one
 * space ("people 's daily", "u.s.", "asia-pacific economic cooperation").
 */
import type { EntityType } from '../../pipeline/doc.js';
import { COUNTRY_RECORDS, CITY_NAMES, REGION_NAMES, PLACE_ALIAS_RECORDS } from './places.js';
import { ORG_RECORDS } from './orgs.js';
import { FIRST_NAME_LIST, KNOWN_PEOPLE_LIST, SURNAME_FIRST } from './people.js';
import { tokenize, normWord } from './tokenize.js';

export interface GazEntry {
  type: EntityType;
  canonical: string;
  /** Acronym-like entries ("WHO", "US") only match with the same letter case. */
  exact?: string;
}

export { normWord };

export function keyOf(name: string): string {
  return tokenize(name)
    .map((t) => normWord(t.text))
    .join(' ');
}

export const PHRASES = new Map<string, GazEntry>();
/** Every proper prefix of a PHRASES key at a token boundary ("united", "united states of"). */
export const PHRASE_PREFIXES = new Set<string>();
export let MAX_PHRASE_TOKENS = 1;

function add(name: string, type: EntityType, canonical: string): void {
  const toks = tokenize(name);
  const key = toks.map((t) => normWord(t.text)).join(' ');
  if (PHRASES.has(key)) return; // first (more specific list) wins
  for (let k = 1, pre = ''; k < toks.length; k++) {
    pre = k === 1 ? normWord(toks[0].text) : pre + ' ' + normWord(toks[k - 1].text);
    PHRASE_PREFIXES.add(pre);
  }
  const letters = name.replace(/[^A-Za-z]/g, '');
  const isAcronym = letters.length >= 2 && letters === letters.toUpperCase() && !name.includes(' ');
  PHRASES.set(key, isAcronym ? { type, canonical, exact: name } : { type, canonical });
  if (toks.length > MAX_PHRASE_TOKENS) MAX_PHRASE_TOKENS = toks.length;
}

/** Canonical names of countries (and UK nations): the names a national sports team goes by. */
export const COUNTRY_NAMES = new Set(COUNTRY_RECORDS.map((c) => c.name));

/** Lower-cased demonym/adjectival -> country ("russian" -> "Russia"). */
export const DEMONYMS = new Map<string, string>();

for (const c of COUNTRY_RECORDS) {
  add(c.name, 'PLACE', c.name);
  for (const a of c.aliases) add(a, 'PLACE', c.name);
  for (const d of c.demonyms) DEMONYMS.set(d.toLowerCase(), c.name);
}
for (const [canonical, aliases] of ORG_RECORDS) {
  add(canonical, 'ORG', canonical);
  for (const a of aliases) add(a, 'ORG', canonical);
}
for (const [canonical, aliases] of PLACE_ALIAS_RECORDS) {
  add(canonical, 'PLACE', canonical);
  for (const a of aliases) add(a, 'PLACE', canonical);
}
for (const n of CITY_NAMES) add(n, 'PLACE', n);
for (const n of REGION_NAMES) add(n, 'PLACE', n);

export const FIRST_NAMES = new Set(FIRST_NAME_LIST.map((n) => n.toLowerCase()));

export interface KnownPerson {
  full: string;
  tokens: string[]; // lower-cased
}
export const KNOWN_PEOPLE: KnownPerson[] = [];
/** Lower-cased short form (family name) -> known full names that it may stand for. */
export const SHORT_FORM_INDEX = new Map<string, string[]>();

function indexShort(short: string, full: string): void {
  const list = SHORT_FORM_INDEX.get(short);
  if (!list) SHORT_FORM_INDEX.set(short, [full]);
  else if (!list.includes(full)) list.push(full);
}

for (const full of KNOWN_PEOPLE_LIST) {
  const tokens = tokenize(full).map((t) => normWord(t.text));
  // A second spelling of a listed person ("Sergei Lavrov" after "Sergey Lavrov", "Zelenskyy") is
  // an alias of the first one, not another person.
  const same = KNOWN_PEOPLE.find((p) => p.tokens.length === tokens.length && p.tokens.reduce((d, w, k) => d + editDistance(w, tokens[k], 3), 0) <= 2);
  if (same) {
    add(full, 'PERSON', same.full);
    continue;
  }
  add(full, 'PERSON', full);
  KNOWN_PEOPLE.push({ full, tokens });
  if (tokens.length < 2) continue;
  if (SURNAME_FIRST.has(tokens[0])) indexShort(tokens[0], full);
  else indexShort(tokens[tokens.length - 1], full);
}

/** The single known full name a one-token short form stands for, or undefined if none/ambiguous. */
export function knownFullName(shortLower: string): string | undefined {
  const list = SHORT_FORM_INDEX.get(shortLower);
  return list && list.length === 1 ? list[0] : undefined;
}

/**
 * A known full name within one edit of a multi-token person name whose last token matches
 * exactly ("Vladmir Putin" -> "Vladimir Putin"). Only the given names may differ.
 */
export function fuzzyKnownPerson(tokensLower: string[]): string | undefined {
  if (tokensLower.length < 2) return undefined;
  const last = tokensLower[tokensLower.length - 1];
  let found: string | undefined;
  for (const p of KNOWN_PEOPLE) {
    if (p.tokens.length !== tokensLower.length || p.tokens[p.tokens.length - 1] !== last) continue;
    let edits = 0;
    for (let k = 0; k < p.tokens.length - 1 && edits <= 1; k++) edits += editDistance(p.tokens[k], tokensLower[k], 2);
    if (edits <= 1) {
      if (found && found !== p.full) return undefined; // ambiguous
      found = p.full;
    }
  }
  return found;
}

/** Levenshtein distance, giving up (returning cap) once it exceeds cap-1. */
export function editDistance(a: string, b: string, cap: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) >= cap) return cap;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (cur[j] < rowMin) rowMin = cur[j];
    }
    if (rowMin >= cap) return cap;
    [prev, cur] = [cur, prev];
  }
  return Math.min(prev[b.length], cap);
}
