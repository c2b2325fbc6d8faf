import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, mkdir, readFile, rm, truncate, writeFile, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { decodeText, docIdFor, MAX_DOC_BYTES, normalizeText, parseJsonlRecord, readInput, type FileSeen } from '../stages/read.js';
import { boundedLines } from '../stages/read/jsonl.js';
import { ioProblem } from '../stages/read/walk.js';
import type { Doc } from '../pipeline/doc.js';

const SEEDS = resolve(__dirname, '../../shared/data/seeds');

async function collect(dir: string): Promise<Doc[]> {
  const out: Doc[] = [];
  for await (const d of readInput(dir)) out.push(d);
  return out;
}

describe('decodeText', () => {
  it('strips the BOM, turns CRLF and CR into LF, and NBSP into a space', () => {
    const bytes = Buffer.from('\ufeffTitle\r\nline\u00a0two\rthree', 'utf8');
    const r = decodeText(bytes);
    expect(r).toEqual({ ok: true, text: 'Title\nline two\nthree' });
  });
  it('rejects empty, whitespace-only, NUL-containing and invalid UTF-8 input with distinct reasons', () => {
    expect(decodeText(Buffer.alloc(0))).toMatchObject({ ok: false, reason: 'empty_file' });
    expect(decodeText(Buffer.from(' \n\t\n'))).toMatchObject({ ok: false, reason: 'empty_file' });
    expect(decodeText(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]))).toMatchObject({ ok: false, reason: 'binary_content' });
    const bad = decodeText(Buffer.from([0x61, 0x62, 0xc3, 0x28, 0x61]));
    expect(bad).toMatchObject({ ok: false, reason: 'invalid_utf8' });
    expect(!bad.ok && bad.detail).toMatch(/offset 2/);
  });
  it('drops a few stray NUL bytes in a real text page but rejects a file full of them', () => {
    const page = Buffer.concat([Buffer.from('Pasar al contenido principal\n\n'), Buffer.alloc(11, 0), Buffer.from('\n\n' + 'Texto del art\u00edculo. '.repeat(60))]);
    const r = decodeText(page);
    expect(r.ok && r.text.startsWith('Pasar al contenido principal\n\n\n\nTexto')).toBe(true);
    expect(decodeText(Buffer.from('A text file\u0000 with a NUL byte inside.'))).toMatchObject({ ok: false, reason: 'binary_content' });
  });

  it('keeps non-ASCII text intact', () => {
    expect(normalizeText('Москва — 北京 ’quoted’')).toBe('Москва — 北京 ’quoted’');
  });
});

describe('parseJsonlRecord', () => {
  it('reads text, id, url, title, source and the first present date field', () => {
    for (const key of ['published', 'published_at', 'date', 'date_publish']) {
      const r = parseJsonlRecord(JSON.stringify({ id: 7, url: 'https://x.test/a', title: 'T', source: 'Wire', text: 'Body', [key]: '2024-03-21' }));
      expect(r).toEqual({ ok: true, text: 'Body', meta: { recordId: '7', url: 'https://x.test/a', title: 'T', sourceName: 'Wire', publishedField: '2024-03-21' } });
    }
  });
  it('rejects malformed JSON, non-objects, and records without usable text', () => {
    expect(parseJsonlRecord('{"text": "a",')).toMatchObject({ ok: false, reason: 'bad_json' });
    expect(parseJsonlRecord('[1,2]')).toMatchObject({ ok: false, reason: 'not_an_object' });
    expect(parseJsonlRecord('{"title": "no text"}')).toMatchObject({ ok: false, reason: 'missing_text' });
    expect(parseJsonlRecord('{"text": "  "}')).toMatchObject({ ok: false, reason: 'empty_text' });
  });
  it('drops NUL characters from a record\'s text, as from a text file\'s', () => {
    expect(parseJsonlRecord('{"text": "Body\\u0000 text\\u0000"}')).toMatchObject({ ok: true, text: 'Body text' });
    expect(parseJsonlRecord('{"text": "\\u0000\\u0000"}')).toMatchObject({ ok: false, reason: 'empty_text' });
  });
});

