/**
 * Choosing a document's publication date. Sources are tried in priority order; within a source,
 * candidates are tried in document order. The first candidate that passes the sanity checks wins;
 * when none does, there is no date.
 *
 * What the document as read says comes from the page facts the boilerplate stage wrote
 * (`doc.page`): the header dates it cut, the top and byline lines, the page's dated parts.
 *
 * Text documents: field > the byline under the headline > header > labelled byline > dateline >
 * text (a date above the headline may be the site's "today" in its menus).
 * HTML documents: the page's own candidates (html.ts: publication metadata >
 * URL > bylines and `<time>` > date-classed elements > dates around the headline), then
 * `meta.publishedField` (for HTML it was read from the page by the boilerplate stage; a JSONL
 * record's own field, `page.publishedFieldFrom === 'record'`, comes first as 'field'), then the
 * header removals and the dateline of the extracted text, then the page's modification dates,
 * then the lede.
 */
import type { DateSource, Doc, PageFacts, Published } from '../../pipeline/doc.js';
import {
  MIN_PUBLICATION_YEAR,
  chronoReference,
  compareYmd,
  formatYmd,
  utcYmd,
  type Ymd,
} from './calendar.js';
import { firstExplicitDate, mayHoldWrittenDate, parseIsoField, type ExplicitDate } from './explicit.js';
import { htmlDateCandidates, labelledDate, type HtmlCandidate } from './html.js';
import { fitOf, MAX_ZONE_WORDS } from './vocabulary.js';
import { allLooseDates } from './loose.js';
import { PLACEHOLDER_REFERENCE } from './blocks.js';

export interface Candidate {
  found: ExplicitDate;
  source: DateSource;
  evidence: string;
  /** The instant (ms since epoch) when it is not `found`'s date and time (a local date shown for a UTC stamp). */
  instant?: number;
}

/** How far ahead of UTC a local calendar date can be: UTC+14 (Line Islands). */
const MAX_LOCAL_AHEAD_MS = 14 * 3_600_000;
/** A document the boilerplate stage did not see: no header, byline or page facts. */
const NO_FACTS: PageFacts = { topLines: [], bylineLines: [], headerDates: [] };
/** Datelines open the body; in raw text the first paragraphs may still be a kicker and headline. */
const DATELINE_SCAN_PARAGRAPHS = 4;
/**
 * A structured field is the input stating the date, so archives older than the web (a 1987 wire
 * story with its date field) keep theirs; dates found in page text must be from 1990 on.
 */
const MIN_FIELD_YEAR = 1900;
/**
 * The reference chrono gets while reading publication dates. Every candidate must have its year
 * written, so the reference only fills parts that are then discarded: any fixed day will do, and
 * a fixed one keeps results independent of the clock.
 */
const PARSE_REFERENCE = chronoReference(PLACEHOLDER_REFERENCE);
/** Modification dates rank below the extracted text's header and dateline (html.ts rank 6). */
const MODIFIED_RANK = 6;

/**
 * `runStartedAt` only rules out dates in the future; no value depends on it otherwise (a
 * dateline without a year is no publication date: its year would be the run's).
 */
export function findPublished(doc: Doc, runStartedAt: Date): Published | undefined {
  const ref = PARSE_REFERENCE;
  const page = doc.page ?? NO_FACTS;
  const finders: Array<() => Candidate[]> =
    doc.source.kind === 'html'
      ? htmlFinders(doc, page, ref, runStartedAt)
      : [
          () => fieldCandidates(doc, ref),
          () => underHeadlineCandidates(page.underHeadline ?? []),
          () => headerCandidates(page, ref, true),
          () => bylineCandidates(page.bylineLines),
          () => datelineCandidates(doc, ref),
          () => firstParagraphCandidates(doc.text, ref),
        ];
  for (const find of finders) {
    for (const candidate of find()) {
      const published = accept(candidate, runStartedAt);
      if (published) return published;
    }
  }
  return undefined;
}

