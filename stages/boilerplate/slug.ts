/**
 * The words of a URL's slug ("https://x.de/2022/12/ultium-cells-erhoeht-kapazitaet/" -> ultium,
 * cells, erhoeht, kapazitaet): evidence for the headline on both paths. The slug is the last
 * path segment with a word in it: the page itself, not its section (/am-telefon/einzeltraining/,
 * /online-kredit/1000-euro-kredit); file extensions and id-like tokens are dropped, short numbers
 * stay ("1000", "1800": part of the title), and a segment of numbers only (a date) is skipped.
 */

const EXTENSION = /\.(s?html?|php\d?|aspx?|jsp|cfm|cgi)$/i;
/** Ids: letters and digits mixed, or five digits and more. */
const ID_LIKE = /^(?=.*\d)(?![0-9]{1,4}$)[a-z0-9]+$/;

export function urlSlugWords(url: string): string[] {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return [];
  }
  let slug: string[] = [];
  for (const raw of path.split('/')) {
    let segment = raw;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      // keep it encoded
    }
    segment = segment.toLowerCase().replace(EXTENSION, '');
    const words = segment.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0 && !ID_LIKE.test(w));
    if (words.some((w) => /\p{L}/u.test(w))) slug = words; // the last one wins
  }
  return [...new Set(slug)];
}

const GERMAN_FOLD: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/** A lower-case word as slugs may spell it: as is, without accents, with German umlauts spelled out. */
export function foldWord(word: string): string[] {
  if (/^[a-z0-9]*$/.test(word)) return [word];
  const stripped = word.replace(/ß/g, 'ss').normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  const german = word.replace(/[äöüß]/g, (c) => GERMAN_FOLD[c]).normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return [word, stripped, german];
}
