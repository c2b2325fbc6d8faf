/**
 * `node dist/bench/bench-read.js [--line-gib N] [--warc-mib N]`: the read stage on inputs that
 * must not cost memory in proportion to their size, each against a same-machine baseline taken
 * in the same run (timings on a shared machine are noisy; the ratios less so):
 *
 * - a JSONL file whose first line is N GiB (a sparse file: a hole reads as NUL bytes and takes no
 *   disk): the real CLI as a child process (all stages), its wall time and peak RSS (the run_end
 *   line), against a child process that only reads the same file.
 * - a gzipped WARC of many copies of a real record (shared/data/warc): readInput's pages/s and
 *   decompressed MB/s and the process's peak RSS, against gunzipping the same file.
 */
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGunzip, gunzipSync, gzipSync } from 'node:zlib';
import { readInput } from '../stages/read.js';
import { REPO_ROOT, SHARED_DATA } from './paths.js';

const CLI = join(REPO_ROOT, 'dist/pipeline/cli.js');
const out = (s = ''): void => { process.stdout.write(s + '\n'); };
const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};

/** Wall time and the child's own CPU time: on a shared machine CPU time is the steadier of the two. */
function child(script: string, args: string[] = []): Promise<{ ms: number; cpuMs: number; code: number | null; stderr: string }> {
  const t0 = performance.now();
  const wrapped = `process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write('\\n' + JSON.stringify({ cpu_ms: (u.user + u.system) / 1000 }) + '\\n'); });\n${script}`;
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--input-type=module', '-e', wrapped, '--', ...args], { cwd: REPO_ROOT });
    let stderr = '';
    p.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
    p.on('exit', (code) => {
      const cpu = stderr.split('\n').filter((l) => l.startsWith('{"cpu_ms"')).map((l) => (JSON.parse(l) as { cpu_ms: number }).cpu_ms)[0] ?? NaN;
      resolve({ ms: performance.now() - t0, cpuMs: cpu, code, stderr });
    });
  });
}

const runCliScript = `process.argv = [process.argv[0], ${JSON.stringify(CLI)}, ...process.argv.slice(1)]; await import(${JSON.stringify(CLI)});`;

async function giantLine(work: string, gib: number): Promise<void> {
  const input = join(work, 'line-in');
  await mkdir(input);
  const path = join(input, 'big.jsonl');
  const handle = await open(path, 'w');
  await handle.write(`\n${JSON.stringify({ text: 'The record after the giant line.' })}\n`, gib * 1024 ** 3);
  await handle.close();
  const bare = await child(`import { createReadStream } from 'node:fs'; for await (const c of createReadStream(${JSON.stringify(path)}, { highWaterMark: 1 << 20 })) {}`);
  const run = await child(runCliScript, ['run', '-i', input, '-o', join(work, 'line-out'), '--format', 'parquet', '--log-format', 'json']);
  const end = run.stderr.split('\n').filter((l) => l.includes('"run_end"')).map((l) => JSON.parse(l) as Record<string, number | string>)[0];
  out(`## ${gib} GiB JSONL line`);
  out(`bare read of the file:        ${(bare.ms / 1000).toFixed(1)} s wall, ${(bare.cpuMs / 1000).toFixed(1)} s CPU`);
  out(`news-etl run (all stages):    ${(run.ms / 1000).toFixed(1)} s wall, ${(run.cpuMs / 1000).toFixed(1)} s CPU, exit ${run.code}, peak RSS ${end?.max_rss_mb} MB, rejects ${end?.rejects}, documents ${end?.documents_written}`);
  out(`run / bare read:              ${(run.ms / bare.ms).toFixed(2)}x wall, ${(run.cpuMs / bare.cpuMs).toFixed(2)}x CPU`);
}

async function bigWarc(work: string, mib: number): Promise<void> {
  const record = gunzipSync(await readFile(join(SHARED_DATA, 'warc/example.warc.gz')));
  const copies = Math.max(1, Math.round((mib * 1024 * 1024) / record.length));
  const path = join(work, 'warc-in', 'crawl.warc.gz');
  await mkdir(join(work, 'warc-in'));
  // Record by record gzip members, as crawlers write them: one member per copy of the file.
  const member = gzipSync(record);
  const handle = await open(path, 'w');
  for (let i = 0; i < copies; i++) await handle.write(member);
  await handle.close();
  const size = (await stat(path)).size;
  let t0 = performance.now();
  let plain = 0;
  for await (const c of createReadStream(path, { highWaterMark: 1 << 20 }).pipe(createGunzip())) plain += (c as Buffer).length;
  const gunzipMs = performance.now() - t0;
  t0 = performance.now();
  let pages = 0;
  for await (const d of readInput(join(work, 'warc-in'))) if (!d.reject) pages++;
  const readMs = performance.now() - t0;
  out(`## gzipped WARC, ${(size / 1024 ** 2).toFixed(0)} MiB (${(plain / 1024 ** 2).toFixed(0)} MiB decompressed, ${copies} copies of example.warc)`);
  out(`gunzip only:                  ${(gunzipMs / 1000).toFixed(1)} s, ${(plain / 1024 ** 2 / (gunzipMs / 1000)).toFixed(0)} MB/s`);
  out(`readInput:                    ${(readMs / 1000).toFixed(1)} s, ${(plain / 1024 ** 2 / (readMs / 1000)).toFixed(0)} MB/s, ${pages} pages (${(pages / (readMs / 1000)).toFixed(0)}/s)`);
  out(`readInput / gunzip:           ${(readMs / gunzipMs).toFixed(2)}x; peak RSS of this process ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
}

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'news-etl-bench-read-'));
  try {
    await writeFile(join(work, 'README'), 'bench-read scratch');
    await giantLine(work, arg('--line-gib', 2));
    out();
    await bigWarc(work, arg('--warc-mib', 200));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
