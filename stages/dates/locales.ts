/**
 * Month names of other languages, and the chrono locale that reads dates written with them
 * ("3 de mayo de 2022", "8. Dezember 2022", "12 décembre 2022", "3 мая 2022"). chrono's English
 * parsers read only English month names; its locale parsers read their own. A string goes to the
 * locales whose month names it contains, and only when the English parsers found no date in it,
 * so no English result changes. (loose.ts knows more month names, of every language at once, for
 * metadata values; a chrono locale must be told which language it reads.)
 */
import * as chrono from 'chrono-node';
import type { ChronoResult } from './chrono.js';

type Locale = 'de' | 'fr' | 'es' | 'pt' | 'it' | 'nl' | 'sv' | 'ru' | 'uk';

/** Full month names, January to December (several: spellings, and the genitive Russian dates use), lower case. */
const MONTH_NAMES: Record<Locale, Array<string | string[]>> = {
  de: [['januar', 'jänner'], 'februar', 'märz', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'dezember'],
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  es: ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', ['septiembre', 'setiembre'], 'octubre', 'noviembre', 'diciembre'],
  pt: ['janeiro', 'fevereiro', 'março', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro'],
  it: ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'],
  nl: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
  sv: ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'],
  ru: [['января', 'январь'], ['февраля', 'февраль'], ['марта', 'март'], ['апреля', 'апрель'], ['мая', 'май'], ['июня', 'июнь'],
    ['июля', 'июль'], ['августа', 'август'], ['сентября', 'сентябрь'], ['октября', 'октябрь'], ['ноября', 'ноябрь'], ['декабря', 'декабрь']],
  uk: ['січня', 'лютого', 'березня', 'квітня', 'травня', 'червня', 'липня', 'серпня', 'вересня', 'жовтня', 'листопада', 'грудня'],
};

/** A locale's month names, each with its month number (1-12). */
const monthsOf = (locale: Locale): Array<[string, number]> =>
  MONTH_NAMES[locale].flatMap((names, i) => (Array.isArray(names) ? names : [names]).map((name): [string, number] => [name, i + 1]));

/** An alternation of words, longest first (so that a longer name wins over its prefix). */
const alternation = (words: Iterable<string>): string => [...words].sort((a, b) => b.length - a.length).join('|');

const PARSERS: Record<Locale, chrono.Chrono> = {
  de: chrono.de.casual, fr: chrono.fr.casual, es: chrono.es.casual, pt: chrono.pt.casual, it: chrono.it.casual,
  nl: chrono.nl.casual, sv: chrono.sv.casual, ru: chrono.ru.casual, uk: chrono.uk.casual,
};

/** A parser that puts chrono's word boundary before its own pattern (AbstractParserWithWordBoundaryChecking). */
interface BoundaryParser {
  innerPattern(context: unknown): RegExp;
  cachedInnerPattern: RegExp | null;
}

const isBoundaryParser = (parser: object): parser is BoundaryParser =>
  'cachedInnerPattern' in parser && typeof (parser as { innerPattern?: unknown }).innerPattern === 'function';

/**
 * Several locale parsers (e.g. German and Dutch "within" durations, French and German casual
 * words) build a new RegExp in `innerPattern` on every call. chrono keeps the full pattern (its
 * word boundary + the inner one) only while `innerPattern` returns the same object, so for those
 * it concatenates and looks up the whole pattern again for every text. chrono's word-boundary
 * parsers use `innerPattern` only to build that pattern (not to match with it), from its source
 * and flags.
 * - An `innerPattern` that takes no argument and reads neither `this` nor `arguments` builds the
 *   same pattern from the module's constants on every call: it is built once
 *   (test/dates.test.ts pins the sources of those that build a RegExp).
 * - Any other gets back the previous RegExp when the new one has the same source and flags; a
 *   changed pattern is still passed on.
 */
function reusingInnerPattern(parser: BoundaryParser): void {
  const build = parser.innerPattern.bind(parser);
  if (isConstantBuilder(parser.innerPattern)) {
    let built: RegExp | undefined;
    parser.innerPattern = (context) => (built ??= build(context));
    return;
  }
  let previous: RegExp | undefined;
  parser.innerPattern = (context) => {
    const pattern = build(context);
    if (previous !== undefined && previous.source === pattern.source && previous.flags === pattern.flags) return previous;
    previous = pattern;
    return pattern;
  };
}

/** A method declared `innerPattern() { ... }` that uses neither `this` nor `arguments`. */
export function isConstantBuilder(innerPattern: (...args: never[]) => unknown): boolean {
  const source = innerPattern.toString();
  return source.startsWith('innerPattern() {') && !/\b(?:this|arguments)\b/.test(source);
}

for (const c of Object.values(PARSERS)) for (const parser of c.parsers) if (isBoundaryParser(parser)) reusingInnerPattern(parser);

/** Month name -> the locales that spell a month so, in the order of MONTH_NAMES. */
const LOCALES_OF = new Map<string, Locale[]>();
for (const locale of Object.keys(MONTH_NAMES) as Locale[]) {
  for (const [name] of monthsOf(locale)) LOCALES_OF.set(name, [...(LOCALES_OF.get(name) ?? []), locale]);
}

/** Every month name of MONTH_NAMES, lower case (the boilerplate stage's date-only lines use them too). */
export const LOCALIZED_MONTH_NAMES: ReadonlySet<string> = new Set(LOCALES_OF.keys());

/** Any of the month names as a whole word (letters on neither side). */
export const LOCALIZED_MONTH = new RegExp(`(?<!\\p{L})(?:${alternation(LOCALES_OF.keys())})(?!\\p{L})`, 'iu');
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

const isLocale = (language: string): language is Locale => Object.hasOwn(MONTH_NAMES, language);

/** chrono's parser for an ISO 639-1 language, if it is one of the locales here. */
export function localeParser(language: string): chrono.Chrono | undefined {
  return isLocale(language) ? PARSERS[language] : undefined;
}

interface LocaleMonths {
  /** Any month name of the locale, as a whole word. */
  any: RegExp;
  /** A month name and a four-digit year ("Mai 2021", "mayo de 2021"), month name captured first. */
  withYear: RegExp;
  number: Map<string, number>;
}

const MONTHS_OF: Partial<Record<Locale, LocaleMonths>> = {};

const localeMonths = (locale: Locale): LocaleMonths => (MONTHS_OF[locale] ??= buildLocaleMonths(locale));

function buildLocaleMonths(locale: Locale): LocaleMonths {
  const months = monthsOf(locale);
  const names = alternation(months.map(([name]) => name));
  return {
    any: new RegExp(`(?<!\\p{L})(?:${names})(?!\\p{L})`, 'iu'),
    withYear: new RegExp(`(?<!\\p{L})(${names})(?:\\s+(?:de|del|di))?\\s+(\\d{4})(?!\\d)`, 'giu'),
    number: new Map(months),
  };
}

/** Whether `text` holds a month name of `language` as a whole word. */
export function monthNameIn(text: string, language: string): boolean {
  return isLocale(language) && localeMonths(language).any.test(text);
}

/** Month name with year in `text` ("Mai 2021"): where, and which month and year. */
export function* monthsWithYear(text: string, language: string): Generator<{ index: number; length: number; month: number; year: number }> {
  if (!isLocale(language)) return;
  const months = localeMonths(language);
  for (const m of text.matchAll(months.withYear)) {
    yield { index: m.index, length: m[0].length, month: months.number.get(m[1].toLowerCase()) ?? 0, year: Number(m[2]) };
  }
}
