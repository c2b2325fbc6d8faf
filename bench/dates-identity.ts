/**
 * The dates stage alone, on real documents: its output (to prove a change leaves it identical)
 * and its speed (to measure the change).
 *
 *   node dist/bench/dates-identity.js prepare <input dir> <cache.jsonl>
 *       read + boilerplate, exactly as the pipeline does, once; the documents are cached.
 *   node dist/bench/dates-identity.js dump <cache.jsonl> <out.jsonl>
 *       the dates stage on every cached document: one line {id, published, dates} per document.
 *   node dist/bench/dates-identity.js time <cache.jsonl> [repetitions]
 *       the dates stage over all cached documents, repeated; best and median ms and MB/s.
 *   node dist/bench/dates-identity.js compare <before.jsonl> <after.jsonl>
 *       documents compared and differences (the first few are printed).
 *
 * The run's start is fixed, so dumps made on different days compare equal.
 */
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Doc } from '../pipeline/doc.js';
import type { StageContext } from '../pipeline/stage.js';
import { readInput } from '../stages/read.js';
import { process as boilerplateProcess } from '../stages/boilerplate.js';
import { process as datesProcess } from '../stages/dates.js';

const ctx: StageContext = { runId: 'dates-identity', runStartedAt: new Date('2025-06-15T10:30:00Z') };

async function prepare(input: string, cache: string): Promise<void> {
  const lines: string[] = [];
  for await (const doc of readInput(input)) lines.push(JSON.stringify(boilerplateProcess(doc, ctx)));
  writeFileSync(cache, lines.join('\n') + '\n');
  console.log(`${lines.length} documents cached in ${cache}`);
}

async function loadDocs(cache: string): Promise<Doc[]> {
  const docs: Doc[] = [];
  const rl = createInterface({ input: createReadStream(cache), crlfDelay: Infinity });
  for await (const line of rl) if (line.trim()) docs.push(JSON.parse(line) as Doc);
  return docs;
}

async function dump(cache: string, out: string): Promise<void> {
  const docs = await loadDocs(cache);
  const lines = docs.map((d) => {
    const r = datesProcess(d, ctx);
    return JSON.stringify({ id: r.id, published: r.published ?? null, dates: r.dates });
  });
  writeFileSync(out, lines.join('\n') + '\n');
  console.log(`${lines.length} documents written to ${out}`);
}

/**
 * Wall-clock and CPU time (user + system of this process) per repetition: the machine is shared,
 * and CPU time is the less disturbed measure when other processes compete for the cores.
 */
async function time(cache: string, repetitions: number): Promise<void> {
  const docs = await loadDocs(cache);
  const mb = docs.reduce((n, d) => n + Buffer.byteLength(d.raw), 0) / 1e6;
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (const d of docs) datesProcess(d, ctx);
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    console.log(`run ${i + 1}: ${wall[i].toFixed(0)} ms wall, ${cpu[i].toFixed(0)} ms cpu`);
  }
  const summary = (runs: number[]): string => {
    const sorted = [...runs].sort((a, b) => a - b);
    const best = sorted[0];
    const median = sorted[Math.floor(sorted.length / 2)];
    return `best ${best.toFixed(0)} ms (${(mb / (best / 1000)).toFixed(2)} MB/s), median ${median.toFixed(0)} ms (${(mb / (median / 1000)).toFixed(2)} MB/s)`;
  };
  console.log(`${docs.length} docs, ${mb.toFixed(2)} MB raw\n  wall: ${summary(wall)}\n  cpu:  ${summary(cpu)}`);
}

function compare(before: string, after: string): void {
  const a = readFileSync(before, 'utf8').split('\n').filter(Boolean);
  const b = readFileSync(after, 'utf8').split('\n').filter(Boolean);
  let diffs = 0;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    if (++diffs <= 5) console.log(`--- ${i}\n< ${a[i]?.slice(0, 2000)}\n> ${b[i]?.slice(0, 2000)}`);
  }
  console.log(`${Math.max(a.length, b.length)} documents compared, ${diffs} differences`);
  if (diffs > 0 || a.length !== b.length) process.exitCode = 1;
}

const [cmd, x, y] = process.argv.slice(2);
if (cmd === 'prepare') await prepare(x, y);
else if (cmd === 'dump') await dump(x, y);
else if (cmd === 'time') await time(x, Number(y ?? 5));
else if (cmd === 'compare') compare(x, y);
else console.error('usage: dates-identity prepare|dump|time|compare ...');
