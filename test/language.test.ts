/**
 * The language stage on real pages and news: the language of the kept article text, not the one the
 * page declares; null for text too short to tell.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { newDoc, type Doc } from '../pipeline/doc.js';
import { decodeHtml } from '../stages/html/charset.js';
import { process as boilerplate } from '../stages/boilerplate.js';
import { detectLanguage, language, loadModel, process as detect } from '../stages/language.js';
import { ROOT, SHARED } from './helpers.js';

const MEDIACLOUD = join(SHARED, 'pages/htmldate-mediacloud');
const gold = new Map<string, string | null>(readFileSync(join(ROOT, 'bench/gold/language.jsonl'), 'utf8').trim().split('\n')
  .map((l) => JSON.parse(l) as { set: string; id: string; language: string | null })
  .filter((g) => g.set === 'htmldate-mediacloud').map((g) => [g.id, g.language]));

function pageText(id: string): string {
  const decoded = decodeHtml(readFileSync(join(MEDIACLOUD, `${id}.html`)));
  if (!decoded.ok) return '';
  return boilerplate(newDoc(id, { path: `${id}.html`, kind: 'html', bytes: 0, sha256: '' }, decoded.text)).text;
}

beforeAll(async () => { await language.load!(); });

describe('language stage', () => {
  it('tells the language of the article text of multilingual news pages', () => {
    let right = 0;
    let answered = 0;
    let n = 0;
    for (const [id, lang] of gold) {
      if (lang === null) continue;
      const g = detectLanguage(pageText(id));
      n++;
      if (g.code === null) continue;
      answered++;
      if (g.code === lang || (['hr', 'bs', 'sr', 'sh'].includes(g.code) && ['hr', 'bs', 'sr', 'sh'].includes(lang))) right++;
    }
    expect(n).toBeGreaterThan(190);
    expect(answered / n).toBeGreaterThan(0.9);
    expect(right / answered).toBeGreaterThan(0.97);
  });

  it('trusts the text over the page\'s declaration (a theme\'s default lang="en" on a Spanish page)', () => {
    const html = readFileSync(join(MEDIACLOUD, '1506220874.html'), 'utf8');
    expect(html).toMatch(/<html[^>]*lang="en/i);
    expect(detectLanguage(pageText('1506220874')).code).toBe('es');
  });

  it('gives every English news story en, with a confidence, and sets doc.language', async () => {
    const dir = join(SHARED, 'news/bbc');
    const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().slice(0, 200);
    for (const f of files) {
      const doc: Doc = newDoc(f, { path: f, kind: 'txt', bytes: 0, sha256: '' }, readFileSync(join(dir, f), 'utf8'));
      const out = detect(doc);
      expect(out.language?.code, f).toBe('en');
      expect(out.language!.confidence).toBeGreaterThan(0.5);
    }
  });

  it('answers null for text too short or without letters, and leaves rejected documents alone', async () => {
    await loadModel();
    expect(detectLanguage('Share')).toEqual({ code: null, confidence: 0 });
    expect(detectLanguage('12 34 56 78 90 — 2024-03-18 09:34')).toEqual({ code: null, confidence: 0 });
    const rejected = { ...newDoc('r', { path: 'r.txt', kind: 'txt', bytes: 0, sha256: '' }, ''), reject: { stage: 'read', reason: 'empty_file', detail: '' } };
    expect(detect(rejected)).toBe(rejected);
  });
});
