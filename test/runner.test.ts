/** The runner in-process: a document a stage cannot turn into valid rows is rejected alone. */
import { STAGE_ORDER } from '../pipeline/registry.js';
import { describe, it, expect, afterAll, vi } from 'vitest';
import { mkdtemp, rm, writeFile, mkdir, readFile, readdir } from 'node:fs/promises';
import { loadState } from '../pipeline/state.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPipeline } from '../pipeline/runner.js';
import { silentLogger } from '../pipeline/log.js';
import { dates } from '../stages/dates.js';
import type { Doc } from '../pipeline/doc.js';
import { duck, inputWithBbc } from './helpers.js';
import { contentHash } from '../stages/dedupe.js';

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
        stages: [...STAGE_ORDER], concurrency: 1, log: silentLogger,
      });
      expect(summary.status).toBe('success_with_rejects');
      expect(summary.documentsWritten).toBe(1);
      const db = await duck();
      const rejects = await db.query(`SELECT source_path, stage, reason FROM read_parquet('${work}/out/parquet/*/rejects/*.parquet')`);
      expect(rejects).toEqual([{ source_path: 'b.txt', stage: 'write', reason: 'invalid_row' }]);
      db.conn.closeSync();
    } finally {
      spy.mockRestore();
    }
  });
});

describe('dedupe.content_hash', () => {
  it('is contentHash(text) for every document the dedupe stage decided; without the stage there are no decisions', async () => {
    const work = await mkdtemp(join(tmpdir(), 'news-etl-runner-hash-'));
    dirs.push(work);
    await inputWithBbc(join(work, 'in'), 3, 40);
    const db = await duck();
    try {
      for (const [name, stages] of [['with', [...STAGE_ORDER]], ['without', STAGE_ORDER.filter((s) => s !== 'dedupe')]] as const) {
        const summary = await runPipeline({
          input: join(work, 'in'), output: join(work, name), formats: ['parquet'], stages: [...stages], concurrency: 2, log: silentLogger,
        });
        expect(summary.documentsWritten).toBeGreaterThan(40);
        const rows = await db.query(`SELECT text, content_hash, is_duplicate FROM read_parquet('${work}/${name}/parquet/*/documents/*.parquet') d
          LEFT JOIN read_parquet('${work}/${name}/parquet/*/dedupe/*.parquet', union_by_name = true) x USING (doc_id)`);
        expect(rows.length).toBe(summary.documentsWritten);
        for (const r of rows) expect(r.content_hash, String(r.text).slice(0, 60)).toBe(name === 'with' ? contentHash(String(r.text)) : null);
        expect(rows.some((r) => r.is_duplicate === true)).toBe(name === 'with');
      }
    } finally {
      db.conn.closeSync();
    }
  });
});

