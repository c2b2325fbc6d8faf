/**
 * Rules that classify a line from its own text alone, wherever it sits in the page: comment
 * forms, credits, photo captions and site chrome. Position-dependent decisions (headline,
 * teaser lists, what lies outside the body) are made in classify.ts.
 */
import type { LineFeatures } from './features.js';
import {
  CAPTION_PREFIXES, CHROME_LINES, CHROME_PREFIXES, COMMENT_FORM_PREFIXES, CREDIT_PREFIXES,
  PHOTO_AGENCIES, anyOfPattern, anyPrefixPattern,
} from './lexicon.js';

export type FixedReason = 'comment_form' | 'credit' | 'photo_caption' | 'chrome';

const LEADING_MARKS = /^[*•·\-–—»>|#\s]+/;
const TRAILING_MARKS = /[\s:|»›>…*]+$/;
const TRAILING_COUNTER = /\s*[([]?\d+[)\]]?$/;
/** "0 comments on “...”", "12 Responses to ...", "3 thoughts on ..." */
const COMMENT_COUNT = /^\d+\s+(?:comments?|responses?|replies|thoughts|kommentare?)(?:\s+(?:on|to|zu)\b|$)/;
/** No rule below applies to a line longer than this: prose is never fixed boilerplate. */
const MAX_FIXED_RULE_WORDS = 30;
const RIGHTS_RESERVED = ['all rights reserved', 'alle rechte vorbehalten', 'derechos reservados',
  'droits réservés'];

/**
 * "* Share:" -> "share", "Comments (3)" -> "comments": the form a chrome line is looked up by.
 * TRAILING_COUNTER is tried only where the last character could end its match: it is unanchored
 * at the front, so on a line it cannot match the engine tries every position, and most lines
 * end with a letter.
 */
function chromeKey(key: string): string {
  const unmarked = key.replace(LEADING_MARKS, '').replace(TRAILING_MARKS, '');
  return mayEndCounter(unmarked.charCodeAt(unmarked.length - 1)) ? unmarked.replace(TRAILING_COUNTER, '') : unmarked;
}

/** A digit, ")" or "]": every match of TRAILING_COUNTER ends with one of these. */
function mayEndCounter(code: number): boolean {
  return (code >= 48 && code <= 57) || code === 41 || code === 93;
}

const COMMENT_FORM_START = anyPrefixPattern(COMMENT_FORM_PREFIXES);
const CREDIT_START = anyPrefixPattern(CREDIT_PREFIXES);
const CAPTION_START = anyPrefixPattern(CAPTION_PREFIXES);
const CHROME_START = anyPrefixPattern(CHROME_PREFIXES);
const PHOTO_AGENCY = anyOfPattern(PHOTO_AGENCIES);
const RIGHTS_RESERVED_PHRASE = anyOfPattern(RIGHTS_RESERVED);

function isCommentForm(f: LineFeatures, key: string): boolean {
  if (f.words > 30) return false;
  return COMMENT_FORM_START.test(key) || COMMENT_COUNT.test(key);
}

function isCredit(f: LineFeatures, key: string): boolean {
  return f.words <= 12 && CREDIT_START.test(key);
}

/** "FILE PHOTO. © Reuters / Greg Baker", "Photo: AFP", "Xi Jinping. © Sputnik / Pool". */
function isPhotoCaption(f: LineFeatures, key: string): boolean {
  if (f.words > 25) return false;
  if (CAPTION_START.test(key)) return true;
  const hasCopyrightSign = key.includes('©') || key.includes('(c)');
  return hasCopyrightSign && (key.includes(' / ') || PHOTO_AGENCY.test(key)) &&
    !RIGHTS_RESERVED_PHRASE.test(key);
}

function isChrome(f: LineFeatures, key: string): boolean {
  // Counters, separators, pagination: nothing to read.
  if (!f.hasLetter) return true;
  if (f.words <= 6 && CHROME_LINES.has(chromeKey(key))) return true;
  if (f.words <= 12 && CHROME_START.test(key)) return true;
  return f.words <= 20 && (key.includes('©') || RIGHTS_RESERVED_PHRASE.test(key));
}

/**
 * A cookie / consent notice: mentions cookies together with the site, the browser, consent or
 * privacy. An article about baking cookies mentions none of those.
 */
function isCookieNotice(f: LineFeatures): boolean {
  if (f.words > MAX_COOKIE_NOTICE_WORDS || !f.key.includes('cookie')) return false;
  return COOKIE_CONTEXT.some((word) => f.key.includes(word));
}

const MAX_COOKIE_NOTICE_WORDS = 90;
const COOKIE_CONTEXT = ['website', 'webseite', 'web site', 'browser', 'consent', 'zustimm', 'einverstanden',
  'akzeptier', 'accept', 'privacy', 'datenschutz', 'przeglądar', 'strona', 'stronie', 'sitio web',
  'navegador', 'navegación', 'site web', 'navigateur', 'politique de confidentialité', 'nutzungserlebnis',
  'analytics', 'tracking'];

/** The reason a line is boilerplate whatever its position, or null. Date lines are handled apart. */
export function fixedReason(f: LineFeatures): FixedReason | null {
  if (isCookieNotice(f)) return 'chrome';
  if (f.words > MAX_FIXED_RULE_WORDS) return null;
  const key = f.key.replace(LEADING_MARKS, '');
  if (isCommentForm(f, key)) return 'comment_form';
  if (isCredit(f, key)) return 'credit';
  if (isPhotoCaption(f, key)) return 'photo_caption';
  if (isChrome(f, key)) return 'chrome';
  return null;
}
