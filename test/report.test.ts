/**
 * `news-etl report` end to end: real runs of the CLI, the report opened in headless Chromium, and
 * its figures checked against queries of our own over the same output tables.
 */
import { loadStatements } from '../pipeline/loadsql.js';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { appendFile, cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, ROOT, SHARED, duck, runCli } from './helpers.js';
import { renderReport, type RenderedReport } from './report-browser.js';
import { buildCorpus } from '../bench/corpus.js';
import * as fmt from '../pipeline/report/format.js';

const ARTIFACTS = join(ROOT, 'test/artifacts');
const MAX_BYTES = 5_000_000;
/** Charts every report of these outputs must draw (sparklines come on top). */
const CHARTS = ['funnel', 'stageTime', 'runStrip', 'perBucket', 'clusterSizes', 'nearSimilarity', 'languages', 'datesMentioned', 'rejects'];

type Rows = Array<Record<string, unknown>>;

let work: string;
let db: Awaited<ReturnType<typeof duck>>;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'news-etl-report-'));
  db = await duck();
});
afterAll(async () => {
  db?.conn.closeSync();
  await rm(work, { recursive: true, force: true });
});

/** The pipeline as a process, with room for a loaded machine. */
function run(input: string, output: string, extra: string[] = []): Record<string, unknown> {
  const r = spawnSync(process.execPath, [CLI, 'run', '-i', input, '-o', output, '--log-format', 'json', ...extra], { encoding: 'utf8', timeout: 600_000 });
  expect([0, 4], r.stderr.slice(-2000)).toContain(r.status);
  return JSON.parse(r.stderr.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
}

function report(output: string, file: string, extra: string[] = []): void {
  const r = runCli(['report', '-o', output, '--out', file, ...extra]);
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout.trim()).toBe(file);
}

/** Our own views of the output: its load.sql in a fresh schema per output, queried directly. */
async function tables(output: string): Promise<(sql: string) => Promise<Rows>> {
  for (const statement of loadStatements(output)) await db.conn.run(statement);
  return db.query;
}

const num = (v: unknown): number => Number(v);
const isoWeekStart = (d: string): string => {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() - ((t.getUTCDay() + 6) % 7));
  return t.toISOString().slice(0, 10);
};
const bucketOf = (bucket: string, d: string): string => (bucket === 'day' ? d : bucket === 'week' ? isoWeekStart(d) : `${d.slice(0, 7)}-01`);

function expectDrawn(r: RenderedReport): void {
  expect(r.consoleErrors).toEqual([]);
  expect(r.requests).toEqual([]);
  expect(r.chartsFailed).toBe(0);
  const ids = r.charts.map((c) => c.id);
  for (const id of CHARTS) expect(ids, id).toContain(id);
  expect(ids.some((id) => id.startsWith('spark')), 'entity sparklines').toBe(true);
  for (const c of r.charts) {
    expect(c.drawn, c.id).toBe(true);
    expect(c.marks, c.id).toBeGreaterThan(0);
    expect(c.width * c.height, c.id).toBeGreaterThan(0);
  }
  expect(r.chartsDrawn).toBe(r.charts.length);
  // One bar per (bucket, source) row: the chart draws exactly the data the page carries.
  expect(r.charts.find((c) => c.id === 'perBucket')?.marks).toBe(r.data.datasets.perBucket.length);
}

