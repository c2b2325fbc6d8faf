/**
 * How much two threads gain on this machine, by workload: the per-document stages (boilerplate,
 * dates, entities) with no I/O, no checkpoints and no main-thread work, beside synthetic loads
 * (an ALU loop, random reads over 4 MB and 64 MB). One worker runs all of a workload, then two
 * workers run half each, started together after a warm-up; ratio = time(1) / time(2), and the
 * per-thread slowdown = (ms per item with two threads) / (ms per item with one).
 *
 * It separates what the pipeline loses at --concurrency 2 from what the machine gives: if the
 * stages alone gain 1.3x from a second thread, no pipeline around them gains more.
 *
 * `npm run bench` calls `benchScaling({ dir })`; `node dist/bench/bench-scaling.js [dir]` runs it alone.
 */
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Doc } from '../pipeline/doc.js';
import { readInput } from '../stages/read.js';
import { SHARED_DATA } from './paths.js';
import type { ScalingInput, Workload } from './scaling-worker.js';

const WORKER = new URL('./scaling-worker.js', import.meta.url);

async function runWorkers(workload: Workload, parts: Doc[][], iterations: number): Promise<number> {
  const workers = parts.map((docs) => new Worker(WORKER, { workerData: { workload, docs, iterations: Math.round(iterations / parts.length) } satisfies ScalingInput }));
  try {
    await Promise.all(workers.map((w) => new Promise((res, rej) => { w.once('message', res); w.once('error', rej); })));
    const t0 = performance.now();
    await Promise.all(workers.map((w) => new Promise((res, rej) => { w.once('message', res); w.once('error', rej); w.postMessage('go'); })));
    return performance.now() - t0;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

export interface ScalingRow {
  workload: Workload;
  oneMs: number;
  twoMs: number;
  ratio: number;
}

export async function benchScaling(opts: { dir?: string; maxDocs?: number; log?: (line: string) => void } = {}): Promise<ScalingRow[]> {
  const log = opts.log ?? ((l: string) => process.stdout.write(`${l}\n`));
  const dir = opts.dir ?? join(SHARED_DATA, 'news/bbc');
  const docs: Doc[] = [];
  for await (const d of readInput(dir)) {
    if (!d.reject) docs.push(d);
    if (docs.length >= (opts.maxDocs ?? Infinity)) break;
  }
  const halves = [docs.filter((_, i) => i % 2 === 0), docs.filter((_, i) => i % 2 === 1)];
  const iterations: Record<Workload, number> = { stages: 0, alu: 2e9, ilp: 2e9, random384kb: 3e8, random4mb: 1.2e8, random64mb: 4e7 };
  const rows: ScalingRow[] = [];
  for (const workload of (process.env.NEWS_ETL_SCALING_ONLY?.split(',') ?? ['stages', 'alu', 'ilp', 'random384kb', 'random4mb', 'random64mb']) as Workload[]) {
    const one: number[] = [];
    const two: number[] = [];
    for (let rep = 0; rep < 2; rep++) {
      one.push(await runWorkers(workload, [docs], iterations[workload]));
      two.push(await runWorkers(workload, halves, iterations[workload]));
    }
    const row = { workload, oneMs: Math.round(Math.min(...one)), twoMs: Math.round(Math.min(...two)), ratio: 0 };
    row.ratio = Math.round((row.oneMs / row.twoMs) * 100) / 100;
    rows.push(row);
    log(`  ${workload.padEnd(11)} 1 thread ${row.oneMs} ms, 2 threads ${row.twoMs} ms: ${row.ratio}x (per-thread slowdown ${(2 / row.ratio).toFixed(2)})${workload === 'stages' ? ` — ${docs.length} documents` : ''}`);
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? (existsSync('bench/.corpus/x1') ? 'bench/.corpus/x1' : undefined);
  await benchScaling({ dir });
}
