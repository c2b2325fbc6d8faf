/**
 * `npm run eval -- dates [--limit N] [--verbose] [--no-boilerplate]`: scores the dates stage.
 *
 * Publication date (exact calendar day, YYYY-MM-DD, against the gold of each set's README):
 * - pages/htmldate-mediacloud: HTML path (195 dated pages; on the 5 undated ones any date
 *   returned is a false positive). Also shown without the 3 content-free stub pages.
 * - pages/trafilatura, pages whose gold has a `date`: HTML path, and the text path on the
 *   `.txt` renderings of the same pages.
 * - pages/readability (`publishedTime`, HTML path), ner/gum-news (`dateCreated`, text),
 *   dates/tempeval3 (`dct`, text, no field given). news/reuters is left out: its datelines
 *   ("SALVADOR, Feb 26 -") carry no year and the stories are from 1987, before the 1990 floor.
 * Each pages/ figure is also given for the two halves of the split by site that the boilerplate
 * evaluation uses (eval-pages.ts halfOf: half A is the one looked at while tuning, B held out);
 * `--verbose` names each failure's site and half.
 * HTML documents are built the way the HTML reader will build them: bytes decoded with
 * stages/html/charset.ts, kind 'html', `meta.url` from the gold, then the boilerplate stage
 * (unless --no-boilerplate: then text = raw), then the dates stage.
 *
 * In-text dates on dates/tempeval3, against the gold TIMEX3s of type DATE, with the document
 * creation time given as the publication date (a JSONL-style field): span recall strict (same
 * offsets) and lenient (overlap), value accuracy on the leniently recalled ones, and precision
 * (share of emitted mentions that overlap a gold TIMEX3 of any type).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { newDoc, type Doc, type SourceKind } from '../pipeline/doc.js';
import type { StageContext } from '../pipeline/stage.js';
import { normalizeText } from '../stages/read.js';
import { process as boilerplateProcess } from '../stages/boilerplate.js';
import { pageFactsOf } from '../stages/boilerplate/page-facts.js';
import { process as datesProcess } from '../stages/dates.js';
import { findPublished } from '../stages/dates/published.js';
import { decodeHtml } from '../stages/html/charset.js';
import { SHARED_DATA } from './paths.js';
import { halfOf, siteOf, type Half } from './eval-pages.js';

const ctx: StageContext = { runId: 'eval', runStartedAt: new Date() };

function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as T);
}

function makeDoc(id: string, kind: SourceKind, raw: string, bytes: number, url?: string): Doc {
  const meta = url && /^https?:\/\//.test(url) ? { url } : {};
  return newDoc(id, { path: `${id}.${kind}`, kind, bytes, sha256: '' }, raw, meta);
}

export interface RunOptions {
  boilerplate?: boolean;
  /** Only the publication date (no in-text mentions): the fast path for CI subsets. */
  publishedOnly?: boolean;
}

function dates(doc: Doc, opts: RunOptions): Doc {
  if (!opts.publishedOnly) return datesProcess(doc, ctx);
  return doc.reject ? doc : { ...doc, published: findPublished(doc, ctx.runStartedAt) };
}

/** The pipeline on one HTML page: decode, (boilerplate), dates. */
export function runHtml(id: string, bytes: Uint8Array, url: string | undefined, opts: RunOptions = {}): Doc {
  const decoded = decodeHtml(bytes);
  const raw = decoded.ok ? normalizeText(decoded.text) : '';
  let doc = makeDoc(id, 'html', raw, bytes.length, url);
  if (!decoded.ok) return { ...doc, reject: { stage: 'read', reason: decoded.reason, detail: decoded.detail } };
  doc = opts.boilerplate !== false ? safeBoilerplate(doc) : withPageFacts(doc);
  return dates(doc, opts);
}

/** The pipeline on one text document: (boilerplate), dates. */
export function runText(id: string, text: string, opts: RunOptions & { publishedField?: string } = {}): Doc {
  let doc = makeDoc(id, 'txt', normalizeText(text), text.length);
  if (opts.publishedField) doc = { ...doc, meta: { ...doc.meta, publishedField: opts.publishedField } };
  doc = opts.boilerplate !== false ? safeBoilerplate(doc) : withPageFacts(doc);
  return dates(doc, opts);
}

