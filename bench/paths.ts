import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file whether it runs from bench/ (vitest) or dist/bench/. */
export const REPO_ROOT = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(resolve(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  return dir;
})();

/** The shared evaluation data (../shared/data beside the repository), overridable for other layouts. */
export const SHARED_DATA = process.env.NEWS_ETL_DATA ?? resolve(REPO_ROOT, '../shared/data');
