/**
 * `npm run train -- boilerplate [--half A|B|all] [--out PATH]`: trains the HTML block classifier
 * (stages/html/block-model.ts) from the gold of ../shared/data/pages and writes
 * models/boilerplate/block-model.json.
 *
 * Training data: every block of the readability and trafilatura pages of the chosen half of the
 * site split (eval-pages.ts; default A, so that half B stays held out for the eval) that the gold
 * labels (block-labels.ts). Each page weighs the same in total, its blocks by the square root of
 * their words. htmldate-mediacloud has no text gold and is not used.
 *
 * The threshold is chosen by cross-validation over the training half's sites: FOLDS models, each
 * trained without one fold of sites, score that fold's pages through the whole extraction
 * (headline included); the threshold with the best mean of readability word F1 and trafilatura
 * snippet F1 wins. Those fold figures are printed. Reproducible: no randomness anywhere, same data
 * and Node version give the same bytes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FEATURE_NAMES, HASH_BUCKETS } from '../stages/html/block-features.js';
import { MODEL_RELATIVE_PATH, validateModel, type BlockModel } from '../stages/html/block-model.js';
import { analyzePage, finishExtraction, pageAddress, readPage, type DecisionThresholds, type PageAnalysis } from '../stages/html/extract.js';
import type { HtmlMeta } from '../stages/html/metadata.js';
import { blockLabels } from './block-labels.js';
import { addCounts, loadCollection, scorePage, summarize, wordScore, type Half, type PageCase, type SnippetCounts } from './eval-pages.js';
import { fitLogistic, type LogisticOptions, type Samples } from './logistic.js';
import { REPO_ROOT } from './paths.js';
import { ReadabilityRunner } from './readability-js.js';

export interface TrainingPage {
  page: PageCase;
  analysis: PageAnalysis;
  meta: HtmlMeta;
  /** pageAddress(): what the extraction matches the title and links against. */
  address: string | undefined;
  labels: Int8Array;
}

const OPTIONS: LogisticOptions = { iterations: 400, learningRate: 0.05, l2Dense: 1e-3, l2Hashed: 1e-2 };
const FOLDS = 3;
/** Candidate thresholds for blocks the rules keep, and for blocks they remove. */
const KEPT_THRESHOLDS = [0.2, 0.3, 0.4, 0.5];
const REMOVED_THRESHOLDS = [0.6, 0.7, 0.8, 0.9];
/** Candidate shares of the text path's words under which the text path's blocks are kept too (0: never). */
const FALLBACK_SHARES = [0, 0.1, 0.2, 0.3, 0.5];
/** Weights are stored with this many significant digits: a compact file, the same decisions. */
const DIGITS = 6;

export function loadTrainingPages(half: Half | 'all', limit = Infinity, teacher?: ReadabilityRunner): TrainingPage[] {
  const pages: TrainingPage[] = [];
  for (const collection of ['readability', 'trafilatura'] as const) {
    for (const page of loadCollection(collection, limit)) {
      if (!page.html || (half !== 'all' && page.half !== half)) continue;
      const { page: parsed, meta } = readPage(page.html);
      const address = pageAddress(page.url, meta);
      const analysis = analyzePage(parsed, address);
      const teacherText = teacher && page.snippets ? teacher.run(page.html, page.url).text : undefined;
      pages.push({ page, analysis, meta, address, labels: blockLabels(page, parsed.blocks, teacherText) });
    }
  }
  teacher?.save();
  return pages;
}

/**
 * Total weight of a trafilatura page against a readability page's 1: its labels are people's
 * judgements of news pages, the readability ones are Readability.js's output.
 */
let snippetPageWeight = 1;

export function samplesOf(pages: readonly TrainingPage[]): Samples {
  const width = FEATURE_NAMES.length;
  const dense: number[] = [];
  const hashed: Int32Array[] = [];
  const y: number[] = [];
  const weight: number[] = [];
  for (const p of pages) {
    const labeled: number[] = [];
    p.labels.forEach((label, b) => label >= 0 && labeled.push(b));
    const raw = labeled.map((b) => Math.sqrt(1 + p.analysis.rules.features[b].words));
    const total = raw.reduce((a, b) => a + b, 0);
    labeled.forEach((b, i) => {
      for (let j = 0; j < width; j++) dense.push(p.analysis.rows.dense[b * width + j]);
      hashed.push(p.analysis.rows.hashed[b]);
      y.push(p.labels[b]);
      weight.push((raw[i] / total) * (p.page.snippets ? snippetPageWeight : 1));
    });
  }
  return { dense: Float64Array.from(dense), width, hashed, buckets: HASH_BUCKETS, y: Uint8Array.from(y), weight: Float64Array.from(weight) };
}

const round = (x: number): number => Number(x.toPrecision(DIGITS));

type Thresholds = DecisionThresholds;

export function trainModel(pages: readonly TrainingPage[], thresholds: Thresholds, trainedOn: string): BlockModel {
  const fit = fitLogistic(samplesOf(pages), OPTIONS);
  return validateModel({
    format: 'news-etl/block-model@1', features: [...FEATURE_NAMES], mean: fit.mean.map(round), scale: fit.scale.map(round),
    weights: fit.weights.map(round), hashed: fit.hashed.map(round), bias: round(fit.bias), ...thresholds, trainedOn,
  });
}

