/**
 * `npm run eval -- entities [--verbose] [--categories] [--limit N] [--conll FILE]`: scores the entities stage (the
 * learned tagger), the rule tagger it replaced and plain compromise
 * (`nlp(text).people() / .organizations() / .places()`) side by side, in one run, on:
 *
 * - CoNLL-2003 dev (ner/conll2003/eng.testa): each document's text rebuilt by joining its tokens
 *   with single spaces, one sentence per line; PER -> PERSON, ORG -> ORG, LOC -> PLACE (MISC is not
 *   scored; the stage emits no MISC). Also the same documents each on one line (learned tagger
 *   only), to show nothing depends on the line breaks, and the model's own four-type figure.
 *   `--conll FILE` scores another file in the same format the same way.
 * - GUM news (ner/gum-news, 24 Wikinews articles): documents in id order, even positions = "dev"
 *   (looked at while building), odd positions = "test" (held out: the bar is on it).
 *
 * Two matchings:
 * - exact: same start, end and type (the CoNLL convention; GUM spans include determiners, titles
 *   and the possessive 's, which no tagger here includes);
 * - overlap (GUM's recommended relaxed score): a prediction matches one still-unmatched gold
 *   mention of the same type whose span overlaps it (one-to-one; the gold with the largest overlap
 *   first).
 * Precision, recall and F1 per type and micro-averaged over PERSON+ORG+PLACE.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { process as entitiesProcess } from '../stages/entities.js';
import { findCandidates } from '../stages/entities/tagger.js';
import { resolveMentions } from '../stages/entities/canonical.js';
import { newDoc } from '../pipeline/doc.js';
import { SHARED_DATA } from './paths.js';
import { readConll, CONLL_DIR, type ConllDoc } from './train-entities/conll.js';

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

const CONLL_TYPE: Record<string, ScoredType> = { PER: 'PERSON', ORG: 'ORG', LOC: 'PLACE' };

/** A CoNLL file's documents with their PER/ORG/LOC gold (MISC left out: no tagger here emits it). */
export function loadConllEval(path: string, joiner: '\n' | ' ' = '\n'): GumDoc[] {
  return readConll(path, joiner).map((d: ConllDoc) => ({
    id: d.id,
    text: d.text,
    gold: d.entities.filter((e) => CONLL_TYPE[e.type]).map((e) => ({ start: e.start, end: e.end, type: CONLL_TYPE[e.type], text: d.text.slice(e.start, e.end) })),
  }));
}

const withoutMoney = (mentions: Array<{ start: number; end: number; type: string }>): Span[] =>
  mentions.filter((m) => m.type !== 'MONEY').map((m) => ({ start: m.start, end: m.end, type: m.type as ScoredType }));

/** Documents the stage skipped as not English (counted by oursTagger). */
export const skipped = { documents: 0 };

/** The entities stage as a tagger (the document text as the whole input, no language set). */
export const oursTagger: Tagger = (text) => {
  const doc = newDoc('eval', { path: 'eval.txt', kind: 'txt', bytes: text.length, sha256: '' }, text);
  const out = entitiesProcess(doc, { runId: 'eval', runStartedAt: new Date() });
  if (out.notes?.some((n) => n.code === 'unsupported_language')) skipped.documents++;
  return withoutMoney(out.mentions);
};

/** The rule-based tagger the learned one replaced (tagger.ts + canonical.ts), for comparison. */
export const ruleTagger: Tagger = (text) => withoutMoney(resolveMentions(text, findCandidates(text)));

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
  const rows = [`${name.padEnd(30)} ${'exact P'.padStart(8)} ${'R'.padStart(6)} ${'F1'.padStart(6)}   ${'overlap P'.padStart(9)} ${'R'.padStart(6)} ${'F1'.padStart(6)}   ${'gold'.padStart(5)}`];
  for (const t of [...SCORED_TYPES, 'micro'] as const) {
    const e = prf(s.exact[t]);
    const o = prf(s.overlap[t]);
    const gold = s.overlap[t].tp + s.overlap[t].fn;
    rows.push(`  ${t.padEnd(28)} ${f3(e.precision).padStart(8)} ${f3(e.recall).padStart(6)} ${f3(e.f1).padStart(6)}   ${f3(o.precision).padStart(9)} ${f3(o.recall).padStart(6)} ${f3(o.f1).padStart(6)}   ${String(gold).padStart(5)}`);
  }
  return rows.join('\n');
}

