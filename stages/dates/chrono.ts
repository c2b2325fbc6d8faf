/**
 * chrono, run the way the dates stage needs it: chrono's casual English configuration (what
 * `chrono.parse` uses) with `forwardDate: false`, made cheaper without changing a single result.
 *
 * - Parsers skipped per text: each of chrono's parsers scans the whole text with its own large
 *   regex, although most texts hold nothing it could match. Before a parser runs on a text, a
 *   gate checks for the words that every match of its pattern contains (chrono 2.10's English
 *   patterns, quoted below); when none occurs, the parser is given a pattern that fails at once,
 *   which is exactly what its own pattern would have done: no match, no result, and the refiners
 *   see the same list. Parsers whose patterns need only common words run ungated.
 * - Results reused within a document: the publication-date finders and the in-text mentions may
 *   parse the same string with the same reference date (a text document's first paragraphs are
 *   its top lines); inside `withChronoMemo` such a repeat returns the first call's results, which
 *   both callers only read.
 */
import * as chrono from 'chrono-node';
import { Words } from './words.js';

export type ChronoResult = chrono.ParsedResult;

const OPTIONS = { forwardDate: false } as const;

// ---------------------------------------------------------------------------------------------
// Gates

/** The text's words, and whether it has a digit, computed once per text for all parsers. */
class Features extends Words {
  private digit: boolean | undefined;

  hasDigit(): boolean {
    this.digit ??= /\d/.test(this.text);
    return this.digit;
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
  // ... (?:ago|before|earlier)
  ENTimeUnitAgoFormatParser: (f) => f.any(AGO_WORDS),
  // ... (?:later|after|from now|henceforth|forward|out)
  ENTimeUnitLaterFormatParser: (f) => f.any(LATER_WORDS),
  // (now|today|tonight|tomorrow|overmorrow|tmr|tmrw|yesterday|last\s*night)
  ENCasualDateParser: (f) => f.any(CASUAL_DATE_WORDS),
  // (morning|afternoon|evening|night|midnight|midday|noon)
  ENCasualTimeParser: (f) => f.any(CASUAL_TIME_WORDS),
  // (?:last\s+day|end)\s+of\s+(?:the\s+)?month
  ENEndOfCurrentMonthParser: (f) => f.any(MONTH_WORDS),
  // (this|last|past|next|after\s*this)\s*(unit)
  ENRelativeDateFormatParser: (f) => f.any(RELATIVE_WORDS),
};

/** A pattern that fails at its first (and only) position: anchored, so no scan. */
const NEVER = /^(?!)/;

/** The features of the text being parsed; one parse at a time, its parsers in turn. */
let current: { context: chrono.ParsingContext; features: Features } | undefined;

function featuresOf(context: chrono.ParsingContext): Features {
  if (current?.context !== context) current = { context, features: new Features(context.text) };
  return current.features;
}

function gatedParser(parser: chrono.Parser, gate: Gate): chrono.Parser {
  return {
    pattern: (context) => (gate(featuresOf(context)) ? parser.pattern(context) : NEVER),
    extract: (context, match) => parser.extract(context, match),
  };
}

function gatedConfiguration(): chrono.en.Chrono {
  const configuration = chrono.en.configuration.createCasualConfiguration(false);
  const parsers = configuration.parsers.map((p) => {
    const gate = GATES[p.constructor.name];
    return gate ? gatedParser(p, gate) : p;
  });
  return new chrono.Chrono({ parsers, refiners: configuration.refiners });
}

const CASUAL = gatedConfiguration();

/** How many of chrono's parsers are gated (the test checks that all of GATES found their parser). */
export const GATED_PARSERS = chrono.en.configuration.createCasualConfiguration(false).parsers.filter((p) => p.constructor.name in GATES).length;
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
  if (!memo) return CASUAL.parse(text, ref, OPTIONS);
  let byRef = memo.get(text);
  if (!byRef) memo.set(text, (byRef = new Map()));
  let results = byRef.get(ref.getTime());
  if (!results) byRef.set(ref.getTime(), (results = CASUAL.parse(text, ref, OPTIONS)));
  return results;
}
