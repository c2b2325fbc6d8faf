/**
 * Reading explicit calendar dates the way web pages write them, in many languages: ISO forms
 * ("2024-03-21T09:34:00+01:00", "2024/03/21"), numeric day-first forms ("21.03.2024",
 * "21/03/2024"), month names in the European languages of the data ("21. März 2024",
 * "March 21, 2024", "21 de marzo de 2024", "21 марта 2024 г."), CJK forms ("2024年3月21日"),
 * each optionally followed by a time of day and a UTC offset. Used for HTML metadata values,
 * byline text and header lines; the article-text mentions stay with chrono (mentions.ts).
 *
 * Every form needs a written year (a date without one is not a publication date), and the
 * digits must stand alone: "1.2.2019.4" (a version), "+49 30 2024 0321" (a phone number) or
 * "v2.10.2020" do not give dates.
 */
import { isValidYmd } from './calendar.js';
import type { ExplicitDate } from './explicit.js';

/** Month names and abbreviations (lower case) of en, de, fr, es, pt, it, nl, pl, ru, uk, tr, sv/da/no, cs, ro, ar. */
const MONTHS: ReadonlyArray<readonly string[]> = [
  ['january', 'jan', 'januar', 'jänner', 'jän', 'janvier', 'janv', 'enero', 'ene', 'janeiro', 'gennaio', 'gen', 'januari', 'stycznia', 'styczeń', 'styczen', 'sty', 'января', 'январь', 'янв', 'січня', 'січень', 'ocak', 'leden', 'ledna', 'tammikuuta', 'ianuarie', 'يناير'],
  ['february', 'feb', 'februar', 'février', 'fevrier', 'févr', 'fevr', 'febrero', 'fevereiro', 'fev', 'febbraio', 'februari', 'lutego', 'luty', 'lut', 'февраля', 'февраль', 'фев', 'лютого', 'лютий', 'şubat', 'subat', 'únor', 'února', 'februarie', 'فبراير', 'شباط'],
  ['march', 'mar', 'märz', 'maerz', 'mär', 'mars', 'marzo', 'março', 'marco', 'maart', 'mrt', 'marca', 'marzec', 'марта', 'март', 'мар', 'березня', 'березень', 'mart', 'březen', 'března', 'martie', 'مارس', 'آذار'],
  ['april', 'apr', 'avril', 'avr', 'abril', 'abr', 'aprile', 'kwietnia', 'kwiecień', 'kwi', 'апреля', 'апрель', 'апр', 'квітня', 'квітень', 'nisan', 'duben', 'dubna', 'aprilie', 'أبريل', 'نيسان', 'ابريل'],
  ['may', 'mai', 'mayo', 'maio', 'maggio', 'mag', 'mei', 'maja', 'maj', 'мая', 'май', 'травня', 'травень', 'mayıs', 'mayis', 'květen', 'května', 'mai', 'مايو', 'أيار'],
  ['june', 'jun', 'juni', 'juin', 'junio', 'junho', 'giugno', 'giu', 'czerwca', 'czerwiec', 'cze', 'июня', 'июнь', 'июн', 'червня', 'червень', 'haziran', 'červen', 'června', 'iunie', 'يونيو', 'حزيران'],
  ['july', 'jul', 'juli', 'juillet', 'juil', 'julio', 'julho', 'luglio', 'lug', 'lipca', 'lipiec', 'lip', 'июля', 'июль', 'июл', 'липня', 'липень', 'temmuz', 'červenec', 'července', 'iulie', 'يوليو', 'تموز'],
  ['august', 'aug', 'août', 'aout', 'agosto', 'ago', 'augustus', 'sierpnia', 'sierpień', 'sie', 'августа', 'август', 'авг', 'серпня', 'серпень', 'ağustos', 'agustos', 'srpen', 'srpna', 'augusti', 'أغسطس', 'آب', 'اغسطس'],
  ['september', 'sep', 'sept', 'septembre', 'septiembre', 'setiembre', 'setembro', 'set', 'settembre', 'września', 'wrzesień', 'wrz', 'сентября', 'сентябрь', 'сен', 'вересня', 'вересень', 'eylül', 'eylul', 'září', 'septembrie', 'سبتمبر', 'أيلول'],
  ['october', 'oct', 'oktober', 'okt', 'octobre', 'octubre', 'outubro', 'out', 'ottobre', 'ott', 'października', 'październik', 'paz', 'октября', 'октябрь', 'окт', 'жовтня', 'жовтень', 'ekim', 'říjen', 'října', 'octombrie', 'أكتوبر', 'اكتوبر'],
  ['november', 'nov', 'novembre', 'noviembre', 'novembro', 'listopada', 'listopad', 'lis', 'ноября', 'ноябрь', 'ноя', 'листопада', 'листопад', 'kasım', 'kasim', 'listopadu', 'noiembrie', 'نوفمبر'],
  ['december', 'dec', 'dezember', 'dez', 'décembre', 'decembre', 'déc', 'diciembre', 'dic', 'dezembro', 'dicembre', 'grudnia', 'grudzień', 'gru', 'декабря', 'декабрь', 'дек', 'грудня', 'грудень', 'aralık', 'aralik', 'prosinec', 'prosince', 'decembrie', 'ديسمبر'],
];

