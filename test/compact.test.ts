/**
 * `news-etl compact` on an output of several runs (an incremental change, a stage rerun): one run
 * folder per format afterwards, the same current rows through load.sql, and later runs go on as if
 * nothing happened (compared with a twin output that was never compacted).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { appendFile, cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { currentTables, duck, runCli, ROOT } from './helpers.js';

const VIEWS = ['documents', 'mentions', 'entities', 'dates', 'dedupe', 'duplicates', 'rejects'];
let work: string;
let db: Awaited<ReturnType<typeof duck>>;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'news-etl-compact-'));
  db = await duck();
});
afterAll(async () => {
  db?.conn.closeSync();
  await rm(work, { recursive: true, force: true });
});

describe('news-etl compact', () => {
  it('leaves one run folder per format and the same current rows, and later runs carry on', async () => {
    const input = join(work, 'in');
    await cp(join(ROOT, 'input'), input, { recursive: true });
    const out = join(work, 'out');
    const twin = join(work, 'twin');
    const both = (args: string[]) => { for (const o of [out, twin]) expect([0, 4]).toContain(runCli(['run', '-i', input, '-o', o, ...args]).status); };
    both([]);
    await appendFile(join(input, 'site-a', '2024-03-18-chile-korea-lithium.txt'), '\nOfficials said talks would resume in April.\n');
    both([]);
    for (const o of [out, twin]) expect(runCli(['run', '-o', o, '--stages', 'entities']).status).toBe(4);
    const before = await currentTables(db.conn, out, [...VIEWS, 'runs']);
    expect((await readdir(join(out, 'parquet'))).length).toBe(3);

    const r = runCli(['compact', '-o', out, '--log-format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    for (const format of ['csv', 'parquet']) expect((await readdir(join(out, format))).length).toBe(1);
    const after = await currentTables(db.conn, out, [...VIEWS, 'runs']);
    for (const t of VIEWS) expect(after[t], t).toEqual(before[t]);
    // Every run stays in the history, and the compaction is one more.
    expect(after.runs.length).toBe(before.runs.length + 1);
    expect(after.runs.filter((x) => JSON.parse(x).mode === 'compact')).toHaveLength(1);
    const [{ n }] = await db.query('SELECT count(*) AS n FROM documents_all');
    expect(Number(n)).toBe(before.documents.length);

    // A change after the compaction supersedes the compacted rows like any others.
    await appendFile(join(input, 'site-a', '2024-03-18-chile-korea-lithium.txt'), '\nA date was set for May.\n');
    both([]);
    expect(await currentTables(db.conn, out, VIEWS)).toEqual(await currentTables(db.conn, twin, VIEWS));
    expect(runCli(['inspect', 'site-a/2024-03-18-chile-korea-lithium.txt', '-o', out]).stdout).toContain('A date was set for May');
  }, 240_000);
});
