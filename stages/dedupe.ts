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
 * As a corpus stage (pipeline/stage.ts), the index is the stage's memory: lanes compute each
 * document's features, the main thread observes them, settles, and decides; the index persists
 * across runs, and a document whose source changed or vanished is forgotten (remove()).
 */
import type { Doc } from '../pipeline/doc.js';
import type { CorpusMemory, CorpusStage, StageContext } from '../pipeline/stage.js';
import { DedupeIndex, DEFAULT_NEAR_THRESHOLD, dedupeFeatures, type DedupeDecision, type DedupeEntry, type DedupeFeatures } from './dedupe/dedupe-index.js';
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
  type DedupeFeatures,
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

const DESCRIBE = `exact (sha256 of normalized text) and near (MinHash ${NUM_PERM} perms, LSH ${BANDS}x${ROWS}, word `
  + `${SHINGLE_WORDS}-grams, Jaccard >= ${DEFAULT_NEAR_THRESHOLD}) duplicates, clustered; earliest published copy is kept`;

/** The index as the pipeline's corpus memory: a decision becomes the document's `dup` field. */
class DedupeMemory implements CorpusMemory<DedupeFeatures> {
  changed: boolean;
  constructor(readonly index: DedupeIndex, fresh: boolean) { this.changed = fresh; }
  observe(_docId: string, features: DedupeFeatures, runId: string): void { this.changed = true; this.index.observeFeatures(features, runId); }
  forget(docId: string): void { this.changed = true; this.index.remove(docId); }
  settle(): void { this.index.settle(); }
  decide(docId: string): { dup: DedupeDecision } | undefined {
    const dup = this.index.decision(docId);
    return dup && { dup };
  }
  persist(): Iterable<Uint8Array> { return this.index.toChunks(); }
}

export const dedupe: CorpusStage<DedupeFeatures> = {
  name: 'dedupe',
  kind: 'corpus',
  describe: DESCRIBE,
  reads: ['text', 'published'],
  writes: ['dup'],
  features: (doc) => dedupeFeatures(dedupeEntryOf(doc)),
  open: (persisted) => new DedupeMemory(persisted ? DedupeIndex.fromBuffer(persisted) : new DedupeIndex(), !persisted),
};

/**
 * Both phases over one run, for tests and evaluations: holds the run's documents, observes them in
 * order, settles at the end and yields them in input order with `dup` set (rejected docs pass
 * through untouched). Pass an index restored with DedupeIndex.fromBuffer to dedupe against earlier
 * runs. The pipeline itself uses `dedupe` (a corpus stage), which never holds documents.
 */
export function createDedupeStage(index?: DedupeIndex, options: DedupeOptions = {}) {
  const threshold = index?.threshold ?? options.threshold ?? DEFAULT_NEAR_THRESHOLD;
  if (!(threshold > 0 && threshold <= 1)) throw new Error(`dedupe threshold must be in (0, 1], got ${threshold}`);
  return {
    name: 'dedupe',
    describe: DESCRIBE,
    async *run(docs: AsyncIterable<Doc>, ctx: Pick<StageContext, 'runId'>): AsyncIterable<Doc> {
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
