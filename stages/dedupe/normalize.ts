/**
 * Text normalization for duplicate detection, modelled on datatrove's `simplify_text` and cc_net's
 * `normalize_line`: two copies of one article that differ only in case, punctuation, typographic
 * quotes, numbers or line breaks must normalize to the same string.
 */
import { hash } from 'node:crypto';

// Punctuation and symbols ($, £, ©, emoji, ...) are dropped rather than turned into spaces, as in
// datatrove; format characters (soft hyphen, zero-width space, BOM) are invisible, so drop them too.
const DROP = /[\p{P}\p{S}\p{Cf}]/gu;
// Every decimal digit, in any script, becomes "0" (cc_net): dates, counts and prices that were
// corrected between copies do not break an exact match.
const DIGIT = /\p{Nd}/gu;
const SPACE = /\s+/gu;
const NON_ASCII = /[^\x00-\x7f]/;
const ASCII_DIGIT = /[0-9]/g;

/** What normalizeAscii does with an ASCII character: DROPPED, SPACE, or the code it writes. */
const DROPPED = -1;
const SPACE_RUN = -2;
const ASCII_ACTION = asciiActions();

/**
 * For ASCII text NFKC changes nothing, lowercasing only changes A-Z, the ASCII members of
 * \p{P}/\p{S} are exactly the printable non-alphanumerics, and \s is tab, line feed, vertical
 * tab, form feed, carriage return and space.
 */
