/**
 * Canonical names within one document, and resolution of still-unknown candidates.
 *
 * Policy (in order):
 * 1. Gazetteer entries carry their canonical name: aliases map to it ("U.S." -> "United States",
 *    "North Atlantic Alliance" -> "NATO"). For organisations best known by an acronym (NATO,
 *    BRICS, UN, EU, WHO, IMF, G20...) the acronym is canonical; otherwise the full name is.
 * 2. A person name with a misspelt given name (edit distance 1) of a well-known person takes the
 *    known name ("Vladmir Putin" -> "Vladimir Putin").
 * 3. Acronyms defined in the text, "Full Name (FN)": FN links to the full name, unless FN is a
 *    known acronym, in which case the full name links to FN's gazetteer canonical.
 * 4. Short forms link to the longest same-type name in the document that contains them as
 *    contiguous words ("Putin" -> "Vladimir Putin", "Xi" -> "Xi Jinping"); failing that, a known
 *    family name links through the gazetteer of well-known people. A one-word city or region
 *    that is the family name of a person named earlier ("Hugh Dallas ... Dallas") is that person.
 * 5. Unknown candidates take the type their name has elsewhere in the document, else a cue
 *    ("said X" / "X, a spokesman" -> PERSON, "in X" -> PLACE, given name -> PERSON); single
 *    unknown words with no cue are dropped unless repeated 3+ times (then DEFAULT_UNKNOWN_TYPE);
 *    two or three words none of which is a common word (in the document or common-words.ts)
 *    become PERSON; other multi-word runs with no rule and no cue ("Science Fair") are dropped.
 * Every mention gets `entityId` = `<type>:<canonical>` (see entityIdFor), the same for a name in
 * every document.
 * Titles, possessives and punctuation are never in a span, so the surface (whitespace collapsed,
 * ’ folded to ') is the canonical name when nothing above applies.
 */
import type { EntityType, Mention } from '../../pipeline/doc.js';
import { knownFullName, fuzzyKnownPerson, COUNTRY_NAMES } from './gazetteer.js';
import type { Candidate } from './tagger.js';

/** Multi-word capitalized runs no rule explained (measured on GUM news: see the stage report). */
export const DEFAULT_UNKNOWN_TYPE: EntityType | null = 'ORG';

export function cleanName(surface: string): string {
  if (isClean(surface)) return surface;
  return surface.replace(/[\s\u00a0]+/g, ' ').replace(/\u2019/g, "'").trim();
}

/**
 * Whether cleanName would return `surface` unchanged: ASCII with single inner spaces and no
 * other whitespace, as nearly every name is (the regular expressions are then skipped).
 */
function isClean(surface: string): boolean {
  const n = surface.length;
  if (n === 0 || surface.charCodeAt(0) === 32 || surface.charCodeAt(n - 1) === 32) return false;
  for (let k = 0; k < n; k++) {
    const c = surface.charCodeAt(k);
    if (c > 127 || (c >= 9 && c <= 13)) return false;
    if (c === 32 && surface.charCodeAt(k + 1) === 32) return false;
  }
  return true;
}

