/**
 * The dateline and agency tag that open a news body ("WASHINGTON (AP) — ", "(Reuters) - ",
 * "(MENAFN) ", "SALVADOR, Feb 26 - ", "Beijing, December 20, 2023, The Europe Today: "): not
 * article text but where, when and from whom it was filed. They are cut from the body and kept
 * as the document's `dateline` (place, and date when given) and `agency` fields.
 *
 * Forms, at the very start of the first body paragraph:
 *   (AGENCY) [-]                          "(MENAFN) China's ...", "(Reuters) - The ...";
 *                                         "(Leipzig) - Von ..." (a place: the dateline)
 *   PLACE[, DATE] (AGENCY) -|:            "WASHINGTON, March 3 (Reuters) - ", "LONDON (AP) — "
 *   PLACE, DATE -                         "SALVADOR, Feb 26 - Showers ..."
 *   PLACE, DATE, AGENCY NAME:             "Beijing, December 20, 2023, The Europe Today: "
 *   PLACE IN CAPITALS -                   "WASHINGTON — The Senate ..."
 * PLACE is one to four capitalised words, optionally followed by a region ("CAMBRIDGE, Mass.",
 * "COMMACK, N.Y."); AGENCY is a short name in brackets. A form needs a dash or colon after it
 * (the bracketed tag alone needs none) and must leave a body that starts a sentence.
 */

export interface DatelineSplit {
  /** Place and date, without the agency and the dash ("WASHINGTON, March 3"); undefined when only an agency tag was there. */
  dateline?: string;
  agency?: string;
  /** The cut prefix as written, and the body after it. */
  prefix: string;
  rest: string;
}

const WORD = String.raw`\p{Lu}[\p{L}.'’&-]*`;
const PLACE = String.raw`${WORD}(?:[ /]${WORD}){0,3}`;
const REGION = String.raw`(?:,\s*\p{Lu}[\p{L}.]*(?:\s\p{Lu}[\p{L}.]*){0,2})`;
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH = String.raw`(?:(?:${MONTH_NAMES.join('|')})[a-z]*|(?:${MONTH_NAMES.join('|').toUpperCase()})[A-Z]*)\.?`;
const DATE = String.raw`(?:${MONTH}\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?|\d{1,2}\.?\s+${MONTH}(?:\s+\d{4})?)`;
const AGENCY_NAME = String.raw`[\p{Lu}\d][\p{L}\d.&'’/-]*(?:\s[\p{L}\d.&'’/-]+){0,4}`;
const DASH = String.raw`\s*(?:-{1,2}|–|—)\s+`;

const FORMS: Array<{ re: RegExp; place: boolean }> = [
  // (AGENCY) [-]
  { re: new RegExp(String.raw`^\((?<agency>${AGENCY_NAME})\)(?:${DASH}|\s+)`, 'u'), place: false },
  // PLACE[, REGION][, DATE] (AGENCY) - or :
  { re: new RegExp(String.raw`^(?<dateline>${PLACE}${REGION}?(?:,\s*${DATE})?)\s*\((?<agency>${AGENCY_NAME})\)(?:${DASH}|\s*:\s+)`, 'u'), place: true },
  // PLACE[, REGION], DATE -
  { re: new RegExp(String.raw`^(?<dateline>${PLACE}${REGION}?,\s*${DATE})${DASH}`, 'u'), place: true },
  // PLACE[, REGION], DATE, AGENCY NAME:
  { re: new RegExp(String.raw`^(?<dateline>${PLACE}${REGION}?,\s*${DATE}),\s+(?<agency>${AGENCY_NAME}):\s+`, 'u'), place: true },
  // PLACE IN CAPITALS[, REGION] -
  { re: new RegExp(String.raw`^(?<dateline>\p{Lu}{2,}(?:[ .'-]\p{Lu}+){0,3}${REGION}?)${DASH}`, 'u'), place: true },
];

/** A body starts with a capital, a digit or an opening quote (or a wire's "<Company>" tag): what follows the cut must too. */
const BODY_START = /^["“‘'(<]?[\p{Lu}\d]/u;
/** Sentence openers that look like a place ("On Monday, ...", "For the year ..."). */
const NOT_A_PLACE = /^(?:On|In|For|By|Since|From|Until|As|At|The|Last|This|Next|Early|Late|After|Before|But|And|It|He|She|They|We|I)\b/;
const MAX_PREFIX_CHARS = 100;
/** Bracketed labels that open a body without naming its source. */
const NOT_AN_AGENCY: ReadonlySet<string> = new Set(['updated', 'update', 'corrected', 'correction', 'video', 'photo', 'photos',
  'audio', 'file', 'opinion', 'analysis', 'exclusive', 'sponsored', 'advertisement', 'live', 'watch', 'listen', 'graphic']);

/** Agencies whose names are neither an acronym in capitals nor hold a word like "News". */
const AGENCIES: ReadonlySet<string> = new Set(['reuters', 'reuter', 'dpa', 'kna', 'epd', 'apa', 'sda', 'xinhua', 'tass', 'kyodo',
  'yonhap', 'anadolu', 'bernama', 'interfax', 'bloomberg', 'efe', 'ansa', 'belga', 'agerpres', 'ria novosti', 'sputnik']);
const AGENCY_WORDS = /\b(?:news|wire|press|presse|agency|agence|agencia|agentur|times|post|today|desk|service|network|media|tv|radio|daily|herald|journal)\b/i;
const ACRONYM = /^[A-Z][A-Z0-9&.-]+$/;

function isAgencyName(name: string): boolean {
  return ACRONYM.test(name) || AGENCIES.has(name.toLowerCase()) || AGENCY_WORDS.test(name);
}

export function splitDateline(paragraph: string): DatelineSplit | undefined {
  const head = paragraph.slice(0, MAX_PREFIX_CHARS + 1);
  for (const { re, place } of FORMS) {
    const m = re.exec(head);
    if (!m || m[0].length > MAX_PREFIX_CHARS) continue;
    const dateline = m.groups?.dateline?.trim();
    if (place && dateline !== undefined && NOT_A_PLACE.test(dateline)) continue;
    const rest = paragraph.slice(m[0].length);
    if (!BODY_START.test(rest)) continue;
    const tag = m.groups?.agency?.trim();
    if (tag !== undefined && NOT_AN_AGENCY.has(tag.toLowerCase())) continue;
    // "(Leipzig) - " opens German press releases: a bracketed place is the dateline.
    if (tag !== undefined && !place && !isAgencyName(tag)) return { dateline: tag, prefix: m[0].trim(), rest };
    return { dateline, agency: tag, prefix: m[0].trim(), rest };
  }
  return undefined;
}
