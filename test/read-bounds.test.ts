/**
 * The read stage inside whole runs: a 2 GiB JSONL line (a sparse file, no disk used), a file that
 * cannot be read until its permissions are fixed, --limit, and skipped files in runs and logs.
 * Time and memory of the 2 GiB line are measured by `node dist/bench/bench-read.js`, not here.
 */
import { loadStatements } from '../pipeline/loadsql.js';
import { STAGE_ORDER } from '../pipeline/registry.js';
import { describe, it, expect, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, open, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPipeline, type RunOptions } from '../pipeline/runner.js';
import { silentLogger } from '../pipeline/log.js';
import { docIdFor } from '../stages/read.js';
import { CLI, ROOT, duck, runCli } from './helpers.js';

const dirs: string[] = [];
afterAll(async () => { for (const d of dirs) await rm(d, { recursive: true, force: true }); });

async function workDir(name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `news-etl-${name}-`));
  dirs.push(dir);
  await mkdir(join(dir, 'in'));
  return dir;
}

const STAGES: RunOptions['stages'] = [...STAGE_ORDER];
const run = (work: string, extra: Partial<RunOptions> = {}) => runPipeline({
  input: join(work, 'in'), output: join(work, 'out'), formats: ['parquet'], stages: STAGES, concurrency: 1, log: silentLogger, ...extra,
});

async function currentRows(work: string, table: string, columns: string): Promise<Record<string, unknown>[]> {
  const db = await duck();
  try {
    for (const stmt of loadStatements(join(work, 'out'))) await db.conn.run(stmt);
    return await db.query(`SELECT ${columns} FROM ${table} ORDER BY ALL`);
  } finally {
    db.conn.closeSync();
  }
}

describe('a 2 GiB JSONL line', () => {
  it('is a too_large reject, and the record after it is read; the run finishes', async () => {
    const work = await workDir('bigline');
    const path = join(work, 'in', 'big.jsonl');
    const lineBytes = 2 * 1024 ** 3;
    const handle = await open(path, 'w');
    // A hole of 2 GiB (reads as NUL bytes, takes no disk), then the line end and one good record.
    await handle.write(`\n${JSON.stringify({ text: 'The record after the giant line is read as usual.' })}\n`, lineBytes);
    await handle.close();
    const summary = await run(work);
    expect(summary.status).toBe('success_with_rejects');
    expect(await currentRows(work, 'rejects', 'source_path, source_line, reason, detail')).toEqual([
      { source_path: 'big.jsonl', source_line: 1, reason: 'too_large', detail: `line of ${lineBytes} bytes > limit ${16 * 1024 * 1024}` },
    ]);
    expect(await currentRows(work, 'documents', 'doc_id, source_line')).toEqual([{ doc_id: docIdFor('big.jsonl', 2), source_line: 2 }]);
  }, 120_000);
});

describe('input confinement in a run', () => {
  it('does not put /etc/passwd (a symlink in the input) into documents, nor walk a link to /etc', async () => {
    const work = await workDir('confine');
    await writeFile(join(work, 'in', 'story.txt'), 'A story\n\nSomething happened in the town square on a quiet afternoon.\n');
    await symlink('/etc/passwd', join(work, 'in', 'p.txt'));
    await symlink('/etc', join(work, 'in', 'etc'));
    const summary = await run(work);
    expect(summary.status).toBe('success_with_rejects');
    expect(await currentRows(work, 'rejects', 'source_path, reason')).toEqual([
      { source_path: 'etc', reason: 'outside_input' }, { source_path: 'p.txt', reason: 'outside_input' },
    ]);
    const docs = await currentRows(work, 'documents', 'source_path, text');
    expect(docs.map((d) => d.source_path)).toEqual(['story.txt']);
    expect(docs.some((d) => String(d.text).includes('root:'))).toBe(false);
  }, 120_000);
});

