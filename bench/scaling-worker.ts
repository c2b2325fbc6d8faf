/**
 * Worker thread for `bench/bench-scaling.ts`: gets its documents (or a synthetic workload), warms
 * up, waits for "go", runs, and reports the elapsed milliseconds.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Doc } from '../pipeline/doc.js';
import { docStages, STAGES } from '../pipeline/registry.js';
import { applyDocStages } from '../pipeline/apply.js';

export type Workload = 'stages' | 'alu' | 'ilp' | 'random384kb' | 'random4mb' | 'random64mb';
export interface ScalingInput {
  workload: Workload;
  docs: Doc[];
  /** Synthetic workloads: iterations. */
  iterations: number;
}

const WARM_UP_DOCS = 300;

const stages = await docStages(STAGES.map((s) => s.name));

function runStages(docs: Doc[]): number {
  const ctx = { runId: 'bench', runStartedAt: new Date() };
  let n = 0;
  for (const d of docs) n += applyDocStages(d, stages, {}, ctx, {}).doc.text.length;
  return n;
}

/** Independent integer operations: no memory traffic, what two cores give at best. */
function alu(iterations: number): number {
  let a = 1, b = 2, c = 3, d = 4;
  for (let k = 0; k < iterations; k++) { a = (a + k) | 0; b = (b ^ a) | 0; c = (c + b) | 0; d = (d ^ c) | 0; }
  return a + b + c + d;
}

/**
 * Eight independent integer chains: enough instruction-level parallelism to keep one core's
 * execution units busy. Two real cores run it 2x; two hardware threads of one core (SMT) share
 * those units and gain little.
 */
function ilp(iterations: number): number {
  let a = 1, b = 2, c = 3, d = 4, e = 5, f = 6, g = 7, h = 8;
  for (let k = 0; k < iterations; k++) {
    a = (a + k) | 0; b = (b ^ k) | 0; c = (c + 3) | 0; d = (d ^ 5) | 0;
    e = (e + 7) | 0; f = (f ^ 9) | 0; g = (g + 11) | 0; h = (h ^ 13) | 0;
  }
  return a + b + c + d + e + f + g + h;
}

/** A random cyclic walk over `mb` MB, built before timing. */
function walkTable(mb: number): Int32Array {
  const n = Math.floor((mb * 1024 * 1024) / 4);
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  let seed = 0x9e3779b9;
  for (let i = n - 1; i > 0; i--) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    const j = seed % (i + 1);
    const t = a[i]; a[i] = a[j]; a[j] = t;
  }
  return a;
}

/** Dependent random reads: cache- or memory-latency bound depending on the table's size. */
function randomReads(table: Int32Array, iterations: number): number {
  const n = table.length;
  let x = 0;
  for (let k = 0; k < iterations; k++) x = table[(x + k) % n];
  return x;
}

let table: Int32Array | undefined;

function work(input: ScalingInput, docs: Doc[]): number {
  switch (input.workload) {
    case 'stages': return runStages(docs);
    case 'alu': return alu(input.iterations);
    case 'ilp': return ilp(input.iterations);
    case 'random384kb': return randomReads(table ??= walkTable(0.375), input.iterations);
    case 'random4mb': return randomReads(table ??= walkTable(4), input.iterations);
    case 'random64mb': return randomReads(table ??= walkTable(64), input.iterations);
  }
}

if (parentPort) {
  const input = workerData as ScalingInput;
  work({ ...input, iterations: Math.ceil(input.iterations / 10) }, input.docs.slice(0, WARM_UP_DOCS));
  parentPort.postMessage({ ready: true });
  parentPort.once('message', () => {
    const t0 = performance.now();
    const check = work(input, input.docs);
    parentPort!.postMessage({ ms: performance.now() - t0, check });
  });
}