function safeBoilerplate(doc: Doc): Doc {
  try {
    return boilerplateProcess(doc, ctx);
  } catch {
    return withPageFacts(doc); // a colleague's stage mid-edit must not stop the date evaluation
  }
}

/** Without the boilerplate stage, the page facts it would write, read from the document unchanged. */
function withPageFacts(doc: Doc): Doc {
  return { ...doc, page: pageFactsOf(doc) };
}

// ---------------------------------------------------------------------------------------------
// Publication dates

export interface PubCounts {
  /** Documents with a gold date. */
  dated: number;
  correct: number;
  /** Dated documents that got any date. */
  covered: number;
  /** Undated documents (gold null) that got a date anyway. */
  undated: number;
  falsePositives: number;
}

export interface PubScore extends PubCounts {
  /** Emitted dates without a source, or after the run start (must stay 0). */
  violations: number;
  failures: Array<{ id: string; site?: string; gold: string | null; found: string | undefined; source?: string; evidence?: string }>;
  /** The same counts for the pages of each half of the site split (eval-pages.ts: A looked at, B held out). */
  halves: Record<Half, PubCounts>;
}

const emptyCounts = (): PubCounts => ({ dated: 0, correct: 0, covered: 0, undated: 0, falsePositives: 0 });

function emptyScore(): PubScore {
  return { ...emptyCounts(), violations: 0, failures: [], halves: { A: emptyCounts(), B: emptyCounts() } };
}

