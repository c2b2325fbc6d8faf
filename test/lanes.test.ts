/**
 * Lanes: at --concurrency N every worker thread writes its own checkpoint and table parts. With
 * enough documents for several batches, the tables, `inspect` and `--from` must not depend on how
 * many lanes there were.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STAGE_ORDER } from '../pipeline/registry.js';
import { checkpointText } from '../pipeline/checkpoint.js';
import { currentTables, duck, inputWithBbc, runCli } from './helpers.js';

const TABLES = ['documents', 'mentions', 'entities', 'dates', 'dedupe', 'duplicates', 'rejects'];
let work: string;
let input: string;
let db: Awaited<ReturnType<typeof duck>>;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'news-etl-lanes-'));
  input = join(work, 'in');
  // 300 real BBC articles (several batches of 64), with the syndicated copies of the first dup groups among them.
  await inputWithBbc(input, 20, 260);
  db = await duck();
}, 60_000);
afterAll(async () => {
  db?.conn.closeSync();
  await rm(work, { recursive: true, force: true });
});

describe('lanes (--concurrency N)', () => {
  it('write one part per lane and the same tables as one lane', async () => {
    const one = join(work, 'c1');
    const three = join(work, 'c3');
    expect(runCli(['run', '-i', input, '-o', one, '--concurrency', '1']).status).toBe(4);
    const r = runCli(['run', '-i', input, '-o', three, '--concurrency', '3']);
    expect(r.status, r.stderr).toBe(4);
    const [run] = await readdir(join(three, 'parquet'));
    expect((await readdir(join(three, 'parquet', run, 'documents'))).length).toBeGreaterThan(1);
    const a = await currentTables(db.conn, one, TABLES);
    const b = await currentTables(db.conn, three, TABLES);
    for (const t of TABLES) expect(b[t], t).toEqual(a[t]);
    expect(a.duplicates.length).toBeGreaterThan(10);
    expect(a.documents.length).toBeGreaterThan(250);
  }, 180_000);

  it('inspect finds a document in any lane part, and --from entities over multi-part checkpoints equals a full run', async () => {
    const out = join(work, 'c2');
    expect(runCli(['run', '-i', input, '-o', out, '--concurrency', '2']).status).toBe(4);
    const run = (await readdir(join(out, '_work')))[0];
    const parts = (await readdir(join(out, '_work', run))).filter((p) => p.startsWith('part-') && p.endsWith('.jsonl.deflate')).sort();
    expect(parts.length).toBe(2);
    // The last document of the second lane's part.
    const lines = checkpointText(await readFile(join(out, '_work', run, parts[1]))).trim().split('\n');
    const doc = JSON.parse(lines[lines.length - 1]) as { id: string };
    const shown = runCli(['inspect', doc.id, '-o', out]);
    expect(shown.status, shown.stderr).toBe(0);
    for (const stage of STAGE_ORDER) expect(shown.stdout).toContain(stage);

    const before = await currentTables(db.conn, out, TABLES);
    const again = runCli(['run', '-i', input, '-o', out, '--from', 'entities', '--concurrency', '3']);
    expect(again.status, again.stderr).toBe(4); // the read stage's rejects flow through the checkpoint again
    const after = await currentTables(db.conn, out, TABLES);
    for (const t of TABLES) expect(after[t], t).toEqual(before[t]);
    expect(runCli(['inspect', doc.id, '-o', out]).status).toBe(0);
  }, 180_000);
});
