/**
 * Plain articles (newswire copy, one paragraph per line or hard-wrapped, no page around them)
 * through the whole pipeline keep their lines (bench/kept-lines.ts says when a line is kept:
 * in `documents.text`, the title, the dateline/agency columns or the publication date).
 */
import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPipeline } from '../pipeline/runner.js';
import { silentLogger } from '../pipeline/log.js';
import { duck, SHARED } from './helpers.js';
import { addKept, keptLines, type KeptLines } from '../bench/kept-lines.js';

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
  rows = (await db.query(`SELECT source_path, text, title, dateline, agency, CAST(published_date AS VARCHAR) AS published_date FROM read_parquet('${work}/out/parquet/*/documents/*.parquet')`)) as unknown as DocumentRow[];
  db.conn.closeSync();
}, 300_000);

afterAll(async () => { await rm(work, { recursive: true, force: true }); });

function keptShare(collection: string): KeptLines {
  let total: KeptLines = { lines: 0, inText: 0, kept: 0 };
  for (const row of rows.filter((r) => r.source_path.startsWith(`${collection}/`))) {
    const out = { text: row.text, title: row.title, dateline: row.dateline, agency: row.agency, publishedDate: row.published_date };
    total = addKept(total, keptLines(inputs.get(row.source_path)!, out));
  }
  return total;
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