describe('readInput on a directory', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'news-etl-read-'));
    await mkdir(join(dir, 'site-b', 'deep'), { recursive: true });
    await writeFile(join(dir, 'a.txt'), 'Headline\n\nBody text.\n');
    await writeFile(join(dir, 'site-b', 'deep', 'c.txt'), '\ufeffHeadline\r\n\r\nBody\u00a0text.\r\n');
    await writeFile(join(dir, 'site-b', 'empty.txt'), '');
    await writeFile(join(dir, 'site-b', 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    await writeFile(join(dir, 'site-b', 'latin1.txt'), Buffer.from('caf\xe9 au lait', 'latin1'));
    await writeFile(join(dir, 'feed.jsonl'), [
      JSON.stringify({ id: 'r1', text: 'First record.', published: '2024-03-21' }),
      '',
      '{"text": broken',
      JSON.stringify({ title: 'no text' }),
      JSON.stringify({ text: 'Fourth record.', source: 'Wire' }),
    ].join('\n'));
    await writeFile(join(dir, 'empty.jsonl'), '');
    await writeFile(join(dir, 'notes.md'), '# ignored');
    await symlink(join(dir, 'missing.txt'), join(dir, 'dangling.txt'));
    await symlink(dir, join(dir, 'site-b', 'loop'));
  });
  afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

  it('reads every document once, in sorted path order, and rejects bad files without stopping', async () => {
    const docs = await collect(dir);
    const summary = docs.map((d) => [d.source.path, d.source.line ?? null, d.reject?.reason ?? 'ok']);
    expect(summary).toEqual([
      ['a.txt', null, 'ok'],
      ['dangling.txt', null, 'unreadable'],
      ['empty.jsonl', null, 'empty_file'],
      ['feed.jsonl', 1, 'ok'],
      ['feed.jsonl', 3, 'bad_json'],
      ['feed.jsonl', 4, 'missing_text'],
      ['feed.jsonl', 5, 'ok'],
      ['site-b/binary.txt', null, 'binary_content'],
      ['site-b/deep/c.txt', null, 'ok'],
      ['site-b/empty.txt', null, 'empty_file'],
      ['site-b/latin1.txt', null, 'invalid_utf8'],
      ['site-b/loop', null, 'symlink_loop'],
    ]);
  });

  it('gives deterministic ids from path and line, and normalized text', async () => {
    const docs = await collect(dir);
    const again = await collect(dir);
    expect(again.map((d) => d.id)).toEqual(docs.map((d) => d.id));
    expect(new Set(docs.map((d) => d.id)).size).toBe(docs.length);
    const c = docs.find((d) => d.source.path === 'site-b/deep/c.txt')!;
    expect(c.id).toBe(docIdFor('site-b/deep/c.txt'));
    expect(c.raw).toBe('Headline\n\nBody text.\n');
    expect(c.meta.sourceName).toBe('site-b');
    const rec = docs.find((d) => d.source.line === 1)!;
    expect(rec.id).toBe(docIdFor('feed.jsonl', 1));
    expect(rec.meta).toMatchObject({ recordId: 'r1', publishedField: '2024-03-21' });
  });

  it('reads the real seeds as five text documents with sizes and hashes', async () => {
    const docs = (await collect(SEEDS)).filter((d) => !d.reject);
    expect(docs.map((d) => d.source.path)).toEqual(['000.txt', '001.txt', '002.txt', '003.txt', '004.txt']);
    for (const d of docs) {
      expect(d.source.bytes).toBeGreaterThan(1000);
      expect(d.source.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(d.raw).not.toMatch(/[\u00a0\r]/);
    }
  });

  it('reads files over the reading thread\'s size limit in their turn, between small ones, and rejects one over the document limit', async () => {
    const big = await mkdtemp(join(tmpdir(), 'news-etl-read-big-'));
    try {
      const seed = await readFile(join(SEEDS, '000.txt'), 'utf8');
      const long = seed.repeat(Math.ceil((3 << 20) / seed.length));
      const names = ['a.txt', 'b-long.txt', 'c.txt', 'd-huge.txt', 'e.txt'];
      await writeFile(join(big, 'a.txt'), seed);
      await writeFile(join(big, 'b-long.txt'), long);
      await writeFile(join(big, 'c.txt'), seed);
      await writeFile(join(big, 'd-huge.txt'), '');
      await truncate(join(big, 'd-huge.txt'), MAX_DOC_BYTES + 1);
      await writeFile(join(big, 'e.txt'), seed);
      const seen: FileSeen[] = [];
      const docs: Doc[] = [];
      for await (const d of readInput(big, { onFile: (f) => seen.push(f) })) docs.push(d);
      expect(docs.map((d) => d.source.path)).toEqual(names);
      const bytes = (text: string) => Buffer.byteLength(text);
      expect(seen.map((f) => f.size)).toEqual([bytes(seed), bytes(long), bytes(seed), MAX_DOC_BYTES + 1, bytes(seed)]);
      const decoded = decodeText(Buffer.from(long));
      expect(decoded.ok && docs[1].raw === decoded.text).toBe(true);
      expect(docs[1].source.sha256).toBe(createHash('sha256').update(long).digest('hex'));
      expect(docs[3].reject?.reason).toBe('too_large');
      expect(docs.filter((d) => d.reject)).toHaveLength(1);
    } finally {
      await rm(big, { recursive: true, force: true });
    }
  });
});