function asciiActions(): Int16Array {
  const action = new Int16Array(128);
  for (let c = 0; c < 128; c++) {
    const ch = String.fromCharCode(c);
    if (/[!-/:-@[-`{-~]/.test(ch)) action[c] = DROPPED;
    else if (/\s/.test(ch)) action[c] = SPACE_RUN;
    else action[c] = ch.toLowerCase().charCodeAt(0);
  }
  return action;
}

/** normalizeAscii's output bytes, kept between calls. */
let asciiBytes = Buffer.allocUnsafe(1 << 16);

/**
 * normalizePiece of ASCII text in one pass over it, undefined at its first other character: the
 * same string as lowercasing, dropping punctuation, collapsing whitespace runs to one space and
 * trimming, one after the other, without the intermediate strings. A space is written only
 * before the next kept character, so a run of spaces and punctuation becomes one space, and none
 * leads or trails.
 */
function normalizeAscii(text: string): string | undefined {
  const bytes = normalizedAsciiBytes(text);
  return bytes?.toString('latin1');
}

/**
 * normalizeAscii's result as bytes (ASCII, so also its UTF-8), undefined for text with another
 * character. A view of a buffer the next call overwrites: the caller is done with it before then.
 */
function normalizedAsciiBytes(text: string): Buffer | undefined {
  if (asciiBytes.length < text.length) asciiBytes = Buffer.allocUnsafe(text.length);
  const out = asciiBytes;
  let n = 0;
  let spaceBefore = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) return undefined;
    const action = ASCII_ACTION[c];
    if (action === DROPPED) continue;
    if (action === SPACE_RUN) {
      spaceBefore = true;
      continue;
    }
    if (spaceBefore && n > 0) out[n++] = 32;
    spaceBefore = false;
    out[n++] = action;
  }
  return out.subarray(0, n);
}

/** The two forms dedupe hashes: normalizeKeepDigits' string and the sha256 of it and of its digit-folded form. */
export interface NormalizedHashes {
  kept: string;
  /** sha256 of foldDigits(kept). */
  folded: Buffer;
  /** sha256 of kept (the same bytes as `folded` when folding changes nothing). */
  strict: Buffer;
}

/**
 * normalizeKeepDigits(text) and the hashes of both its forms. ASCII text (most of it) is hashed
 * from the bytes normalizing wrote and folded in place there: no folded string is built, and no
 * string is encoded again for hashing.
 */
export function normalizeAndHash(text: string): NormalizedHashes {
  const bytes = text.length <= CHUNK_CHARS ? normalizedAsciiBytes(text) : undefined;
  if (bytes === undefined) {
    const kept = text.length <= CHUNK_CHARS ? normalizeUnicode(text) : normalizeKeepDigits(text);
    const folded = foldDigits(kept);
    const foldedHash = sha256Bytes(folded);
    return { kept, folded: foldedHash, strict: kept === folded ? foldedHash : sha256Bytes(kept) };
  }
  const kept = bytes.toString('latin1');
  const strict = sha256Bytes(bytes);
  return { kept, folded: foldAsciiDigits(bytes) ? sha256Bytes(bytes) : strict, strict };
}

/** foldDigits on ASCII bytes, in place: every 1-9 becomes 0. True when a byte changed. */
function foldAsciiDigits(bytes: Buffer): boolean {
  let changed = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (c > 48 && c <= 57) {
      bytes[i] = 48;
      changed = true;
    }
  }
  return changed;
}

/** NFKC, lowercase, punctuation/symbols removed, digits folded to 0, whitespace collapsed, trimmed. */
export function normalizeForDedupe(text: string): string {
  return foldDigits(normalizeKeepDigits(text));
}

/**
 * normalizeForDedupe without the digit folding. Shingles and the exact-duplicate check use this
 * form: in short wire items the numbers *are* the story ("Qtly div 25 cts vs 25 cts prior / Pay
 * April 30 / Record April 16" and the same line with 22 cts are two companies' dividends, not
 * copies; Reuters-21578 has 1,109 such pairs under the folded key). A copy whose only change is
 * a corrected number still comes out as a near duplicate with similarity close to 1.
 */
export function normalizeKeepDigits(text: string): string {
  if (text.length <= CHUNK_CHARS) return normalizePiece(text);
  // A long record a piece at a time, cut at spaces: every step works within a word, so the
  // pieces' results joined by one space are the whole text's, and the intermediate copies of
  // each step (several times the text for NFKC and the Unicode patterns) stay small.
  const pieces: string[] = [];
  for (let start = 0; start < text.length; ) {
    let end = Math.min(text.length, start + CHUNK_CHARS);
    while (end < text.length && !isAsciiSpace(text.charCodeAt(end))) end++;
    const piece = normalizePiece(text.slice(start, end));
    if (piece !== '') pieces.push(piece);
    start = end;
  }
  return pieces.join(' ');
}

const CHUNK_CHARS = 1 << 20;

/** normalizeKeepDigits in one pass, whatever the length (the reference the pieces must equal; tests). */
export function normalizeInOnePass(text: string): string {
  return normalizePiece(text);
}

/** Cuts go at ASCII whitespace only: other \s characters (U+FEFF) are dropped inside a word, not spaces. */
function isAsciiSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 9 || code === 13;
}

function normalizePiece(text: string): string {
  return normalizeAscii(text) ?? normalizeUnicode(text);
}

/** normalizePiece of text that is not all ASCII. */
function normalizeUnicode(text: string): string {
  return text
    .normalize('NFKC') // full-width forms, ligatures, NBSP -> plain equivalents
    .toLowerCase()
    .replace(DROP, '')
    .replace(SPACE, ' ')
    .trim();
}

/** Every decimal digit (any script) -> "0": normalizeKeepDigits output -> normalizeForDedupe output. */
export function foldDigits(normalized: string): string {
  // ASCII text has no other decimal digits than 0-9; a Unicode-property pattern costs several times more.
  return NON_ASCII.test(normalized) ? normalized.replace(DIGIT, '0') : normalized.replace(ASCII_DIGIT, '0');
}

/**
 * Exact-duplicate key: sha256 (64 lowercase hex chars) of the UTF-8 bytes of `normalizeForDedupe(text)`.
 * Full sha256 rather than a truncated hash so the value can also serve as a stable content id in
 * the output tables. The table builder calls this directly when the dedupe stage did not run.
 */
export function contentHash(text: string): string {
  return hashNormalized(normalizeForDedupe(text));
}

/** sha256 hex of text that is already normalized (saves normalizing twice in the stage). */
export function hashNormalized(normalized: string): string {
  return hash('sha256', normalized, 'hex');
}

/** sha256 bytes (32) of already-normalized text (a string, or its UTF-8 bytes). */
export function sha256Bytes(normalized: string | Uint8Array): Buffer {
  // The one-shot form: no Hash object per document.
  return hash('sha256', normalized, 'buffer');
}