describe('state on disk', () => {
  it('keeps the files table in its own file, one per committed state, and refuses an unsealed one', async () => {
    const work = await mkdtemp(join(tmpdir(), 'news-etl-state-'));
    dirs.push(work);
    await mkdir(join(work, 'in'));
    for (const n of ['a', 'b', 'c']) await writeFile(join(work, 'in', `${n}.txt`), `Story ${n}\n\nThe ${n} story says something about the markets on Monday, as stories do.\n`);
    const opts = { input: join(work, 'in'), output: join(work, 'out'), formats: ['csv' as const], stages: [...STAGE_ORDER], concurrency: 1, log: silentLogger };
    await runPipeline({ ...opts, stages: [...opts.stages] });
    const stateDir = join(work, 'out', '_state');
    const stored = JSON.parse(await readFile(join(stateDir, 'state.json'), 'utf8')).body;
    expect(stored.files).toBeUndefined();
    const [header, ...lines] = (await readFile(join(stateDir, stored.filesTable), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(header).toEqual({ format: 'news-etl-files', version: 2 });
    expect(lines.map((l) => l[0]).sort()).toEqual(['a.txt', 'b.txt', 'c.txt']);
    const loaded = await loadState(join(work, 'out'));
    expect([...loaded.files.paths()].sort()).toEqual(['a.txt', 'b.txt', 'c.txt']);
    expect(loaded.files.get('a.txt')!.docIds).toHaveLength(1);

    // A second run replaces the table; only the committed one stays.
    await writeFile(join(work, 'in', 'd.txt'), 'Story d\n\nThe d story is new in the second run and says little else of note.\n');
    await runPipeline({ ...opts, stages: [...opts.stages] });
    const tables = (await readdir(stateDir)).filter((f) => f.startsWith('files-'));
    expect(tables).toHaveLength(1);
    expect((await loadState(join(work, 'out'))).files.size).toBe(4);

    // An output written before state was sealed (files inline in an unversioned state.json) is refused, not guessed at.
    const inline = { ...stored, files: Object.fromEntries(loaded.files.entries()) };
    delete inline.filesTable;
    await writeFile(join(stateDir, 'state.json'), JSON.stringify(inline));
    await expect(loadState(join(work, 'out'))).rejects.toThrow(/state\.json: is not a sealed "news-etl-state" file.*--full-refresh/);
  });
});

describe('cross-document chrome in a run', () => {
  // Reads like prose and sits inside the article, so the per-document rules keep it; only its recurrence gives it away.
  const FOOTER = 'This report was produced with support from the Regional Press Fund, which has no say over its content.';
  const PLACES = ['harbour', 'airport', 'railway station', 'market hall', 'river bridge'];
  const WHO = ['authority', 'operator', 'city council', 'owners', 'inspectors'];
  const WHY = ['the storm', 'a strike', 'a fire alarm', 'a power cut', 'flooding'];
  const story = (n: number) => {
    const [place, who, why] = [PLACES[n - 1], WHO[n - 1], WHY[n - 1]];
    return `Trouble at the ${place}\n\nThe ${place} ${who} said on Monday that work had stopped after ${why}, and that it would take the rest of the week to catch up.\n\n${FOOTER}\n\nLocal people told reporters the ${place} had not been this quiet since ${why} last year, and called on the ${who} to explain.\n`;
  };

  it('removes a line repeated across a source as cross_doc_repeat, within the run and, from the persisted counts, in the next', async () => {
    const work = await mkdtemp(join(tmpdir(), 'news-etl-chrome-'));
    dirs.push(work);
    await mkdir(join(work, 'in', 'site'), { recursive: true });
    for (let n = 1; n <= 4; n++) await writeFile(join(work, 'in', 'site', `s${n}.txt`), story(n));
    const opts = { input: join(work, 'in'), output: join(work, 'out'), formats: ['csv' as const], stages: [...STAGE_ORDER], concurrency: 1, log: silentLogger };
    await runPipeline(opts);
    const texts = async (): Promise<string[]> => {
      const db = await duck();
      const rows = await db.query(`SELECT text FROM read_csv('${work}/out/csv/*/documents/*.csv') ORDER BY source_path`);
      db.conn.closeSync();
      return rows.map((r) => String(r.text));
    };
    let docs = await texts();
    expect(docs).toHaveLength(4);
    for (const t of docs) {
      expect(t).not.toContain('Press Fund');
      expect(t).toContain('Local people');
      expect(t).toContain('said on Monday');
    }
    // The next run reads one new file: its sample alone is too small, the persisted counts are not.
    await writeFile(join(work, 'in', 'site', 's5.txt'), story(5));
    await runPipeline(opts);
    docs = await texts();
    expect(docs).toHaveLength(5);
    expect(docs.filter((t) => t.includes('Press Fund'))).toEqual([]);
    const state = await loadState(join(work, 'out'));
    expect(state.stageState?.boilerplate).toMatch(/^boilerplate-/);

    // Without the other documents (a source of one), the same line is kept: it is prose.
    await mkdir(join(work, 'alone'), { recursive: true });
    await writeFile(join(work, 'alone', 's1.txt'), story(1));
    await runPipeline({ ...opts, input: join(work, 'alone'), output: join(work, 'out-alone') });
    const db = await duck();
    const [row] = await db.query(`SELECT text FROM read_csv('${work}/out-alone/csv/*/documents/*.csv')`);
    db.conn.closeSync();
    expect(String(row.text)).toContain('Press Fund');
  });
});