describe('output and input folders that overlap', () => {
  it('refuses an output inside the input, or the input inside the output (also through a symlink), with exit 2, writing nothing', async () => {
    const work = await workDir('overlap');
    await writeFile(join(work, 'in', 'story.txt'), 'A story\n\nSomething happened in the town square on a quiet afternoon.\n');
    await symlink(join(work, 'in'), join(work, 'in-link'));
    const cases: [string, string][] = [
      [join(work, 'in'), join(work, 'in', 'out')],
      [join(work, 'in-link'), join(work, 'in', 'nested', 'out')],
      [join(work, 'in'), join(work, 'in-link', 'out')],
      [join(work, 'in'), join(work, 'in')],
      [join(work, 'in', 'sub'), join(work, 'in')],
    ];
    await mkdir(join(work, 'in', 'sub'));
    for (const [input, output] of cases) {
      const r = runCli(['run', '-i', input, '-o', output, '--log-format', 'json']);
      expect(r.status, `${input} -> ${output}: ${r.stderr}`).toBe(2);
      expect(JSON.parse(r.stderr.trim().split('\n').at(-1)!).message).toMatch(/is inside the (input|output) folder/);
    }
    const { readdir } = await import('node:fs/promises');
    expect((await readdir(join(work, 'in'))).sort()).toEqual(['story.txt', 'sub']);
    // Side by side is fine.
    expect(runCli(['run', '-i', join(work, 'in'), '-o', join(work, 'out')]).status).toBe(0);
  }, 120_000);
});

describe('a file that cannot be read', () => {
  it('is rejected as unreadable (permission denied), and read on the next run once it can be, though its size and mtime did not change', async () => {
    const work = await workDir('perm');
    await writeFile(join(work, 'in', 'a.txt'), 'Readable story\n\nThe first story can be read by anyone who opens it.\n');
    await writeFile(join(work, 'in', 'b.txt'), 'Locked story\n\nThe second story is locked away until its owner fixes the permissions.\n');
    await chmod(join(work, 'in', 'b.txt'), 0o000);
    // Root reads any file: as root, the runs go as "nobody", for whom mode 000 means no.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) await chownTree(work, 65534, 65534);
    const cli = (): number | null => spawnSync(process.execPath, [CLI, 'run', '-i', join(work, 'in'), '-o', join(work, 'out'), '--format', 'parquet', '--log-format', 'json'],
      { cwd: ROOT, encoding: 'utf8', timeout: 120_000, ...(asRoot ? { uid: 65534, gid: 65534 } : {}) }).status;
    expect(cli()).toBe(4);
    const rejects = await currentRows(work, 'rejects', 'source_path, reason, detail');
    expect(rejects).toEqual([{ source_path: 'b.txt', reason: 'unreadable', detail: expect.stringMatching(/permission denied/) }]);
    await chmod(join(work, 'in', 'b.txt'), 0o644);
    expect(cli()).toBe(0);
    expect(await currentRows(work, 'rejects', 'source_path')).toEqual([]);
    expect((await currentRows(work, 'documents', 'source_path')).map((r) => r.source_path)).toEqual(['a.txt', 'b.txt']);
  }, 120_000);
});

async function chownTree(dir: string, uid: number, gid: number): Promise<void> {
  const { readdir } = await import('node:fs/promises');
  await chown(dir, uid, gid);
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) await chownTree(p, uid, gid);
    else await chown(p, uid, gid);
  }
}

