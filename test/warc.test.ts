/**
 * Web archives: the real WARC and ARC files of ../shared/data/warc (webrecorder/warcio's test
 * files, some broken on purpose), plus archives cut or built here to reach the error paths.
 * Expected pages come from an independent look at the raw bytes (header lines found with plain
 * string search), not from the reader.
 */
import { STAGE_ORDER } from '../pipeline/registry.js';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { copyFile, mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { docIdFor, readInput, type FileSeen } from '../stages/read.js';
import type { Doc } from '../pipeline/doc.js';
import { runPipeline } from '../pipeline/runner.js';
import { silentLogger } from '../pipeline/log.js';
import { duck } from './helpers.js';

const WARC_DIR = resolve(__dirname, '../../shared/data/warc');
/** Broken on purpose (README of the folder) and readable only in part. */
const BROKEN = new Set(['example-trunc.warc', 'bad.arc']);

interface Read { docs: Doc[]; files: FileSeen[]; skipped: Map<string, Record<string, number>> }

async function read(dir: string): Promise<Read> {
  const out: Read = { docs: [], files: [], skipped: new Map() };
  const options = { onFile: (f: FileSeen) => out.files.push(f), onRecordsSkipped: (p: string, c: Record<string, number>) => out.skipped.set(p, c) };
  for await (const d of readInput(dir, options)) out.docs.push(d);
  return out;
}

function rawText(bytes: Buffer): string {
  return (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('latin1');
}

/** WARC records by plain splitting on version lines: [warc headers, http head] of each. */
function warcRecords(text: string): { type: string; uri: string; id: string; date: string; contentType: string; http: string }[] {
  return text.split(/(?:^|\r\n)WARC\/1\.[01]\r\n/).slice(1).map((rec) => {
    const [head, ...rest] = rec.split('\r\n\r\n');
    const field = (name: string): string => new RegExp(`^${name}: *(.*)$`, 'im').exec(head)?.[1].trim() ?? '';
    return { type: field('WARC-Type'), uri: field('WARC-Target-URI').replace(/^<(.*)>$/, '$1'), id: field('WARC-Record-ID').replace(/^<(.*)>$/, '$1'), date: field('WARC-Date'), contentType: field('Content-Type'), http: rest[0] ?? '' };
  });
}

function expectedWarcPages(text: string): { uri: string; id: string }[] {
  return warcRecords(text).filter((r) => (r.type === 'response' && /^HTTP\/1\.[01] 200/.test(r.http) && /^content-type: *(text\/html|application\/xhtml\+xml)/im.test(r.http))
    || (r.type === 'resource' && /^text\/html/i.test(r.contentType))).map((r) => ({ uri: r.uri, id: r.id }));
}

describe('the real WARC/ARC files of shared/data/warc', () => {
  let all: Read;
  let names: string[];
  beforeAll(async () => {
    all = await read(WARC_DIR);
    names = (await readdir(WARC_DIR)).filter((n) => /\.(w?arc)(\.gz)?$/.test(n));
  });

  it('turns every HTML response (and HTML resource) record of the good WARC files into a document with its target URI, date and record id', async () => {
    const warcs = names.filter((n) => n.includes('.warc') && !BROKEN.has(n));
    expect(warcs.length).toBeGreaterThanOrEqual(10);
    let pages = 0;
    for (const name of warcs) {
      const text = rawText(await readFile(join(WARC_DIR, name)));
      const expected = expectedWarcPages(text);
      const docs = all.docs.filter((d) => d.source.path === name);
      expect(docs.filter((d) => d.reject), name).toEqual([]);
      expect(docs.map((d) => ({ uri: d.meta.url, id: d.meta.warcRecordId })), name).toEqual(expected);
      for (const d of docs) {
        const record = warcRecords(text).find((r) => r.id === d.meta.warcRecordId)!;
        expect(d.meta.crawledAt).toBe(new Date(record.date).toISOString());
        expect(d.source.kind).toBe('html');
        expect(d.id).toBe(docIdFor(name, d.source.line));
        expect(d.raw).toMatch(/<\/html>\s*$/i);
      }
      pages += expected.length;
    }
    expect(pages).toBeGreaterThan(warcs.length / 2);
  });

  it('decodes gzip content coding and chunked transfer coding of the HTTP body', () => {
    const gzipped = all.docs.find((d) => d.source.path === 'example.warc')!;
    expect(readFileSync(join(WARC_DIR, 'example.warc'), 'latin1')).toMatch(/Content-Encoding: gzip/);
    expect(gzipped.raw).toContain('<title>Example Domain</title>');
    const chunked = all.docs.find((d) => d.source.path === 'example-iana.org-chunked.warc')!;
    expect(chunked.raw).toContain('Internet Assigned Numbers Authority');
    expect(chunked.raw).not.toMatch(/^[0-9a-f]+\r?$/m);
  });

  it('reads ARC files (v1 headers, a URL with spaces) with the archive date as crawl time', async () => {
    for (const name of ['example.arc', 'example.arc.gz', 'example-space-in-url.arc']) {
      const text = rawText(await readFile(join(WARC_DIR, name)));
      const headers = [...text.matchAll(/^(https?:\/\/.*) \d+\.\d+\.\d+\.\d+ (\d{14}) text\/html \d+$/gm)];
      expect(headers.length, name).toBe(1);
      const docs = all.docs.filter((d) => d.source.path === name);
      expect(docs.map((d) => [d.meta.url, d.meta.crawledAt, d.reject?.reason ?? 'ok']), name).toEqual(headers.map((h) => {
        const t = h[2];
        return [h[1], `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}T${t.slice(8, 10)}:${t.slice(10, 12)}:${t.slice(12, 14)}.000Z`, 'ok'];
      }));
      expect(docs[0].raw).toContain('Example Domain');
    }
  });

  it('counts the records it passes over by type (request, revisit, metadata, warcinfo, non-HTML)', async () => {
    for (const name of ['example.warc', 'example-wget-bad-target-uri.warc.gz', 'post-test.warc.gz']) {
      const records = warcRecords(rawText(await readFile(join(WARC_DIR, name))));
      const pages = expectedWarcPages(rawText(await readFile(join(WARC_DIR, name)))).length;
      const counts = all.skipped.get(name)!;
      expect(Object.values(counts).reduce((a, b) => a + b, 0) + pages, name).toBe(records.length);
      for (const type of ['request', 'revisit', 'metadata', 'warcinfo']) {
        expect(counts[type] ?? 0, `${name} ${type}`).toBe(records.filter((r) => r.type === type).length);
      }
    }
  });

  it('rejects the broken records with a reason and reads on: the truncated WARC and the ARC with bad lengths', () => {
    const trunc = all.docs.filter((d) => d.source.path === 'example-trunc.warc');
    expect(trunc.map((d) => d.reject?.reason)).toEqual(['bad_record']);
    expect(trunc[0].reject!.detail).toMatch(/Content-Length/);
    // The request record after the broken response was still read (and passed over).
    expect(all.skipped.get('example-trunc.warc')!.request).toBe(1);
    const bad = all.docs.filter((d) => d.source.path === 'bad.arc');
    expect(bad.length).toBeGreaterThanOrEqual(1);
    for (const d of bad) expect(d.reject).toMatchObject({ stage: 'read', reason: 'bad_record' });
    expect(bad[0].reject!.detail).toMatch(/length/);
    // bad.arc's text/plain record of a valid length, between two broken ones, was reached.
    expect(all.skipped.get('bad.arc')!.not_html).toBe(1);
  });

  it('reads whole-file and misaligned gzip (broken for random access only) to the same pages as the clean file', () => {
    const clean = all.docs.find((d) => d.source.path === 'example.warc')!;
    const whole = all.docs.find((d) => d.source.path === 'example-bad-non-chunked.warc.gz')!;
    expect(whole.meta.warcRecordId).toBe(clean.meta.warcRecordId);
    expect(whole.raw).toBe(clean.raw);
    const misaligned = all.docs.filter((d) => d.source.path === 'example-wrong-chunks.warc.gz');
    expect(misaligned.map((d) => d.reject?.reason ?? 'ok')).toEqual(['ok']);
    expect(misaligned[0].raw).toContain('Example Domain');
  });

  it('names a file it does not take (example-bad.warc.gz.bad) as skipped, and reads it once it is named as a WARC', async () => {
    expect(all.files.filter((f) => f.status === 'skipped').map((f) => [f.path, f.skipped])).toContainEqual(['example-bad.warc.gz.bad', 'extension']);
    const dir = await mkdtemp(join(tmpdir(), 'news-etl-warc-bad-'));
    try {
      await copyFile(join(WARC_DIR, 'example-bad.warc.gz.bad'), join(dir, 'example-bad.warc.gz'));
      const r = await read(dir);
      const expected = expectedWarcPages(rawText(await readFile(join(dir, 'example-bad.warc.gz'))));
      expect(r.docs.map((d) => d.meta.url)).toEqual(expected.map((e) => e.uri));
      expect(r.skipped.get('example-bad.warc.gz')!.status_302).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('gives each record a stable id from the file path and the record number', async () => {
    const again = await read(WARC_DIR);
    expect(again.docs.map((d) => d.id)).toEqual(all.docs.map((d) => d.id));
    expect(new Set(all.docs.map((d) => d.id)).size).toBe(all.docs.length);
  });
});

describe('archives cut or built here', () => {
  let dir: string;
  beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'news-etl-warc-')); });
  afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

  const record = (headers: Record<string, string>, block: Buffer): Buffer => Buffer.concat([
    Buffer.from(`WARC/1.1\r\n${Object.entries({ ...headers, 'Content-Length': String(block.length) }).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`),
    block, Buffer.from('\r\n\r\n'),
  ]);
  const response = (uri: string, id: string, httpHead: string, body: Buffer): Buffer => record(
    { 'WARC-Type': 'response', 'WARC-Target-URI': uri, 'WARC-Date': '2024-03-21T09:34:00Z', 'WARC-Record-ID': `<urn:uuid:${id}>`, 'Content-Type': 'application/http; msgtype=response' },
    Buffer.concat([Buffer.from(`${httpHead.replace(/\n/g, '\r\n')}\r\n\r\n`), body]),
  );

  it('keeps the pages before a gzip member that is cut off, and rejects the rest as bad_gzip', async () => {
    const whole = await readFile(join(WARC_DIR, 'example.warc.gz'));
    const sub = join(dir, 'cut-gz');
    await mkdir(sub);
    // Cut inside the 4th gzip member (a request record), after the response's member.
    await writeFile(join(sub, 'cut.warc.gz'), whole.subarray(0, 2300));
    const r = await read(sub);
    expect(r.docs.map((d) => d.reject?.reason ?? d.meta.url)).toEqual(['http://example.com/', 'bad_gzip']);
  });

  it('keeps every page before a corrupt gzip member in the middle of the file, then rejects it as bad_gzip', async () => {
    // One member per record, as crawlers write them; the deflate data of the 21st member is scrambled.
    const members = Array.from({ length: 40 }, (_, i) => {
      const page = Buffer.from(`<html><body><p>Page ${i}: Joe Biden met Olaf Scholz on Monday.</p></body></html>`);
      const m = gzipSync(response(`https://news.test/p${i}`, `m-${i}`, 'HTTP/1.1 200 OK\nContent-Type: text/html', page));
      if (i === 20) for (let k = 12; k < m.length - 8; k++) m[k] ^= 0x5a;
      return m;
    });
    const sub = join(dir, 'damaged-member');
    await mkdir(sub);
    await writeFile(join(sub, 'members.warc.gz'), Buffer.concat(members));
    const r = await read(sub);
    expect(r.docs.map((d) => d.reject?.reason ?? d.meta.url)).toEqual([...Array.from({ length: 20 }, (_, i) => `https://news.test/p${i}`), 'bad_gzip']);
    expect(r.docs.at(-1)!.reject?.detail).toMatch(/\(after record 20\)$/);
  });

  it('rejects a page whose record the file ends inside (truncated_record) when its HTML is incomplete', async () => {
    const sub = join(dir, 'cut-plain');
    await mkdir(sub);
    const page = Buffer.from(`<html><body><p>${'A long article sentence. '.repeat(200)}</p></body></html>`);
    const rec = response('https://news.test/a', 'cut-1', 'HTTP/1.1 200 OK\nContent-Type: text/html', page);
    await writeFile(join(sub, 'cut.warc'), rec.subarray(0, rec.length - 1000));
    const r = await read(sub);
    expect(r.docs.map((d) => d.reject?.reason)).toEqual(['truncated_record']);
  });

  it('honours the HTTP charset, skips non-200 responses, and rejects a page over the size limit without stopping', async () => {
    const sub = join(dir, 'built');
    await mkdir(sub);
    // "Новости дня" in windows-1251, a page with no <meta charset>: only the HTTP header names the charset.
    const cp1251 = Buffer.from([0xcd, 0xee, 0xe2, 0xee, 0xf1, 0xf2, 0xe8, 0x20, 0xe4, 0xed, 0xff]);
    const page = Buffer.concat([Buffer.from('<html><body><p>'), cp1251, Buffer.from('</p></body></html>')]);
    const huge = Buffer.concat([Buffer.from('<html><body>'), Buffer.alloc(17 * 1024 * 1024, 0x61), Buffer.from('</body></html>')]);
    await writeFile(join(sub, 'crawl.warc'), Buffer.concat([
      response('https://news.test/ru', 'a-1', 'HTTP/1.1 200 OK\nContent-Type: text/html; charset=windows-1251', page),
      response('https://news.test/moved', 'a-2', 'HTTP/1.1 301 Moved Permanently\nContent-Type: text/html\nLocation: /ru', Buffer.from('<html></html>')),
      response('https://news.test/huge', 'a-3', 'HTTP/1.1 200 OK\nContent-Type: text/html', huge),
      response('https://news.test/after', 'a-4', 'HTTP/1.1 200 OK\nContent-Type: text/html; charset=utf-8', Buffer.from('<html><body><p>After the big one.</p></body></html>')),
    ]));
    await writeFile(join(sub, 'crawl2.warc.gz'), gzipSync(response('https://news.test/gz', 'b-1', 'HTTP/1.1 200 OK\nContent-Type: text/html', Buffer.from('<html><body><p>Gzipped whole.</p></body></html>'))));
    await writeFile(join(sub, 'notes.warc'), 'these are notes, not an archive\n');
    const r = await read(sub);
    expect(r.docs.map((d) => [d.source.path, d.meta.url ?? null, d.reject?.reason ?? 'ok'])).toEqual([
      ['crawl.warc', 'https://news.test/ru', 'ok'],
      ['crawl.warc', 'https://news.test/huge', 'too_large'],
      ['crawl.warc', 'https://news.test/after', 'ok'],
      ['crawl2.warc.gz', 'https://news.test/gz', 'ok'],
      ['notes.warc', null, 'bad_record'],
    ]);
    expect(r.docs[0].raw).toContain('Новости дня');
    expect(r.skipped.get('crawl.warc')).toEqual({ status_301: 1 });
  });
});

describe('damaged framing', () => {
  it('steps over a header block that never ends and a body-less response without its blank line, and reads the next record', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'news-etl-warc-frame-'));
    try {
      const page = '<html><body><p>The page after the damage.</p></body></html>';
      const http = `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n${page}`;
      const good = `WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.test/ok\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: ${http.length}\r\n\r\n${http}\r\n\r\n`;
      const notModified = 'HTTP/1.1 304 Not Modified\r\nETag: "x"';
      const bodiless = `WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.test/304\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: ${notModified.length}\r\n\r\n${notModified}\r\n\r\n`;
      const endless = `WARC/1.0\r\nWARC-Type: response\r\n${'X-Filler: abc\r\n'.repeat(30_000)}`;
      await writeFile(join(dir, 'damaged.warc'), endless + bodiless + good);
      const r = await read(dir);
      expect(r.docs.map((d) => [d.reject?.reason ?? 'ok', d.meta.url ?? null])).toEqual([['bad_record', null], ['ok', 'https://news.test/ok']]);
      expect(r.skipped.get('damaged.warc')).toEqual({ status_304: 1 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('a run over web archives', () => {
  it('writes crawled_at, warc_record_id and the target URL to documents, and counts skipped files and records in runs', async () => {
    const work = await mkdtemp(join(tmpdir(), 'news-etl-warc-run-'));
    try {
      const summary = await runPipeline({
        input: WARC_DIR, output: join(work, 'out'), formats: ['parquet'], stages: [...STAGE_ORDER], concurrency: 1, log: silentLogger,
      });
      expect(summary.status).toBe('success_with_rejects');
      const db = await duck();
      const docs = await db.query(`SELECT source_path, url, warc_record_id, CAST(timezone('UTC', crawled_at) AS VARCHAR) AS crawled_at FROM read_parquet('${work}/out/parquet/*/documents/*.parquet') WHERE source_path = 'example.warc'`);
      const text = rawText(await readFile(join(WARC_DIR, 'example.warc')));
      const [page] = expectedWarcPages(text);
      expect(docs).toEqual([{ source_path: 'example.warc', url: page.uri, warc_record_id: page.id, crawled_at: '2017-03-06 04:02:06' }]);
      const [run] = await db.query(`SELECT files_skipped, records_skipped, rejects FROM read_parquet('${work}/out/parquet/*/runs/*.parquet')`);
      const named = (await readdir(WARC_DIR)).filter((n) => !/\.(w?arc)(\.gz)?$/.test(n));
      expect(run.files_skipped).toBe(named.length);
      expect(run.records_skipped).toBe(summary.recordsSkipped);
      expect(summary.recordsSkipped).toBeGreaterThan(30);
      db.conn.closeSync();
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});
