import { createHash } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { FileTable, type FileRecord } from '../pipeline/file-table.js';
import { docIdFor } from '../stages/read.js';

const SHA = 'ab'.repeat(32);
const rec = (over: Partial<FileRecord> = {}): FileRecord => ({ size: 10, mtimeMs: 1_700_000_000_123.5, sha256: SHA, docIds: [docIdFor('a.txt')], runId: 'run-1', ...over });

describe('FileTable', () => {
  it('gives back exactly what was stored: packed hex ids, other ids, many ids, unknown sha', () => {
    const t = new FileTable();
    const records: Record<string, FileRecord> = {
      'a.txt': rec(),
      'b.jsonl': rec({ docIds: [docIdFor('b.jsonl', 1), docIdFor('b.jsonl', 2), docIdFor('b.jsonl', 3)], sha256: '' }),
      'c.txt': rec({ docIds: ['short-id'], runId: 'run-2' }),
      'd.txt': rec({ docIds: [] }),
      'e.txt': rec({ docIds: ['00000000000000ff'] }),
    };
    for (const [p, r] of Object.entries(records)) t.set(p, r);
    expect(Object.fromEntries(t.entries())).toEqual(records);
    expect(t.size).toBe(5);
  });

  it('answers the runner\'s questions: same stat, same sha, ids added one by one', () => {
    const t = FileTable.fromRecords({ 'a.txt': rec({ docIds: [] }) });
    expect(t.sameStat('a.txt', 10, 1_700_000_000_123.5)).toBe(true);
    expect(t.sameStat('a.txt', 10, 1_700_000_000_124)).toBe(false);
    expect(t.sameSha('a.txt', SHA)).toBe(true);
    expect(t.sameSha('a.txt', 'cd'.repeat(32))).toBe(false);
    expect(t.sameSha('zzz.txt', SHA)).toBe(false);
    t.setSha('a.txt', '');
    expect(t.sameSha('a.txt', '')).toBe(false);
    const ids = [docIdFor('a.txt', 1), docIdFor('a.txt', 2)];
    for (const id of ids) t.addDocId('a.txt', id);
    expect(t.get('a.txt')!.docIds).toEqual(ids);
    t.setStat('a.txt', 99, 5);
    expect(t.get('a.txt')).toMatchObject({ size: 99, mtimeMs: 5, sha256: '', docIds: ids });
  });

  it('finds the paths a run did not see, and reuses deleted slots without leaking old values', () => {
    const t = FileTable.fromRecords({ 'a.txt': rec(), 'b.txt': rec({ docIds: ['x', 'y'] }), 'c.txt': rec() });
    t.markSeen('a.txt');
    t.markSeen('c.txt');
    expect(t.unseen()).toEqual(['b.txt']);
    t.delete('b.txt');
    t.set('n.txt', rec({ docIds: [docIdFor('n.txt')], sha256: '' }));
    expect(t.get('n.txt')).toEqual(rec({ docIds: [docIdFor('n.txt')], sha256: '' }));
    expect(t.unseen()).toEqual(['n.txt']);
    expect(t.has('b.txt')).toBe(false);
  });

  it('holds 100,000 files in under 135 bytes of typed arrays each, their paths included', () => {
    const t = new FileTable();
    for (let i = 0; i < 100_000; i++) t.set(`reuters/txt/${i}.txt`, rec({ docIds: [docIdFor(`reuters/txt/${i}.txt`)] }));
    // measured: 126 B a file, a third of the slots spare at this size (84 B before the paths moved
    // out of a Map and its strings into the arrays)
    expect(t.memoryBytes / t.size).toBeLessThan(135);
    expect(t.get('reuters/txt/77777.txt')!.docIds).toEqual([docIdFor('reuters/txt/77777.txt')]);
  });

  it('keeps 182,200 corpus-shaped files in under 125 bytes each of heap and array buffers after a full GC', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const held = (): number => {
      gc();
      gc();
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    const before = held();
    const t = new FileTable();
    const bbc = ['business', 'entertainment', 'politics', 'sport', 'tech'];
    for (let i = 0; i < 182_200; i++) {
      const copy = `c${Math.floor(i / 18_220)}`;
      const k = i % 18_220;
      // fresh flat strings, as the walk makes them
      const path = (k < 15_997 ? ['reuters', copy, `${k + 1}.txt`] : ['bbc', copy, `${bbc[k % 5]}-${String(k).padStart(3, '0')}.txt`]).join('/');
      t.set(path, rec({ size: i, sha256: createHash('sha256').update(path).digest('hex'), docIds: [docIdFor(path)] }));
    }
    const perFile = (held() - before) / t.size;
    // measured: ~106 B a file (~149 B with the paths as Map keys); memoryBytes is nearly all of it
    expect(perFile).toBeLessThan(125);
    expect(t.memoryBytes / t.size).toBeLessThan(115);
    expect(t.get('reuters/c9/15997.txt')).toMatchObject({ size: 182_199 - 2223 });
  });

  it('finds every path after many inserts, deleting every other one and adding them back', () => {
    const t = new FileTable();
    const path = (i: number): string => `src/${i % 97}/doc-${i}.html`;
    const n = 20_000;
    for (let i = 0; i < n; i++) t.set(path(i), rec({ size: i }));
    for (let i = 0; i < n; i += 2) expect(t.delete(path(i))).toBe(true);
    expect(t.size).toBe(n / 2);
    for (let i = 0; i < n; i++) expect(t.has(path(i))).toBe(i % 2 === 1);
    for (let i = 0; i < n; i += 2) t.set(path(i), rec({ size: -i }));
    expect(t.size).toBe(n);
    for (let i = 0; i < n; i++) expect(t.get(path(i))!.size).toBe(i % 2 === 1 ? i : -i);
    expect(t.has('src/1/doc-20001.html')).toBe(false);
    // insertion order, as a Map's: the re-added paths come after the ones never deleted
    const order = [...t.paths()];
    expect(order.slice(0, n / 2)).toEqual(Array.from({ length: n / 2 }, (_, k) => path(2 * k + 1)));
    expect(order.slice(n / 2)).toEqual(Array.from({ length: n / 2 }, (_, k) => path(2 * k)));
  });

  it('behaves as a Map under random sets, deletes and lookups, non-ASCII and odd paths included', () => {
    let seed = 12345;
    const rnd = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const names = ['', 'a', 'é', 'e\u0301', 'news/日本/記事.txt', 'emoji/😀.txt', 'lone/\ud800.txt', 'lone/\udfff\ud800.txt', '\ufffd', 'x'.repeat(5000)];
    for (let i = 0; i < 300; i++) names.push(`p/${i}/${i % 3 === 0 ? 'ü' : 'u'}.txt`);
    const t = new FileTable();
    const model = new Map<string, FileRecord>();
    for (let step = 0; step < 30_000; step++) {
      const p = names[rnd(names.length)];
      const op = rnd(10);
      if (op < 4) {
        const r = rec({ size: step, docIds: step % 3 === 0 ? [] : [docIdFor(p, step)] });
        t.set(p, r);
        model.set(p, r);
      } else if (op < 7) {
        expect(t.delete(p)).toBe(model.delete(p));
      } else {
        expect(t.get(p)).toEqual(model.get(p));
        expect(t.sameStat(p, model.get(p)?.size ?? -1, rec().mtimeMs)).toBe(model.has(p));
      }
      if (step % 1000 === 0) expect([...t.entries()]).toEqual([...model.entries()]);
    }
    expect(t.size).toBe(model.size);
    expect([...t.entries()]).toEqual([...model.entries()]);
  });

  it('does not grow without bound when the same path is deleted and set again and again', () => {
    const t = FileTable.fromRecords({ 'keep.txt': rec() });
    const p = 'some/rather/long/path/to/a/file/that/comes/and/goes.txt';
    t.set(p, rec());
    // The dead slots' bytes stay in the pool until the slot arrays fill up and compaction drops them.
    const bytes = t.memoryBytes;
    const most = [0, 0];
    for (let i = 0; i < 200_000; i++) {
      t.delete(p);
      t.set(p, rec({ size: i }));
      most[i < 100_000 ? 0 : 1] = Math.max(most[i < 100_000 ? 0 : 1], t.memoryBytes);
    }
    // measured: 76,864 B at first, at most 134,208 B (1024 slots' arrays and up to 1024 copies of p)
    expect(most[0]).toBeLessThan(bytes + 1024 * (p.length + 16));
    expect(most[1]).toBeLessThanOrEqual(most[0]);
    expect(t.get(p)!.size).toBe(199_999);
    expect([...t.paths()]).toEqual(['keep.txt', p]);
  });

  it('iterates like a Map while the table changes: deleted paths skipped, added ones reached', () => {
    const t = new FileTable();
    const model = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      t.set(`f${i}`, rec({ size: i }));
      model.set(`f${i}`, i);
    }
    for (let i = 0; i < 2000; i++) {
      t.delete(`f${i}`);
      model.delete(`f${i}`);
    }
    // on every path reached: delete the next one when even, add a new path (these outgrow the slot
    // arrays mid-iteration, with 2000 dead slots that compaction must not renumber meanwhile)
    const visit = (p: string, del: (q: string) => void, add: (q: string) => void): void => {
      if (!p.startsWith('f')) return;
      const i = Number(p.slice(1));
      if (i % 2 === 0) del(`f${i + 1}`);
      add(`g${i}`);
    };
    const seenT: string[] = [];
    for (const p of t.paths()) {
      seenT.push(p);
      visit(p, (q) => t.delete(q), (q) => t.set(q, rec()));
    }
    const seenM: string[] = [];
    for (const p of model.keys()) {
      seenM.push(p);
      visit(p, (q) => model.delete(q), (q) => model.set(q, 0));
    }
    expect(seenT.filter((p) => p.startsWith('g'))).toHaveLength(500);
    expect(seenT).toEqual(seenM);
    expect([...t.paths()]).toEqual([...model.keys()]);
  });
});
