/**
 * `npm run train -- entities [--tune] [--epochs N] [--runs N] [--seed N] [--out FILE] [--stats-cache FILE]`
 *
 * Trains the entity tagger from ../shared/data only and writes models/entities/ner-en.bin:
 * 1. word statistics from the unlabeled news (news/bbc, news/reuters) and the CoNLL training text:
 *    cluster paths and capitalization bins (train-entities/word-stats.ts);
 * 2. averaged structured perceptrons on CoNLL-2003 eng.train (train-entities/perceptron.ts),
 *    documents shuffled each epoch by a seeded generator, one run per seed, and their mean.
 * Same data, same bytes: every step is deterministic (seeded shuffles, insertion-ordered maps).
 *
 * `--tune` trains on the first 90% of eng.train's documents and prints the held-out 10%'s F1 after
 * every epoch; that is how the epoch count and the features were chosen (eng.testa is the bar and
 * is only scored by `npm run eval -- entities`).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { REPO_ROOT } from './paths.js';
// mulberry32: shuffles are the same on every machine
import { prng } from './corpus.js';
import { readConll, CONLL_DIR, CONLL_TYPES, type CharSpan, type ConllDoc } from './train-entities/conll.js';
import { readGum, gumAsConll } from './train-entities/gum.js';
import { Perceptron, TrainingWords, alignDoc, insideForms, prepareDoc, predictDoc, type TrainDoc } from './train-entities/perceptron.js';
import { countSpans, emptyCounts, summary } from './train-entities/score.js';
import { computeWordStats, encodeStats, decodeStats } from './train-entities/word-stats.js';
import { quantize } from './train-entities/quantize.js';
import { FEATURE_VERSION } from '../stages/entities/model/features.js';
import { TAG_COUNT as K } from '../stages/entities/model/tags.js';
import { encodeModel } from '../stages/entities/model/model.js';
import { MODEL_FILE } from '../stages/entities/model/load.js';
import type { WordStats } from '../stages/entities/model/word-stats.js';

const SEED = 20030801;
const DEFAULT_EPOCHS = 10;
/**
 * Perceptrons trained on differently shuffled data and averaged ("parameter mixing"): one run's
 * held-out F1 moves with the shuffle; the mixture's less, and it scores above the single runs.
 */
const DEFAULT_RUNS = 4;
/**
 * GUM news documents trained on, by position in id order: the evaluation's "dev" half (even
 * positions); its "test" half (odd) is never trained on. dev-a / dev-b split the dev half in two
 * for cross-validation within it.
 */
const GUM_PARTS: Record<string, (k: number) => boolean> = {
  dev: (k) => k % 2 === 0,
  'dev-a': (k) => k % 4 === 0,
  'dev-b': (k) => k % 4 === 2,
  none: () => false,
};
const DEFAULT_GUM = 'none';
const DEFAULT_GUM_REPEAT = 1;
/** Share of eng.train's documents (the last ones) held out by --tune. */
const HOLDOUT_SHARE = 0.1;

function option(args: string[], name: string): string | undefined {
  const k = args.indexOf(name);
  return k >= 0 ? args[k + 1] : undefined;
}


