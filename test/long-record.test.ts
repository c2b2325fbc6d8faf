/**
 * Issue 20: a 16 MiB record (just under the read stage's limit) ran 600 s and 1.1 GB before it
 * was killed, the dates stage growing with the square of its length. Two such records of real
 * wire copy, one on a single line and one of many lines, go through read, boilerplate, dates and
 * dedupe (the stages whose time must be linear in a document's length); both are processed.
 * With NEWS_ETL_RELIABILITY=full, the single-line text also comes as one JSONL record.
 * The timeout is generous on purpose; bench/bench-long-record.ts is where speed is measured.
 */
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPipeline, type RunSummary } from '../pipeline/runner.js';
import { silentLogger } from '../pipeline/log.js';
import { duck, SHARED } from './helpers.js';

const HEAVY = process.env.NEWS_ETL_RELIABILITY === 'full';
const READ_LIMIT = 16 * 1024 * 1024;
/** Peak memory of this test's process the run must stay under (the killed run had passed 1.1 GB and grew). */
const MAX_RSS_MB = 1536;

let work: string;
let summary: RunSummary;
let wire: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'news-etl-long-'));
  const dir = join(SHARED, 'news/reuters/txt');
  const stories = await Promise.all((await readdir(dir)).filter((f) => f.endsWith('.txt')).sort().map((f) => readFile(join(dir, f), 'utf8')));
  // The stories once (about 15 MB), then again from the start until just under the limit.
  const parts: string[] = [];
  let bytes = 0;
  for (let i = 0; ; i++) {
    const story = stories[i % stories.length];
    const size = Buffer.byteLength(story) + 1;
    if (bytes + size > READ_LIMIT - 4096) break;
    parts.push(story);
    bytes += size;
  }
  wire = parts.join('\n');
  await mkdir(join(work, 'in'));
  await writeFile(join(work, 'in', 'many-lines.txt'), wire);
  await writeFile(join(work, 'in', 'one-line.txt'), wire.replace(/\n/g, ' '));
  // JSON escapes (quotes) lengthen the line: the record's text is cut to keep the line under the limit.
  if (HEAVY) {
    const line = JSON.stringify({ id: 'long', text: wire.replace(/\n/g, ' ').slice(0, READ_LIMIT - (1 << 20)) });
    expect(Buffer.byteLength(line)).toBeLessThan(READ_LIMIT);
    await writeFile(join(work, 'in', 'record.jsonl'), line + '\n');
  }
  summary = await runPipeline({
    input: join(work, 'in'), output: join(work, 'out'), formats: ['parquet'], concurrency: 1, log: silentLogger,
    stages: ['read', 'boilerplate', 'dates', 'dedupe'],
  });
}, 900_000);

afterAll(async () => { await rm(work, { recursive: true, force: true }); });

describe('a 16 MiB text record', () => {
  it('is processed whole, on one line and on many, in bounded memory', async () => {
    expect(Buffer.byteLength(wire)).toBeGreaterThan(READ_LIMIT - 65536);
    expect(summary.status).toBe('success');
    const paths = HEAVY ? ['many-lines.txt', 'one-line.txt', 'record.jsonl'] : ['many-lines.txt', 'one-line.txt'];
    expect(summary.documentsWritten).toBe(paths.length);
    const db = await duck();
    const docs = await db.query(`SELECT source_path, length(text) AS chars, (SELECT count(*) FROM read_parquet('${work}/out/parquet/*/dates/*.parquet') d WHERE d.doc_id = x.doc_id) AS dates
      FROM read_parquet('${work}/out/parquet/*/documents/*.parquet') x ORDER BY source_path`);
    db.conn.closeSync();
    expect(docs.map((d) => d.source_path)).toEqual(paths);
    for (const d of docs) {
      expect(Number(d.chars), String(d.source_path)).toBeGreaterThan(wire.length * 0.5);
      expect(Number(d.dates), String(d.source_path)).toBeGreaterThan(20_000);
    }
    expect(process.resourceUsage().maxRSS / 1024).toBeLessThan(MAX_RSS_MB);
  });
});