describe('--limit', () => {
  it('stops after N documents; the next run reads the rest (the cut JSONL file again, whole) and nothing is lost or doubled', async () => {
    const work = await workDir('limit');
    await writeFile(join(work, 'in', 'a.txt'), 'First story\n\nA story about the harbour and the boats that leave it every morning.\n');
    await writeFile(join(work, 'in', 'feed.jsonl'), [1, 2, 3, 4, 5].map((i) => JSON.stringify({ id: `r${i}`, text: `Record number ${i} tells its own story about town hall meeting ${i}.` })).join('\n') + '\n');
    await writeFile(join(work, 'in', 'z.txt'), 'Last story\n\nA story about the mountains and the people who climb them in winter.\n');
    const first = await run(work, { limit: 3 });
    expect(first.documentsRead).toBe(3);
    expect(first.filesDeleted).toBe(0);
    const second = await run(work);
    // feed.jsonl (cut by the limit) and z.txt (not reached); a.txt was complete and is not read again.
    expect(second.filesProcessed).toBe(2);
    const ids = (await currentRows(work, 'documents', 'doc_id')).map((r) => r.doc_id);
    const expected = [docIdFor('a.txt'), ...[1, 2, 3, 4, 5].map((i) => docIdFor('feed.jsonl', i)), docIdFor('z.txt')].sort();
    expect(ids).toEqual(expected);
    // A later --limit run that sees only part of the input deletes nothing it did not reach.
    const third = await run(work, { limit: 1, fullRefresh: false });
    expect(third.filesDeleted).toBe(0);
    expect((await currentRows(work, 'documents', 'doc_id')).map((r) => r.doc_id)).toEqual(expected);
  }, 120_000);

  // Every run cut the file again at the same record and the second one recorded its sha256 as read
  // whole: records 6-10 were never read, with no reject and exit 0.
  it('repeated --limit runs go through a JSONL file longer than N: each run reads it again, the records taken before do not count, and every record ends up current once', async () => {
    const work = await workDir('limit-repeat');
    const ids = Array.from({ length: 10 }, (_, i) => docIdFor('feed.jsonl', i + 1)).sort();
    await writeFile(join(work, 'in', 'feed.jsonl'), Array.from({ length: 10 }, (_, i) => JSON.stringify({ id: `r${i}`, text: `Record ${i}: Joe Biden met Olaf Scholz on Monday in Berlin to talk about meeting ${i}.` }) + '\n').join(''));
    const args = ['run', '-i', join(work, 'in'), '-o', join(work, 'out'), '--format', 'parquet', '--log-format', 'json'];
    const read: number[] = [];
    for (let k = 0; k < 3; k++) {
      const r = runCli([...args, '--limit', '5']);
      expect(r.status, r.stderr).toBe(0);
      const end = r.stderr.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.event === 'run_end');
      read.push(end?.documents_read as number);
    }
    // Run 1 takes records 1-5; run 2 reads them again (not counted) and takes 6-10, stopping at the
    // last record; run 3, not knowing the file had ended there, reads it once more whole.
    expect(read).toEqual([5, 10, 10]);
    const current = await currentRows(work, 'documents', 'doc_id');
    expect(current.map((r) => r.doc_id)).toEqual(ids);
    // The file is done: a run without --limit finds nothing to read and changes nothing.
    const fourth = runCli(args);
    expect(fourth.status, fourth.stderr).toBe(0);
    const end = fourth.stderr.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.event === 'run_end');
    expect(end).toMatchObject({ files_processed: 0, documents_read: 0, documents_written: 0, superseded: 0 });
    expect((await currentRows(work, 'documents', 'doc_id')).map((r) => r.doc_id)).toEqual(ids);
  }, 120_000);

  it('goes through a web archive the same way', async () => {
    const work = await workDir('limit-warc');
    const page = (i: number): Buffer => {
      const body = `<html><head><title>Story ${i}</title></head><body><article><h1>Story ${i}</h1><p>Joe Biden met Olaf Scholz on Monday in Berlin to talk about the harbour, meeting number ${i}, for an hour.</p></article></body></html>`;
      const http = Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      const head = `WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.com/story-${i}\r\nWARC-Date: 2024-03-0${1 + (i % 9)}T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-00000000000${i}>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: ${http.length}\r\n\r\n`;
      return Buffer.concat([Buffer.from(head), http, Buffer.from('\r\n\r\n')]);
    };
    await writeFile(join(work, 'in', 'crawl.warc'), Buffer.concat(Array.from({ length: 7 }, (_, i) => page(i + 1))));
    for (let k = 0; k < 3; k++) await run(work, { limit: 3 });
    const current = await currentRows(work, 'documents', 'source_line, warc_record_id');
    expect(current).toEqual(Array.from({ length: 7 }, (_, i) => ({ source_line: i + 1, warc_record_id: `urn:uuid:00000000-0000-0000-0000-00000000000${i + 1}` })));
    const last = await run(work);
    expect(last.filesProcessed).toBe(0);
  }, 120_000);
});

