/**
 * Dedupe throughput: documents/s on one core (observe + resolve in the main thread) over ~3 KB
 * documents assembled from real bbc and reuters text, 10% of them syndicated copies, plus the
 * index size per document (persisted with toBuffer, and held in typed arrays in memory), and the
 * index's own share (observeFeatures + settle over precomputed features, as in the pipeline where
 * the lanes compute the features).
 * `node dist/bench/bench-dedupe.js` runs it alone.
 */
import { fileURLToPath } from 'node:url';
import { DedupeIndex } from '../stages/dedupe.js';
import { dedupeFeatures } from '../stages/dedupe/dedupe-index.js';
import { loadBbc, loadReuters, prng } from './eval-dedupe.js';

const DOC_CHARS = 3000;

/** ~3 KB documents: consecutive real paragraphs (bbc and reuters alternating) until 3,000 chars. */
export function buildDocs(count: number, seed = 7): Array<{ docId: string; text: string; published: string }> {
  const paragraphs = [...loadBbc(), ...loadReuters()].flatMap((a) => [a.headline, ...a.paragraphs]).filter((p) => p.length > 40);
  const rnd = prng(seed);
  const docs: Array<{ docId: string; text: string; published: string }> = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    const day = `2005-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    if (i > 10 && rnd() < 0.1) {
      // a syndicated copy of an earlier document: re-wrapped, one paragraph dropped
      const src = docs[Math.floor(rnd() * docs.length)];
      const paras = src.text.split('\n\n');
      paras.splice(1 + Math.floor(rnd() * (paras.length - 1)), 1);
      docs.push({ docId: `doc-${i}`, text: paras.join('\n\n').replace(/\n/g, ' '), published: src.published });
      continue;
    }
    const parts: string[] = [];
    let len = 0;
    while (len < DOC_CHARS) {
      const para = paragraphs[p++ % paragraphs.length];
      parts.push(para);
      len += para.length + 2;
    }
    docs.push({ docId: `doc-${i}`, text: parts.join('\n\n'), published: day });
  }
  return docs;
}

export async function benchDedupe(): Promise<Record<string, number>> {
  const docs = buildDocs(8_000);
  const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d.text), 0);
  // warm-up (JIT) on a separate index
  const warm = new DedupeIndex();
  for (const d of docs.slice(0, 1000)) warm.observe(d, 'warm');
  warm.resolve();

  const index = new DedupeIndex();
  const t0 = performance.now();
  for (const d of docs) index.observe(d, 'bench');
  const t1 = performance.now();
  const decisions = index.resolve();
  const t2 = performance.now();
  const buf = index.toBuffer();
  const t3 = performance.now();
  DedupeIndex.fromBuffer(buf);
  const t4 = performance.now();

  // the index's own work (what the main thread does when the lanes compute the features):
  // observeFeatures + settle over precomputed features, best of 5
  const features = docs.map((d) => dedupeFeatures(d));
  let indexObserveMs = Infinity;
  let indexSettleMs = Infinity;
  for (let rep = 0; rep < 5; rep++) {
    const ix = new DedupeIndex();
    const u0 = performance.now();
    for (const f of features) ix.observeFeatures(f, 'bench');
    const u1 = performance.now();
    ix.settle();
    const u2 = performance.now();
    indexObserveMs = Math.min(indexObserveMs, u1 - u0);
    indexSettleMs = Math.min(indexSettleMs, u2 - u1);
  }

  const duplicates = [...decisions.values()].filter((d) => d.isDuplicate).length;
  const result: Record<string, number> = {
    docs: docs.length,
    avg_doc_bytes: Math.round(bytes / docs.length),
    duplicates_found: duplicates,
    docs_per_s_per_core: Math.round(docs.length / ((t2 - t0) / 1000)),
    mb_per_s_per_core: Number((bytes / 1e6 / ((t2 - t0) / 1000)).toFixed(2)),
    observe_ms: Math.round(t1 - t0),
    resolve_ms: Math.round(t2 - t1),
    index_bytes_per_doc_persisted: Number((buf.length / docs.length).toFixed(1)),
    index_bytes_per_doc_arrays_in_memory: Number((index.memoryBytes / docs.length).toFixed(1)),
    index_observe_features_ms: Number(indexObserveMs.toFixed(1)),
    index_settle_ms: Number(indexSettleMs.toFixed(1)),
    index_docs_per_s: Math.round(docs.length / ((indexObserveMs + indexSettleMs) / 1000)),
    to_buffer_ms: Math.round(t3 - t2),
    from_buffer_ms: Math.round(t4 - t3),
  };
  process.stdout.write(`dedupe bench (one core, ${docs.length} docs of ~${result.avg_doc_bytes} B):\n`);
  for (const [k, v] of Object.entries(result)) process.stdout.write(`  ${k}: ${v}\n`);
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  benchDedupe().catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  });
}