/** The funnel of the latest run and of the whole period, against the runs, run_stages and rejects tables. */
async function expectFunnel(q: (sql: string) => Promise<Rows>, r: RenderedReport): Promise<void> {
  const [latest] = await q('SELECT * FROM runs ORDER BY started_at DESC LIMIT 1');
  const shown = r.data.datasets.runFunnel[0];
  expect(shown.run_id).toBe(latest.run_id);
  const funnel = Object.fromEntries(r.data.datasets.funnel.map((s) => [s.step, num(s.count)]));
  expect(funnel).toEqual({
    'Files seen': num(latest.files_seen),
    'Unchanged, skipped': num(latest.files_seen) - num(latest.files_processed),
    'Files read': num(latest.files_processed),
    'Documents read': num(latest.documents_read),
    Rejected: num(latest.rejects),
    'Documents written': num(latest.documents_written),
    Duplicates: num(latest.duplicates),
    'Unique documents': num(latest.documents_written) - num(latest.duplicates),
  });
  const [all] = await q('SELECT count(*) AS runs, sum(documents_written) AS written, sum(rejects) AS rejects FROM runs');
  const period = r.data.datasets.periodFunnel[0];
  expect([num(period.runs), num(period.documents_written), num(period.rejects)]).toEqual([num(all.runs), num(all.written), num(all.rejects)]);
  // What a person reads in the funnel table: this run, then the period.
  expect(r.text).toContain(`Documents written\t${fmt.count(num(latest.documents_written))}\t${fmt.count(num(all.written))}`);

  const stages = await q(`SELECT stage, docs_in, docs_out, rejected, ms FROM run_stages WHERE run_id = '${String(latest.run_id)}'`);
  const shownStages = new Map(r.data.datasets.stages.map((s) => [s.stage, s]));
  expect(stages.length).toBeGreaterThan(0);
  for (const s of stages) {
    const row = shownStages.get(s.stage);
    expect([row?.run_docs_in, row?.run_docs_out, row?.run_rejected, row?.run_ms].map(num), String(s.stage)).toEqual([s.docs_in, s.docs_out, s.rejected, s.ms].map(num));
  }
  const reasons = await q('SELECT reason, count(*) AS n FROM rejects_all GROUP BY reason');
  const shownReasons = new Map(r.data.datasets.funnelRejects.map((x) => [x.reason, num(x.period_rejects)]));
  for (const x of reasons) expect(shownReasons.get(x.reason), String(x.reason)).toBe(num(x.n));
}

/** Documents per bucket and source: our own count by publication day, bucketed here. */
async function expectPerBucket(q: (sql: string) => Promise<Rows>, r: RenderedReport): Promise<void> {
  const { datasets, period } = r.data;
  const { bucket, start } = period.window;
  const days = await q(`SELECT strftime(published_date, '%Y-%m-%d') AS day, coalesce(source_name, '(no source)') AS source, count(*) AS n
    FROM documents WHERE published_date IS NOT NULL GROUP BY ALL`);
  const expected = new Map<string, number>();
  for (const d of days) {
    if (String(d.day) < start) continue;
    const key = `${bucketOf(bucket, String(d.day))} ${String(d.source)}`;
    expected.set(key, (expected.get(key) ?? 0) + num(d.n));
  }
  const shown = new Map(datasets.perBucket.map((b) => [`${String(b.bucket_start)} ${String(b.source)}`, num(b.documents)]));
  expect(shown).toEqual(expected);
  const [{ n: total }] = await q('SELECT count(*) AS n FROM documents');
  const apart = datasets.undated.reduce((t, x) => t + num(x.undated) + num(x.earlier), 0);
  expect([...shown.values()].reduce((t, x) => t + x, 0) + apart).toBe(num(total));
}