const MONTH_OF: ReadonlyMap<string, number> = new Map(MONTHS.flatMap((names, i) => names.map((n) => [n, i + 1] as [string, number])));
const MONTH_ALT = [...MONTH_OF.keys()].sort((a, b) => b.length - a.length).join('|');

const NL = '(?<![\\p{L}\\p{N}])';
const NR = '(?![\\p{L}\\p{N}])';

/** "21 March 2024", "21. März 2024", "21 de marzo de 2024", "21-Mar-2024", "21 марта 2024 г." */
const DAY_MONTH_YEAR = new RegExp(
  `${NL}(\\d{1,2})(?:\\.|º|°|er|st|nd|rd|th)?[\\s-]*(?:de\\s+|of\\s+)?(${MONTH_ALT})\\.?${NR}[,\\s-]*(?:de\\s+|del\\s+)?(\\d{4})${NR}(?:\\s*(?:г\\.|года|року|р\\.))?`,
  'iu',
);
/** "March 21, 2024", "Mar. 21st 2024" */
const MONTH_DAY_YEAR = new RegExp(`${NL}(${MONTH_ALT})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?${NR},?\\s+(\\d{4})${NR}`, 'iu');
/** "2024-03-21", "2024/3/21", "2024.03.21" (ISO order). */
const YEAR_FIRST = /(?<![\d.\/-])((?:19|20)\d{2})([-\/.])(\d{1,2})\2(\d{1,2})(?![\d]|[.\/-]\d)/u;
/** "21.03.2024", "21/03/2024", "21-03-2024" (day first, or month first on US pages). */
const DAY_FIRST = /(?<![\d.\/-])(\d{1,2})([.\/-])(\d{1,2})\2((?:19|20)\d{2}|\d{2})(?![\d]|[.\/-]\d)/u;
/** "2024年3月21日", "2024년 3월 21일" */
const CJK = /((?:19|20)\d{2})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?/u;

