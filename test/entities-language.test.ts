/**
 * The English model tags only English documents: German, French and Spanish pages of
 * ../shared/data/pages get no mentions, with the `language` stage's verdict (doc.language) and
 * without it (the stage's own check), and the stage says why in doc.notes.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DATA } from '../bench/paths.js';
import { decodeHtml } from '../stages/html/charset.js';
import { boilerplate } from '../stages/boilerplate.js';
import { process as entities } from '../stages/entities.js';
import { guessLanguage } from '../stages/entities/language.js';
import type { Doc } from '../pipeline/doc.js';

const PAGES = join(SHARED_DATA, 'pages');
const ctx = { runId: 'test', runStartedAt: new Date('2025-01-01T00:00:00Z') };

/**
 * The commonest words of each language (an independent yardstick, not the stage's lists): a page
 * "is in" its declared language when its text has more of these than of the English ones. A few
 * pages declare German but carry an English article.
 */
const COMMONEST: Record<string, string[]> = {
  en: ['the', 'of', 'and', 'to', 'a', 'in', 'is', 'that', 'for', 'it', 'was', 'on'],
  de: ['der', 'die', 'und', 'in', 'den', 'von', 'zu', 'das', 'mit', 'sich', 'des', 'auf'],
  fr: ['de', 'la', 'le', 'et', 'les', 'des', 'en', 'un', 'du', 'une', 'que', 'est'],
  es: ['de', 'la', 'que', 'el', 'en', 'y', 'a', 'los', 'del', 'se', 'las', 'por'],
};
const count = (text: string, words: string[]): number => {
  const set = new Set(words);
  return (text.toLowerCase().match(/\p{L}+/gu) ?? []).filter((w) => set.has(w)).length;
};

interface Page {
  id: string;
  declared: string;
  doc: Doc;
}

/** Pages whose <html lang> is de, fr or es, through the boilerplate stage as the pipeline runs it. */
function declaredPages(): Page[] {
  const out: Page[] = [];
  for (const set of ['readability', 'trafilatura', 'htmldate-mediacloud']) {
    for (const f of readdirSync(join(PAGES, set)).filter((x) => x.endsWith('.html')).sort()) {
      const html = decodeHtml(readFileSync(join(PAGES, set, f)));
      if (!html.ok) continue;
      const lang = /<html[^>]*\slang=["']?([a-zA-Z]{2})/i.exec(html.text.slice(0, 5000))?.[1].toLowerCase();
      if (lang !== 'de' && lang !== 'fr' && lang !== 'es') continue;
      const raw = html.text;
      const doc = boilerplate.process({ id: f, source: { path: f, kind: 'html', bytes: raw.length, sha256: '' }, raw, text: raw, meta: {}, removed: [], dates: [], mentions: [] }, ctx);
      if (!doc.reject && doc.text.trim()) out.push({ id: `${set}/${f}`, declared: lang, doc });
    }
  }
  return out;
}

let pages: Page[] = [];
beforeAll(() => {
  pages = declaredPages();
}, 300_000);

describe('entities on German, French and Spanish pages', () => {
  it('has the pages to test (all three languages)', () => {
    for (const lang of ['de', 'fr', 'es']) expect(pages.filter((p) => p.declared === lang).length, lang).toBeGreaterThanOrEqual(10);
  });

  it('tags nothing when the language stage says the language, and notes why', () => {
    for (const p of pages) {
      const out = entities({ ...p.doc, language: { code: p.declared, confidence: 0.99 } }, ctx);
      expect(out.mentions, p.id).toEqual([]);
      expect(out.notes, p.id).toContainEqual({ stage: 'entities', code: 'unsupported_language', detail: p.declared });
    }
  });

  it('tags nothing on the pages written in that language when no language is set (its own check)', () => {
    // Written in it: its commonest words outnumber English ones, and there are a few (one "Le" in a scoreboard tells nothing).
    const inLanguage = pages.filter((p) => count(p.doc.text, COMMONEST[p.declared]) > Math.max(2, count(p.doc.text, COMMONEST.en)));
    expect(inLanguage.length).toBeGreaterThanOrEqual(250);
    for (const p of inLanguage) {
      const out = entities(p.doc, ctx);
      expect(out.mentions.map((m) => m.surface), p.id).toEqual([]);
      expect(out.notes?.[0]?.code, p.id).toBe('unsupported_language');
    }
  });

  it('still tags a German page that the language stage calls English (the gate, not the text, decides)', () => {
    const german = pages.find((p) => p.declared === 'de' && /\b[A-ZÄÖÜ][a-zäöüß]+\b/.test(p.doc.text))!;
    const out = entities({ ...german.doc, language: { code: 'en', confidence: 0.5 } }, ctx);
    expect(out.notes ?? []).toEqual([]);
  });
});

describe('the fallback language check', () => {
  it('reads CoNLL-style English tables and short English news as English', () => {
    expect(guessLanguage('SOCCER - ENGLISH LEAGUE RESULTS .\nLONDON 1996-08-24\nArsenal 2 Liverpool 0\nChelsea 1 Everton 1')).toBe('en');
    expect(guessLanguage('Russian Prime Minister Mikhail Mishustin met Chinese President Xi Jinping. Mishustin said so.')).toBe('en');
    expect(guessLanguage('Turkish President Erdoğan met officials in São Paulo and Zürich.')).toBe('en');
  });

  it('reads text in other scripts as not English', () => {
    expect(guessLanguage('Проектното предложение на местната администрация за изграждане на допълнителен корпус')).toBe('unknown');
  });
});
