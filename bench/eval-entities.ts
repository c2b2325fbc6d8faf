/**
 * `npm run eval -- entities [--verbose] [--limit N]`: scores the entities stage on
 * ner/gum-news (24 Wikinews articles of GUM) the way its README says, beside plain compromise
 * (`nlp(text).people() / .organizations() / .places()`) as a baseline, in the same run.
 *
 * Types: PERSON -> person, ORG -> organization, PLACE -> place (GUM's other types are not scored;
 * our MONEY mentions are ignored). Two matchings:
 * - exact: same start, end and type;
 * - overlap (the README's recommended relaxed score, since GUM spans include determiners, titles
 *   and the possessive 's): a prediction matches one still-unmatched gold mention of the same type
 *   whose span overlaps it (one-to-one; the gold with the largest overlap first).
 * Precision, recall and F1 per type and micro-averaged over PERSON+ORG+PLACE, on all 24 documents
 * and on two fixed halves (documents in id order, even positions = "dev", odd = "test"), so a
 * change tuned while looking at one half can be checked on the other.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { process as entitiesProcess } from '../stages/entities.js';
import { newDoc } from '../pipeline/doc.js';
import { SHARED_DATA } from './paths.js';

export const GUM_DIR = join(SHARED_DATA, 'ner/gum-news');
export const SCORED_TYPES = ['PERSON', 'ORG', 'PLACE'] as const;
export type ScoredType = (typeof SCORED_TYPES)[number];
const GUM_TYPE: Record<string, ScoredType> = { person: 'PERSON', organization: 'ORG', place: 'PLACE' };

export interface Span {
  start: number;
  end: number;
  type: ScoredType;
}
export interface GumDoc {
  id: string;
  text: string;
  gold: Array<Span & { text: string }>;
}
export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
/** Counts per type (and 'micro' = pooled over the scored types), for exact and overlap matching. */
export type Scores = Record<'exact' | 'overlap', Record<ScoredType | 'micro', Counts>>;
export type Tagger = (text: string) => Span[];