function scoreAll(tagger: Tagger, docs: GumDoc[]): Scores {
  const scores = emptyScores();
  for (const d of docs) scoreDoc(d.gold, tagger(d.text), scores);
  return scores;
}

const out = (s: string) => process.stdout.write(s + '\n');

const heldoutDocuments = (): number => {
  const n = readConll(join(CONLL_DIR, 'eng.train')).length;
  return n - Math.round(n * 0.9);
};

async function compareOnConll(name: string, path: string, taggers: Array<[string, Tagger]>): Promise<Scores> {
  const docs = loadConllEval(path);
  out(`\n${name} (${path}): ${docs.length} documents, ${docs.reduce((n, d) => n + d.gold.length, 0)} PER/ORG/LOC gold mentions; one sentence per line`);
  let learned = emptyScores();
  for (const [label, tagger] of taggers) {
    skipped.documents = 0;
    const t0 = performance.now();
    const s = scoreAll(tagger, docs);
    out(table(label, s) + `\n  (${(performance.now() - t0).toFixed(0)} ms${tagger === oursTagger ? `; ${skipped.documents} documents skipped as not English` : ''})`);
    if (tagger === oursTagger) learned = s;
  }
  const oneLine = scoreAll(oursTagger, loadConllEval(path, ' '));
  out(table('learned, one line/doc', oneLine));
  const model = await modelFourTypes(path);
  out(`  model alone, exact micro over PER+ORG+LOC ${f3(model.three)}, over all four types (with MISC) ${f3(model.four)}`);
  return learned;
}

/** The raw model's exact-span F1 with MISC (the figure CoNLL papers quote) and without. */
async function modelFourTypes(path: string): Promise<{ three: number; four: number }> {
  const { englishTagger } = await import('../stages/entities/model/load.js');
  const { tokenize } = await import('../stages/entities/tokenize.js');
  const { countSpans, emptyCounts, f1 } = await import('./train-entities/score.js');
  const { CONLL_TYPES } = await import('./train-entities/conll.js');
  const counts = emptyCounts();
  for (const d of readConll(path)) {
    const tokens = tokenize(d.text);
    const pred = englishTagger().tag(tokens).map((s) => ({ start: s.start, end: s.end, type: CONLL_TYPES[s.type] }));
    countSpans(d.entities, pred, counts);
  }
  return { three: f1(counts, [0, 1, 2]).f, four: f1(counts, [0, 1, 2, 3]).f };
}

type ErrorCategory = 'exact' | 'boundary' | 'type' | 'boundary+type' | 'missed';

/** What a tagger did with one gold mention: exact, overlapped with the same/another type, or nothing. */
function categoryOf(g: Span, pred: Span[]): ErrorCategory {
  const over = pred.filter((p) => p.start < g.end && g.start < p.end);
  if (over.some((p) => p.start === g.start && p.end === g.end && p.type === g.type)) return 'exact';
  if (over.some((p) => p.start === g.start && p.end === g.end)) return 'type';
  if (over.some((p) => p.type === g.type)) return 'boundary';
  return over.length ? 'boundary+type' : 'missed';
}

/**
 * `--categories`: on the GUM dev half only (the held-out half is not looked at), each tagger's
 * gold mentions by category, its predictions overlapping no gold ("spurious"), and the gold
 * mentions the rule tagger gets exactly and the learned one does not (with what it gave instead).
 */
