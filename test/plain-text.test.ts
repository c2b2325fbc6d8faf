/**
 * Plain articles (newswire copy, one paragraph per line or hard-wrapped, no page around them)
 * through the whole pipeline keep their lines: a line is kept when its text is in
 * `documents.text` (the first one's dateline and agency tag aside, which are in the `dateline` and
 * `agency` columns), is the title, or is the header date the publication date was read from.
 */
import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPipeline } from '../pipeline/runner.js';
import { silentLogger } from '../pipeline/log.js';
import { duck, SHARED } from './helpers.js';

interface DocumentRow {
  source_path: string;
  text: string;
  title: string | null;
  published_date: string | null;
  dateline: string | null;
  agency: string | null;
}

const COLLECTIONS = { reuters: join(SHARED, 'news/reuters/txt'), gum: join(SHARED, 'ner/gum-news') };
/** Every n-th reuters story (sorted by name): a few hundred stories of every kind, tables included. */
const REUTERS_STEP = 40;

let work: string;
let rows: DocumentRow[];
const inputs = new Map<string, string>();

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'news-etl-plain-'));
  for (const [name, dir] of Object.entries(COLLECTIONS)) {
    const files = (await readdir(dir)).filter((f) => f.endsWith('.txt')).sort();
    const chosen = name === 'reuters' ? files.filter((_, i) => i % REUTERS_STEP === 0) : files;
    await mkdir(join(work, 'in', name), { recursive: true });
    for (const f of chosen) {
      await copyFile(join(dir, f), join(work, 'in', name, f));
      inputs.set(`${name}/${f}`, await readFile(join(dir, f), 'utf8'));
    }
  }
  await runPipeline({
    input: join(work, 'in'), output: join(work, 'out'), formats: ['parquet'], concurrency: 1, log: silentLogger,
    stages: ['read', 'boilerplate', 'dates', 'entities', 'dedupe'],
  });
  const db = await duck();
  rows = (await db.query(`SELECT source_path, text, title, dateline, agency, CAST(published_date AS VARCHAR) AS published_date FROM read_parquet('${work}/out/parquet/documents/**/*.parquet')`)) as unknown as DocumentRow[];
  db.conn.closeSync();
}, 300_000);

afterAll(async () => { await rm(work, { recursive: true, force: true }); });

const words = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** The day a date-only line names, as YYYY-MM-DD ("Friday, July 21, 2017"), when it names one. */
function dayOf(line: string): string | undefined {
  const t = Date.parse(`${line.replace(/^[A-Za-z]+,\s*/, '')} 12:00 UTC`);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString().slice(0, 10);
}

/** The line without the dateline and agency tag it opens with, when the row has them. */
function withoutDateline(line: string, row: DocumentRow): string {
  let rest = line;
  if (row.dateline !== null && rest.startsWith(words(row.dateline))) rest = rest.slice(row.dateline.length);
  if (row.agency !== null) rest = rest.replace(`(${words(row.agency)})`, '').replace(`${words(row.agency)}:`, '');
  return rest === line ? line : rest.replace(/^[\s,:(\-–—]+/, '');
}

function keptShare(collection: string): { lines: number; inText: number; kept: number } {
  let lines = 0;
  let inText = 0;
  let kept = 0;
  for (const row of rows.filter((r) => r.source_path.startsWith(`${collection}/`))) {
    const text = words(row.text);
    for (const line of inputs.get(row.source_path)!.split('\n')) {
      if (line.trim() === '') continue;
      lines++;
      const w = withoutDateline(words(line), row);
      if (text.includes(w)) inText++;
      if (text.includes(w) || w === words(row.title ?? '') || (row.published_date !== null && dayOf(line) === row.published_date)) kept++;
    }
  }
  return { lines, inText, kept };
}

describe('plain newswire text through the pipeline', () => {
  it('reads every file as a document', () => {
    expect(rows.length).toBe(inputs.size);
  });

  for (const collection of Object.keys(COLLECTIONS)) {
    it(`${collection}: keeps >= 99% of the lines (text, title or the publication date)`, () => {
      const { lines, kept, inText } = keptShare(collection);
      expect(lines).toBeGreaterThan(300);
      expect(kept / lines, `${kept}/${lines} kept, ${inText} in text`).toBeGreaterThanOrEqual(0.99);
    });
  }

  it('joins hard-wrapped lines into paragraphs: a reuters story reads one paragraph per line', () => {
    const story = rows.find((r) => r.source_path === 'reuters/1.txt')!;
    expect(story.text.split('\n')[0]).toMatch(/^Showers continued throughout the week in the Bahia cocoa zone, alleviating the drought since early January/);
    expect(story.title).toBe('BAHIA COCOA REVIEW');
    expect(story.dateline).toBe('SALVADOR, Feb 26');
  });
});
