/**
 * Main-thread memory of the files table at the x10 corpus's size: builds a FileTable of N
 * (default 182,200) paths shaped like bench/.corpus/x10's ("reuters/c3/1234.txt",
 * "bbc/c7/sport-044.txt"), each with one 16-hex doc id, a sha256 and a run, and prints per file
 * the JS heap plus ArrayBuffer bytes it holds after a full GC, what it reports as memoryBytes,
 * and the time to build it and to look every path up once.
 *
 *   npx tsc -p . && node --expose-gc dist/bench/mem-file-table.js [files]
 */
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { FileTable } from '../pipeline/file-table.js';
import { docIdFor } from '../stages/read.js';

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

const BBC = [['business', 509], ['entertainment', 386], ['politics', 417], ['sport', 510], ['tech', 401]] as const;
const PER_COPY = 15_997 + BBC.reduce((n, [, c]) => n + c, 0);

/** Path i, a fresh flat string like the walk's (relative(...).split(sep).join('/')). */
export function corpusPath(i: number): string {
  const copy = Math.floor(i / PER_COPY) % 10;
  const wrap = Math.floor(i / (PER_COPY * 10));
  let k = i % PER_COPY;
  const name = (s: string): string => (wrap === 0 ? s : `w${wrap}-${s}`);
  if (k < 15_997) return ['reuters', `c${copy}`, name(`${k + 1}.txt`)].join('/');
  k -= 15_997;
  for (const [cat, n] of BBC) {
    if (k < n) return ['bbc', `c${copy}`, name(`${cat}-${String(k + 1).padStart(3, '0')}.txt`)].join('/');
    k -= n;
  }
  throw new Error('unreachable');
}

function main(): void {
  const files = Number(process.argv[2] ?? 182_200);
  const runId = ['20250101T000000Z', 'abcdef'].join('-');
  const before = held();
  const t0 = performance.now();
  const table = new FileTable();
  for (let i = 0; i < files; i++) {
    const path = corpusPath(i);
    table.set(path, { size: 1000 + i, mtimeMs: 1_700_000_000_000 + i, sha256: createHash('sha256').update(path).digest('hex'), docIds: [docIdFor(path)], runId });
  }
  const buildMs = performance.now() - t0;
  const after = held();
  const t1 = performance.now();
  let found = 0;
  for (let i = 0; i < files; i++) if (table.sameStat(corpusPath(i), 1000 + i, 1_700_000_000_000 + i)) found++;
  const lookupMs = performance.now() - t1;
  if (found !== files || table.size !== files) throw new Error(`lookups found ${found} of ${files}`);
  console.log(JSON.stringify({
    files,
    held_bytes_per_file: Number(((after - before) / files).toFixed(1)),
    memory_bytes_per_file: Number((table.memoryBytes / files).toFixed(1)),
    build_ms: Math.round(buildMs),
    lookup_ms: Math.round(lookupMs),
  }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
