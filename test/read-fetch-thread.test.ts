/**
 * The reading thread: bytes and hashes equal to reading the file here, errors carried with their
 * code, big and empty files handed back with their size, and nothing owed after it is closed.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FetchThread } from '../stages/read/fetch-thread.js';

const SEEDS = join(__dirname, '..', '..', 'shared', 'data', 'seeds');
const dirs: string[] = [];
afterAll(async () => { for (const d of dirs) await rm(d, { recursive: true, force: true }); });

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('FetchThread', () => {
  it('answers every seed with the bytes and sha256 of reading it here, and its size and mtime when the walk did not stat it', async () => {
    const names = (await readdir(SEEDS)).filter((n) => n.endsWith('.txt')).sort();
    const thread = new FetchThread();
    try {
      const asked = names.map((n, i) => ({ path: join(SEEDS, n), ...thread.fetch(join(SEEDS, n), i % 2 === 0) }));
      thread.flush();
      for (const [i, a] of asked.entries()) {
        const got = await a.fetched;
        const here = await readFile(a.path);
        expect(got.kind).toBe('bytes');
        if (got.kind !== 'bytes') continue;
        expect(Buffer.compare(got.bytes, here)).toBe(0);
        expect(got.sha256).toBe(sha(here));
        if (i % 2 === 0) expect(got.stat).toBeUndefined();
        else expect(got.stat).toEqual({ size: here.length, mtimeMs: statSync(a.path).mtimeMs });
      }
    } finally {
      await thread.close();
    }
  });

  it('carries a missing file\'s error code, and hands back an empty file and one over its size limit with their sizes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'news-etl-fetch-'));
    dirs.push(dir);
    await writeFile(join(dir, 'empty.txt'), '');
    await writeFile(join(dir, 'big.txt'), '');
    await truncate(join(dir, 'big.txt'), 3 << 20);
    // a name that is not UTF-8 goes to the thread as bytes
    const latin1Name = Buffer.concat([Buffer.from(dir + '/caf'), Buffer.from([0xe9]), Buffer.from('.txt')]);
    await writeFile(latin1Name, 'un caf\u00e9');
    const thread = new FetchThread();
    try {
      const missing = thread.fetch(join(dir, 'gone.txt'), false);
      const empty = thread.fetch(join(dir, 'empty.txt'), false);
      const big = thread.fetch(join(dir, 'big.txt'), false);
      const odd = thread.fetch(latin1Name, true);
      thread.flush();
      const m = await missing.fetched;
      expect(m.kind === 'error' && m.error.code).toBe('ENOENT');
      expect(await empty.fetched).toMatchObject({ kind: 'handed_back', stat: { size: 0 } });
      expect(await big.fetched).toMatchObject({ kind: 'handed_back', stat: { size: 3 << 20 } });
      const o = await odd.fetched;
      expect(o.kind === 'bytes' && o.bytes.toString()).toBe('un caf\u00e9');
    } finally {
      await thread.close();
    }
  });

  it('hands back what it still owes when closed, and every file asked after', async () => {
    const thread = new FetchThread();
    const queued = thread.fetch(join(SEEDS, '000.txt'), true);
    expect(thread.isQueued(queued.id)).toBe(true);
    await thread.close();
    expect(await queued.fetched).toEqual({ kind: 'handed_back' });
    expect(await thread.fetch(join(SEEDS, '001.txt'), true).fetched).toEqual({ kind: 'handed_back' });
  });
});