function printCategories(docs: GumDoc[], learned: Tagger, rules: Tagger): void {
  const counts = new Map<string, number>();
  const add = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
  const lost: string[] = [];
  docs.forEach((d, k) => {
    if (k % 2 !== 0) return;
    const [pl, pr] = [learned(d.text), rules(d.text)];
    const show = (s: Span) => `${s.type} ${JSON.stringify(d.text.slice(s.start, s.end))}`;
    for (const [name, pred] of [['learned', pl], ['rules', pr]] as const) {
      for (const g of d.gold) add(`${name} ${categoryOf(g, pred)}`);
      for (const p of pred) if (!d.gold.some((g) => g.start < p.end && p.start < g.end)) add(`${name} spurious`);
    }
    for (const g of d.gold) {
      const cat = categoryOf(g, pl);
      if (cat === 'exact' || categoryOf(g, pr) !== 'exact') continue;
      const got = pl.filter((p) => p.start < g.end && g.start < p.end).map(show).join(', ');
      lost.push(`  ${d.id}  ${cat.padEnd(13)} gold ${show(g)}${got ? ` -> ${got}` : ''}`);
    }
  });
  out('\nGUM dev half, gold mentions by category (exact, boundary, type, boundary+type, missed) and spurious predictions:');
  for (const [k, n] of [...counts].sort()) out(`  ${k.padEnd(24)} ${n}`);
  out(`gold mentions the rule tagger gets exactly and the learned one does not (${lost.length}):`);
  for (const l of lost) out(l);
}

export async function evaluate(args: string[]): Promise<void> {
  const verbose = args.includes('--verbose');
  const li = args.indexOf('--limit');
  const ci = args.indexOf('--conll');
  const comp = await compromiseTagger();
  const taggers: Array<[string, Tagger]> = [
    ['learned tagger (stage)', oursTagger],
    ['rule tagger (before)', ruleTagger],
    ['compromise', comp],
  ];

  if (args.includes('--train-heldout')) {
    // Tuning: the last tenth of eng.train, with a model trained on the rest (NEWS_ETL_ENTITIES_MODEL).
    const docs = loadConllEval(join(CONLL_DIR, 'eng.train')).slice(-heldoutDocuments());
    out(`eng.train held-out tenth: ${docs.length} documents, model ${process.env.NEWS_ETL_ENTITIES_MODEL ?? '(committed: trained on them!)'}`);
    out(table('learned tagger (stage)', scoreAll(oursTagger, docs)));
    return;
  }
  const dev = await compareOnConll('CoNLL-2003 dev, eng.testa', join(CONLL_DIR, 'eng.testa'), taggers);
  const other = ci >= 0 ? await compareOnConll('CoNLL-format file', args[ci + 1], taggers) : undefined;

  let docs = loadGum();
  if (li >= 0) docs = docs.slice(0, Number(args[li + 1]));
  out(`\nGUM news (${GUM_DIR}): ${docs.length} documents, ${docs.reduce((n, d) => n + d.gold.length, 0)} PERSON/ORG/PLACE gold mentions`);
  out('dev = documents 0,2,4,... in id order (looked at), test = 1,3,5,... (held out)\n');
  const gum = taggers.map(([label, tagger]) => [label, scoreGum(tagger, docs)] as const);
  for (const part of ['test', 'dev', 'all'] as const) {
    for (const [label, res] of gum) out(table(`${label} (${part})`, res[part]));
    out('');
  }

  const [ours, rules] = [gum[0][1], gum[1][1]];
  const exactF1 = (s: Scores) => prf(s.exact.micro).f1;
  out('bars:');
  out(`  CoNLL dev exact micro F1 (PERSON+ORG+PLACE) >= 0.90: ${f3(exactF1(dev))} ${exactF1(dev) >= 0.9 ? 'PASS' : 'FAIL'}`);
  if (other) out(`  ${args[ci + 1]} exact micro F1: ${f3(exactF1(other))} (aim >= 0.86)`);
  out(`  GUM test exact micro F1 above the rule tagger's: ${f3(exactF1(ours.test))} vs ${f3(exactF1(rules.test))} ${exactF1(ours.test) > exactF1(rules.test) ? 'PASS' : 'FAIL'}`);
  out(`  (GUM overlap micro F1: learned ${f3(microOverlapF1(ours.test))} test / ${f3(microOverlapF1(ours.dev))} dev; rules ${f3(microOverlapF1(rules.test))} / ${f3(microOverlapF1(rules.dev))})`);

  if (args.includes('--categories')) printCategories(docs, oursTagger, ruleTagger);
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