export interface Figures {
  /** Macro word F1 over readability pages. */
  wordF1: number;
  readabilityPages: number;
  snippets: SnippetCounts;
}

/** The whole extraction of `pages` with `model` (or the rules alone with null), scored. */
export function scorePages(pages: readonly TrainingPage[], model: BlockModel | null): Figures {
  let f1 = 0;
  let readabilityPages = 0;
  const snippets: SnippetCounts = { tp: 0, fn: 0, fp: 0, tn: 0 };
  for (const p of pages) {
    const result = finishExtraction(p.analysis.page, { ...p.meta }, p.address, model ? { model, analysis: p.analysis } : undefined);
    const text = result.paragraphs.join('\n');
    if (p.page.expectedText !== undefined) {
      f1 += wordScore(text, p.page.expectedText).f1;
      readabilityPages++;
    }
    if (p.page.snippets) addCounts(snippets, scorePage(text, p.page.snippets));
  }
  return { wordF1: readabilityPages ? f1 / readabilityPages : 0, readabilityPages, snippets };
}

function foldOf(site: string): number {
  let h = 0x9e3779b9;
  for (let i = 0; i < site.length; i++) h = Math.imul(h ^ site.charCodeAt(i), 0x85ebca6b) >>> 0;
  return h % FOLDS;
}

const combined = (f: Figures): number => (f.wordF1 + summarize(f.snippets).f1) / 2;

function describe(name: string, f: Figures): string {
  const s = summarize(f.snippets);
  return `${name.padEnd(28)} readability word F1 ${f.wordF1.toFixed(3)} (${f.readabilityPages} pages)  trafilatura snippets P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)} F1 ${s.f1.toFixed(3)}`;
}

/** Cross-validation by site inside the training pages: the thresholds, and the figures that go with them. */
function chooseThresholds(pages: readonly TrainingPage[], log: (line: string) => void): Thresholds {
  const grid: Thresholds[] = KEPT_THRESHOLDS.flatMap((threshold) => REMOVED_THRESHOLDS.flatMap((thresholdRuleRemoved) =>
    FALLBACK_SHARES.map((fallbackShare) => ({ threshold, thresholdRuleRemoved, fallbackShare }))));
  const sums = grid.map(emptyFigures);
  const rules = emptyFigures();
  for (let fold = 0; fold < FOLDS; fold++) {
    const held = pages.filter((p) => foldOf(p.page.site) === fold);
    const model = trainModel(pages.filter((p) => foldOf(p.page.site) !== fold), grid[0], `fold ${fold}`);
    grid.forEach((thresholds, i) => accumulate(sums[i], scorePages(held, { ...model, ...thresholds })));
    accumulate(rules, scorePages(held, null));
  }
  const finish = (f: Figures): Figures => ({ ...f, wordF1: f.wordF1 / Math.max(1, f.readabilityPages) });
  log(describe('cv: rules alone', finish(rules)));
  let best = 0;
  grid.forEach((t, i) => {
    log(describe(`cv: model ${t.threshold}/${t.thresholdRuleRemoved}/${t.fallbackShare}`, finish(sums[i])));
    if (combined(finish(sums[i])) > combined(finish(sums[best]))) best = i;
  });
  return grid[best];
}

function emptyFigures(): Figures {
  return { wordF1: 0, readabilityPages: 0, snippets: { tp: 0, fn: 0, fp: 0, tn: 0 } };
}

/** Sums page-weighted figures (wordF1 holds the sum over pages until `finish`). */
function accumulate(into: Figures, f: Figures): void {
  into.wordF1 += f.wordF1 * f.readabilityPages;
  into.readabilityPages += f.readabilityPages;
  addCounts(into.snippets, f.snippets);
}

export async function train(args: string[]): Promise<void> {
  const half = (argValue(args, '--half') ?? 'A') as Half | 'all';
  const out = argValue(args, '--out') ?? join(REPO_ROOT, MODEL_RELATIVE_PATH);
  snippetPageWeight = Number(argValue(args, '--snippet-page-weight') ?? snippetPageWeight);
  const log = (line: string): void => void process.stdout.write(`${line}\n`);
  const teacher = args.includes('--no-teacher') ? undefined : new ReadabilityRunner();
  const pages = loadTrainingPages(half, Number(argValue(args, '--limit') ?? Infinity), teacher);
  const blocks = pages.reduce((n, p) => n + p.labels.filter((l) => l >= 0).length, 0);
  log(`training half ${half}: ${pages.length} pages, ${blocks} labeled blocks, ${new Set(pages.map((p) => p.page.site)).size} sites`);
  const thresholds = chooseThresholds(pages, log);
  const trainedOn = `readability + trafilatura pages of site half ${half}${teacher ? ' (trafilatura blocks without a snippet labelled by Readability.js where it agrees with every snippet)' : ''}: ${pages.length} pages, ${blocks} labeled blocks; thresholds by ${FOLDS}-fold cross-validation over sites`;
  const model = trainModel(pages, thresholds, trainedOn);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(model) + '\n');
  log(`thresholds ${thresholds.threshold} (rules keep) / ${thresholds.thresholdRuleRemoved} (rules remove), fallback share ${thresholds.fallbackShare}; wrote ${out}`);
}

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}