function htmlFinders(doc: Doc, facts: PageFacts, ref: Date, runStartedAt: Date): Array<() => Candidate[]> {
  const page = facts.html ? htmlDateCandidates(facts.html, doc.meta.url).candidates.filter((c) => accept(c, runStartedAt)) : [];
  // A JSONL record's own date field (its `html` read as a page) outranks the page. The boilerplate
  // stage also fills publishedField from the page's metadata when the record had none; then the
  // page's own ranking decides.
  const recordField = facts.publishedFieldFrom === 'record';
  return [
    () => (recordField ? fieldCandidates(doc, ref) : []),
    () => chooseHtml(page.filter((c) => c.rank < MODIFIED_RANK)),
    () => fieldCandidates(doc, ref).map((c) => ({ ...c, source: 'html-meta' as const })),
    () => headerCandidates(facts, ref, false),
    () => datelineCandidates(doc, ref),
    () => page.filter((c) => c.rank >= MODIFIED_RANK),
    () => firstParagraphCandidates(doc.text, ref),
  ];
}

/**
 * The page's publication date from its (sane) candidates, best first.
 *
 * Publication metadata (ranks 0-1) votes: every field names one date, and the date named by the
 * most fields wins (a rank-0 field counts twice, each field once however often it repeats); a
 * stale JSON-LD block or one odd field does not outvote four agreeing ones.
 *
 * A metadata instant in UTC ("2020-02-18T02:18:11Z") says nothing about the publisher's calendar
 * date, which may be the day before or after. When the page itself shows a date one day off
 * (the URL, a labelled byline, the byline under the headline), that shown date is the local
 * date; the UTC instant is kept in `at`.
 */
/**
 * Whether `day` can be the local calendar date of a UTC stamp: the day before only while UTC is
 * before noon (publishers lie within UTC-12), the day after only from 10:00 UTC (UTC+14).
 */
function plausibleLocalDay(utc: ExplicitDate, day: Ymd): boolean {
  const diff = compareYmd(day, utc.ymd);
  const h = utc.time?.h ?? 12;
  return (diff === -1 && h < 12) || (diff === 1 && h >= 10);
}

function chooseHtml(candidates: HtmlCandidate[]): Candidate[] {
  if (candidates.length === 0) return [];
  const meta = candidates.filter((c) => c.rank <= 1);
  let winner = candidates[0];
  if (meta.length > 0) {
    const votes = new Map<string, number>();
    const seen = new Set<string>();
    for (const c of meta) {
      const field = c.evidence.slice(0, c.evidence.indexOf(':'));
      if (seen.has(field)) continue;
      seen.add(field);
      const day = formatYmd(c.found.ymd);
      votes.set(day, (votes.get(day) ?? 0) + (c.rank === 0 ? 2 : 1));
    }
    const top = Math.max(...votes.values());
    winner = meta.find((c) => votes.get(formatYmd(c.found.ymd)) === top) ?? winner;
  }
  const utc = winner.source === 'html-meta' && winner.found.time !== undefined && !winner.found.offsetMinutes;
  if (utc) {
    const shown = candidates.find(
      (c) => (c.source === 'url' || (c.source === 'byline' && (c.rank === 3 || c.rank === 4))) && plausibleLocalDay(winner.found, c.found.ymd),
    );
    if (shown) {
      const local: Candidate = { ...winner, found: { ...winner.found, ymd: shown.found.ymd }, evidence: `${winner.evidence} (shown as ${shown.evidence.slice(0, 60)})` };
      const { ymd, time } = winner.found;
      local.instant = Date.UTC(ymd.y, ymd.m - 1, ymd.d, time!.h, time!.mi, time!.s, time!.ms);
      return [local, ...candidates.filter((c) => c !== winner)];
    }
  }
  return [winner, ...candidates.filter((c) => c !== winner)];
}

// ---------------------------------------------------------------------------------------------
// Sanity checks

/**
 * The latest calendar date that may already have begun somewhere on earth when the run started.
 * Dates are kept in the publisher's local calendar, which can be up to 14 h ahead of UTC, so a
 * page dated "tomorrow" in UTC terms is not necessarily from the future.
 */
function latestPossibleDate(runStartedAt: Date): Ymd {
  return utcYmd(new Date(runStartedAt.getTime() + MAX_LOCAL_AHEAD_MS));
}

