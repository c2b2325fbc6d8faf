import { describe, expect, it } from 'vitest';
import { DocIdList } from '../pipeline/doc-id-list.js';
import { docIdFor } from '../stages/read.js';

describe('DocIdList', () => {
  it('gives back every id in order: packed hex ids and any other string, across chunks', () => {
    const odd = ['short-id', '', '0123456789ABCDEF', '0123456789abcdeg', '0123456789abcde', '0123456789abcdef0', 'é123456789abcdef', '0000000000000000', 'ffffffffffffffff'];
    const ids: string[] = [];
    for (let i = 0; i < 10_000; i++) ids.push(i % 997 < odd.length ? odd[i % 997] : docIdFor(`p/${i}.txt`));
    const list = new DocIdList();
    for (const id of ids) list.push(id);
    expect(list.length).toBe(ids.length);
    for (let i = 0; i < ids.length; i++) expect(list.at(i)).toBe(ids[i]);
    for (const [a, b] of [[0, 4096], [4096, 8192], [8192, 12_288], [4095, 4097], [9_999, 10_000], [10_000, 10_005]]) expect(list.slice(a, b)).toEqual(ids.slice(a, b));
    expect(new DocIdList().slice(0, 4096)).toEqual([]);
  });

  it('holds 100,000 pipeline ids in under 9 bytes each', () => {
    const list = new DocIdList();
    for (let i = 0; i < 100_000; i++) list.push(docIdFor(`reuters/c1/${i}.txt`));
    // measured: 8.2 B (a 32 KiB chunk per 4096 ids); a string[] of them holds ~43 B an id
    expect(list.memoryBytes / list.length).toBeLessThan(9);
    expect(list.at(77_777)).toBe(docIdFor('reuters/c1/77777.txt'));
  });
});
