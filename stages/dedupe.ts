/**
 * Dedupe stage: marks exact and near duplicates in stream order, keeping the first copy.
 *
 * For each document without `reject`, on `doc.text` (the article text after boilerplate removal):
 *  1. exact: sha256 of the normalized text (see dedupe/normalize.ts) was seen -> duplicate of that
 *     kept copy, similarity 1, method 'exact';
 *  2. near: MinHash (112 permutations) + LSH (14 bands x 8 rows) over word 5-gram shingles finds a
 *     kept copy whose signatures agree on >= threshold (0.7) of permutations -> method 'near',
 *     similarity = estimated Jaccard rounded to 3 decimals (see dedupe/minhash.ts for the curve);
 *  3. otherwise the document is kept and indexed.
 * Only kept documents enter the index, so `duplicateOf` always names a kept copy, never a duplicate.
 */
import type { Doc, DupInfo } from '../pipeline/doc.js';
import type { StageContext, StreamStage } from '../pipeline/stage.js';
import { DedupeIndex } from './dedupe/dedupe-index.js';
import { signatureOf } from './dedupe/minhash.js';
import { hashNormalized, normalizeForDedupe } from './dedupe/normalize.js';

export { DedupeIndex } from './dedupe/dedupe-index.js';
export { contentHash, normalizeForDedupe } from './dedupe/normalize.js';

export interface DedupeOptions {
  /** Minimum estimated Jaccard similarity for a near duplicate (default 0.7). */
  threshold?: number;
}

export const DEFAULT_NEAR_THRESHOLD = 0.7;

/** Decide one document against the index and index it if kept. Exported for tests and reruns. */
export function dedupeOne(index: DedupeIndex, doc: Doc, threshold = DEFAULT_NEAR_THRESHOLD): DupInfo {
  const normalized = normalizeForDedupe(doc.text);
  const hash = hashNormalized(normalized);
  // An empty text has no content to compare; it is neither a duplicate nor indexed (else every
  // empty document would be a "duplicate" of the first one). Rejecting it is another stage's job.
  if (normalized.length === 0) return { contentHash: hash, isDuplicate: false };

  const exactOf = index.findExact(hash);
  if (exactOf !== undefined) {
    // Same id: this very document was kept in an earlier run whose index was persisted.
    if (exactOf === doc.id) return { contentHash: hash, isDuplicate: false };
    return { contentHash: hash, isDuplicate: true, duplicateOf: exactOf, similarity: 1, method: 'exact' };
  }

  const sig = signatureOf(normalized);
  const near = index.findNear(sig, threshold, doc.id);
  if (near) {
    const similarity = Math.round(near.similarity * 1000) / 1000;
    return { contentHash: hash, isDuplicate: true, duplicateOf: near.docId, similarity, method: 'near' };
  }
  index.add(doc.id, hash, sig);
  return { contentHash: hash, isDuplicate: false };
}

/**
 * The runner creates one stage per run; pass an index restored with DedupeIndex.fromBuffer to
 * dedupe against earlier runs (the stage itself never reads or writes files).
 */
export function createDedupeStage(index: DedupeIndex = new DedupeIndex(), options: DedupeOptions = {}): StreamStage {
  const threshold = options.threshold ?? DEFAULT_NEAR_THRESHOLD;
  if (!(threshold > 0 && threshold <= 1)) throw new Error(`dedupe threshold must be in (0, 1], got ${threshold}`);
  return {
    name: 'dedupe',
    kind: 'stream',
    describe:
      `exact (sha256 of normalized text) and near (MinHash 112 perms, LSH 14x8, word 5-grams, ` +
      `Jaccard >= ${threshold}) duplicates; first copy in stream order is kept`,
    async *run(docs: AsyncIterable<Doc>, _ctx: StageContext): AsyncIterable<Doc> {
      for await (const doc of docs) {
        if (doc.reject) {
          yield doc;
          continue;
        }
        yield { ...doc, dup: dedupeOne(index, doc, threshold) };
      }
    },
  };
}
