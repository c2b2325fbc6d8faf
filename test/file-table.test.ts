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

  it('holds 100,000 files in under 100 bytes of typed arrays each', () => {
    const t = new FileTable();
    for (let i = 0; i < 100_000; i++) t.set(`reuters/txt/${i}.txt`, rec({ docIds: [docIdFor(`reuters/txt/${i}.txt`)] }));
    expect(t.memoryBytes / t.size).toBeLessThan(100);
    expect(t.get('reuters/txt/77777.txt')!.docIds).toEqual([docIdFor('reuters/txt/77777.txt')]);
  });
});
