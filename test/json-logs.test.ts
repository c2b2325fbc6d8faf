/**
 * What a cron log file gets in JSON mode: every stderr line one JSON object (a run with rejects,
 * a usage error, an internal error), with `ts`, `level`, `event` and the run's id once it started.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runCli } from './helpers.js';

let work: string;
beforeAll(async () => { work = await mkdtemp(join(tmpdir(), 'news-etl-json-')); });
afterAll(async () => { await rm(work, { recursive: true, force: true }); });

interface Line { ts: string; level: string; event: string; run_id?: string; [k: string]: unknown }

function jsonLines(stderr: string): Line[] {
  const lines = stderr.trim().split('\n');
  return lines.map((l) => {
    expect(() => JSON.parse(l), l).not.toThrow();
    const o = JSON.parse(l) as Line;
    expect(Number.isNaN(Date.parse(o.ts)), l).toBe(false);
    expect(['info', 'warn', 'error']).toContain(o.level);
    expect(typeof o.event).toBe('string');
    return o;
  });
}

describe('JSON log mode', () => {
  it('a run with rejects: every line JSON, the run id on every line after run_start, rejects at warn, duration at the end', () => {
    const r = runCli(['run', '-i', join(ROOT, 'input'), '-o', join(work, 'out'), '--log-format', 'json']);
    expect(r.status).toBe(4);
    const lines = jsonLines(r.stderr);
    const start = lines.findIndex((l) => l.event === 'run_start');
    expect(start).toBeGreaterThanOrEqual(0);
    const runId = lines[start].run_id;
    for (const l of lines.slice(start)) expect(l.run_id, l.event).toBe(runId);
    const rejects = lines.filter((l) => l.event === 'reject');
    expect(rejects.length).toBeGreaterThanOrEqual(2);
    for (const l of rejects) expect(l.level).toBe('warn');
    const end = lines.at(-1)!;
    expect(end.event).toBe('run_end');
    expect(end.duration_ms as number).toBeGreaterThan(0);
  });

  it('progress lines, however often, never follow the run summary (scripts read the last line)', () => {
    const r = runCli(['run', '-i', join(ROOT, 'input'), '-o', join(work, 'out-progress'), '--log-format', 'json', '--progress-interval', '0.002']);
    expect(r.status).toBe(4);
    const lines = jsonLines(r.stderr);
    expect(lines.filter((l) => l.event === 'progress').length).toBeGreaterThan(0);
    expect(lines.at(-1)!.event).toBe('run_end');
  });

  it('a usage error: one JSON line naming the nearest flag', () => {
    const r = runCli(['run', '--concurency', '2', '-o', join(work, 'out'), '--log-format', 'json']);
    expect(r.status).toBe(2);
    const [line, ...rest] = jsonLines(r.stderr);
    expect(rest).toEqual([]);
    expect(line).toMatchObject({ level: 'error', event: 'usage_error' });
    expect(line.message).toMatch(/concurency.*did you mean --concurrency/);
  });

  it('an internal error (a checkpoint damaged by hand): one JSON line, the stack inside it', async () => {
    const out = join(work, 'out');
    const [run] = (await readdir(join(out, '_work')));
    const part = join(out, '_work', run, 'part-0000.jsonl.deflate');
    // Cut short: the frames the index points to are not all there.
    const bytes = await readFile(part);
    await writeFile(part, bytes.subarray(0, bytes.length >> 1));
    const r = runCli(['inspect', 'site-a/2024-03-18-chile-korea-lithium.txt', '-o', out, '--log-format', 'json']);
    expect(r.status).toBe(1);
    const lines = jsonLines(r.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'error', event: 'internal_error' });
    expect(String(lines[0].stack)).toContain('at ');
  });

  it('--help and --version exit 0 with nothing on stderr', () => {
    for (const flag of ['--help', '--version']) {
      const r = runCli([flag]);
      expect(r.status, flag).toBe(0);
      expect(r.stderr, flag).toBe('');
      expect(r.stdout.length).toBeGreaterThan(0);
    }
  });
});