/** Top entities: our own count of distinct non-duplicate documents per entity. */
async function expectTopEntities(q: (sql: string) => Promise<Rows>, r: RenderedReport): Promise<void> {
  const counts = await q(`SELECT entity_type, entity_id, count(DISTINCT doc_id) AS stories, sum(mention_count) AS mentions
    FROM entities WHERE doc_id IN (SELECT doc_id FROM documents WHERE NOT is_duplicate) GROUP BY ALL`);
  const all = await q(`SELECT entity_type, entity_id, count(DISTINCT doc_id) AS documents FROM entities GROUP BY ALL`);
  const documents = new Map(all.map((x) => [`${String(x.entity_type)} ${String(x.entity_id)}`, num(x.documents)]));
  const top = r.data.datasets.topEntities;
  expect(top.length).toBeGreaterThan(0);
  const byType = new Map<string, Rows>();
  for (const c of counts) byType.set(String(c.entity_type), [...(byType.get(String(c.entity_type)) ?? []), c]);
  let countedOnce = false;
  for (const [type, rows] of byType) {
    const shown = top.filter((t) => t.entity_type === type);
    expect(shown.length, type).toBe(Math.min(10, rows.length));
    const mine = new Map(rows.map((x) => [String(x.entity_id), x]));
    for (const t of shown) {
      const m = mine.get(String(t.entity_id));
      expect([num(t.stories), num(t.mentions)], `${type} ${String(t.entity)}`).toEqual([num(m?.stories), num(m?.mentions)]);
      expect(r.text).toContain(fmt.entityName(type, String(t.entity)));
      if (num(t.stories) < (documents.get(`${type} ${String(t.entity_id)}`) ?? 0)) countedOnce = true;
    }
    // Nothing left out counts more stories than the last one listed.
    const floor = Math.min(...shown.map((t) => num(t.stories)));
    const listed = new Set(shown.map((t) => String(t.entity_id)));
    for (const x of rows) if (!listed.has(String(x.entity_id))) expect(num(x.stories), `${type} ${String(x.entity_id)}`).toBeLessThanOrEqual(floor);
  }
  // The syndicated story's copies are duplicates: some entity is in more documents than stories.
  expect(countedOnce).toBe(true);
}