describe('HTML input', () => {
  it('decodes .html files in their declared charset and rejects truncated ones', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'news-etl-html-'));
    try {
      await writeFile(join(dir, 'latin.html'), Buffer.from('<html><head><meta charset="iso-8859-1"><title>Caf\xe9</title></head><body><p>Cr\xe8me br\xfbl\xe9e</p></body></html>', 'latin1'));
      await writeFile(join(dir, 'cut.html'), '<html><body><p>This download stopped in the mid');
      await writeFile(join(dir, 'feed.jsonl'), JSON.stringify({ html: '<html><body><p>From a feed</p></body></html>', url: 'https://x.test/a' }) + '\n');
      const docs = await collect(dir);
      expect(docs.map((d) => [d.source.path, d.source.kind, d.reject?.reason ?? 'ok'])).toEqual([
        ['cut.html', 'html', 'truncated_html'],
        ['feed.jsonl', 'html', 'ok'],
        ['latin.html', 'html', 'ok'],
      ]);
      expect(docs[2].raw).toContain('Crème brûlée');
      expect(docs[1].raw).toContain('From a feed');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('incremental hooks', () => {
  it('hashes a new JSONL file while parsing it, and skips a known one whose bytes are unchanged', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'news-etl-inc-'));
    try {
      const body = JSON.stringify({ text: 'One record.' }) + '\n' + JSON.stringify({ text: 'Two records.' }) + '\n';
      await writeFile(join(dir, 'feed.jsonl'), body);
      const expected = createHash('sha256').update(body).digest('hex');
      const seen: FileSeen[] = [];
      const first: Doc[] = [];
      for await (const d of readInput(dir, { onFile: (f) => seen.push(f) })) first.push(d);
      expect(first.map((d) => d.raw)).toEqual(['One record.', 'Two records.']);
      expect(seen.map((f) => [f.path, f.status, f.sha256])).toEqual([['feed.jsonl', 'read', expected]]);

      const again: Doc[] = [];
      const seen2: FileSeen[] = [];
      const options = { known: () => true, sameContent: (_p: string, sha: string) => sha === expected, onFile: (f: FileSeen) => seen2.push(f) };
      for await (const d of readInput(dir, options)) again.push(d);
      expect(again).toEqual([]);
      expect(seen2.map((f) => [f.status, f.sha256])).toEqual([['unchanged', expected]]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('crawler and archive formats', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'news-etl-formats-'));
    const article = 'Headline\n\nThe article body, long enough to be one.\n';
    const page = '<html><head><title>T</title></head><body><p>A page.</p></body></html>';
    await writeFile(join(dir, 'a.txt.gz'), gzipSync(article));
    await writeFile(join(dir, 'b.html.gz'), gzipSync(page));
    await writeFile(join(dir, 'c.xhtml'), page);
    await writeFile(join(dir, 'd.jsonl.gz'), gzipSync(`${JSON.stringify({ text: 'One.' })}\n${JSON.stringify({ text: 'Two.' })}\n`));
    await writeFile(join(dir, 'e.ndjson'), `${JSON.stringify({ text: 'Three.' })}\n`);
    const cut = gzipSync(Array.from({ length: 400 }, (_, i) => JSON.stringify({ text: `Record ${i} with some words to compress.` })).join('\n'));
    await writeFile(join(dir, 'f.jsonl.gz'), cut.subarray(0, cut.length - 40));
    await writeFile(join(dir, 'g.txt.gz'), gzipSync(Buffer.alloc(17 * 1024 * 1024, 0x61)));
    await writeFile(join(dir, 'README'), 'no extension');
    await writeFile(join(dir, 'h.TXT'), article);
  });
  afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

  it('reads gzipped documents and JSONL, .ndjson and .xhtml, and rejects a cut gzip and a gzip bomb with reasons', async () => {
    const seen: FileSeen[] = [];
    const docs: Doc[] = [];
    for await (const d of readInput(dir, { onFile: (f) => seen.push(f) })) docs.push(d);
    const outcome = docs.map((d) => [d.source.path, d.source.kind, d.reject?.reason ?? 'ok']);
    expect(outcome.filter(([p]) => !String(p).startsWith('f.'))).toEqual([
      ['a.txt.gz', 'txt', 'ok'],
      ['b.html.gz', 'html', 'ok'],
      ['c.xhtml', 'html', 'ok'],
      ['d.jsonl.gz', 'jsonl', 'ok'],
      ['d.jsonl.gz', 'jsonl', 'ok'],
      ['e.ndjson', 'jsonl', 'ok'],
      ['g.txt.gz', 'txt', 'too_large'],
      ['h.TXT', 'txt', 'ok'],
    ]);
    const cutRecords = docs.filter((d) => d.source.path === 'f.jsonl.gz');
    expect(cutRecords.length).toBeGreaterThan(100);
    expect(cutRecords.at(-1)!.reject?.reason).toBe('bad_gzip');
    expect(cutRecords.slice(0, -1).every((d) => !d.reject)).toBe(true);
    expect(docs[0].raw).toBe('Headline\n\nThe article body, long enough to be one.\n');
    expect(docs.find((d) => d.source.path === 'b.html.gz')!.raw).toContain('<p>A page.</p>');
    expect(seen.filter((f) => f.status === 'skipped').map((f) => [f.path, f.skipped])).toEqual([['README', 'extension']]);
  });

  it('leaves out files by --include/--exclude globs and reports them as skipped', async () => {
    const seen: FileSeen[] = [];
    const docs: Doc[] = [];
    for await (const d of readInput(dir, { includeGlobs: ['*.gz'], excludeGlobs: ['f.*', 'g.*'], onFile: (f) => seen.push(f) })) docs.push(d);
    expect([...new Set(docs.map((d) => d.source.path))]).toEqual(['a.txt.gz', 'b.html.gz', 'd.jsonl.gz']);
    const skipped = Object.fromEntries(seen.filter((f) => f.status === 'skipped').map((f) => [f.path, f.skipped]));
    expect(skipped).toEqual({ 'c.xhtml': 'excluded', 'e.ndjson': 'excluded', 'f.jsonl.gz': 'excluded', 'g.txt.gz': 'excluded', 'h.TXT': 'excluded', README: 'excluded' });
  });
});