export function accept(c: Candidate, runStartedAt: Date): Published | undefined {
  const { ymd, time, offsetMinutes } = c.found;
  if (ymd.y < (c.source === 'field' ? MIN_FIELD_YEAR : MIN_PUBLICATION_YEAR)) return undefined;
  if (compareYmd(ymd, latestPossibleDate(runStartedAt)) > 0) return undefined;
  const published: Published = { date: formatYmd(ymd), source: c.source, evidence: c.evidence };
  if (time) {
    // A time without a stated offset is taken as UTC: the page gives no zone and guessing one
    // from the site's country would be wrong as often as right. The error is at most the
    // publisher's UTC offset (hours), and `date` stays the calendar date as written either way.
    const at = new Date(
      c.instant ?? Date.UTC(ymd.y, ymd.m - 1, ymd.d, time.h, time.mi, time.s, time.ms) - (offsetMinutes ?? 0) * 60_000,
    );
    if (at.getTime() > runStartedAt.getTime()) {
      // With a stated offset the instant is certain, so the candidate is impossible. With an
      // assumed UTC offset only our guess is in the future: keep the date, drop the time.
      if (offsetMinutes !== undefined) return undefined;
    } else {
      published.at = at.toISOString();
    }
  }
  return published;
}

// ---------------------------------------------------------------------------------------------
// field: a structured publication-date field (JSONL)

function fieldCandidates(doc: Doc, ref: Date): Candidate[] {
  const value = doc.meta.publishedField?.trim();
  if (!value) return [];
  // The publisher's own calendar date as written ("2024-03-21T23:30:00-05:00" -> 2024-03-21),
  // consistent with header and dateline dates, which are always local; `at` holds the UTC instant.
  const found = parseIsoField(value) ?? firstExplicitDate(value, ref);
  return found ? [{ found, source: 'field', evidence: value }] : [];
}

// ---------------------------------------------------------------------------------------------
// header: date lines above the article (recorded by boilerplate, or found in the raw top lines)

/** Labels scrapers and CMSs put in front of a header date. */
const HEADER_LABEL = /^\s*(?:date|published|posted|updated|last updated|modified)(?:\s+on)?\s*[:|\-–—]?\s*/i;
/** What may surround a date on a date-only line: labels, separators, a stray counter ("0"). */
const HEADER_NOISE_WORDS = ['date', 'published', 'posted', 'updated', 'last', 'modified', 'on', 'at', 'gmt', 'utc'];
const HEADER_NOISE = new RegExp(`\\b(?:${HEADER_NOISE_WORDS.join('|')})\\b|[\\s|,:;•·\\-–—/()]+`, 'gi');
const NOISE_WORD = new Set(HEADER_NOISE_WORDS);
const MAX_HEADER_RESIDUE = 3;

/** The header dates boilerplate cut, then the document's top lines (`topLines`: the top lines of an HTML page's source are markup, not a header). */
function headerCandidates(page: PageFacts, ref: Date, topLines: boolean): Candidate[] {
  const fromRemovals = page.headerDates.flatMap((text) => explicitCandidate(text, ref, 'header'));
  const fromTopLines = topLines ? page.topLines.flatMap((line) => headerLineCandidate(line, ref)) : [];
  return preferTimed([...fromRemovals, ...fromTopLines]);
}

function explicitCandidate(text: string, ref: Date, source: DateSource): Candidate[] {
  const found = firstExplicitDate(text, ref);
  return found ? [{ found, source, evidence: text.trim() }] : [];
}

/**
 * A top line is a header date when it is nothing but a date (give or take labels, separators and
 * a stray counter, " date 2024-03-21 0"), or when a label introduces a date at the start of the
 * line even if body text follows (" date 2024-10-06 (MENAFN) China's ...").
 */
function headerLineCandidate(line: string, ref: Date): Candidate[] {
  // Most top lines are prose: no label, and words no date expression contains. Such a line cannot
  // be a date-only line, whatever chrono would find in it.
  if (!mayHoldWrittenDate(line) || (!HEADER_LABEL.test(line) && !mayBeDateOnly(line))) return [];
  const found = firstExplicitDate(line, ref);
  if (!found) return [];
  const label = HEADER_LABEL.exec(line);
  const labelled = label !== null && label[0].trim() !== '' && found.index === label[0].length;
  const end = found.index + found.length;
  const residue = (line.slice(0, found.index) + ' ' + line.slice(end)).replace(HEADER_NOISE, '');
  const dateOnly = residue.length <= MAX_HEADER_RESIDUE && !/\p{L}/u.test(residue);
  if (!labelled && !dateOnly) return [];
  const evidence = dateOnly ? line.trim() : line.slice(0, end).trim();
  return [{ found, source: 'header', evidence }];
}

/**
 * Whether the line may be a date-only line. For that, every ASCII word (a `\w+` run, as
 * HEADER_NOISE sees words) with a letter outside the date must be a noise word; the others lie
 * inside the date, except the two words its ends may cut. Inside a chrono result only words that
 * fit (vocabulary.ts) can stand, at most MAX_ZONE_WORDS of them as time zone abbreviations. So
 * three words that cannot stand there, besides those cut, rule the line out.
 */
