/**
 * Main-thread memory of the runner's per-lane doc id lists (laneDocs) at the x10 corpus's size:
 * N (default 182,200) fresh 16-hex ids (docIdFor of corpus-shaped paths) kept as a string[], as
 * the runner did, and as a DocIdList; prints per id the JS heap plus ArrayBuffer bytes each holds
 * after a full GC, and the time to read them all back in decision-sized slices.
 *
 *   npx tsc -p . && node --expose-gc dist/bench/mem-lane-docs.js [ids]
 */
import { fileURLToPath } from 'node:url';
import { DocIdList } from '../pipeline/doc-id-list.js';
import { docIdFor } from '../stages/read.js';
import { corpusPath } from './mem-file-table.js';

const gc = (): void => {
  const g = (globalThis as { gc?: () => void }).gc;
  if (!g) throw new Error('run with node --expose-gc');
  g();
  g();
};
const held = (): number => {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

function measure<L extends { length: number; push(id: string): unknown; slice(a: number, b: number): string[] }>(n: number, make: () => L): { bytesPerId: number; readMs: number } {
  const before = held();
  const list = make();
  for (let i = 0; i < n; i++) list.push(docIdFor(corpusPath(i)));
  const bytesPerId = (held() - before) / n;
  const t0 = performance.now();
  let chars = 0;
  for (let i = 0; i < list.length; i += 4096) for (const id of list.slice(i, i + 4096)) chars += id.length;
  if (chars !== 16 * n) throw new Error('ids lost');
  return { bytesPerId: Number(bytesPerId.toFixed(1)), readMs: Math.round(performance.now() - t0) };
}

function main(): void {
  const n = Number(process.argv[2] ?? 182_200);
  const strings = measure(n, (): string[] => []);
  const packed = measure(n, () => new DocIdList());
  console.log(JSON.stringify({ ids: n, string_array: strings, doc_id_list: packed }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