describe('gzip damage in JSONL', () => {
  it('keeps every intact gzip member before a corrupt one (bad_gzip after line 20), not only what zlib had handed over', async () => {
    // 40 one-line members; the deflate data of the 21st is scrambled (header and trailer left alone).
    const members = Array.from({ length: 40 }, (_, i) => {
      const m = gzipSync(`${JSON.stringify({ id: `r${i}`, text: `Record ${i}: Joe Biden met Olaf Scholz on Monday.` })}\n`);
      if (i === 20) for (let k = 12; k < m.length - 8; k++) m[k] ^= 0x5a;
      return m;
    });
    const dir = await mkdtemp(join(tmpdir(), 'news-etl-gzip-damage-'));
    try {
      await writeFile(join(dir, 'members.jsonl.gz'), Buffer.concat(members));
      const docs = await collect(dir);
      expect(docs.slice(0, -1).map((d) => d.reject?.reason ?? d.meta.recordId)).toEqual(Array.from({ length: 20 }, (_, i) => `r${i}`));
      const last = docs.at(-1)!;
      expect([last.reject?.reason, last.source.line]).toEqual(['bad_gzip', 21]);
      expect(last.reject?.detail).toMatch(/\(after line 20\)$/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('input confinement and file names', () => {
  let root: string;
  let input: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'news-etl-confine-'));
    input = join(root, 'in');
    await mkdir(join(input, 'site'), { recursive: true });
    await mkdir(join(root, 'elsewhere'));
    await writeFile(join(root, 'elsewhere', 'secret.txt'), 'A secret outside the input folder.\n');
    await writeFile(join(input, 'site', 'story.txt'), 'A story inside the input folder.\n');
    await symlink('/etc/passwd', join(input, 'p.txt'));
    await symlink('/etc', join(input, 'etc'));
    await symlink(join(root, 'elsewhere'), join(input, 'elsewhere'));
    await symlink(join(input, 'site', 'story.txt'), join(input, 'inside-link.txt'));
    await symlink(join(input, 'gone.txt'), join(input, 'dangling.txt'));
    // Two names that are not UTF-8 and differ only in their last undecodable byte.
    await writeFile(Buffer.concat([Buffer.from(input), Buffer.from('/caf\xe9.txt', 'latin1')]), 'Latin-1 named story one.\n');
    await writeFile(Buffer.concat([Buffer.from(input), Buffer.from('/caf\xe8.txt', 'latin1')]), 'Latin-1 named story two.\n');
  });
  afterAll(async () => { await rm(root, { recursive: true, force: true }); });

  it('does not read a symlink to /etc/passwd, nor walk a link to /etc or to a folder outside the input', async () => {
    const docs = await collect(input);
    expect(docs.some((d) => d.raw.includes('root:') || d.raw.includes('secret'))).toBe(false);
    expect(docs.some((d) => d.source.path.startsWith('etc/') || d.source.path.startsWith('elsewhere/'))).toBe(false);
    const reasons = Object.fromEntries(docs.filter((d) => d.reject).map((d) => [d.source.path, d.reject!.reason]));
    expect(reasons).toMatchObject({ 'p.txt': 'outside_input', etc: 'outside_input', elsewhere: 'outside_input', 'dangling.txt': 'unreadable' });
    expect(docs.find((d) => d.source.path === 'dangling.txt')!.reject!.detail).toMatch(/dangling symlink: its target .*gone\.txt does not exist/);
    // A link that stays inside the input is followed.
    expect(docs.find((d) => d.source.path === 'inside-link.txt')!.raw).toBe('A story inside the input folder.\n');
  });

  it('follows links out of the input with followSymlinks', async () => {
    const other = join(root, 'in2');
    await mkdir(other);
    await symlink(join(root, 'elsewhere'), join(other, 'elsewhere'));
    const docs: Doc[] = [];
    for await (const d of readInput(other, { followSymlinks: true })) docs.push(d);
    expect(docs.map((d) => [d.source.path, d.raw])).toEqual([['elsewhere/secret.txt', 'A secret outside the input folder.\n']]);
  });

  it('never reads the output folder through a link, even with followSymlinks', async () => {
    const other = join(root, 'in3');
    const output = join(root, 'out3');
    await mkdir(join(output, '_state'), { recursive: true });
    await writeFile(join(output, '_state', 'files-1.jsonl'), '{"path":"a.txt"}\n');
    await mkdir(other);
    await writeFile(join(other, 'story.txt'), 'A story in the input folder.\n');
    await symlink(output, join(other, 'out_link'));
    await symlink(join(output, '_state', 'files-1.jsonl'), join(other, 'state.jsonl'));
    const docs: Doc[] = [];
    for await (const d of readInput(other, { followSymlinks: true, avoidFolders: [output] })) docs.push(d);
    expect(docs.map((d) => [d.source.path, d.reject?.reason ?? 'read'])).toEqual([['out_link', 'inside_output'], ['state.jsonl', 'inside_output'], ['story.txt', 'read']]);
  });

  it('reads two files whose names are not UTF-8 as two documents with distinct ids', async () => {
    const docs = (await collect(input)).filter((d) => d.raw.startsWith('Latin-1 named'));
    expect(docs.map((d) => d.raw).sort()).toEqual(['Latin-1 named story one.\n', 'Latin-1 named story two.\n']);
    expect(new Set(docs.map((d) => d.id)).size).toBe(2);
    expect(new Set(docs.map((d) => d.source.path)).size).toBe(2);
    // The id hashes the name's bytes; a UTF-8 name's id is what it always was.
    expect(docIdFor('site/story.txt')).toBe(createHash('sha256').update('site/story.txt').digest('hex').slice(0, 16));
  });
});

describe('UTF-16 and UTF-32 text', () => {
  const text = 'Headline\n\nZürich — the article.\n';
  const utf16be = (s: string): Buffer => Buffer.from(s, 'utf16le').swap16();
  it('decodes UTF-16 with a BOM (both orders), BOM-less UTF-16 and UTF-32 with a BOM', () => {
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toEqual({ ok: true, text });
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)]))).toEqual({ ok: true, text });
    expect(decodeText(Buffer.from(text, 'utf16le'))).toEqual({ ok: true, text });
    expect(decodeText(utf16be(text))).toEqual({ ok: true, text });
    const utf32 = Buffer.alloc(4 + [...text].length * 4);
    utf32.writeUInt32LE(0xfeff, 0);
    [...text].forEach((c, i) => utf32.writeUInt32LE(c.codePointAt(0)!, 4 + i * 4));
    expect(decodeText(utf32)).toEqual({ ok: true, text });
  });
  it('reads a UTF-16 JSONL file (with a BOM, or without one) record by record', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'news-etl-utf16-'));
    try {
      const body = `${JSON.stringify({ text: 'Zürich record one.' })}\n${JSON.stringify({ text: 'Record two — ok.' })}\n`;
      await writeFile(join(dir, 'bom.jsonl'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, 'utf16le')]));
      await writeFile(join(dir, 'plain.jsonl'), utf16be(body));
      const docs = await collect(dir);
      expect(docs.map((d) => [d.source.path, d.source.line, d.raw])).toEqual([
        ['bom.jsonl', 1, 'Zürich record one.'], ['bom.jsonl', 2, 'Record two — ok.'],
        ['plain.jsonl', 1, 'Zürich record one.'], ['plain.jsonl', 2, 'Record two — ok.'],
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
  it('says so when a UTF-16 file is broken, instead of calling it binary', () => {
    const broken = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le'), Buffer.from([0x00, 0xd8, 0x41, 0x00])]);
    const r = decodeText(broken);
    expect(r).toMatchObject({ ok: false, reason: 'invalid_charset' });
    expect(!r.ok && r.detail).toMatch(/UTF-16LE/);
  });
});