function mayBeDateOnly(line: string): boolean {
  let misfits = 0;
  let zones = 0;
  for (const m of line.matchAll(ASCII_WORD)) {
    const w = m[0];
    if (!ASCII_LETTER.test(w) || NOISE_WORD.has(w.toLowerCase())) continue;
    const fit = fitOf(w);
    if (fit === 'no') misfits++;
    else if (fit === 'zone') zones++;
    if (misfits + Math.max(0, zones - MAX_ZONE_WORDS) > 2) return false;
  }
  return true;
}

const ASCII_WORD = /\w+/g;
const ASCII_LETTER = /[a-z]/i;

/**
 * Pages often show the same date twice (" date 2024-03-21 0" then "Thursday 21 March 2024 -
 * 09:34"); keep the first header's date but take the time from a line that agrees with it.
 */
function preferTimed(candidates: Candidate[]): Candidate[] {
  const [first] = candidates;
  if (!first || first.found.time) return candidates;
  const timed = candidates.find((c) => c.found.time && compareYmd(c.found.ymd, first.found.ymd) === 0);
  return timed ? [timed, ...candidates.filter((c) => c !== timed)] : candidates;
}

// ---------------------------------------------------------------------------------------------
// byline: a labelled date line in the text ("Published: 21 March 2024", "Veröffentlicht am
// 21.03.2024", "Stand: 21.03.2024"); publication labels before modification labels

/** `lines`: the lines near the top of the document as read that may hold one (boilerplate/page-facts.ts). */
function bylineCandidates(lines: readonly string[]): Candidate[] {
  const found = lines.flatMap((line) => labelledDate(line) ?? []);
  return [...found.filter((f) => !f.modified), ...found.filter((f) => f.modified)];
}

/**
 * The first full date on a short line between the headline and the body ("10.12.2022 18:27 von
 * Hinrich Neumann", "Por Adriano Fernandes | 03/05/2022 20:36", "Okt 13, 2022 | Umwelt"): where
 * scraped pages show their byline, labelled or not.
 */
function underHeadlineCandidates(lines: readonly string[]): Candidate[] {
  for (const line of lines) {
    const found = allLooseDates(line)[0];
    if (found) return [{ found, source: 'byline', evidence: line.slice(0, 120) }];
  }
  return [];
}

// ---------------------------------------------------------------------------------------------
// dateline: "Beijing, December 20, 2023, The Europe Today:", "WASHINGTON, March 3 (Reuters) -"

/** A short place name of capitalised words (optionally "City, Region,") before the date. */
const DATELINE_PLACE =
  /^\s*\p{Lu}[\p{L}.'’-]*(?:[ \/]\p{Lu}[\p{L}.'’-]*){0,3}(?:,\s*\p{Lu}[\p{L}.'’-]*(?:\s\p{Lu}[\p{L}.'’-]*){0,2})?,?\s+$/u;
