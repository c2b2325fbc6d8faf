/**
 * Text normalization for duplicate detection, modelled on datatrove's `simplify_text` and cc_net's
 * `normalize_line`: two copies of one article that differ only in case, punctuation, typographic
 * quotes, numbers or line breaks must normalize to the same string.
 */
import { createHash } from 'node:crypto';

// Punctuation and symbols ($, £, ©, emoji, ...) are dropped rather than turned into spaces, as in
// datatrove; format characters (soft hyphen, zero-width space, BOM) are invisible, so drop them too.
const DROP = /[\p{P}\p{S}\p{Cf}]/gu;
// Every decimal digit, in any script, becomes "0" (cc_net): dates, counts and prices that were
// corrected between copies do not break an exact match.
const DIGIT = /\p{Nd}/gu;
const SPACE = /\s+/gu;

/** NFKC, lowercase, punctuation/symbols removed, digits folded to 0, whitespace collapsed, trimmed. */
export function normalizeForDedupe(text: string): string {
  return text
    .normalize('NFKC') // full-width forms, ligatures, NBSP -> plain equivalents
    .toLowerCase()
    .replace(DROP, '')
    .replace(DIGIT, '0')
    .replace(SPACE, ' ')
    .trim();
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
  return createHash('sha256').update(normalized, 'utf8').digest('hex');
}
