/**
 * chrono, run the way the dates stage needs it: chrono's casual English configuration (what
 * `chrono.parse` uses) with `forwardDate: false`, made cheaper without changing a single result.
 *
 * - Parsers skipped per text: each of chrono's parsers scans the whole text with its own large
 *   regex, although most texts hold nothing it could match. Before a text is parsed, a gate per
 *   parser checks for the words that every match of its pattern contains (chrono 2.10's English
 *   patterns, quoted below); the text is parsed by a chrono without the parsers whose words are
 *   missing. Those would have found no match, so the refiners see the same results. Parsers
 *   whose patterns need only common words run ungated.
 * - Results reused within a document: the publication-date finders and the in-text mentions may
 *   parse the same string with the same reference date (a text document's first paragraphs are
 *   its top lines); inside `withChronoMemo` such a repeat returns the first call's results, which
 *   both callers only read.
 * - Refiners spared work that changes nothing: chrono's end-of-period refiner matches a pattern
 *   against all the text before each result, so its cost grows with the text times the results,
 *   and the pattern needs words few texts hold (see `skippedWithout`); the time zone refiner
 *   computes a date for every result followed by a short word (see `onlyPossibleZones`).
 */
import * as chrono from 'chrono-node';
import { mayBeZoneAbbreviation } from './vocabulary.js';
import { WordLists, Words } from './words.js';

export type ChronoResult = chrono.ParsedResult;

const OPTIONS = { forwardDate: false } as const;

// ---------------------------------------------------------------------------------------------
// Gates

/** The text's words, and whether it has a digit, computed once per text for all parsers. */
class Features extends Words {
  private digit: boolean | undefined;

  constructor(text: string) {
    super(text, GATE_WORDS);
  }

  hasDigit(): boolean {
    this.digit ??= /\d/.test(this.text);
    return this.digit;
  }

  /** Whether one of `closing` ends a duration in the text ("three days ago"; see DURATION_END). */
  hasDurationBefore(closing: RegExp): boolean {
    closing.lastIndex = 0;
    for (let m = closing.exec(this.text); m !== null; m = closing.exec(this.text)) {
      if (DURATION_END.test(this.text.slice(Math.max(0, m.index - DURATION_END_REACH), m.index))) return true;
      closing.lastIndex = m.index + 1;
    }
    return false;
  }
}

type Gate = (f: Features) => boolean;

/** Every entry of chrono's month dictionary ("sept.", "march", "may") starts with one of these. */
const MONTH_PREFIXES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** Every entry of chrono's weekday dictionary ("thurs.", "monday") contains one of these. */
const WEEKDAY_WORDS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'weekend', 'weekday'];

const AGO_WORDS = ['ago', 'before', 'earlier'];
const LATER_WORDS = ['later', 'after', 'from now', 'henceforth', 'forward', 'out'];
const CASUAL_DATE_WORDS = ['now', 'today', 'tonight', 'tomorrow', 'overmorrow', 'tmr', 'yesterday', 'last'];
const CASUAL_TIME_WORDS = ['morning', 'afternoon', 'evening', 'night', 'midday', 'noon'];
const MONTH_WORDS = ['month'];
const RELATIVE_WORDS = ['this', 'last', 'past', 'next', 'after'];
const SLASH = ['/'];

/**
 * chrono's duration patterns ("three days", "a couple of weeks") end with a number followed by a
 * time unit: `(number)\s{0,3}(unit)`, the number ending with a digit or one of the words below
 * ("a?\s{0,2}couple\s{0,2}(?:of)?" may add two spaces, hence five), the units as in its patterns.
 * The ago and later parsers need such an end, up to five spaces, then their closing word; the
 * closing words alone ("out", "after", "before") are in most paragraphs, this end before them
 * in few.
 */
