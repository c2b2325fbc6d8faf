/**
 * Which documents the English model may tag.
 *
 * The `language` stage sets `doc.language` when it runs; its code decides (null: it could not
 * tell, so the check below decides). Without it (a document from an older checkpoint, a unit test)
 * the check below decides on its own: English unless the text shows another language. Evidence is
 * counted, not required, because short English texts such as sports results tables have few
 * function words:
 * - mostly non-Latin letters (Cyrillic, Arabic, CJK, ...): not English;
 * - more function words of German, French, Spanish, Italian, Portuguese or Dutch than of English,
 *   and at least two, or one with no English one beside accented letters (a one-line French
 *   page): that language. The lists leave out words that are also English ("met",
 *   "door", "per", "pour", "sin", "hat", "van") or common in names written in English ("Los
 *   Angeles", "La Paz", "al-Qaeda", "de Gaulle", "Di Maria");
 * - letters with diacritics over 3% of the letters of a text long enough to tell ("ä", "é", "ñ" are
 *   rare in English news; Polish, Czech or Turkish text has several in a hundred letters): not
 *   English, language unknown.
 */
import type { Doc } from '../../pipeline/doc.js';

const FUNCTION_WORDS: Record<string, string> = {
  en: 'the of and to is was that for with are were have has been from this which by not but they their would will there what about who',
  de: 'der die und das nicht ist sich mit den ein eine auf dem zu für auch es sie ich wir werden wird sind im bei aus nach noch wie über oder aber vor zur zum haben dass kann einen einer durch sehr schon diese wurde',
  fr: 'les et des une du que qui dans pas sur au avec ce il elle sont ont mais ou nous vous leur été cette aux être fait comme',
  es: 'del que en por con una es se lo su más pero como sus ya fue este sobre entre también cuando muy desde está',
  it: 'il che è una sono della gli del nel alla anche più dei delle questo ma ci essere stato',
  pt: 'os das dos em uma para não por mais ao como foi seu sua são pelo pela também está já entre quando muito',
  nl: 'het een en dat niet zijn op voor als ook maar bij om nog werd wordt hebben naar deze uit',
};
const CODES = Object.keys(FUNCTION_WORDS);
const EN = CODES.indexOf('en');
/** Function word -> bit set of the languages whose list has it. */
const LANGUAGES_OF = new Map<string, number>();
CODES.forEach((code, k) => {
  for (const w of FUNCTION_WORDS[code].split(' ')) LANGUAGES_OF.set(w, (LANGUAGES_OF.get(w) ?? 0) | (1 << k));
});

/** Characters read before deciding: enough words for a verdict, cheap on long documents. */
const SAMPLE_CHARS = 4_000;
const NON_LATIN_SHARE = 0.3;
const DIACRITIC_SHARE = 0.03;
/** Fewer letters than this and a few accented names ("Erdoğan", "São Paulo") could pass the share. */
const DIACRITIC_MIN_LETTERS = 300;
const LONGEST_FUNCTION_WORD = 7;
/** English function words that, with four times as many as any other language's, settle it. */
const CLEAR_ENGLISH = 15;

/** 'en' when the English model may tag the document, else why not (a language code or 'unknown'). */
export function entityLanguage(doc: Doc): string {
  const code = doc.language?.code;
  if (code) return code === 'en' ? 'en' : code;
  return guessLanguage(doc.text);
}

const isAsciiLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isMarkedLatin = (c: number): boolean => c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7;

export function guessLanguage(text: string): string {
  const end = Math.min(text.length, SAMPLE_CHARS);
  const hits = new Int32Array(CODES.length);
  let latin = 0;
  let marked = 0;
  let other = 0;
  let wordStart = -1;
  for (let i = 0; i <= end; i++) {
    const c = i < end ? text.charCodeAt(i) : 32;
    let letter = true;
    if (isAsciiLetter(c)) latin++;
    else if (isMarkedLatin(c)) marked++;
    else if (c > 0x24f && /\p{L}/u.test(text[i])) other++;
    else letter = false;
    if (letter) {
      if (wordStart < 0) wordStart = i;
      continue;
    }
    if (wordStart >= 0 && i - wordStart >= 2 && i - wordStart <= LONGEST_FUNCTION_WORD) {
      const bits = LANGUAGES_OF.get(text.slice(wordStart, i).toLowerCase());
      if (bits) for (let k = 0; k < CODES.length; k++) if (bits & (1 << k)) hits[k]++;
      // settled: a clear English majority early in the text (most documents)
      if (bits === 1 << EN && hits[EN] >= CLEAR_ENGLISH && hits[EN] > 4 * maxOther(hits)) return 'en';
    }
    wordStart = -1;
  }
  const letters = latin + marked + other;
  if (letters > 0 && other > NON_LATIN_SHARE * letters) return 'unknown';
  let best = EN;
  for (let k = 0; k < CODES.length; k++) if (hits[k] > hits[best]) best = k;
  if (best !== EN && (hits[best] >= 2 || (hits[EN] === 0 && marked > 0))) return CODES[best];
  if (letters >= DIACRITIC_MIN_LETTERS && marked > DIACRITIC_SHARE * letters) return 'unknown';
  return 'en';
}

function maxOther(hits: Int32Array): number {
  let m = 0;
  for (let k = 0; k < hits.length; k++) if (k !== EN && hits[k] > m) m = hits[k];
  return m;
}