/** A time of day right after the date ("- 09:34", ", 14h30", "um 10.15 Uhr", "at 9:05 am EST"). */
const TIME_AFTER =
  /^(?:\s*(?:[,|•·@–—-]|T|um|at|à|a las|às|alle|o|в|kl\.?|klo))?\s*(\d{1,2})(?::(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?|h(\d{2})|\.(\d{2})(?=\s*uhr))(?!\d)\s*(am|pm|a\.\s?m\.|p\.\s?m\.)?(?:\s*uhr|\s*h(?!\p{L}))?\s*([+-]\d{2}:?\d{2}|(?:utc|gmt)\s*[+-]\d{1,2}(?::?\d{2})?|(?:z|utc|gmt|cet|mez|cest|mesz|eet|eest|wet|west|bst|est|edt|cst|cdt|mst|mdt|pst|pdt|msk|ist|jst|kst)(?!\p{L}))?/iu;

const ZONES: Record<string, number> = {
  z: 0, utc: 0, gmt: 0, cet: 60, mez: 60, cest: 120, mesz: 120, eet: 120, eest: 180, wet: 0, west: 60, bst: 60,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420, msk: 180, ist: 330, jst: 540, kst: 540,
};

export interface LooseOptions {
  /** Month first for ambiguous slashed dates ("03/04/2024" = March 4): US-English pages. */
  monthFirst?: boolean;
  /** Two-digit years ("21.03.24"): only where a label makes a date likely. */
  shortYear?: boolean;
}

/** The first explicit date (with a written year) in `s`, or undefined. */
export function firstLooseDate(s: string, opts: LooseOptions = {}): ExplicitDate | undefined {
  const all = allLooseDates(s, opts);
  return all[0];
}

type LooseForm = [RegExp, (m: RegExpExecArray, opts: LooseOptions) => [number, number, number] | undefined];

/** Global copies compiled once: this runs on every header and byline candidate of every page. */
const LOOSE_FORMS: LooseForm[] = ([
  [DAY_MONTH_YEAR, (m) => [+m[3], MONTH_OF.get(m[2].toLowerCase()) ?? 0, +m[1]]],
  [MONTH_DAY_YEAR, (m) => [+m[3], MONTH_OF.get(m[1].toLowerCase()) ?? 0, +m[2]]],
  [YEAR_FIRST, (m) => [+m[1], +m[3], +m[4]]],
  [CJK, (m) => [+m[1], +m[2], +m[3]]],
  [DAY_FIRST, (m, opts) => dayFirst(m, opts)],
] as LooseForm[]).map(([re, toYmd]) => [new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g'), toYmd]);

const FOUR_DIGITS = /\d{4}/;
const TWO_DIGITS = /\d\d/;

/** Every explicit date in `s`, in text order (non-overlapping; longer forms first at a position). */
export function allLooseDates(s: string, opts: LooseOptions = {}): ExplicitDate[] {
  // Every form needs a written year: four digits, or two with shortYear. Most lines have none.
  if (!(opts.shortYear ? TWO_DIGITS : FOUR_DIGITS).test(s)) return [];
  const found: ExplicitDate[] = [];
  for (const [g, toYmd] of LOOSE_FORMS) {
    for (const m of s.matchAll(g)) {
      const ymd = toYmd(m as RegExpExecArray, opts);
      if (!ymd || !isValidYmd(ymd[0], ymd[1], ymd[2])) continue;
      const index = m.index;
      if (found.some((f) => index < f.index + f.length && f.index < index + m[0].length)) continue;
      if (/(?:\bv|version|versión|ver\.)\s*$/i.test(s.slice(Math.max(0, index - 9), index))) continue;
      const date: ExplicitDate = { ymd: { y: ymd[0], m: ymd[1], d: ymd[2] }, yearWritten: true, index, length: m[0].length };
      addTime(date, s);
      found.push(date);
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

function dayFirst(m: RegExpMatchArray, opts: LooseOptions): [number, number, number] | undefined {
  let a = +m[1];
  let b = +m[3];
  const sep = m[2];
  let y = +m[4];
  if (m[4].length === 2) {
    if (!opts.shortYear || sep !== '.') return undefined;
    y = 2000 + y;
  }
  // "03/04/2024": month first on US pages; a first number over 12 is always the day.
  if (sep === '/' && opts.monthFirst && a <= 12) [a, b] = [b, a];
  else if (a <= 12 && b > 12) [a, b] = [b, a];
  return [y, b, a];
}

function addTime(date: ExplicitDate, s: string): void {
  const rest = s.slice(date.index + date.length, date.index + date.length + 40);
  const t = TIME_AFTER.exec(rest);
  if (!t) return;
  let h = +t[1];
  const mi = t[2] !== undefined ? +t[2] : t[5] !== undefined ? +t[5] : t[6] !== undefined ? +t[6] : NaN;
  const sec = t[3] ? +t[3] : 0;
  const ms = t[4] ? Math.floor(+`0.${t[4]}` * 1000) : 0;
  const ampm = t[7]?.toLowerCase().replace(/[\s.]/g, '');
  if (ampm === 'pm' && h < 12) h += 12;
  if (ampm === 'am' && h === 12) h = 0;
  if (!(h <= 23 && mi <= 59 && sec <= 59)) return;
  date.time = { h, mi, s: sec, ms };
  const zone = t[8]?.toLowerCase().replace(/\s+/g, '');
  if (zone) {
    const offset = zoneOffset(zone);
    if (offset !== undefined) date.offsetMinutes = offset;
  }
  date.length = rest.indexOf(t[0]) + t[0].trimEnd().length + date.length;
}

function zoneOffset(zone: string): number | undefined {
  if (zone in ZONES) return ZONES[zone];
  const m = /^(?:utc|gmt)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(zone);
  if (!m) return undefined;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

// ---------------------------------------------------------------------------------------------
// Dates in URLs

/**
 * A date in a URL path: "/2024/03/21/", "/2024-03-21-slug", "/20240321/", "_2024_03_21".
 * A year and month alone ("/2024/03/") is returned with `d = 0` by `urlYearMonth`.
 */
const URL_YMD = /(?<![\d])((?:19|20)\d{2})([\/_-])(\d{1,2})\2(\d{1,2})(?![\d])/;
const URL_COMPACT = /(?<![\d])((?:19|20)\d{2})(\d{2})(\d{2})(?![\d])/;
const URL_YM = /\/((?:19|20)\d{2})\/(\d{1,2})\//;

function urlPath(url: string): string {
  try {
    const u = new URL(url);
    return decodeURIComponent(u.pathname) + (u.search ? `?${u.search}` : '');
  } catch {
    return url;
  }
}

export function urlDate(url: string): ExplicitDate | undefined {
  const path = urlPath(url);
  for (const re of [URL_YMD, URL_COMPACT]) {
    const m = re.exec(path);
    if (!m) continue;
    const [y, mo, d] = re === URL_YMD ? [+m[1], +m[3], +m[4]] : [+m[1], +m[2], +m[3]];
    if (isValidYmd(y, mo, d)) return { ymd: { y, m: mo, d }, yearWritten: true, index: m.index, length: m[0].length };
  }
  return undefined;
}

export function urlYearMonth(url: string): { y: number; m: number } | undefined {
  const m = URL_YM.exec(urlPath(url));
  if (!m || +m[2] < 1 || +m[2] > 12) return undefined;
  return { y: +m[1], m: +m[2] };
}
