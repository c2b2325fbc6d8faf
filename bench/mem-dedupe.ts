/**
 * Memory of the dedupe index at scale: builds an index of N (default 200,000) ~3 KB documents
 * (random real bbc/reuters paragraphs, 10% of them syndicated copies of an earlier document with
 * one paragraph dropped), observe + settle + toChunks, and prints per document:
 *  - ArrayBuffer bytes (typed arrays) and JS heap the index holds (what dropping it frees, after
 *    a full GC), and the process RSS growth after a full GC;
 *  - the peak RSS (VmHWM) of each phase above the RSS it started from (settle's transient etc.).
 * The texts are made one at a time and dropped after dedupeFeatures, so what grows is the index.
 *
 *   npx tsc -p . && node --expose-gc dist/bench/mem-dedupe.js [docs]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DedupeIndex } from '../stages/dedupe.js';
import { dedupeFeatures } from '../stages/dedupe/dedupe-index.js';
import { loadBbc, loadReuters, prng } from './eval-dedupe.js';

const DOC_CHARS = 3000;

const gc = (): void => {
  const g = (globalThis as { gc?: () => void }).gc;
  if (!g) throw new Error('run with node --expose-gc');
  g();
  g();
};
const statusKb = (field: string): number => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync('/proc/self/status', 'utf8'))![1]) * 1024;
/** Reset VmHWM (peak RSS) to the current RSS (Linux >= 4.0). */
const resetPeak = (): void => writeFileSync('/proc/self/clear_refs', '5');

interface Snap {
  rss: number;
  heap: number;
  ab: number;
}
const snap = (): Snap => {
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed, ab: m.arrayBuffers };
};

/** Document i (fresh: random real paragraphs; copy: an earlier doc's paragraphs minus one). */
export function makeDocs(paragraphs: string[], count: number, seed = 11): (i: number) => { docId: string; text: string; published: string } {
  const rnd = prng(seed);
  // per doc: source doc (itself when fresh) and dropped paragraph position (-1 when fresh)
  const source = new Int32Array(count);
  const drop = new Int32Array(count).fill(-1);
  const dayOf = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    if (i > 10 && rnd() < 0.1) {
      source[i] = source[Math.floor(rnd() * i)];
      drop[i] = Math.floor(rnd() * 1_000_000);
      dayOf[i] = dayOf[source[i]] + Math.floor(rnd() * 3);
    } else {
      source[i] = i;
      dayOf[i] = Math.floor(rnd() * 365);
    }
  }
  const parasOf = (i: number): string[] => {
    const r = prng(1_000_003 * (i + 1));
    const parts: string[] = [];
    for (let len = 0; len < DOC_CHARS; ) {
      const p = paragraphs[Math.floor(r() * paragraphs.length)];
      parts.push(p);
      len += p.length + 2;
    }
    return parts;
  };
  return (i: number) => {
    const parts = parasOf(source[i]);
    if (drop[i] >= 0) parts.splice(1 + (drop[i] % (parts.length - 1)), 1);
    const day = new Date(Date.UTC(2005, 0, 1) + dayOf[i] * 86_400_000).toISOString().slice(0, 10);
    return { docId: (0x10000000 + i).toString(16).padStart(16, '0'), text: parts.join('\n\n'), published: day };
  };
}

export function memDedupe(count: number): Record<string, number> {
  const paragraphs = [...loadBbc(), ...loadReuters()].flatMap((a) => [a.headline, ...a.paragraphs]).filter((p) => p.length > 40);
  const doc = makeDocs(paragraphs, count);
  // warm-up (JIT) on a separate index, then dropped
  {
    const warm = new DedupeIndex();
    for (let i = 0; i < 2000; i++) warm.observeFeatures(dedupeFeatures(doc(i)), 'warm');
    warm.settle();
    for (const _ of warm.toChunks());
  }
  gc();
  const base = snap();
  resetPeak();
  let index: DedupeIndex | null = new DedupeIndex();
  const t0 = performance.now();
  for (let i = 0; i < count; i++) index!.observeFeatures(dedupeFeatures(doc(i)), 'mem');
  const t1 = performance.now();
  const observePeak = statusKb('VmHWM');
  gc();
  const observed = snap();
  resetPeak();
  const beforeSettle = snap();
  const t2 = performance.now();
  const decided = index.settle();
  const t3 = performance.now();
  const settlePeak = statusKb('VmHWM');
  let duplicates = 0;
  for (const id of decided) if (index.decision(id)!.isDuplicate) duplicates++;
  decided.length = 0;
  gc();
  const settled = snap();
  resetPeak();
  const beforeChunks = snap();
  let persisted = 0;
  for (const c of index.toChunks()) persisted += c.length;
  const chunksPeak = statusKb('VmHWM');
  gc();
  const end = snap();
  const memoryBytes = index.memoryBytes;
  const size = index.size;
  // what the index holds: the difference made by dropping it (robust to drift of the baseline)
  index = null;
  gc();
  const dropped = snap();
  const per = (x: number) => Math.round(x / count);
  const mb = (x: number) => Math.round(x / 1e5) / 10;
  const result = {
    docs: count,
    duplicates,
    index_size: size,
    observe_s: Math.round(t1 - t0) / 1000,
    settle_ms: Math.round(t3 - t2),
    memory_bytes_per_doc: per(memoryBytes),
    array_buffers_per_doc: per(end.ab - dropped.ab),
    js_heap_per_doc: per(end.heap - dropped.heap),
    rss_growth_per_doc: per(settled.rss - base.rss),
    rss_growth_mb: mb(settled.rss - base.rss),
    observe_peak_rss_above_start_mb: mb(observePeak - base.rss),
    settle_transient_rss_mb: mb(settlePeak - beforeSettle.rss),
    settle_retained_rss_mb: mb(settled.rss - observed.rss),
    to_chunks_transient_rss_mb: mb(chunksPeak - beforeChunks.rss),
    after_to_chunks_rss_growth_mb: mb(end.rss - base.rss),
    persisted_bytes_per_doc: per(persisted),
  };
  process.stdout.write(`dedupe index memory (${count} docs of ~3 KB; bytes per doc after a full GC, above the start):\n`);
  for (const [k, v] of Object.entries(result)) process.stdout.write(`  ${k}: ${v}\n`);
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  memDedupe(Number(process.argv[2] ?? 200_000));
}
