/**
 * Cross-document chrome (cc_net style): a paragraph that recurs in many documents of the same
 * source ("Alle Rechte vorbehalten. Nachdruck nur mit Genehmigung.", a newsletter box, a
 * standard disclaimer) is site furniture even when it reads like prose.
 *
 * Counts are plain data the caller owns and passes in (`observe` updates them); the runner
 * owns them (per source: `meta.sourceName` or the input folder), see `observe` / `dropRepeated`.
 * Paragraphs are compared by a 53-bit hash (FNV-1a over the normalized text: lower case, digits
 * folded to 0, whitespace collapsed), so the counts hold numbers, not text.
 *
 * Reason code: `cross_doc_repeat` - the paragraph occurs in at least `minDocs` documents and in
 * at least `minShare` of the documents counted for the source.
 */

export interface SourceLineCounts {
  /** Documents observed for this source. */
  docs: number;
  /** Paragraph hash (decimal string) -> number of documents it occurred in (once per document). */
  lines: Record<string, number>;
}

export interface CrossDocOptions {
  /** Fewest documents a paragraph must occur in (default 3). */
  minDocs?: number;
  /** Least share of the source's documents it must occur in (default 0.1). */
  minShare?: number;
  /** Paragraphs shorter than this are left to the per-document rules (default 15 characters). */
  minChars?: number;
}

export interface CrossDocRemoval {
  /** Index of the paragraph in the input list. */
  index: number;
  text: string;
  reason: 'cross_doc_repeat';
}

export function paragraphHash(text: string): string {
  const key = text.toLowerCase().replace(/\d/g, '0').replace(/\s+/g, ' ').trim();
  // FNV-1a in two 32-bit halves combined into 53 bits (exact in a JS number).
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return String((h1 >>> 0) * 0x200000 + ((h2 >>> 0) & 0x1fffff));
}

/**
 * Adds one more document of the source to `counts` (each distinct paragraph counts once) and
 * returns it. Updated in place: copying the map per document would make a source's counting
 * quadratic in its size.
 */
export function observe(counts: SourceLineCounts, paragraphs: readonly string[], options: CrossDocOptions = {}): SourceLineCounts {
  const minChars = options.minChars ?? 15;
  const lines = counts.lines;
  const seen = new Set<string>();
  for (const p of paragraphs) {
    if (p.trim().length < minChars) continue;
    const h = paragraphHash(p);
    if (seen.has(h)) continue;
    seen.add(h);
    lines[h] = (lines[h] ?? 0) + 1;
  }
  counts.docs += 1;
  return counts;
}

/** Splits a document's paragraphs into kept ones and cross-document repeats, given the counts. */
export function dropRepeated(
  paragraphs: readonly string[], counts: SourceLineCounts, options: CrossDocOptions = {},
): { kept: string[]; removed: CrossDocRemoval[] } {
  const minDocs = options.minDocs ?? 3;
  const minShare = options.minShare ?? 0.1;
  const minChars = options.minChars ?? 15;
  const kept: string[] = [];
  const removed: CrossDocRemoval[] = [];
  paragraphs.forEach((p, index) => {
    const n = p.trim().length >= minChars ? counts.lines[paragraphHash(p)] ?? 0 : 0;
    if (n >= minDocs && n >= minShare * counts.docs) removed.push({ index, text: p.slice(0, 200), reason: 'cross_doc_repeat' });
    else kept.push(p);
  });
  return { kept, removed };
}