/** Candidates (any order) -> mentions sorted by start, non-overlapping, with canonical names. */
export function resolveMentions(text: string, cands: Candidate[]): Mention[] {
  cands.sort((x, y) => x.start - y.start);
  // cleaned once: every step below looks candidates up by name
  const names = cands.map((c) => cleanName(text.slice(c.start, c.end)));
  const canon: Array<string | undefined> = cands.map((c) => c.canonical);

  // 2. misspelt well-known people
  cands.forEach((c, k) => {
    if (canon[k] === undefined && c.type === 'PERSON' && c.words.length >= 2) canon[k] = fuzzyKnownPerson(c.words);
  });

  // 3. acronyms defined in the text: <full> ( <ACR> )
  const acronymTo = new Map<string, { canonical: string; type: EntityType | null }>();
  for (let k = 0; k + 1 < cands.length; k++) {
    const full = cands[k];
    const acr = cands[k + 1];
    if (full.words.length < 2 || acr.words.length !== 1) continue;
    const between = text.slice(full.end, acr.start).trim();
    if (between !== '(' || text[acr.end] !== ')') continue;
    const acrText = names[k + 1];
    if (!isAcronymOf(acrText, full.words)) continue;
    if (canon[k + 1] !== undefined) {
      canon[k] = canon[k + 1];
      full.type = acr.type;
    } else {
      const target = canon[k] ?? names[k];
      acronymTo.set(acrText, { canonical: target, type: full.type ?? DEFAULT_UNKNOWN_TYPE });
    }
  }
  cands.forEach((c, k) => {
    const def = canon[k] === undefined ? acronymTo.get(names[k]) : undefined;
    if (def) {
      canon[k] = def.canonical;
      c.type = def.type;
    }
  });

  // 5a. unknowns take the type their exact name has elsewhere in the document
  const typeOfName = new Map<string, EntityType>();
  cands.forEach((c, k) => {
    if (c.type && c.type !== 'MONEY') typeOfName.set(names[k], c.type);
  });
  cands.forEach((c, k) => {
    if (c.type === null) c.type = typeOfName.get(names[k]) ?? null;
  });

  // 5b. unknown multi-word names by cue first, so they can serve as full names in step 4
  for (const c of cands) if (c.type === null && c.words.length >= 2) c.type = typeByCue(c);

  // 4. short forms -> longest containing name of the same type in the document
  const fulls: FullName[] = [];
  const byCanonical = new Map<string, FullName>();
  cands.forEach((c, k) => {
    if (c.type !== 'PERSON' || c.words.length < 2) return;
    const cn = canon[k] ?? names[k];
    const f = byCanonical.get(cn);
    if (f) f.count++;
    else {
      const words = cn.toLowerCase().split(' ');
      const entry = { words, canonical: cn, type: c.type, count: 1, first: k };
      byCanonical.set(cn, entry);
      fulls.push(entry);
    }
  });
  const shortForms = new ShortFormIndex(fulls);
  cands.forEach((c, k) => {
    if (canon[k] !== undefined || (c.type !== 'PERSON' && c.type !== null) || c.words.length === 0) return;
    const best = shortForms.find(c.words);
    if (best) {
      canon[k] = best.canonical;
      c.type = best.type;
    } else if (c.words.length === 1 && (c.type === 'PERSON' || c.speechCue || c.givenName)) {
      const known = knownFullName(c.words[0]);
      if (known) {
        canon[k] = known;
        c.type = 'PERSON';
      }
    }
  });

  // 4b. a one-word city or region that is the family name of a person named earlier in the
  // document is that person ("Hugh Dallas ... Dallas said"); countries stay places ("James
  // Ireland" does not make "Ireland" a person)
  const familyNames = new Map<string, { canonical: string; first: number }>();
  for (const f of fulls) {
    const last = f.words[f.words.length - 1];
    if (!familyNames.has(last)) familyNames.set(last, { canonical: f.canonical, first: cands[f.first].start });
  }
  cands.forEach((c, k) => {
    if (c.type !== 'PLACE' || c.words.length !== 1 || canon[k] === undefined || COUNTRY_NAMES.has(canon[k]!)) return;
    const f = familyNames.get(c.words[0]);
    if (f && f.first < c.start) {
      canon[k] = f.canonical;
      c.type = 'PERSON';
    }
  });

  // 5b. remaining unknown single words by cue
  const unknownCount = new Map<string, number>();
  cands.forEach((c, k) => {
    if (c.type === null) unknownCount.set(names[k], (unknownCount.get(names[k]) ?? 0) + 1);
  });
  cands.forEach((c, k) => {
    if (c.type !== null || c.words.length !== 1) return;
    // A capitalized word the document keeps repeating ("Scientology") is a name even without a cue.
    c.type = typeByCue(c) ?? ((unknownCount.get(names[k]) ?? 0) >= 3 && !c.commonWord ? DEFAULT_UNKNOWN_TYPE : null);
  });

  const out: Mention[] = [];
  let lastEnd = -1;
  cands.forEach((c, k) => {
    if (c.type === null || c.start < lastEnd || c.end <= c.start) return;
    const surface = text.slice(c.start, c.end);
    const entity = canon[k] ?? cleanName(surface);
    out.push({ entity, entityId: entityIdFor(c.type, entity), type: c.type, surface, start: c.start, end: c.end });
    lastEnd = c.end;
  });
  return out;
}

