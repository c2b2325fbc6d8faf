/**
 * The learned block classifier: logistic regression over the block features (block-features.ts),
 * dense features standardized by the training set's mean and scale, plus one weight per hash
 * bucket of class/id words. Trained by bench/train-boilerplate.ts (`npm run train --
 * boilerplate`) from the gold of ../shared/data/pages; the model file is
 * models/boilerplate/block-model.json (see the README there). Nothing is trained at run time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FEATURE_NAMES, HASH_BUCKETS, type BlockFeatureRows } from './block-features.js';

export interface BlockModel {
  format: 'news-etl/block-model@1';
  /** Dense feature names in row order; must equal FEATURE_NAMES. */
  features: string[];
  mean: number[];
  scale: number[];
  weights: number[];
  /** One weight per hash bucket. */
  hashed: number[];
  bias: number;
  /** A block the rules keep stays when its probability is at least this. */
  threshold: number;
  /** A block the rules remove comes back when its probability is at least this (the model overrules the rules only when sure). */
  thresholdRuleRemoved: number;
  /**
   * When the blocks kept hold fewer words than this share of what the text path keeps on the
   * same blocks, the DOM reading is taken to have gone wrong and the text path's blocks are kept
   * too (0: never).
   */
  fallbackShare: number;
  /** What the model was trained on (collections, half, pages, blocks), for the record. */
  trainedOn: string;
}

export class ModelError extends Error {
  constructor(readonly code: 'model_missing' | 'model_mismatch', message: string) {
    super(message);
  }
}

export const MODEL_RELATIVE_PATH = join('models', 'boilerplate', 'block-model.json');

/** Checks a parsed model against the code's features. */
export function validateModel(model: BlockModel): BlockModel {
  const same = model.format === 'news-etl/block-model@1' && model.features.length === FEATURE_NAMES.length &&
    model.features.every((name, i) => name === FEATURE_NAMES[i]) && model.hashed.length === HASH_BUCKETS &&
    model.weights.length === FEATURE_NAMES.length &&
    [model.bias, model.threshold, model.thresholdRuleRemoved, model.fallbackShare].every((x) => typeof x === 'number');
  if (!same) throw new ModelError('model_mismatch', `${MODEL_RELATIVE_PATH} was trained on other features than the code computes: run npm run train -- boilerplate`);
  return model;
}

let shipped: BlockModel | undefined;

/** The committed model, found by walking up from this module to the repository's models/ folder. */
export function shippedModel(): BlockModel {
  if (shipped) return shipped;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, MODEL_RELATIVE_PATH);
    if (existsSync(candidate)) {
      shipped = validateModel(JSON.parse(readFileSync(candidate, 'utf8')) as BlockModel);
      return shipped;
    }
    const up = dirname(dir);
    if (up === dir) throw new ModelError('model_missing', `${MODEL_RELATIVE_PATH} not found above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

/** Probability that each block is article text. */
export function scoreBlocks(model: BlockModel, rows: BlockFeatureRows): Float64Array {
  const width = model.features.length;
  const n = rows.hashed.length;
  const out = new Float64Array(n);
  for (let b = 0; b < n; b++) {
    let z = model.bias;
    const base = b * width;
    for (let j = 0; j < width; j++) z += model.weights[j] * ((rows.dense[base + j] - model.mean[j]) / model.scale[j]);
    for (const bucket of rows.hashed[b]) z += model.hashed[bucket];
    out[b] = 1 / (1 + Math.exp(-z));
  }
  return out;
}
