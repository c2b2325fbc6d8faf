/**
 * `npm run eval -- language`: the language stage against the language of each page of
 * ../shared/data/pages (bench/gold/language.jsonl: the page's declared language where the URL's
 * country and the text agree with it, else read by eye: docs/language.md says how it was built),
 * on the text the pipeline gives the stage (the boilerplate stage's output), and on English news
 * (news/bbc and the first 1,000 news/reuters stories: every answer but `en` is wrong). Nothing was
 * tuned on these figures but the 0.5 probability threshold (read off all three page sets at once).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { newDoc, type Doc } from '../pipeline/doc.js';
import { decodeText } from '../stages/read.js';
import { decodeHtml } from '../stages/html/charset.js';
import { process as boilerplate } from '../stages/boilerplate.js';
import { detectLanguage, loadModel } from '../stages/language.js';
import { REPO_ROOT, SHARED_DATA } from './paths.js';

const PAGE_SETS = ['htmldate-mediacloud', 'trafilatura', 'readability'];
/** The model does not tell these apart: one language each for scoring. */
const GROUP: Record<string, string> = { hr: 'hbs', bs: 'hbs', sr: 'hbs', sh: 'hbs', nb: 'no', nn: 'no' };
const same = (a: string, b: string): boolean => (GROUP[a] ?? a) === (GROUP[b] ?? b);
const pct = (n: number, d: number): string => (d === 0 ? '-' : ((100 * n) / d).toFixed(1));

interface Case { set: string; id: string; gold: string | null; text: string }

function gold(): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const line of readFileSync(join(REPO_ROOT, 'bench/gold/language.jsonl'), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const g = JSON.parse(line) as { set: string; id: string; language: string | null };
    out.set(`${g.set}/${g.id}`, g.language);
  }
  return out;
}

function pageCases(labels: Map<string, string | null>): Case[] {
  const cases: Case[] = [];
  for (const set of PAGE_SETS) {
    const dir = join(SHARED_DATA, 'pages', set);
    const urls = new Map<string, string | undefined>();
    for (const line of readFileSync(join(dir, 'gold.jsonl'), 'utf8').split('\n')) {
      if (line.trim()) { const r = JSON.parse(line) as { id: string; url?: string }; urls.set(r.id, r.url); }
    }
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.html')).sort()) {
      const id = f.slice(0, -5);
      const decoded = decodeHtml(readFileSync(join(dir, f)));
      if (!decoded.ok) continue;
      const url = urls.get(id);
      const doc: Doc = newDoc(id, { path: f, kind: 'html', bytes: 0, sha256: '' }, decoded.text, url ? { url } : {});
      cases.push({ set, id, gold: labels.get(`${set}/${id}`) ?? null, text: boilerplate(doc).text });
    }
  }
  return cases;
}

function newsCases(): Case[] {
  const bbc = join(SHARED_DATA, 'news/bbc');
  const reuters = join(SHARED_DATA, 'news/reuters/txt');
  const read = (dir: string, f: string): string => { const d = decodeText(readFileSync(join(dir, f))); return d.ok ? d.text : ''; };
  return [
    ...readdirSync(bbc).filter((f) => f.endsWith('.txt')).sort().map((f) => ({ set: 'news/bbc', id: f, gold: 'en', text: read(bbc, f) })),
    ...readdirSync(reuters).filter((f) => /^\d+\.txt$/.test(f)).sort((a, b) => parseInt(a, 10) - parseInt(b, 10)).slice(0, 1000)
      .map((f) => ({ set: 'news/reuters', id: f, gold: 'en', text: read(reuters, f) })),
  ];
}

function score(set: string, cases: Case[]): string {
  let n = 0; let ok = 0; let nulls = 0; let noLang = 0; let noLangAnswered = 0; let chars = 0;
  const t0 = performance.now();
  for (const c of cases) {
    const g = detectLanguage(c.text);
    chars += Math.min(c.text.length, 2000);
    if (c.gold === null) { noLang++; if (g.code !== null) noLangAnswered++; continue; }
    n++;
    if (g.code === null) nulls++;
    else if (same(g.code, c.gold)) ok++;
  }
  const ms = performance.now() - t0;
  return `| ${set} | ${n} | ${pct(ok, n)} | ${pct(nulls, n)} | ${pct(ok, n - nulls)} | ${noLang ? `${noLangAnswered}/${noLang}` : ''} | ${Math.round(cases.length / (ms / 1000))} |`;
}

export async function evaluate(): Promise<void> {
  await loadModel();
  const pages = pageCases(gold());
  const news = newsCases();
  process.stdout.write('language of the text the boilerplate stage keeps (pages) or of the whole story (news)\n\n');
  process.stdout.write('| set | n with a language | accuracy % | null % | accuracy of answered % | no-language pages answered | docs/s |\n|---|---:|---:|---:|---:|---:|---:|\n');
  for (const set of PAGE_SETS) process.stdout.write(`${score(set, pages.filter((c) => c.set === set))}\n`);
  process.stdout.write(`${score('pages, all three', pages)}\n`);
  for (const set of ['news/bbc', 'news/reuters']) process.stdout.write(`${score(set, news.filter((c) => c.set === set))}\n`);
}