function shuffled<T>(items: T[], random: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const log = (s: string) => process.stderr.write(s + '\n');

async function wordStats(args: string[], trainDocs: ConllDoc[]): Promise<WordStats> {
  if (args.includes('--no-word-stats')) return new Map();
  const cache = option(args, '--stats-cache');
  if (cache && existsSync(cache)) {
    log(`word stats: from ${cache}`);
    return decodeStats(readFileSync(cache));
  }
  const t0 = performance.now();
  const stats = computeWordStats(trainDocs.map((d) => d.text), log);
  log(`word stats: ${stats.size} words in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  if (cache) writeFileSync(cache, encodeStats(stats));
  return stats;
}

function charSpans(doc: TrainDoc, spans: Array<{ start: number; end: number; type: number }>): CharSpan[] {
  return spans.map((s) => ({ start: doc.tokens[s.start].start, end: doc.tokens[s.end - 1].end, type: CONLL_TYPES[s.type] }));
}

function printErrors(doc: ConllDoc, pred: CharSpan[]): void {
  const key = (s: CharSpan) => `${s.start}:${s.end}:${s.type}`;
  const gold = new Set(doc.entities.map(key));
  const got = new Set(pred.map(key));
  const show = (s: CharSpan) => `${s.type} ${JSON.stringify(doc.text.slice(s.start, s.end))} | ${doc.text.slice(Math.max(0, s.start - 40), s.end + 30).replace(/\n/g, ' / ')}`;
  for (const s of doc.entities) if (!got.has(key(s))) log(`  missed   ${show(s)}`);
  for (const s of pred) if (!gold.has(key(s))) log(`  spurious ${show(s)}`);
}

/** Averaged weights of a trained model, or of a mixture. */
interface Weights {
  index: Map<number, number>;
  w: Float64Array;
  trans: Float64Array;
  fin: Float64Array;
}

const weightsOf = (model: Perceptron): Weights => ({ index: model.index, ...model.averaged() });

function trainRun(docs: TrainDoc[], epochs: number, seed: number, report?: (model: Perceptron) => string): Perceptron {
  const random = prng(seed);
  const model = new Perceptron();
  for (let e = 1; e <= epochs; e++) {
    const t0 = performance.now();
    const wrong = model.epoch(shuffled(docs, random));
    const extra = report && (e === epochs || e % 5 === 0) ? ` | ${report(model)}` : '';
    log(`seed ${seed} epoch ${e}: ${wrong} sentences wrong, ${model.index.size} features, ${((performance.now() - t0) / 1000).toFixed(1)} s${extra}`);
  }
  return model;
}

/** The mean of the runs' weights; features in order of first appearance (run 0 first). */
function mix(runs: Weights[]): Weights {
  const index = new Map<number, number>();
  for (const r of runs) for (const key of r.index.keys()) if (!index.has(key)) index.set(key, index.size);
  const w = new Float64Array(index.size * K);
  const trans = new Float64Array(runs[0].trans.length);
  const fin = new Float64Array(runs[0].fin.length);
  for (const r of runs) {
    for (const [key, row] of r.index) {
      const to = index.get(key)! * K;
      for (let t = 0; t < K; t++) w[to + t] += r.w[row * K + t] / runs.length;
    }
    r.trans.forEach((v, k) => (trans[k] += v / runs.length));
    r.fin.forEach((v, k) => (fin[k] += v / runs.length));
  }
  return { index, w, trans, fin };
}

function score(docs: TrainDoc[], raw: ConllDoc[], weights: Weights, showErrors = false): ReturnType<typeof emptyCounts> {
  const rowOf = (key: number) => weights.index.get(key) ?? -1;
  const counts = emptyCounts();
  docs.forEach((d, k) => {
    const pred = charSpans(d, predictDoc(d, rowOf, weights.w, weights.trans, weights.fin));
    countSpans(raw[k].entities, pred, counts);
    if (showErrors) printErrors(raw[k], pred);
  });
  return counts;
}

export async function train(args: string[]): Promise<void> {
  const tune = args.includes('--tune');
  const epochs = Number(option(args, '--epochs') ?? DEFAULT_EPOCHS);
  const runCount = Number(option(args, '--runs') ?? DEFAULT_RUNS);
  const all = readConll(join(CONLL_DIR, 'eng.train'));
  const cut = tune ? Math.round(all.length * (1 - HOLDOUT_SHARE)) : all.length;
  const conllTrain = all.slice(0, cut);
  const heldRaw = all.slice(cut);
  log(`CoNLL eng.train: ${all.length} documents; training on ${conllTrain.length}${tune ? `, held out ${heldRaw.length} (documents ${cut}..${all.length - 1})` : ''}`);
  const gumPart = option(args, '--gum') ?? DEFAULT_GUM;
  const gum = readGum().filter((_, k) => GUM_PARTS[gumPart](k)).map(gumAsConll);
  log(`GUM news (${gumPart}): ${gum.length} documents, ${gum.reduce((n, d) => n + d.entities.length, 0)} names in CoNLL's conventions`);
  // GUM documents seen this many times per epoch: a few dozen web-news documents against CoNLL's 946
  const gumRepeat = Number(option(args, '--gum-repeat') ?? DEFAULT_GUM_REPEAT);
  const trainRaw = [...conllTrain, ...Array.from({ length: gumRepeat }, () => gum).flat()];

  const stats = await wordStats(args, conllTrain);
  const trainAligned = trainRaw.map(alignDoc);
  const inside = insideForms(trainAligned);
  const words = new TrainingWords(stats, inside);
  const trainDocs = trainAligned.map((d) => prepareDoc(d, words));
  const heldDocs = heldRaw.map((d) => prepareDoc(alignDoc(d), words));
  const misaligned = trainDocs.reduce((n, d) => n + d.misaligned, 0);
  log(`tokens: ${trainDocs.reduce((n, d) => n + d.tokens.length, 0)}; gold entities not on token edges: ${misaligned}`);

  const seed = Number(option(args, '--seed') ?? SEED);
  const runs: Weights[] = [];
  for (let r = 0; r < runCount; r++) {
    const report = tune ? (m: Perceptron) => `held out: ${summary(score(heldDocs, heldRaw, weightsOf(m)))}` : undefined;
    runs.push(weightsOf(trainRun(trainDocs, epochs, seed + r, report)));
  }
  const mixed = mix(runs);
  if (tune) log(`mixture of ${runCount} runs | held out: ${summary(score(heldDocs, heldRaw, mixed, args.includes('--errors')))}`);
  if (tune && !args.includes('--out')) return;

  const q = quantize(mixed.index, mixed.w, mixed.trans, mixed.fin);
  const header = {
    featureVersion: FEATURE_VERSION,
    tagCount: 0,
    features: 0,
    words: 0,
    insideForms: [...inside].sort(),
    training: {
      data: (tune ? `CoNLL-2003 eng.train, documents 0..${cut - 1}` : 'CoNLL-2003 eng.train (all 946 documents)') + (gum.length ? `; GUM news ${gumPart}${gumRepeat > 1 ? ` (each ${gumRepeat} times per epoch)` : ''}: ${gum.map((d) => d.id).join(', ')}` : ''),
      wordStats: 'news/bbc + news/reuters/txt + the CoNLL training text (unlabeled)',
      epochs,
      runs: runCount,
      seeds: runs.map((_, r) => seed + r),
      featuresBeforePruning: mixed.index.size,
    },
  };
  const bytes = encodeModel(header, q.keys, q.weights, q.transition, q.final, stats);
  const out = option(args, '--out') ?? MODEL_FILE;
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, bytes);
  const sha = createHash('sha256').update(bytes).digest('hex');
  log(`wrote ${relative(REPO_ROOT, out)}: ${(bytes.length / 1e6).toFixed(2)} MB, ${q.keys.length} features, ${stats.size} words, sha256 ${sha}`);
}

const invokedDirectly = process.argv[1] !== undefined && /train-entities\.[jt]s$/.test(process.argv[1]);
if (invokedDirectly) {
  train(process.argv.slice(2)).catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  });
}