const DURATION_UNITS = 'quarters|seconds|minutes|quarter|second|minute|months|hours|weeks|month|years|mins|hour|days|week|year|sec|min|hrs|day|mon|mos|qtr|hr|mo|yr|s|m|h|d|w|y';
const NUMBER_ENDS = '\\d|eleven|twelve|three|seven|eight|four|five|nine|one|two|six|ten|half|an?|few|several|the|couple|of';
const DURATION_END = new RegExp(`(?:${NUMBER_ENDS})\\s{0,5}(?:${DURATION_UNITS})\\s{0,5}$`, 'i');
/** The longest text DURATION_END can match ("several" + 5 spaces + "quarters" + 5 spaces), rounded up. */
const DURATION_END_REACH = 32;
const AGO_CLOSING = /(?:ago|before|earlier)(?=\W|$)/gi;
const LATER_CLOSING = /(?:later|after|from now|henceforth|forward|out)(?=\W|$)/gi;
const GATE_WORDS = new WordLists([MONTH_PREFIXES, WEEKDAY_WORDS, AGO_WORDS, LATER_WORDS, CASUAL_DATE_WORDS, CASUAL_TIME_WORDS, MONTH_WORDS, RELATIVE_WORDS]);

/**
 * Parser class name -> the condition without which its pattern cannot match. The words are
 * literal parts of the pattern that every match contains; test/dates.test.ts pins the patterns
 * these were read from, so a chrono upgrade that changes one fails there first.
 */
const GATES: Record<string, Gate> = {
  // "2024-03-21T09:34", "2024/03/21", "2024 March 21", "12/2024", times ("9:34", "5 pm"): digits.
  ISOFormatParser: (f) => f.hasDigit(),
  ENYearMonthDayParser: (f) => f.hasDigit(),
  SlashDateFormatParser: (f) => f.hasDigit(),
  ENSlashMonthFormatParser: (f) => f.hasDigit() && f.anyExact(SLASH),
  ENTimeExpressionParser: (f) => f.hasDigit(),
  // A month name: (month), day + month, month + day, year + month.
  ENMonthNameParser: (f) => f.any(MONTH_PREFIXES),
  ENMonthNameLittleEndianParser: (f) => f.any(MONTH_PREFIXES),
  ENMonthNameMiddleEndianParser: (f) => f.any(MONTH_PREFIXES),
  ENYearMonthNameParser: (f) => f.hasDigit() && f.any(MONTH_PREFIXES),
  // (wednesday|...|sat)|weekend|weekday
  ENWeekdayParser: (f) => f.any(WEEKDAY_WORDS),
  // (duration)\s{0,5}(?:ago|before|earlier)(?=\W|$): the words, then one ending a duration.
  ENTimeUnitAgoFormatParser: (f) => f.any(AGO_WORDS) && f.hasDurationBefore(AGO_CLOSING),
  // (duration)\s{0,5}(?:later|after|from now|henceforth|forward|out)(?=(?:\W|$))
  ENTimeUnitLaterFormatParser: (f) => f.any(LATER_WORDS) && f.hasDurationBefore(LATER_CLOSING),
  // (now|today|tonight|tomorrow|overmorrow|tmr|tmrw|yesterday|last\s*night)
  ENCasualDateParser: (f) => f.any(CASUAL_DATE_WORDS),
  // (morning|afternoon|evening|night|midnight|midday|noon)
  ENCasualTimeParser: (f) => f.any(CASUAL_TIME_WORDS),
  // (?:last\s+day|end)\s+of\s+(?:the\s+)?month
  ENEndOfCurrentMonthParser: (f) => f.any(MONTH_WORDS),
  // (this|last|past|next|after\s*this)\s*(unit)
  ENRelativeDateFormatParser: (f) => f.any(RELATIVE_WORDS),
};

const CONFIGURATION = chrono.en.configuration.createCasualConfiguration(false);

type Refiner = (typeof CONFIGURATION.refiners)[number];

/**
 * ENEndOfPeriodRefiner only changes a result when the text before it ends with "end of (the)" or
 * "last day of (the)" (its PREFIX_PATTERN, `\b(?:last\s+day|end)\s+of\s+(?:the\s+)?$`, case
 * blind); otherwise it returns the results untouched. Every such prefix contains a match of
 * END_OF_PERIOD_WORDS, so a text without one is left to the other refiners (test/dates.test.ts
 * compares with chrono.parse on texts with and without those words).
 */