export function loadGum(dir = GUM_DIR): GumDoc[] {
  const docs: GumDoc[] = [];
  for (const line of readFileSync(join(dir, 'gold.jsonl'), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const rec = JSON.parse(line) as { id: string; entities: Array<{ start: number; end: number; text: string; type: string }> };
    const text = readFileSync(join(dir, `${rec.id}.txt`), 'utf8');
    const gold = rec.entities
      .filter((e) => GUM_TYPE[e.type] !== undefined)
      .map((e) => ({ start: e.start, end: e.end, text: e.text, type: GUM_TYPE[e.type] }));
    docs.push({ id: rec.id, text, gold });
  }
  return docs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The entities stage as a tagger (the document text as the whole input). */
export const oursTagger: Tagger = (text) => {
  const doc = newDoc('eval', { path: 'eval.txt', kind: 'txt', bytes: text.length, sha256: '' }, text);
  const out: Span[] = [];
  for (const m of entitiesProcess(doc, { runId: 'eval', runStartedAt: new Date() }).mentions) {
    if (m.type !== 'MONEY') out.push({ start: m.start, end: m.end, type: m.type });
  }
  return out;
};

interface CompromiseTerm {
  text: string;
  offset: { start: number; length: number };
}
type Nlp = (text: string) => {
  people(): { json(o: object): Array<{ terms: CompromiseTerm[] }> };
  organizations(): { json(o: object): Array<{ terms: CompromiseTerm[] }> };
  places(): { json(o: object): Array<{ terms: CompromiseTerm[] }> };
};

/**
 * Plain compromise as a tagger. Offsets come from `json({offset:true})`: first term's start to the
 * last term's end (a match's own offset length includes trailing punctuation such as `.` or `”`).
 */
export async function compromiseTagger(): Promise<Tagger> {
  const mod = (await import('compromise')) as unknown as { default: Nlp };
  const nlp = mod.default;
  return (text) => {
    const d = nlp(text);
    const out: Span[] = [];
    const take = (type: ScoredType, matches: Array<{ terms: CompromiseTerm[] }>) => {
      for (const m of matches) {
        if (!m.terms.length) continue;
        const first = m.terms[0].offset;
        const last = m.terms[m.terms.length - 1].offset;
        const end = last.start + last.length;
        if (end > first.start) out.push({ start: first.start, end, type });
      }
    };
    take('PERSON', d.people().json({ offset: true }));
    take('ORG', d.organizations().json({ offset: true }));
    take('PLACE', d.places().json({ offset: true }));
    return out.sort((a, b) => a.start - b.start);
  };
}

export function emptyScores(): Scores {
  const z = () => ({ tp: 0, fp: 0, fn: 0 });
  const per = () => ({ PERSON: z(), ORG: z(), PLACE: z(), micro: z() });
  return { exact: per(), overlap: per() };
}

/** Adds one document's counts to `into`; returns the unmatched gold and predictions (overlap). */
export function scoreDoc(gold: Span[], pred: Span[], into: Scores): { missed: Span[]; spurious: Span[] } {
  // exact
  const goldKeys = new Set(gold.map((g) => `${g.type}:${g.start}:${g.end}`));
  const predKeys = new Set(pred.map((p) => `${p.type}:${p.start}:${p.end}`));
  for (const t of SCORED_TYPES) {
    const c = into.exact[t];
    for (const k of predKeys) if (k.startsWith(t + ':')) goldKeys.has(k) ? c.tp++ : c.fp++;
    for (const k of goldKeys) if (k.startsWith(t + ':') && !predKeys.has(k)) c.fn++;
  }
  // overlap, one-to-one
  const used = new Uint8Array(gold.length);
  const spurious: Span[] = [];
  for (const p of [...pred].sort((a, b) => a.start - b.start)) {
    let best = -1;
    let bestLen = 0;
    gold.forEach((g, k) => {
      if (used[k] || g.type !== p.type) return;
      const len = Math.min(g.end, p.end) - Math.max(g.start, p.start);
      if (len > bestLen) {
        best = k;
        bestLen = len;
      }
    });
    if (best >= 0) {
      used[best] = 1;
      into.overlap[p.type].tp++;
    } else {
      into.overlap[p.type].fp++;
      spurious.push(p);
    }
  }
  const missed = gold.filter((_, k) => !used[k]);
  for (const g of missed) into.overlap[g.type].fn++;
  for (const m of ['exact', 'overlap'] as const) {
    const micro = into[m].micro;
    micro.tp = micro.fp = micro.fn = 0;
    for (const t of SCORED_TYPES) {
      micro.tp += into[m][t].tp;
      micro.fp += into[m][t].fp;
      micro.fn += into[m][t].fn;
    }
  }
  return { missed, spurious };
}

export function prf(c: Counts): { precision: number; recall: number; f1: number } {
  const precision = c.tp / Math.max(1, c.tp + c.fp);
  const recall = c.tp / Math.max(1, c.tp + c.fn);
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

export interface GumResult {
  all: Scores;
  dev: Scores;
  test: Scores;
  errors: Array<{ id: string; missed: Array<Span & { text: string }>; spurious: Array<Span & { text: string }> }>;
}

/** Scores a tagger on the GUM documents (all, and the even/odd halves). */
export function scoreGum(tagger: Tagger, docs: GumDoc[] = loadGum()): GumResult {
  const res: GumResult = { all: emptyScores(), dev: emptyScores(), test: emptyScores(), errors: [] };
  docs.forEach((d, k) => {
    const pred = tagger(d.text);
    const { missed, spurious } = scoreDoc(d.gold, pred, res.all);
    scoreDoc(d.gold, pred, k % 2 === 0 ? res.dev : res.test);
    const withText = (s: Span) => ({ ...s, text: d.text.slice(s.start, s.end) });
    res.errors.push({ id: d.id, missed: missed.map(withText), spurious: spurious.map(withText) });
  });
  return res;
}

/** Micro F1 over PERSON+ORG+PLACE, overlapping spans. */
export const microOverlapF1 = (s: Scores): number => prf(s.overlap.micro).f1;

const f3 = (x: number) => x.toFixed(3);

function table(name: string, s: Scores): string {
  const rows = [`${name.padEnd(22)} ${'exact P'.padStart(8)} ${'R'.padStart(6)} ${'F1'.padStart(6)}   ${'overlap P'.padStart(9)} ${'R'.padStart(6)} ${'F1'.padStart(6)}   ${'gold'.padStart(5)}`];
  for (const t of [...SCORED_TYPES, 'micro'] as const) {
    const e = prf(s.exact[t]);
    const o = prf(s.overlap[t]);
    const gold = s.overlap[t].tp + s.overlap[t].fn;
    rows.push(`  ${t.padEnd(20)} ${f3(e.precision).padStart(8)} ${f3(e.recall).padStart(6)} ${f3(e.f1).padStart(6)}   ${f3(o.precision).padStart(9)} ${f3(o.recall).padStart(6)} ${f3(o.f1).padStart(6)}   ${String(gold).padStart(5)}`);
  }
  return rows.join('\n');
}

export async function evaluate(args: string[]): Promise<void> {
  const verbose = args.includes('--verbose');
  const li = args.indexOf('--limit');
  let docs = loadGum();
  if (li >= 0) docs = docs.slice(0, Number(args[li + 1]));
  const out = (s: string) => process.stdout.write(s + '\n');
  out(`GUM news (${GUM_DIR}): ${docs.length} documents, ${docs.reduce((n, d) => n + d.gold.length, 0)} PERSON/ORG/PLACE gold mentions`);
  out('micro = pooled over PERSON+ORG+PLACE; dev = documents 0,2,4,... in id order, test = 1,3,5,...\n');

  const t0 = performance.now();
  const ours = scoreGum(oursTagger, docs);
  const t1 = performance.now();
  const comp = scoreGum(await compromiseTagger(), docs);
  const t2 = performance.now();

  out(table('entities stage (all)', ours.all));
  out(table('compromise (all)', comp.all));
  out('');
  out(table('entities stage (dev)', ours.dev));
  out(table('entities stage (test)', ours.test));
  out(table('compromise (dev)', comp.dev));
  out(table('compromise (test)', comp.test));

  const oF = microOverlapF1(ours.all);
  const cF = microOverlapF1(comp.all);
  out('');
  out(`micro F1 (overlap): entities ${f3(oF)} vs compromise ${f3(cF)}  (+${f3(oF - cF)}; dev ${f3(microOverlapF1(ours.dev))} / test ${f3(microOverlapF1(ours.test))})`);
  out(`bars: >= compromise + 0.15 (${f3(cF + 0.15)}): ${oF >= cF + 0.15 ? 'PASS' : 'FAIL'}; >= 0.75: ${oF >= 0.75 ? 'PASS' : 'FAIL'}`);
  out(`time: entities ${(t1 - t0).toFixed(0)} ms, compromise ${(t2 - t1).toFixed(0)} ms`);

  if (verbose) {
    for (const e of ours.errors) {
      out(`\n-- ${e.id}`);
      for (const m of e.missed) out(`  missed   ${m.type.padEnd(6)} ${JSON.stringify(m.text)}`);
      for (const m of e.spurious) out(`  spurious ${m.type.padEnd(6)} ${JSON.stringify(m.text)}`);
    }
  }
}

const invokedDirectly = process.argv[1] !== undefined && /eval-entities\.[jt]s$/.test(process.argv[1]);
if (invokedDirectly) {
  evaluate(process.argv.slice(2)).catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  });
}
