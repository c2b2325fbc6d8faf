/**
 * The per-document time budget: a document that keeps the stages busy past it becomes a
 * `stage_timeout` reject, the other documents of the run land.
 */
import { describe, expect, it, afterAll } from 'vitest';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyDocStages, applyDocStagesToAll } from '../pipeline/apply.js';
import { DocBudget } from '../pipeline/budget.js';
import type { DocStage, StageContext } from '../pipeline/stage.js';
import type { Doc } from '../pipeline/doc.js';
import { runPipeline } from '../pipeline/runner.js';
import { docStages, STAGE_ORDER } from '../pipeline/registry.js';
import { readInput } from '../stages/read.js';
import { silentLogger } from '../pipeline/log.js';
import { loadStatements } from '../pipeline/loadsql.js';
import { duck, SHARED } from './helpers.js';

const dirs: string[] = [];
afterAll(async () => { for (const d of dirs) await rm(d, { recursive: true, force: true }); });

const doc = (text: string): Doc => ({ id: 'd1', source: { path: 'a.txt' }, raw: text, text } as unknown as Doc);

function stage(name: string, process: DocStage['process']): DocStage {
  return { kind: 'doc', name, describe: name, reads: [], writes: ['text'], process };
}

describe('DocBudget in applyDocStages', () => {
  const ctx = (ms: number): StageContext => ({ runId: 'r', runStartedAt: new Date(0), budget: new DocBudget(ms) });

  it('stops a stage that checks the budget in its loop, and names the stage', () => {
    let rounds = 0;
    const endless = stage('spin', (d, c) => { for (;;) { c.budget?.check(); if (++rounds > 1e9) return d; } });
    const after = stage('after', (d) => ({ ...d, text: 'changed' }));
    const out = applyDocStages(doc('x'), [endless, after], {}, ctx(20), {});
    expect(out.doc.reject).toMatchObject({ stage: 'spin', reason: 'stage_timeout' });
    expect(rounds).toBeLessThan(1e9);
    // The stage after the timeout does not run.
    expect(out.deltas.map(([s]) => s)).toEqual(['spin']);
  });

  it('rejects a document whose stage returned past the budget without checking it', () => {
    const slow = stage('slow', (d) => { const until = performance.now() + 30; while (performance.now() < until); return d; });
    expect(applyDocStages(doc('x'), [slow], {}, ctx(5), {}).doc.reject).toMatchObject({ stage: 'slow', reason: 'stage_timeout' });
  });

  it('gives each document its own budget, and none when it is 0', () => {
    const c = ctx(300);
    const quickish = stage('q', (d) => { const until = performance.now() + 2; while (performance.now() < until); return d; });
    for (let i = 0; i < 200; i++) expect(applyDocStages(doc('x'), [quickish], {}, c, {}).doc.reject).toBeUndefined();
    expect(applyDocStages(doc('x'), [quickish, quickish, quickish], {}, ctx(0), {}).doc.reject).toBeUndefined();
  });
});