/** "2022-11-1" -> "2022-11-01"; an ISO instant -> its date part; "2022-29-11" (two trafilatura gold values are Y-D-M) -> "2022-11-29". */
export function goldDay(v: string | null | undefined): string | null {
  if (!v) return null;
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(v.trim());
  if (!m) return null;
  const [mo, d] = +m[2] > 12 && +m[3] <= 12 ? [m[3], m[2]] : [m[2], m[3]];
  return `${m[1]}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/** Counts one document into the totals and, for a page of a known site, into its half's. */
function record(s: PubScore, id: string, gold: string | null, doc: Doc, site?: string): void {
  const p = doc.published;
  if (p && (!p.source || p.source === 'none' || (p.at && Date.parse(p.at) > ctx.runStartedAt.getTime()))) s.violations++;
  const into = site === undefined ? [s] : [s, s.halves[halfOf(site)]];
  const failure = { id, site, gold, found: p?.date, source: p?.source, evidence: p?.evidence?.slice(0, 80) };
  if (gold === null) {
    for (const c of into) c.undated++;
    if (p) {
      for (const c of into) c.falsePositives++;
      s.failures.push(failure);
    }
    return;
  }
  for (const c of into) {
    c.dated++;
    if (p) c.covered++;
    if (p?.date === gold) c.correct++;
  }
  if (p?.date !== gold) s.failures.push(failure);
}

/** The site a page of a pages/ set counts under in the split by site. */
function pageSite(id: string, url: string | null | undefined, bytes: Uint8Array): string {
  const decoded = decodeHtml(bytes);
  return siteOf(id, url ?? undefined, decoded.ok ? decoded.text : '');
}

interface PageGold {
  id: string;
  url?: string | null;
  date?: string | null;
  publishedTime?: string | null;
}

/** Pages of one pages/ set; `dir` relative to SHARED_DATA. */
export function loadPages(dir: string, filter: (g: PageGold) => boolean = () => true, limit = Infinity): PageGold[] {
  return readJsonl<PageGold>(join(SHARED_DATA, dir, 'gold.jsonl')).filter(filter).slice(0, limit);
}

export function scorePagesHtml(dir: string, pages: PageGold[], goldOf: (g: PageGold) => string | null, opts: RunOptions = {}): PubScore {
  const s = emptyScore();
  for (const g of pages) {
    const bytes = readFileSync(join(SHARED_DATA, dir, `${g.id}.html`));
    record(s, g.id, goldOf(g), runHtml(g.id, bytes, g.url ?? undefined, opts), pageSite(g.id, g.url, bytes));
  }
  return s;
}

export function scorePagesText(dir: string, pages: PageGold[], goldOf: (g: PageGold) => string | null, opts: RunOptions = {}): PubScore {
  const s = emptyScore();
  for (const g of pages) {
    const text = readFileSync(join(SHARED_DATA, dir, `${g.id}.txt`), 'utf8');
    const site = pageSite(g.id, g.url, readFileSync(join(SHARED_DATA, dir, `${g.id}.html`)));
    record(s, g.id, goldOf(g), runText(g.id, text, opts), site);
  }
  return s;
}

export const accuracy = (s: PubCounts): number => s.correct / Math.max(1, s.dated);

// ---------------------------------------------------------------------------------------------
// TempEval-3 in-text dates

interface Timex {
  start: number;
  end: number;
  text: string;
  type: string;
  value: string;
}

interface TempevalGold {
  id: string;
  dct: string;
  timexes: Timex[];
}

export interface TimexScore {
  gold: number;
  strict: number;
  lenient: number;
  /** Leniently recalled gold DATEs whose value matches the overlapping mention's value. */
  valueRight: number;
  emitted: number;
  /** Emitted mentions overlapping a gold TIMEX3 of any type. */
  emittedOverlapping: number;
  misses: Array<{ id: string; text: string; value: string; found?: string; foundValue?: string }>;
}

export function loadTempeval(limit = Infinity): TempevalGold[] {
  return readJsonl<TempevalGold>(join(SHARED_DATA, 'dates/tempeval3/gold.jsonl')).slice(0, limit);
}

export function scoreTempeval(docs: TempevalGold[]): TimexScore {
  const s: TimexScore = { gold: 0, strict: 0, lenient: 0, valueRight: 0, emitted: 0, emittedOverlapping: 0, misses: [] };
  for (const g of docs) {
    const text = readFileSync(join(SHARED_DATA, 'dates/tempeval3', `${g.id}.txt`), 'utf8');
    const doc = runText(g.id, text, { boilerplate: false, publishedField: g.dct });
    const found = doc.dates;
    const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
    s.emitted += found.length;
    s.emittedOverlapping += found.filter((m) => g.timexes.some((t) => overlaps(m, t))).length;
    for (const t of g.timexes) {
      if (t.type !== 'DATE') continue;
      s.gold++;
      const exact = found.find((m) => m.start === t.start && m.end === t.end);
      const over = exact ?? found.find((m) => overlaps(m, t));
      if (exact) s.strict++;
      if (over) {
        s.lenient++;
        if (over.value === t.value) s.valueRight++;
        else s.misses.push({ id: g.id, text: t.text, value: t.value, found: over.surface, foundValue: over.value });
      } else {
        s.misses.push({ id: g.id, text: t.text, value: t.value });
      }
    }
  }
  return s;
}

export function scoreTempevalDct(docs: TempevalGold[]): PubScore {
  const s = emptyScore();
  for (const g of docs) {
    const text = readFileSync(join(SHARED_DATA, 'dates/tempeval3', `${g.id}.txt`), 'utf8');
    record(s, g.id, goldDay(g.dct), runText(g.id, text, { boilerplate: false }));
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// Report

const pct = (x: number): string => x.toFixed(3);

function countsLine(name: string, s: PubCounts): string {
  const extra = s.undated ? `, undated ${s.undated}: ${s.falsePositives} false positives` : '';
  return `  ${name.padEnd(44)} acc ${pct(accuracy(s))} (${s.correct}/${s.dated}), coverage ${pct(s.covered / Math.max(1, s.dated))}${extra}`;
}

/** The figure on all pages, then on each half of the site split when the pages have sites. */
function pubLines(name: string, s: PubScore): string[] {
  const bad = s.violations ? `  !! ${s.violations} VIOLATIONS (future or sourceless)` : '';
  const lines = [countsLine(name, s) + bad];
  if (s.halves.A.dated + s.halves.B.dated === 0) return lines;
  return [...lines, countsLine('  half A (looked at)', s.halves.A), countsLine('  half B (held out)', s.halves.B)];
}

const STUBS = new Set(['1685121845', '1685765130', '1566929327']);

export async function evaluate(args: string[]): Promise<void> {
  const limitArg = args.indexOf('--limit');
  const limit = limitArg >= 0 ? Number(args[limitArg + 1]) : Infinity;
  const verbose = args.includes('--verbose');
  const opts: RunOptions = { boilerplate: !args.includes('--no-boilerplate') };
  const out: string[] = [];
  const failures: Array<[string, PubScore]> = [];
  const started = performance.now();

  out.push(`Publication date, exact day (run start ${ctx.runStartedAt.toISOString()}${opts.boilerplate ? '' : ', no boilerplate stage'}):`);
  const mc = loadPages('pages/htmldate-mediacloud', () => true, limit);
  const mcScore = scorePagesHtml('pages/htmldate-mediacloud', mc, (g) => goldDay(g.date), opts);
  out.push(...pubLines('htmldate-mediacloud, HTML', mcScore));
  const mcNoStubs = { ...mcScore, dated: mcScore.dated - mc.filter((g) => STUBS.has(g.id) && g.date).length };
  out.push(countsLine('htmldate-mediacloud, HTML, without 3 stubs', mcNoStubs));
  failures.push(['htmldate-mediacloud HTML', mcScore]);

  const tf = loadPages('pages/trafilatura', (g) => goldDay(g.date) !== null, limit);
  const tfHtml = scorePagesHtml('pages/trafilatura', tf, (g) => goldDay(g.date), opts);
  const tfText = scorePagesText('pages/trafilatura', tf, (g) => goldDay(g.date), opts);
  out.push(...pubLines('trafilatura (gold date), HTML', tfHtml));
  out.push(...pubLines('trafilatura (gold date), text (.txt)', tfText));
  failures.push(['trafilatura HTML', tfHtml], ['trafilatura text', tfText]);

  const rd = loadPages('pages/readability', (g) => goldDay(g.publishedTime) !== null, limit);
  const rdScore = scorePagesHtml('pages/readability', rd, (g) => goldDay(g.publishedTime), opts);
  out.push(...pubLines('readability (gold publishedTime), HTML', rdScore));
  failures.push(['readability HTML', rdScore]);

  const gum = readJsonl<{ id: string; dateCreated: string }>(join(SHARED_DATA, 'ner/gum-news/gold.jsonl')).slice(0, limit);
  const gumScore = emptyScore();
  for (const g of gum) {
    const text = readFileSync(join(SHARED_DATA, 'ner/gum-news', `${g.id}.txt`), 'utf8');
    record(gumScore, g.id, goldDay(g.dateCreated), runText(g.id, text, opts));
  }
  out.push(...pubLines('gum-news (dateCreated), text', gumScore));
  failures.push(['gum-news text', gumScore]);

  const te = loadTempeval(limit);
  const dctScore = scoreTempevalDct(te);
  out.push(...pubLines('tempeval3 (dct, no field), text', dctScore));

  const t = scoreTempeval(te);
  out.push('');
  out.push(`In-text dates, TempEval-3 DATE expressions (${te.length} docs, ${t.gold} gold DATEs, dct as reference):`);
  out.push(`  span recall strict  ${pct(t.strict / t.gold)} (${t.strict}/${t.gold})`);
  out.push(`  span recall lenient ${pct(t.lenient / t.gold)} (${t.lenient}/${t.gold})`);
  out.push(`  value accuracy on lenient matches ${pct(t.valueRight / Math.max(1, t.lenient))} (${t.valueRight}/${t.lenient}); value-right recall ${pct(t.valueRight / t.gold)}`);
  out.push(`  precision (emitted mentions overlapping any gold TIMEX3) ${pct(t.emittedOverlapping / Math.max(1, t.emitted))} (${t.emittedOverlapping}/${t.emitted})`);
  out.push(`  (${((performance.now() - started) / 1000).toFixed(1)} s in all)`);
  process.stdout.write(out.join('\n') + '\n');

  if (verbose) {
    for (const [name, s] of failures) {
      process.stdout.write(`\n--- ${name}: ${s.failures.length} failures\n`);
      for (const f of s.failures) process.stdout.write(`  ${f.id}${f.site ? ` (${f.site}, ${halfOf(f.site)})` : ''}\tgold ${f.gold}\tfound ${f.found ?? '-'}\t${f.source ?? ''}\t${f.evidence ?? ''}\n`);
    }
    process.stdout.write(`\n--- tempeval misses and wrong values: ${t.misses.length}\n`);
    for (const m of t.misses) process.stdout.write(`  ${m.id}\t"${m.text}"\t${m.value}\t${m.found ? `found "${m.found}" ${m.foundValue}` : 'MISSED'}\n`);
  }
}