/**
 * Id of an entity across documents: `<type>:<canonical name>` lower-cased, whitespace -> `_`
 * ("person:vladimir_putin", "place:russia", "org:nato"). Gazetteer aliases already resolved to
 * the gazetteer's canonical name, so every alias gets the gazetteer entry's id; other names get
 * the same id the tables would derive (pipeline/tables.ts entityIdOf), so one canonical name is
 * one id in every document.
 */
export function entityIdFor(type: EntityType, canonical: string): string {
  // ASCII is its own NFKC form
  const normal = isAscii(canonical) ? canonical : canonical.normalize('NFKC');
  return `${type.toLowerCase()}:${normal.toLowerCase().replace(/\s+/g, '_')}`;
}

function isAscii(s: string): boolean {
  for (let k = 0; k < s.length; k++) if (s.charCodeAt(k) > 127) return false;
  return true;
}

function typeByCue(c: Candidate): EntityType | null {
  if (c.speechCue) return 'PERSON';
  if (c.prepCue) return 'PLACE';
  if (c.givenName) return 'PERSON';
  if (c.words.length < 2) return null;
  // Two or three title-case words none of which is a common word (in this document or in the
  // common-word list) look like a personal name ("Nick Moreau", "Tiziano Lugli"); other runs with
  // no rule and no cue ("Science Fair", "Space Shuttle Program") are titles of things: dropped.
  return c.commonWord || c.words.length > 3 ? null : 'PERSON';
}

interface FullName { words: string[]; canonical: string; type: EntityType; count: number; first: number }

/** Short forms longer than this many words are looked for by scanning the (few) names that long. */
const MAX_INDEXED_RUN = 8;

/**
 * For each run of contiguous words of a person's full name, shorter than the name, the full name
 * a short form made of those words links to: the longest containing it, then the most mentioned,
 * then the first. A map, so linking every short form of a long document stays linear in its
 * length (scanning every full name for every short form grew with its square).
 */
class ShortFormIndex {
  private readonly best = new Map<string, FullName>();
  private readonly long: FullName[] = [];

  constructor(fulls: FullName[]) {
    for (const f of fulls) {
      const words = f.words.map(stripArticle);
      const longest = Math.min(words.length - 1, MAX_INDEXED_RUN);
      for (let len = 1; len <= longest; len++) {
        for (let s = 0; s + len <= words.length; s++) this.offer(words.slice(s, s + len).join('\u0000'), f);
      }
      if (words.length - 1 > MAX_INDEXED_RUN) this.long.push(f);
    }
  }

  find(needle: string[]): FullName | undefined {
    if (needle.length <= MAX_INDEXED_RUN) return this.best.get(needle.map(stripArticle).join('\u0000'));
    let best: FullName | undefined;
    for (const f of this.long) {
      if (f.words.length > needle.length && containsRun(f.words, needle) && isBetter(f, best)) best = f;
    }
    return best;
  }

  private offer(key: string, f: FullName): void {
    if (isBetter(f, this.best.get(key))) this.best.set(key, f);
  }
}

const isBetter = (f: FullName, best: FullName | undefined): boolean =>
  !best || f.words.length > best.words.length || (f.words.length === best.words.length && f.count > best.count);

/** True if `needle` occurs as contiguous words in `hay`. */
function containsRun(hay: string[], needle: string[]): boolean {
  outer: for (let s = 0; s + needle.length <= hay.length; s++) {
    for (let k = 0; k < needle.length; k++) if (!sameNameWord(hay[s + k], needle[k])) continue outer;
    return true;
  }
  return false;
}

/** "al-assad" matches "assad": Arabic article prefixes are optional in short forms. */
function sameNameWord(a: string, b: string): boolean {
  return a === b || stripArticle(a) === stripArticle(b);
}
const stripArticle = (w: string): string => (w.startsWith('al-') || w.startsWith('el-') ? w.slice(3) : w);

/** "NATO" vs ["north","atlantic","treaty","organization"]: initials of the capitalized words. */
function isAcronymOf(acr: string, words: string[]): boolean {
  const letters = acr.replace(/[^A-Za-z]/g, '').toUpperCase();
  if (letters.length < 2) return false;
  const all = words.map((w) => w[0].toUpperCase()).join('');
  const content = words.filter((w) => !['of', 'for', 'the', 'and', 'on', 'in', 'de'].includes(w)).map((w) => w[0].toUpperCase()).join('');
  return letters === all || letters === content;
}