/** Sentence openers that look like a capitalised place: "On Aug. 7, ...", "For the year ended". */
const NOT_A_PLACE = /^\s*(?:on|in|for|by|since|from|until|as|at|the|last|this|next|early|late|through|after|before)\b/i;
/** What follows the date in a dateline: a comma, "(Agency)", a dash or a colon. */
const DATELINE_AFTER = /^\s*(?:[,(:]|[-–—])/;
const DATELINE_WINDOW = 90;
const STARTS_WITH_CAPITAL = /^\s*\p{Lu}/u;

/**
 * The dateline the boilerplate stage took out of the text (`meta.dateline`), else one still
 * opening a paragraph. Only a dated one with its year: "WASHINGTON, March 3 (Reuters) -" alone
 * does not say which year, and the run's year would make the value depend on the day it runs.
 */
function datelineCandidates(doc: Doc, ref: Date): Candidate[] {
  const taken = doc.meta.dateline;
  if (taken !== undefined) {
    const found = firstExplicitDate(taken.slice(0, DATELINE_WINDOW), ref);
    return found ? [{ found, source: 'dateline', evidence: taken.slice(0, found.index + found.length).trim() }] : [];
  }
  for (const paragraph of leadingParts(doc.text, PARAGRAPH_BREAK, DATELINE_SCAN_PARAGRAPHS)) {
    const head = paragraph.slice(0, DATELINE_WINDOW);
    // The place before the date starts with a capital (DATELINE_PLACE): no need to look for a date.
    if (!STARTS_WITH_CAPITAL.test(head)) continue;
    const found = firstExplicitDate(head, ref, false);
    if (!found) continue;
    const end = found.index + found.length;
    const place = head.slice(0, found.index);
    if (!DATELINE_PLACE.test(place) || NOT_A_PLACE.test(place) || !DATELINE_AFTER.test(head.slice(end))) continue;
    return found.yearWritten ? [{ found, source: 'dateline', evidence: head.slice(0, end).trim() }] : [];
  }
  return [];
}

// ---------------------------------------------------------------------------------------------
// text: the first fully written date in the lede's first sentence, if introduced by "on"
// (conservative last resort: later sentences mostly date the events reported, not the report)

/** Shorter blocks at the top of raw text are kickers, headlines and menu items, not the lede. */
const MIN_LEDE_WORDS = 8;
/** Paragraphs looked at for the lede, and how much of it: a lede sentence is far shorter. */
const LEDE_SCAN_PARAGRAPHS = 20;
const MAX_LEDE_CHARS = 1000;
const ON_BEFORE = /\bon\s+$/i;
/**
 * What a lede holds when ON_BEFORE matches the four characters before a date in it: "on" with one
 * space after it and a word boundary before it (the same boundary in the lede, or its start), or
 * "on" with two spaces, opening those four characters (where the boundary is their start). Most
 * ledes hold neither, and need not be read.
 */
const MAY_HAVE_ON_BEFORE = /\bon\s|on\s\s/i;
/**
 * "vanished 10 years ago, on 1 February 1995": the date is an anniversary's, years before the
 * report. Looked for in the lede before the date.
 */
const YEARS_AGO = /\b(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|several|many)\s+(?:years?|decades?)\s+ago\b/i;

function firstParagraphCandidates(text: string, ref: Date): Candidate[] {
  let paragraph: string | undefined;
  for (const p of leadingParts(text, PARAGRAPH_BREAK, LEDE_SCAN_PARAGRAPHS)) {
    if (hasWords(p, MIN_LEDE_WORDS)) {
      paragraph = p;
      break;
    }
  }
  if (!paragraph) return [];
  const lede = firstSentence(paragraph.slice(0, MAX_LEDE_CHARS));
  if (!MAY_HAVE_ON_BEFORE.test(lede)) return [];
  const found = firstExplicitDate(lede, ref);
  // Only a day introduced by "on" ("said on 4 July 2023") dates the report; "the year ending June
  // 30, 1990" or "notes due Oct. 15, 1999" (TempEval's WSJ ledes) date something else.
  if (!found || !ON_BEFORE.test(lede.slice(Math.max(0, found.index - 4), found.index))) return [];
  if (YEARS_AGO.test(lede.slice(0, found.index))) return [];
  // A time next to an in-text date is an event time, not a publication time.
  const dateOnly: ExplicitDate = { ...found, time: undefined, offsetMinutes: undefined };
  return [{ found: dateOnly, source: 'text', evidence: lede.slice(found.index, found.index + found.length) }];
}

/** Up to the first ". " followed by a capital; abbreviations ("Oct. 7") are followed by digits. */
function firstSentence(paragraph: string): string {
  const end = /[.!?]["”’]?\s+(?=["“‘]?\p{Lu})/u.exec(paragraph);
  return end ? paragraph.slice(0, end.index + 1) : paragraph;
}

const PARAGRAPH_BREAK = /\n\s*\n/g;

/** The first `count` non-blank parts of `text` between matches of `separator` (global), without splitting all of it. */
function* leadingParts(text: string, separator: RegExp, count: number): Generator<string> {
  const re = new RegExp(separator.source, 'g');
  let start = 0;
  let yielded = 0;
  while (yielded < count && start <= text.length) {
    const m = re.exec(text);
    const end = m ? m.index : text.length;
    const part = text.slice(start, end);
    if (part.trim() !== '') {
      yield part;
      yielded++;
    }
    if (!m) return;
    start = m.index + m[0].length;
    if (m[0].length === 0) re.lastIndex++;
  }
}

/** Whether the text has at least `n` whitespace-separated words (counting stops there). */
function hasWords(text: string, n: number): boolean {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = text.charCodeAt(i) <= 32;
    if (!space && !inWord && ++words >= n) return true;
    inWord = !space;
  }
  return false;
}
