/**
 * Month names of other languages, and the chrono locale that reads dates written with them
 * ("3 de mayo de 2022", "8. Dezember 2022", "12 décembre 2022", "3 мая 2022"). chrono's English
 * parsers read only English month names; its locale parsers read their own. A string goes to the
 * locales whose month names it contains, and only when the English parsers found no date in it,
 * so no English result changes.
 */
import * as chrono from 'chrono-node';
import type { ChronoResult } from './chrono.js';

type Locale = 'de' | 'fr' | 'es' | 'pt' | 'it' | 'nl' | 'sv' | 'ru' | 'uk';

/** Full month names (and the genitive forms dates use in Russian and Ukrainian), lower case. */
const MONTH_NAMES: Record<Locale, string[]> = {
  de: ['januar', 'jänner', 'februar', 'märz', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'dezember'],
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  es: ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'setiembre', 'octubre', 'noviembre', 'diciembre'],
  pt: ['janeiro', 'fevereiro', 'março', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro'],
  it: ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'],
  nl: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
  sv: ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'],
  ru: ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря',
    'январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'],
  uk: ['січня', 'лютого', 'березня', 'квітня', 'травня', 'червня', 'липня', 'серпня', 'вересня', 'жовтня', 'листопада', 'грудня'],
};

const PARSERS: Record<Locale, chrono.Chrono> = {
  de: chrono.de.strict, fr: chrono.fr.strict, es: chrono.es.strict, pt: chrono.pt.strict, it: chrono.it.strict,
  nl: chrono.nl.strict, sv: chrono.sv.strict, ru: chrono.ru.strict, uk: chrono.uk.strict,
};

/** Month name -> the locales that spell a month so, in the order of MONTH_NAMES. */
const LOCALES_OF = new Map<string, Locale[]>();
for (const [locale, names] of Object.entries(MONTH_NAMES) as Array<[Locale, string[]]>) {
  for (const name of names) LOCALES_OF.set(name, [...(LOCALES_OF.get(name) ?? []), locale]);
}

/** Every month name of MONTH_NAMES, lower case (the boilerplate stage's date-only lines use them too). */
export const LOCALIZED_MONTH_NAMES: ReadonlySet<string> = new Set(LOCALES_OF.keys());

/** Any of the month names as a whole word (letters on neither side). */
export const LOCALIZED_MONTH = new RegExp(`(?<!\\p{L})(?:${[...LOCALES_OF.keys()].sort((a, b) => b.length - a.length).join('|')})(?!\\p{L})`, 'iu');
const LOCALIZED_MONTH_ALL = new RegExp(LOCALIZED_MONTH.source, 'giu');

/** The locales whose month names occur in `text`, in first-occurrence order, each once. */
function localesIn(text: string): Locale[] {
  const found: Locale[] = [];
  for (const m of text.matchAll(LOCALIZED_MONTH_ALL)) {
    for (const locale of LOCALES_OF.get(m[0].toLowerCase()) ?? []) if (!found.includes(locale)) found.push(locale);
  }
  return found;
}

/** chrono's results for `text` in each locale whose month names it holds, locale by locale. */
export function* localizedResults(text: string, ref: Date): Generator<ChronoResult> {
  for (const locale of localesIn(text)) yield* PARSERS[locale].parse(text, ref, { forwardDate: false });
}
