/**
 * The deletion guard: an input folder that was emptied or not mounted must not empty the tables.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { currentTables, duck, ROOT, runCli } from './helpers.js';

const VIEWS = ['documents', 'mentions', 'dates', 'dedupe', 'rejects'];
let work: string;
let db: Awaited<ReturnType<typeof duck>>;
beforeAll(async () => { work = await mkdtemp(join(tmpdir(), 'news-etl-guard-')); db = await duck(); });
afterAll(async () => { db?.conn.closeSync(); await rm(work, { recursive: true, force: true }); });

describe('deletion guard', () => {
  it('refuses a run over an empty input (exit 5, the views unchanged), and proceeds with --allow-deletions', async () => {
    const input = join(work, 'in');
    const out = join(work, 'out');
    await cp(join(ROOT, 'input'), input, { recursive: true });
    expect(runCli(['run', '-i', input, '-o', out]).status).toBe(4);
    const before = await currentTables(db.conn, out, VIEWS);
    expect(before.documents.length).toBeGreaterThan(10);

    await rm(input, { recursive: true });
    await mkdir(input);
    const refused = runCli(['run', '-i', input, '-o', out, '--log-format', 'json']);
    expect(refused.status).toBe(5);
    const error = refused.stderr.trim().split('\n').map((l) => JSON.parse(l) as { event: string; message?: string }).find((l) => l.event === 'run_refused');
    expect(error?.message).toMatch(new RegExp(`files of ${before.documents.length + before.rejects.length} of the ${before.documents.length + before.rejects.length} current documents`));
    expect(await currentTables(db.conn, out, VIEWS)).toEqual(before);
    const runs = await currentTables(db.conn, out, ['runs']);
    expect(runs.runs.map((r) => JSON.parse(r).status)).toContain('refused');

    expect(runCli(['run', '-i', input, '-o', out, '--allow-deletions']).status).toBe(0);
    const after = await currentTables(db.conn, out, VIEWS);
    for (const t of VIEWS) expect(after[t], t).toEqual([]);
  }, 120_000);

  it('refuses a --full-refresh that would drop the current documents (an empty input, or --limit), and proceeds with --allow-deletions', async () => {
    const input = join(work, 'in-refresh');
    const out = join(work, 'out-refresh');
    await cp(join(ROOT, 'input'), input, { recursive: true });
    expect(runCli(['run', '-i', input, '-o', out]).status).toBe(4);
    const before = await currentTables(db.conn, out, VIEWS);
    expect(before.documents.length).toBeGreaterThan(10);

    expect(runCli(['run', '-i', input, '-o', out, '--full-refresh', '--limit', '1']).status).toBe(5);
    expect(await currentTables(db.conn, out, VIEWS)).toEqual(before);
    const empty = join(work, 'empty-refresh');
    await mkdir(empty);
    expect(runCli(['run', '-i', empty, '-o', out, '--full-refresh']).status).toBe(5);
    expect(await currentTables(db.conn, out, VIEWS)).toEqual(before);
    // the same input: nothing is dropped, nothing refused
    expect(runCli(['run', '-i', input, '-o', out, '--full-refresh']).status).toBe(4);
    expect(runCli(['run', '-i', empty, '-o', out, '--full-refresh', '--allow-deletions']).status).toBe(0);
    for (const t of VIEWS) expect((await currentTables(db.conn, out, VIEWS))[t], t).toEqual([]);
  }, 120_000);
});