const END_OF_PERIOD_WORDS = /(?:last\s+day|end)\s+of\s/i;

function skippedWithout(refiner: Refiner, needed: RegExp): Refiner {
  return { refine: (context, results) => (needed.test(context.text) ? refiner.refine(context, results) : results) };
}

/**
 * ExtractTimezoneAbbrRefiner looks at what follows each result on its own: 2-4 letters after it
 * (TIMEZONE_NAME_PATTERN, case blind) that its zone map knows; for any other result it does
 * nothing (not even in part: the first steps only read). Most results are followed by a short
 * word ("in", "the", "and"), which cost it a full date computation each; those results are not
 * handed to it. Without time zones in the options (as here) only its map counts.
 */
const TIMEZONE_NAME_PATTERN = /^\s*,?\s*\(?([A-Z]{2,4})\)?(?=\W|$)/i;

function onlyPossibleZones(refiner: Refiner): Refiner {
  return {
    refine(context, results) {
      const possible = results.filter((r) => {
        const zone = TIMEZONE_NAME_PATTERN.exec(context.text.substring(r.index + r.text.length));
        return zone !== null && mayBeZoneAbbreviation(zone[1]);
      });
      if (possible.length > 0) refiner.refine(context, possible);
      return results;
    },
  };
}

const REFINERS = CONFIGURATION.refiners.map((r) => {
  if (r.constructor.name === 'ENEndOfPeriodRefiner') return skippedWithout(r, END_OF_PERIOD_WORDS);
  if (r.constructor.name === 'ExtractTimezoneAbbrRefiner') return onlyPossibleZones(r);
  return r;
});
const PARSERS = CONFIGURATION.parsers.map((parser) => ({ parser, gate: GATES[parser.constructor.name] as Gate | undefined }));

/** One chrono per set of parsers that may match (a bit per parser), built on first use. */
const CHRONOS = new Map<number, chrono.Chrono>();

/**
 * A chrono with chrono's casual parsers (in their order) minus those that cannot match `text`,
 * and all its refiners. It returns what the full set returns: a skipped parser would have added
 * nothing to the results the refiners see.
 */
function chronoFor(text: string): chrono.Chrono {
  const features = new Features(text);
  let mask = 0;
  PARSERS.forEach(({ gate }, i) => {
    if (!gate || gate(features)) mask |= 1 << i;
  });
  let c = CHRONOS.get(mask);
  if (!c) {
    const parsers = PARSERS.filter((_, i) => mask & (1 << i)).map((p) => p.parser);
    CHRONOS.set(mask, (c = new chrono.Chrono({ parsers, refiners: REFINERS })));
  }
  return c;
}

/** How many of chrono's parsers are gated (the test checks that all of GATES found their parser). */
export const GATED_PARSERS = PARSERS.filter((p) => p.gate).length;
export const GATE_NAMES = Object.keys(GATES);

// ---------------------------------------------------------------------------------------------
// Parsing, with reuse within a document

let memo: Map<string, Map<number, ChronoResult[]>> | undefined;

/** Runs `fn` with chrono results reused between identical parses; the memo ends with `fn`. */
export function withChronoMemo<T>(fn: () => T): T {
  const outer = memo;
  memo = new Map();
  try {
    return fn();
  } finally {
    memo = outer;
  }
}

/** `chrono.parse(text, ref, { forwardDate: false })`. The results must not be modified. */
export function parseDates(text: string, ref: Date): ChronoResult[] {
  if (!memo) return chronoFor(text).parse(text, ref, OPTIONS);
  let byRef = memo.get(text);
  if (!byRef) memo.set(text, (byRef = new Map()));
  let results = byRef.get(ref.getTime());
  if (!results) byRef.set(ref.getTime(), (results = chronoFor(text).parse(text, ref, OPTIONS)));
  return results;
}