describe('skipped files', () => {
  it('are counted in runs.files_skipped and named in one warn line; --exclude leaves a file out without deleting its rows', async () => {
    const work = await workDir('skip');
    await mkdir(join(work, 'in', 'site'));
    await writeFile(join(work, 'in', 'site', 'a.txt'), 'A story\n\nSomething happened in the town square on a quiet afternoon.\n');
    await writeFile(join(work, 'in', 'site', 'b.txt'), 'B story\n\nSomething else happened down by the river later that evening.\n');
    await writeFile(join(work, 'in', 'notes.md'), '# notes');
    await writeFile(join(work, 'in', 'page.pdf'), '%PDF-1.4');
    const args = ['run', '-i', join(work, 'in'), '-o', join(work, 'out'), '--format', 'parquet', '--log-format', 'json'];
    const r1 = runCli(args);
    expect(r1.status).toBe(0);
    const warn = r1.stderr.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.event === 'files_skipped');
    expect(warn).toEqual([expect.objectContaining({ level: 'warn', count: 2, extension: 2, sample: 'notes.md, page.pdf' })]);
    // Both stories change; the run that excludes b.txt reads only a.txt, and b.txt keeps its earlier rows.
    await writeFile(join(work, 'in', 'site', 'a.txt'), 'A story, updated\n\nSomething happened in the town square on a quiet afternoon, and more.\n');
    await writeFile(join(work, 'in', 'site', 'b.txt'), 'B story, updated\n\nSomething else happened down by the river later that evening, and more.\n');
    const r2 = runCli([...args, '--exclude', 'b.txt']);
    expect(r2.status).toBe(0);
    const docs = await currentRows(work, 'documents', 'source_path, title');
    expect(docs).toEqual([{ source_path: 'site/a.txt', title: 'A story, updated' }, { source_path: 'site/b.txt', title: 'B story' }]);
    const runs = await currentRows(work, 'runs', 'files_skipped, files_processed, files_deleted');
    expect(runs).toEqual([{ files_skipped: 2, files_processed: 2, files_deleted: 0 }, { files_skipped: 3, files_processed: 1, files_deleted: 0 }]);
  }, 120_000);
});

describe('a page of 200k nested <div>s', () => {
  it('goes through every stage: one document, its text, its dates, no stack overflow', async () => {
    const work = await workDir('deep');
    const depth = 200_000;
    const sentence = 'The council approved the new budget on Tuesday, March 4, 2025, after a long debate about schools.';
    // The byline sits at the bottom of the nesting, where a walk of every open element costs the most.
    const html = `<html><head><title>Deep</title></head><body>${'<div>\n'.repeat(depth)}` +
      `<div class="byline">Published <time datetime="2025-03-05T09:00:00Z">5 March 2025</time></div><p>${sentence}</p>` +
      `${'</div>'.repeat(depth)}</body></html>`;
    await writeFile(join(work, 'in', 'deep.html'), html);
    const summary = await run(work);
    expect(summary.status).toBe('success');
    const docs = await currentRows(work, 'documents', 'text, CAST(published_date AS VARCHAR) AS published');
    expect(docs).toHaveLength(1);
    expect(String(docs[0].text)).toContain(sentence);
    expect(docs[0].published).toBe('2025-03-05');
    const dates = await currentRows(work, 'dates', 'value');
    expect(dates.map((d) => d.value)).toContain('2025-03-04');
  }, 120_000);
});
