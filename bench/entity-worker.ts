/**
 * Worker thread for `bench/bench-entities.ts`: reads its share of the corpus, warms up, then on
 * "go" runs the entities stage over its documents `rounds` times and reports the elapsed time.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { process as entitiesProcess } from '../stages/entities.js';
import { newDoc } from '../pipeline/doc.js';

export interface WorkerInput {
  files: string[];
  rounds: number;
  /** Calibration instead of tagging: a pure arithmetic loop of this many iterations per round. */
  spin?: number;
}
export interface WorkerResult {
  ms: number;
  bytes: number;
  mentions: number;
}

const ctx = { runId: 'bench', runStartedAt: new Date() };
const WARM_UP_MS = 1500;

/** Runs the stage over the texts once; returns the number of mentions (so nothing is optimized away). */
export function tagAll(texts: string[]): number {
  let n = 0;
  for (const text of texts) {
    const doc = newDoc('b', { path: 'b.txt', kind: 'txt', bytes: text.length, sha256: '' }, text);
    n += entitiesProcess(doc, ctx).mentions.length;
  }
  return n;
}

/** CPU-only work with no allocation: what two threads can gain on this machine at best. */
function spinLoop(n: number): number {
  let x = 0;
  for (let i = 0; i < n; i++) x = (x + i * 7) % 1000003;
  return x & 1;
}

if (parentPort && workerData) {
  const port = parentPort;
  const { files, rounds, spin } = workerData as WorkerInput;
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  const bytes = texts.reduce((s, t) => s + Buffer.byteLength(t), 0);
  const work = spin ? () => spinLoop(spin) : () => tagAll(texts);
  // Warm up for a fixed time, not a fixed amount of data: a thread given half the corpus must reach
  // the same optimized (JIT) state as one given all of it, or the comparison measures compilation.
  const warmUntil = performance.now() + WARM_UP_MS;
  do work(); while (performance.now() < warmUntil);
  port.on('message', (msg) => {
    if (msg !== 'go') return;
    const t0 = performance.now();
    let mentions = 0;
    for (let r = 0; r < rounds; r++) mentions += work();
    const res: WorkerResult = { ms: performance.now() - t0, bytes: bytes * rounds, mentions };
    port.postMessage(res);
  });
  port.postMessage('ready');
}
