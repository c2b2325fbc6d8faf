/**
 * BILOU tags over the four CoNLL types. The model tags MISC too (nationalities, events, works),
 * because knowing what a MISC name looks like keeps it from being read as a person, organisation
 * or place; the stage then drops MISC spans.
 *
 * Tag numbering: 0 = O, then for type t: 1 + 4t = B, 2 + 4t = I, 3 + 4t = L, 4 + 4t = U.
 */
export const ENTITY_TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;
export type ModelType = (typeof ENTITY_TYPES)[number];
export const TAG_COUNT = 1 + 4 * ENTITY_TYPES.length;

export const O = 0;
const B = 1;
const I = 2;
const L = 3;
const U = 4;
/** The parts as partOfTag gives them. */
export const PART_B = B;
export const PART_L = L;
export const PART_U = U;

export const tagOf = (type: number, part: typeof B | typeof I | typeof L | typeof U): number => 1 + 4 * type + (part - 1);
export const typeOfTag = (tag: number): number => (tag === O ? -1 : (tag - 1) >> 2);
export const partOfTag = (tag: number): number => (tag === O ? 0 : ((tag - 1) & 3) + 1);

/** Whether `next` may follow `prev` (prev = -1: sentence start; next = -1: sentence end). */
export function allowed(prev: number, next: number): boolean {
  const open = prev >= 0 && (partOfTag(prev) === B || partOfTag(prev) === I);
  if (next < 0) return !open;
  const np = partOfTag(next);
  const continues = np === I || np === L;
  if (open) return continues && typeOfTag(next) === typeOfTag(prev);
  return !continues;
}

export interface TokenSpan {
  /** First token (inclusive) and last token (exclusive), sentence-relative or absolute. */
  start: number;
  end: number;
  type: number;
}

/** BILOU tags of one sentence for the given spans (non-overlapping, sorted). */
export function encodeSpans(length: number, spans: TokenSpan[]): Uint8Array {
  const tags = new Uint8Array(length);
  for (const s of spans) {
    if (s.end - s.start === 1) tags[s.start] = tagOf(s.type, U);
    else {
      tags[s.start] = tagOf(s.type, B);
      for (let k = s.start + 1; k < s.end - 1; k++) tags[k] = tagOf(s.type, I);
      tags[s.end - 1] = tagOf(s.type, L);
    }
  }
  return tags;
}

/** Spans of a tag sequence that obeys `allowed` (Viterbi output always does). */
export function decodeSpans(tags: ArrayLike<number>, offset = 0): TokenSpan[] {
  const out: TokenSpan[] = [];
  let open = -1;
  for (let k = 0; k < tags.length; k++) {
    const p = partOfTag(tags[k]);
    if (p === U) out.push({ start: offset + k, end: offset + k + 1, type: typeOfTag(tags[k]) });
    else if (p === B) open = k;
    else if (p === L && open >= 0) {
      out.push({ start: offset + open, end: offset + k + 1, type: typeOfTag(tags[k]) });
      open = -1;
    }
  }
  return out;
}
