/**
 * The words of a URL's slug ("https://x.de/2022/12/ultium-cells-erhoeht-kapazitaet/" -> ultium,
 * cells, erhoeht, kapazitaet): evidence for the headline on both paths. The slug is the path
 * segment with the most words; numbers, file extensions and id-like tokens are dropped.
 */

const EXTENSION = /\.(s?html?|php\d?|aspx?|jsp|cfm|cgi)$/i;
const ID_LIKE = /^(?=.*\d)(?![0-9]{1,4}$)[a-z0-9]+$/;

export function urlSlugWords(url: string): string[] {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return [];
  }
  let best: string[] = [];
  for (const raw of path.split('/')) {
    let segment = raw;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      // keep it encoded
    }
    segment = segment.toLowerCase().replace(EXTENSION, '');
    const words = segment.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0 && !ID_LIKE.test(w));
    if (words.some((w) => /\p{L}/u.test(w))) best = words;
  }
  return [...new Set(best)];
}

const GERMAN_FOLD: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/** A lower-case word as slugs may spell it: as is, without accents, with German umlauts spelled out. */
export function foldWord(word: string): string[] {
  if (/^[a-z0-9]*$/.test(word)) return [word];
  const stripped = word.replace(/ß/g, 'ss').normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  const german = word.replace(/[äöüß]/g, (c) => GERMAN_FOLD[c]).normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return [word, stripped, german];
}
