/**
 * Date expressions in the article text. chrono finds the calendar expressions; the rules in
 * rules.ts add what chrono lacks; this module filters chrono's false friends, resolves weekdays
 * the way news uses them, and keeps one non-overlapping mention per span.
 */
import type { DocBudget } from '../../pipeline/budget.js';
import type { DateMention } from '../../pipeline/doc.js';
import { addDays, chronoReference, formatYm, formatYmd, isValidYmd, weekdayOf, type Ymd } from './calendar.js';
import { parseDates, type ChronoResult } from './chrono.js';
import { trimmedMatch } from './explicit.js';
import { GATED_PATTERNS as RULE_PATTERNS, ruleMentions, type Found } from './rules.js';
import { isFutureContext, yearForMonth, yearForMonthDay } from './tense.js';
import { GATED_PATTERNS as VAGUE_PATTERNS, resolveAnaphora, vagueMentions } from './vague.js';
import { WordLists, Words } from './words.js';
import { localizedMentions } from './localized-mentions.js';
import { blocks, PLACEHOLDER_REFERENCE } from './blocks.js';
import { chronoWindows, Signs } from './windows.js';
import { UNKNOWN_DAY, UNKNOWN_MONTH, UNKNOWN_YEAR, weekdayOfUnknownWeek, yearlessDay, yearlessMonth } from './unanchored.js';

type Components = ChronoResult['start'];

/** A mention with its surface, before the stage fills in the anchor. */
export type FoundMention = Omit<DateMention, 'anchor' | 'anchorSource'> & { anchored: boolean };

/**
 * Every date expression of `text`, its value resolved against `ref` (the document's anchor) when
 * it needs one; with no `ref` such values stay relative (unanchored.ts). `anchored` tells which
 * values needed it.
 */
export function findDateMentions(text: string, ref: Ymd | undefined, budget?: DocBudget, language?: string | null): FoundMention[] {
  // Rules first: on an identical span ("this year") the rule's TIMEX3 value wins over chrono's.
  // Then the vague and anaphoric ones (vague.ts); anaphors get their values in text order. Dates
  // named in the document's own language (not English) come last.
  const words = new Words(text, PATTERN_WORDS);
  const candidates = [...ruleMentions(words, ref), ...vagueMentions(words, ref), ...chronoMentions(text, ref, budget), ...localizedMentions(text, language, ref)];
  return resolveAnaphora(pickNonOverlapping(candidates, text.length), ref).map((f) => ({ surface: text.slice(f.start, f.end), ...f, anchored: f.anchored ?? false }));
}

/** The words of the rules' and the vague patterns, looked for in one scan of the text. */
const PATTERN_WORDS = new WordLists([...RULE_PATTERNS, ...VAGUE_PATTERNS].filter((g) => !g.exact).map((g) => g.words));

/**
 * Longest span first (ties: earlier in the list), then back into text order. Taken characters are
 * marked in a byte per character of the text, so the cost is the candidates' total length, not
 * their number squared (a long record holds tens of thousands of mentions). The bytes are kept
 * between documents and cleared after use: a new array per document is allocated and zeroed
 * outside the heap, which cost more than the picking.
 */
function pickNonOverlapping(candidates: Found[], textLength: number): Found[] {
  const ranked = candidates.map((f, i) => ({ f, i })).sort((a, b) => b.f.end - b.f.start - (a.f.end - a.f.start) || a.i - b.i);
  if (taken.length < textLength) taken = new Uint8Array(Math.max(textLength, 2 * taken.length));
  const kept: Found[] = [];
  for (const { f } of ranked) {
    if (isFree(taken, f.start, f.end)) {
      taken.fill(1, f.start, f.end);
      kept.push(f);
    }
  }
  for (const f of kept) taken.fill(0, f.start, f.end);
  return kept.sort((a, b) => a.start - b.start);
}

let taken = new Uint8Array(1 << 16);

