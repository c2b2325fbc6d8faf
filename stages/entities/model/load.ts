/**
 * The committed model (models/entities/ner-en.bin), loaded once per thread on first use: each lane
 * is a worker thread that imports the stage registry, so each lane loads it once.
 * NEWS_ETL_ENTITIES_MODEL names another model file (experiments: a model trained with
 * `npm run train -- entities --tune --out FILE`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeModel, type NerModel } from './model.js';
import { FEATURE_VERSION } from './features.js';
import { SequenceTagger } from './tagger.js';
import { ModelError } from './errors.js';

/** The repository root: the first folder above this file with a package.json (source or dist/). */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(resolve(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new ModelError('entities_model_missing', `no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
  return dir;
}

export const MODEL_FILE = resolve(repoRoot(), 'models/entities/ner-en.bin');

export function loadModelFile(path: string): NerModel {
  if (!existsSync(path)) throw new ModelError('entities_model_missing', `entity model not found at ${path}: run npm run train -- entities`);
  return decodeModel(readFileSync(path), FEATURE_VERSION);
}

let english: SequenceTagger | undefined;

/** The English tagger of this thread. */
export function englishTagger(): SequenceTagger {
  english ??= new SequenceTagger(loadModelFile(process.env.NEWS_ETL_ENTITIES_MODEL || MODEL_FILE));
  return english;
}
