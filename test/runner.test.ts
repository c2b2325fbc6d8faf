/** The runner in-process: a document a stage cannot turn into valid rows is rejected alone. */
import { describe, it, expect, afterAll, vi } from 'vitest';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPipeline } from '../pipeline/runner.js';
import { silentLogger } from '../pipeline/log.js';
import { dates } from '../stages/dates.js';
import type { Doc } from '../pipeline/doc.js';
import { duck } from './helpers.js';

const dirs: string[] = [];
afterAll(async () => { for (const d of dirs) await rm(d, { recursive: true, force: true }); });

describe('runner', () => {
  it('rejects a document whose rows do not fit the schema (reason invalid_row) and writes the others', async () => {
    const work = await mkdtemp(join(tmpdir(), 'news-etl-runner-'));
    dirs.push(work);
    await mkdir(join(work, 'in'));
    await writeFile(join(work, 'in', 'a.txt'), 'Monday 18 March 2024\n\nA good story\n\nThe first story is fine, the desk said on Monday after a long meeting about nothing in particular.\n');
    await writeFile(join(work, 'in', 'b.txt'), 'Monday 18 March 2024\n\nA poisoned story\n\nThe second story makes the dates stage emit an impossible value, as a bug would.\n');
    const original = dates.process;
    const spy = vi.spyOn(dates, 'process').mockImplementation((doc: Doc, ctx) => {
      const out = original(doc, ctx);
      if (!out.text.includes('poisoned') && !out.meta.title?.includes('poisoned')) return out;
      return { ...out, dates: [{ surface: 'x', start: 0, end: 1, value: '-523-03-19', date: '-523-03-19', granularity: 'day' }] };
    });
    try {
      const summary = await runPipeline({
        input: join(work, 'in'), output: join(work, 'out'), formats: ['parquet'],
        stages: ['read', 'boilerplate', 'dates', 'entities', 'dedupe'], concurrency: 1, log: silentLogger,
      });
      expect(summary.status).toBe('success_with_rejects');
      expect(summary.documentsWritten).toBe(1);
      const db = await duck();
      const rejects = await db.query(`SELECT source_path, stage, reason FROM read_parquet('${work}/out/parquet/rejects/**/*.parquet')`);
      expect(rejects).toEqual([{ source_path: 'b.txt', stage: 'write', reason: 'invalid_row' }]);
      db.conn.closeSync();
    } finally {
      spy.mockRestore();
    }
  });
});