function isFree(taken: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (taken[i]) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Running chrono cheaply

/**
 * Only blocks with something chrono could read go to chrono: a month or weekday name, a
 * relative day word, or digits in a date-like shape. Most paragraphs of prose have none.
 */
const CHRONO_TRIGGER =
  /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\b(?:today|tonight|yesterday|tomorrow|ago|week|month|year|morning|afternoon|evening)\b|\d{1,4}[-\/.]\d{1,2}[-\/.]\d{1,4}/i;

function chronoMentions(text: string, ref: Ymd | undefined, budget: DocBudget | undefined): Found[] {
  // Without a reference chrono still needs one; every value that depends on it is replaced by a
  // relative one (resolve), so which day it is does not matter, only that it is fixed.
  const refDate = chronoReference(ref ?? PLACEHOLDER_REFERENCE);
  const out: Found[] = [];
  for (const block of blocks(text)) {
    budget?.check();
    if (!CHRONO_TRIGGER.test(block.text)) continue;
    const windows = chronoWindows(block.text, TEMPORAL_SIGNS);
    for (let i = 0; i < windows.length; i += 2) {
      const from = windows[i];
      const to = windows[i + 1];
      const part = to - from === block.text.length ? block.text : block.text.slice(from, to);
      for (const r of parseDates(part, refDate)) {
        const found = fromChrono(r, block.start + from, text, ref);
        if (found) out.push(found);
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// From a chrono result to a mention

function fromChrono(r: ChronoResult, blockStart: number, text: string, ref: Ymd | undefined): Found | undefined {
  const { lead, surface } = trimmedMatch(r);
  const start = blockStart + r.index + lead;
  if (surface === '' || isFalseFriend(surface, r, text, start)) return undefined;
  const end = start + surface.length;
  const context = { text, start, surface, ref };
  const from = resolve(r.start, context);
  if (!from) return undefined;
  const single: Found = { start, end, value: from.value, date: from.date, granularity: from.granularity, anchored: from.anchored };
  if (!r.end) return single;
  const to = resolve(r.end, context, from.day);
  if (!to || from.granularity !== 'day' || to.granularity !== 'day') return single;
  return { start, end, value: `${from.value}/${to.value}`, date: null, granularity: 'range', anchored: from.anchored || to.anchored };
}

// ---------------------------------------------------------------------------------------------
// Filters: things chrono reads as dates that are not (or not calendar dates)

const MONTH_OR_WEEKDAY_WORD =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?)\b/gi;
/** Words that take a bare month name as a time ("in March"), unlike names ("Theresa May"). */
const MONTH_CUE = /\b(?:in|of|since|until|till|by|during|early|late|mid|last|next|this|from|through|to|between|and|before|after|for)[\s-]+$/i;
const NOT_CALENDAR = [
  /^(?:right\s+)?now$/i, // the present, not a date
  /^the\s+(?:day|year)$/i, // "earlier in the day", "the year-ago quarter": the story's, not the calendar's
  /^(?:for|within|during|over)\b/i, // durations: "for two years", "within 24 hours"
  /^in\s+(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|a few|several)\s+(?:second|minute|hour|day|week|month|year)s?\b/i,
  // anaphoric: relative to an event in the story, not to the publication date
  /\b(?:hour|minute|day|week|month|year)s?\s+(?:before|after|earlier|later)\b|\b(?:next|following|previous|same)\s+day\b/i,
  /\bweekend\b/i, // no TIMEX3 day value
];

/** Month and weekday names by their first three letters. */
const NAME_PREFIXES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const TIME_WORDS = ['today', 'tonight', 'yesterday', 'tomorrow', 'ago', 'day', 'week', 'month', 'year', 'quarter', 'morning', 'afternoon', 'evening', 'night'];

/** A date expression has a name, a number or a time word; chrono also reads "half", "SEC". */
const TEMPORAL_WORD = new RegExp(String.raw`\d|\b(?:${NAME_PREFIXES.join('|')})[a-z]*\b|\b(?:${TIME_WORDS.join('|')})s?\b`, 'i');
/**
 * What every text TEMPORAL_WORD accepts contains, from the same words: chrono reads only the parts
 * of a paragraph that have one (windows.ts), since a result anywhere else is a false friend.
 */
const TEMPORAL_SIGNS = new Signs([...NAME_PREFIXES, ...TIME_WORDS]);

function isFalseFriend(surface: string, r: ChronoResult, text: string, start: number): boolean {
  if (!TEMPORAL_WORD.test(surface)) return true;
  // Tested on chrono's own text too: "in a year" is a duration, "a year" alone would not say so.
  const whole = r.text.trim();
  if (NOT_CALENDAR.some((re) => re.test(surface) || re.test(whole))) return true;
  // "The Europe Today", "USA Today": a capitalised casual word mid-sentence is part of a name.
  if (/^(?:Today|Tonight|Tomorrow|Yesterday)$/.test(surface) && !atSentenceStart(text, start)) return true;
  const c = r.start;
  // "1/2", "24/7", "9/11": fractions and ratios as often as dates when no year is written.
  if (/^[\d\s.\/-]+$/.test(surface) && !c.isCertain('year')) return true;
  const names = surface.match(MONTH_OR_WEEKDAY_WORD) ?? [];
  // Lower-case names are verbs or modals ("they march", "may 5 times"), not dates in edited news.
  if (names.some((w) => w === w.toLowerCase())) return true;
  const onlyName = names.length === 1 && names[0] === surface;
  if (onlyName && names[0].length <= 3) return true; // "Sun", "Sat", "Jan", "Mar" alone: names, papers
  if (onlyName && c.isCertain('month') && !MONTH_CUE.test(text.slice(Math.max(0, start - 24), start))) return true;
  return false;
}

function atSentenceStart(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 20), start).replace(/[ \t]+$/, '');
  return before === '' || /[.!?:;"“”'‘’(\n—–-]$/.test(before);
}

// ---------------------------------------------------------------------------------------------
// Values

interface Resolved extends Pick<Found, 'value' | 'date' | 'granularity'> {
  /** The day, when day-precise and known (used to resolve a range's weekday end after its start). */
  day?: Ymd;
  anchored: boolean;
}

interface Context {
  text: string;
  start: number;
  surface: string;
  /** The anchor; undefined: values that need one stay relative. */
  ref: Ymd | undefined;
}

/**
 * "today", "this morning", "tonight": day-precise although chrono marks no component certain.
 * A lone "morning" or "night" ("the night the plane fell", "good evening") is not.
 */
const CASUAL_DAY = /\b(?:today|tonight|yesterday|tomorrow|(?:this|last)\s+(?:morning|afternoon|evening|night))\b/i;

function resolve(c: Components, ctx: Context, after?: Ymd): Resolved | undefined {
  if (c.isCertain('weekday') && !c.isCertain('day')) {
    const weekday = c.get('weekday') ?? 0;
    if (!ctx.ref) return { value: weekdayOfUnknownWeek(weekday), date: null, granularity: 'day', anchored: true };
    return day(resolveWeekday(weekday, { ...ctx, ref: ctx.ref }, after), true);
  }
  const relative = isRelativeToReference(c, ctx.surface);
  if (relative && !ctx.ref) return unanchoredRelative(c, CASUAL_DAY.test(ctx.surface));
  const m = c.get('month') ?? 1;
  const d = c.get('day') ?? 1;
  // chrono's own year for "March 3" or "in April" is the nearest one, often in the future.
  const yearless = !c.isCertain('year');
  const future = yearless && isFutureContext(ctx.text, ctx.start);
  if (c.isCertain('day') && c.isCertain('month')) {
    if (!yearless) {
      const y = c.get('year') ?? 0;
      return isValidYmd(y, m, d) ? day({ y, m, d }, relative) : undefined;
    }
    if (!ctx.ref) return isValidYmd(2000, m, d) ? { value: yearlessDay(m, d), date: null, granularity: 'day', anchored: true } : undefined;
    const y = yearForMonthDay(m, d, ctx.ref, future);
    return isValidYmd(y, m, d) ? day({ y, m, d }, true) : undefined;
  }
  if (c.isCertain('month')) {
    if (!yearless) return { value: formatYm(c.get('year') ?? 0, m), date: null, granularity: 'month', anchored: relative };
    const value = ctx.ref ? formatYm(yearForMonth(m, ctx.ref, future), m) : yearlessMonth(m);
    return { value, date: null, granularity: 'month', anchored: true };
  }
  if (c.isCertain('year')) return { value: String(c.get('year')), date: null, granularity: 'year', anchored: relative };
  if (!CASUAL_DAY.test(ctx.surface)) return undefined; // a time of day alone ("09:34", "noon") is not a date
  if (!ctx.ref) return unanchoredRelative(c, true);
  const y = c.get('year') ?? ctx.ref.y;
  return isValidYmd(y, m, d) ? day({ y, m, d }, true) : undefined;
}

/**
 * Whether chrono computed the result from its reference date ("yesterday", "three days ago",
 * "next week", "end of this year"): its day, month or year is then certain although the text
 * names none of them. chrono tags most such results; a refiner that merges one into another
 * result ("end of this year", "this year through August") drops the tag, so a relative word
 * without a written year counts too.
 */
function isRelativeToReference(c: Components, surface: string): boolean {
  for (const tag of c.tags()) if (RELATIVE_TAGS.some((prefix) => tag.startsWith(prefix))) return true;
  return RELATIVE_WORD.test(surface) && !WRITTEN_YEAR.test(surface);
}

const RELATIVE_TAGS = ['result/relativeDate', 'casualReference/', 'parser/ENCasualDateParser', 'parser/ENCasualTimeParser', 'parser/ENEndOfCurrentMonthParser'];
const RELATIVE_WORD = /\b(?:this|next|last|past|coming|current|previous|following|ago|later|earlier|today|tonight|tomorrow|yesterday|now)\b/i;
const WRITTEN_YEAR = /\b\d{4}\b/;

/** The relative result's value with the parts chrono took from its reference left unknown. */
function unanchoredRelative(c: Components, casualDay: boolean): Resolved | undefined {
  const granularity = casualDay || c.isCertain('day') ? 'day' : c.isCertain('month') ? 'month' : c.isCertain('year') ? 'year' : undefined;
  return granularity && { value: UNANCHORED[granularity], date: null, granularity, anchored: true };
}

const UNANCHORED = { day: UNKNOWN_DAY, month: UNKNOWN_MONTH, year: UNKNOWN_YEAR } as const;

function day(v: Ymd, anchored: boolean): Resolved {
  const iso = formatYmd(v);
  return { value: iso, date: iso, granularity: 'day', day: v, anchored };
}

/**
 * News is written in the past tense: a bare weekday is the most recent such day on or before the
 * reference ("On Monday" in a Thursday article is three days earlier). "last Friday" is strictly
 * before; "next Friday" and weekdays after a future cue are the next such day. chrono's own
 * choice (the nearest day, often in the future) is not used.
 */
function resolveWeekday(weekday: number, ctx: Context & { ref: Ymd }, after?: Ymd): Ymd {
  if (after) return addDays(after, (weekday - weekdayOf(after) + 7) % 7); // "Monday to Friday"
  const back = (weekdayOf(ctx.ref) - weekday + 7) % 7;
  const lead = ctx.text.slice(Math.max(0, ctx.start - 12), ctx.start); // "the previous Friday"
  if (/\b(?:last|past|previous)\b/i.test(ctx.surface) || /\b(?:past|previous)\s+$/i.test(lead)) return addDays(ctx.ref, -(back || 7));
  if (/\b(?:next|coming)\b/i.test(ctx.surface)) return addDays(ctx.ref, (weekday - weekdayOf(ctx.ref) + 7) % 7 || 7);
  if (isFutureContext(ctx.text, ctx.start)) return addDays(ctx.ref, (weekday - weekdayOf(ctx.ref) + 7) % 7);
  return addDays(ctx.ref, -back);
}