describe('applyDocStagesToAll: one stage over the whole batch', () => {
  const ctx = (ms: number): StageContext => ({ runId: 'r', runStartedAt: new Date(0), budget: new DocBudget(ms) });

  it('gives every real document (the seeds and BBC articles) the result and deltas it gets alone', async () => {
    const stages = await docStages(STAGE_ORDER.slice(1));
    await Promise.all(stages.map((s) => s.load?.()));
    const docs: Doc[] = [];
    for await (const d of readInput(join(SHARED, 'seeds'))) docs.push(d);
    for await (const d of readInput(join(SHARED, 'news', 'bbc'), { includeGlobs: ['sport-00*.txt'] })) docs.push(d);
    expect(docs.length).toBeGreaterThan(10);
    const alone = docs.map((d) => applyDocStages(d, stages, {}, ctx(0), {}, 'boilerplate'));
    const times: Record<string, number> = {};
    const together = applyDocStagesToAll(docs, stages, {}, ctx(0), times, 'boilerplate');
    expect(JSON.stringify(together)).toBe(JSON.stringify(alone));
    expect(together.some((a) => (a.doc.mentions?.length ?? 0) > 0)).toBe(true);
    expect(Object.keys(times).sort()).toEqual(stages.map((s) => s.name).sort());
  });

  it('counts a document\'s time over all its stages, not per stage, and leaves the others to their own budgets', () => {
    const busy = (ms: number) => (d: Doc) => { const until = performance.now() + ms; while (performance.now() < until); return d; };
    const first = stage('first', (d) => (d.text === 'slow' ? busy(40)(d) : d));
    const second = stage('second', (d) => (d.text === 'slow' ? busy(40)(d) : d));
    const out = applyDocStagesToAll([doc('quick'), doc('slow'), doc('quick')], [first, second], {}, ctx(70), {});
    expect(out.map((a) => a.doc.reject?.reason)).toEqual([undefined, 'stage_timeout', undefined]);
    expect(out[1].doc.reject?.stage).toBe('second');
  });
});

describe('--doc-timeout in a run', () => {
  it('turns a long record into a stage_timeout reject while a normal article lands', async () => {
    const work = await mkdtemp(join(tmpdir(), 'news-etl-budget-'));
    dirs.push(work);
    await mkdir(join(work, 'in'));
    const article = (await readFile(join(SHARED, 'news', 'bbc', 'business-001.txt'), 'utf8'));
    await writeFile(join(work, 'in', 'article.txt'), article);
    // Some 12 MB of real news text: far longer through the stages than the budget below, which an article needs a thousandth of.
    await writeFile(join(work, 'in', 'long.txt'), article.repeat(Math.ceil(12e6 / article.length)));
    const summary = await runPipeline({
      input: join(work, 'in'), output: join(work, 'out'), formats: ['csv'], stages: [...STAGE_ORDER], concurrency: 1, log: silentLogger, docTimeoutS: 1.5,
    });
    expect(summary.status).toBe('success_with_rejects');
    const db = await duck();
    try {
      for (const stmt of loadStatements(join(work, 'out'))) await db.conn.run(stmt);
      expect(await db.query('SELECT source_path, reason FROM rejects')).toMatchObject([{ source_path: 'long.txt', reason: 'stage_timeout' }]);
      expect(await db.query('SELECT source_path FROM documents')).toEqual([{ source_path: 'article.txt' }]);
    } finally {
      db.conn.closeSync();
    }
  }, 180_000);
});

describe('pages no news site writes', () => {
  it('rejects a page of a hundred thousand tiny elements as too_complex while a normal page lands', async () => {
    const work = await mkdtemp(join(tmpdir(), 'news-etl-elements-'));
    dirs.push(work);
    await mkdir(join(work, 'in'));
    const page = await readFile(join(SHARED, 'pages', 'readability', 'wapo-1.html'), 'utf8');
    await writeFile(join(work, 'in', 'article.html'), page);
    // 0.8 MB, far inside the size limit; before the element cap a million of them took gigabytes of memory
    await writeFile(join(work, 'in', 'many.html'), `<html><body>${'<p>x</p>'.repeat(100_001)}</body></html>`);
    const summary = await runPipeline({
      input: join(work, 'in'), output: join(work, 'out'), formats: ['csv'], stages: [...STAGE_ORDER], concurrency: 1, log: silentLogger,
    });
    expect(summary.status).toBe('success_with_rejects');
    const db = await duck();
    try {
      for (const stmt of loadStatements(join(work, 'out'))) await db.conn.run(stmt);
      expect(await db.query('SELECT source_path, stage, reason FROM rejects')).toMatchObject([{ source_path: 'many.html', stage: 'boilerplate', reason: 'too_complex' }]);
      expect(await db.query('SELECT source_path FROM documents')).toEqual([{ source_path: 'article.html' }]);
    } finally {
      db.conn.closeSync();
    }
  }, 120_000);
});
