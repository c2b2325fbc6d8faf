/**
 * Dedupe stage: exact and near (syndicated) copies, within a run and across runs.
 *
 * The work is done by DedupeIndex in two phases (docs/dedupe.md has the full rules and figures):
 *  1. observe(entry, runId) for every non-rejected document, in stream order: normalized text ->
 *     content hash, strict key, MinHash signature (112 permutations over word 5-gram shingles);
 *     LSH (28 bands x 4 rows) candidates verified at estimated Jaccard >= 0.5. No text is kept.
 *  2. resolve() at the end of the run: union-find over verified edges; in each component the
 *     earliest published new document (ties: smallest doc_id) becomes representative unless it is
 *     within the threshold of a representative decided earlier (earlier runs' representatives
 *     never change); each other document joins the representative it is most similar to if that
 *     similarity is >= threshold, else starts its own cluster.
 * The runner keeps one DedupeIndex across runs (toBuffer/fromBuffer) and calls remove() for docs
 * whose source changed or vanished.
 *
 * createDedupeStage wraps both phases for simple streaming use: it must hold the whole run in
 * memory (decisions exist only once the last document is seen), so large runs should use the
 * index directly with the runner's spool.
 */
import type { Doc } from '../pipeline/doc.js';
import type { StageContext, StreamStage } from '../pipeline/stage.js';
import { DedupeIndex, DEFAULT_NEAR_THRESHOLD, type DedupeDecision, type DedupeEntry } from './dedupe/dedupe-index.js';
import { BANDS, NUM_PERM, ROWS, SHINGLE_WORDS } from './dedupe/minhash.js';

export {
  DedupeIndex,
  DEFAULT_NEAR_THRESHOLD,
  MAX_CANDIDATES,
  MAX_COMPONENT_REPS,
  MAX_NEAR_DAYS,
  PERSISTED_FIXED_BYTES_PER_DOC,
  PERSISTED_HEADER_BYTES,
  type DedupeDecision,
  type DedupeEntry,
  type DedupeIndexOptions,
} from './dedupe/dedupe-index.js';
export { contentHash, normalizeForDedupe, normalizeKeepDigits } from './dedupe/normalize.js';

export interface DedupeOptions {
  /** Minimum estimated Jaccard similarity for a near duplicate (default 0.5). Ignored when an index is passed. */
  threshold?: number;
}

/** The dedupe entry for a document: its current text and publication day. */
export function dedupeEntryOf(doc: Doc): DedupeEntry {
  return { docId: doc.id, text: doc.text, published: doc.published?.date ?? null };
}

/**
 * A stream stage over one run: buffers the run's documents, observes them in order, resolves at
 * the end and yields them in input order with `dup` set (rejected docs pass through untouched).
 * Pass an index restored with DedupeIndex.fromBuffer to dedupe against earlier runs; the stage
 * never reads or writes files.
 */
export function createDedupeStage(index?: DedupeIndex, options: DedupeOptions = {}): StreamStage {
  const threshold = index?.threshold ?? options.threshold ?? DEFAULT_NEAR_THRESHOLD;
  if (!(threshold > 0 && threshold <= 1)) throw new Error(`dedupe threshold must be in (0, 1], got ${threshold}`);
  return {
    name: 'dedupe',
    kind: 'stream',
    describe:
      `exact (sha256 of normalized text) and near (MinHash ${NUM_PERM} perms, LSH ${BANDS}x${ROWS}, word ` +
      `${SHINGLE_WORDS}-grams, Jaccard >= ${threshold}) duplicates, clustered; earliest published copy is kept`,
    async *run(docs: AsyncIterable<Doc>, ctx: StageContext): AsyncIterable<Doc> {
      const idx = index ?? new DedupeIndex({ threshold });
      const held: Doc[] = [];
      for await (const doc of docs) {
        held.push(doc);
        if (!doc.reject) idx.observe(dedupeEntryOf(doc), ctx.runId);
      }
      const decisions = idx.resolve();
      for (const doc of held) {
        if (doc.reject) {
          yield doc;
          continue;
        }
        const decision: DedupeDecision | undefined = decisions.get(doc.id) ?? idx.decision(doc.id);
        if (!decision) throw new Error(`dedupe: no decision for ${doc.id}`);
        yield { ...doc, dup: decision };
      }
    },
  };
}
