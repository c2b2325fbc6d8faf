/** The run-time tagger's word cache (model/word-table.ts): a Map of word text to WordInfo. */
import { describe, it, expect } from 'vitest';
import { WordTable } from '../stages/entities/model/word-table.js';
import type { WordInfo } from '../stages/entities/model/features.js';

const infoOf = (id: number): WordInfo => ({ lowerId: id } as WordInfo);

describe('WordTable', () => {
  it('finds what was added, by content, through growth and after clearing', () => {
    const table = new WordTable();
    const words = Array.from({ length: 20_000 }, (_, k) => `w${k.toString(36)}`);
    words.forEach((w, k) => table.add(w, infoOf(k)));
    expect(table.size).toBe(words.length);
    // fresh strings with the same units, as sliced from a document
    const text = words.join(' ');
    let at = 0;
    words.forEach((w, k) => {
      expect(table.get(text.slice(at, at + w.length))?.lowerId).toBe(k);
      at += w.length + 1;
    });
    expect(table.get('absent')).toBeUndefined();
    expect(table.get('')).toBeUndefined();
    table.clear();
    expect(table.size).toBe(0);
    expect(table.get(words[0])).toBeUndefined();
    table.add('Putin', infoOf(7));
    table.add('putin', infoOf(8));
    expect(table.get('Putin')?.lowerId).toBe(7);
    expect(table.get('putin')?.lowerId).toBe(8);
  });
});
