/**
 * `npm run eval -- plaintext`: how much of a plain article (no page around it) the text path
 * keeps. Every file of news/reuters/txt (wire copy, hard-wrapped, tables of figures),
 * ner/gum-news (one paragraph per line) and news/bbc goes through boilerplate and dates as the
 * pipeline runs them; bench/kept-lines.ts decides which input lines were kept. Printed per
 * collection and per half (even / odd position in the sorted file list): the plain-article and
 * unwrapping thresholds were set looking at the even half of reuters, bbc and gum-news.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { newDoc } from '../pipeline/doc.js';
import type { StageContext } from '../pipeline/stage.js';
import { normalizeText } from '../stages/read.js';
import { process as boilerplate } from '../stages/boilerplate.js';
import { process as dates } from '../stages/dates.js';
import { addKept, keptLines, type KeptLines } from './kept-lines.js';
import { SHARED_DATA } from './paths.js';

const COLLECTIONS: Array<[string, string]> = [
  ['news/reuters/txt', 'wire copy, hard-wrapped'],
  ['ner/gum-news', 'one paragraph per line'],
  ['news/bbc', 'one paragraph per line'],
];

const ctx: StageContext = { runId: 'eval', runStartedAt: new Date('2026-01-01T00:00:00Z') };
const EMPTY: KeptLines = { lines: 0, inText: 0, kept: 0 };

function keptOf(path: string): KeptLines {
  const raw = normalizeText(readFileSync(path, 'utf8'));
  const doc = dates(boilerplate(newDoc(path, { path, kind: 'txt', bytes: raw.length, sha256: '' }, raw), ctx), ctx);
  return keptLines(raw, {
    text: doc.text, title: doc.meta.title ?? null, dateline: doc.meta.dateline ?? null, agency: doc.meta.agency ?? null,
    publishedDate: doc.published?.date ?? null,
  });
}

const share = (k: KeptLines, n: number): string => (n / Math.max(1, k.lines)).toFixed(4);

export async function evaluate(): Promise<void> {
  const out: string[] = ['Lines of plain articles kept (in text, title, dateline/agency or publication date; "in text" alone beside it):'];
  for (const [dir, kind] of COLLECTIONS) {
    const abs = join(SHARED_DATA, dir);
    const files = readdirSync(abs).filter((f) => f.endsWith('.txt')).sort();
    const halves = [EMPTY, EMPTY];
    files.forEach((f, i) => { halves[i % 2] = addKept(halves[i % 2], keptOf(join(abs, f))); });
    const all = addKept(halves[0], halves[1]);
    out.push(`  ${dir} (${files.length} files, ${kind}): kept ${share(all, all.kept)} (${all.kept}/${all.lines}), in text ${share(all, all.inText)}`);
    halves.forEach((h, i) => out.push(`    ${i === 0 ? 'even (looked at)' : 'odd  (held out) '} kept ${share(h, h.kept)} (${h.kept}/${h.lines}), in text ${share(h, h.inText)}`));
  }
  process.stdout.write(out.join('\n') + '\n');
}