describe('boundedLines', () => {
  it('keeps lines up to the bound and reports a longer one by its length, in any chunking', async () => {
    const input = Buffer.from('short\n' + 'x'.repeat(50) + '\nlast');
    for (const size of [1, 3, 7, 64]) {
      const chunks = Array.from({ length: Math.ceil(input.length / size) }, (_, i) => input.subarray(i * size, (i + 1) * size));
      const lines = [];
      for await (const l of boundedLines((async function* () { yield* chunks; })(), 10)) lines.push('bytes' in l ? [l.no, l.bytes.toString()] : [l.no, l.tooLong]);
      expect(lines, `chunks of ${size}`).toEqual([[1, 'short'], [2, 50], [3, 'last']]);
    }
  });
});

describe('reasons that say what happened', () => {
  it('tells a deleted file from a permission problem and from a link loop', () => {
    const err = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: x`), { code });
    expect(ioProblem(err('ENOENT'), 'file')).toEqual({ reason: 'unreadable', detail: 'file was deleted while the input was being read', retry: true });
    expect(ioProblem(err('EACCES'), 'file')).toMatchObject({ reason: 'unreadable', detail: expect.stringMatching(/permission denied/), retry: true });
    expect(ioProblem(err('ELOOP'), 'file')).toMatchObject({ reason: 'symlink_loop', retry: false });
  });
});