describe('report of input/ after a second run that changed one file and lost another', () => {
  let output: string;
  let html: string;
  let rendered: RenderedReport;
  let firstRun: Record<string, unknown>;

  beforeAll(async () => {
    const input = join(work, 'input');
    output = join(work, 'out-input');
    html = join(work, 'input-report.html');
    await cp(join(ROOT, 'input'), input, { recursive: true });
    firstRun = run(input, output);
    await appendFile(join(input, 'site-e/health/kigali-vaccine-plant.txt'), '\nThe ministry in Kigali said a second line would follow in 2026.\n');
    await rm(join(input, 'site-a/2024-06-11-caspian-rail-link.txt'));
    run(input, output);
    report(output, html);
    rendered = await renderReport(html, join(ARTIFACTS, 'report-input.png'));
  }, 600_000);

  it('is one HTML file under 5 MB that loads nothing: no external script, style or image', () => {
    const page = readFileSync(html, 'utf8');
    expect(statSync(html).size).toBeLessThanOrEqual(MAX_BYTES);
    expect(page).not.toMatch(/<script[^>]+src=/i);
    expect(page).not.toMatch(/<link[^>]+stylesheet/i);
    expect(page).not.toMatch(/<img[^>]+src=["']?(?!data:)/i);
    expect(page).toContain("default-src 'none'");
  });

  it('draws every chart in headless Chromium with no console error and no request, and saves a screenshot', () => {
    expectDrawn(rendered);
    expect(existsSync(join(ARTIFACTS, 'report-input.png'))).toBe(true);
  });

  it('counts the current documents: the lost file is gone, the changed one counted once', async () => {
    const overview = rendered.data.datasets.overview[0];
    expect(num(overview.documents)).toBe(num(firstRun.documents_written) - 1);
  });

  it('shows the funnel of the last run and the period as the runs and run_stages tables hold it', async () => {
    await expectFunnel(await tables(output), rendered);
  });

  it('shows documents per bucket and source as a count of current documents by publication date', async () => {
    await expectPerBucket(await tables(output), rendered);
  });

  it('lists the top entities of each type by stories, duplicates counted once', async () => {
    await expectTopEntities(await tables(output), rendered);
  });

  it('shows with each figure the SQL that computed it', () => {
    const page = readFileSync(html, 'utf8');
    for (const [name, sql] of Object.entries(rendered.data.sql)) {
      const shown = sql.trim().replace(/&/g, '&#38;').replace(/</g, '&#60;').replace(/>/g, '&#62;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');
      expect(page.includes(shown), name).toBe(true);
    }
  });

  it('narrows to a period with --since and to a run with --run', async () => {
    const q = await tables(output);
    const since = join(work, 'since.html');
    report(output, since, ['--since', '2024-06-01']);
    const data = JSON.parse(/<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(readFileSync(since, 'utf8'))![1]) as { datasets: Record<string, Rows> };
    const [{ n }] = await q("SELECT count(*) AS n FROM documents WHERE published_date >= DATE '2024-06-01'");
    expect(num(data.datasets.overview[0].documents)).toBe(num(n));
    expect(data.datasets.perBucket.every((b) => String(b.bucket_end) > '2024-06-01')).toBe(true);

    const [first] = await q('SELECT run_id, documents_written FROM runs ORDER BY started_at LIMIT 1');
    const older = join(work, 'run.html');
    report(output, older, ['--run', String(first.run_id)]);
    const runData = JSON.parse(/<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(readFileSync(older, 'utf8'))![1]) as { datasets: Record<string, Rows> };
    expect(runData.datasets.runFunnel[0].run_id).toBe(first.run_id);
    expect(num(runData.datasets.runFunnel[0].documents_written)).toBe(num(first.documents_written));
  });

  it('refuses an output without tables, a bad --since and an unknown --run with exit code 2', () => {
    const none = runCli(['report', '-o', join(work, 'nothing-here')]);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('load.sql');
    expect(runCli(['report', '-o', output, '--since', '2024-13-01']).status).toBe(2);
    const unknown = runCli(['report', '-o', output, '--run', 'no-such-run']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('no-such-run');
  });

  it('refuses (exit 2) an --out that would destroy something: the output\'s load.sql or state, a folder, a file that is not a page', async () => {
    const loadSql = readFileSync(join(output, 'load.sql'));
    const notPage = join(work, 'notes.txt');
    await writeFile(notPage, 'my notes\n');
    for (const out of [join(output, 'load.sql'), join(output, '_state', 'report.html'), output, notPage, '']) {
      const r = runCli(['report', '-o', output, '--out', out]);
      expect(r.status, out).toBe(2);
    }
    expect(readFileSync(join(output, 'load.sql')).equals(loadSql)).toBe(true);
    expect(existsSync(join(output, '_state', 'report.html'))).toBe(false);
    expect(readFileSync(notPage, 'utf8')).toBe('my notes\n');
  });
});

describe('report of a 2,000-document run (input/ and Reuters and BBC articles)', () => {
  let output: string;
  let html: string;
  let rendered: RenderedReport;

  beforeAll(async () => {
    const corpus = await buildCorpus({
      root: join(work, 'corpus'), name: 'docs-2000', copies: 1, seed: 19, subset: 2000 - 14,
      sources: [{ name: 'reuters', dir: join(SHARED, 'news/reuters/txt') }, { name: 'bbc', dir: join(SHARED, 'news/bbc') }],
    });
    await cp(join(ROOT, 'input'), corpus.dir, { recursive: true });
    output = join(work, 'out-2000');
    html = join(work, '2000-report.html');
    const end = run(corpus.dir, output, ['--concurrency', '2']);
    expect(num(end.documents_written)).toBe(2000);
    report(output, html);
    rendered = await renderReport(html, join(ARTIFACTS, 'report-2000.png'));
  }, 900_000);

  it('is one file under 5 MB whose charts all draw in Chromium with no console error and no request', () => {
    expect(statSync(html).size).toBeLessThanOrEqual(MAX_BYTES);
    expectDrawn(rendered);
    expect(existsSync(join(ARTIFACTS, 'report-2000.png'))).toBe(true);
  });

  it('has the figures of its own tables: funnel, documents per bucket, top entities', async () => {
    const q = await tables(output);
    await expectFunnel(q, rendered);
    await expectPerBucket(q, rendered);
    await expectTopEntities(q, rendered);
  });
});

describe('the browser check itself', () => {
  it('catches a page that reaches out', async () => {
    const page = join(work, 'leaky.html');
    await writeFile(page, '<!DOCTYPE html><html><body data-charts-drawn="0" data-charts-failed="0"><img src="http://127.0.0.1:9/pixel.png">'
      + '<script type="application/json" id="report-data">{}</script></body></html>');
    const r = await renderReport(page, join(work, 'leaky.png'));
    expect(r.requests).toEqual(['http://127.0.0.1:9/pixel.png']);
  }, 120_000);
});
