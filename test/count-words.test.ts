import { describe, it, expect } from 'vitest';
import { countWords } from '../pipeline/tables.js';

const splitCount = (text: string): number => {
  const trimmed = text.trim();
  return trimmed === '' ? 0 : trimmed.split(/\s+/).length;
};

describe('countWords', () => {
  it('counts as trim().split(/\\s+/) does, for every UTF-16 unit between two words', () => {
    for (let code = 0; code < 0x10000; code++) {
      const text = `a${String.fromCharCode(code)}b`;
      if (countWords(text) !== splitCount(text)) expect(countWords(text), `U+${code.toString(16)}`).toBe(splitCount(text));
    }
  });

  it('counts texts with leading, trailing and repeated whitespace', () => {
    for (const text of ['', ' ', '\n\t ', 'one', ' one ', 'one  two\r\nthree', '\u00a0x\u3000y\ufeff', 'é ü 北京 🗞️']) {
      expect(countWords(text), JSON.stringify(text)).toBe(splitCount(text));
    }
  });
});
