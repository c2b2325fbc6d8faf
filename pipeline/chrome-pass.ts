/**
 * The chrome pass: before the stage pass, count the lines of a sample of this run's new documents
 * per source (cc_net-style hashed line counts), add them to the counts persisted by earlier runs,
 * and hand the boilerplate stage the lines that are cross-document chrome (`ctx.chrome`).
 *
 * Why a sample: chrome is by definition in a large share of a source's pages (the default rule
 * is ≥ 3 documents and ≥ 10% of those counted), so a few hundred documents per source find it,
 * and the pass costs a bounded amount of reading however big the run is. Files of a source whose
 * sample is full are passed over unread and un-stat'ed (the path's first folder names the source,
 * as in the read stage); JSONL records name their own source, so a JSONL file is read whole.
 */
import { holdsManyDocuments, readInput, type ReadOptions } from '../stages/read.js';
import { ChromeCounts, chromeKeys, chromeSource } from '../stages/boilerplate/crossdoc.js';

/** Documents counted per source and run. */
export const CHROME_SAMPLE_DOCS = 500;

export interface ChromePassResult {
  /** Documents whose lines were counted. */
  docs: number;
  ms: number;
}

function sourceOfPath(path: string): string {
  return path.includes('/') ? path.slice(0, path.indexOf('/')) : '';
}

/** Counts up to `sample` new documents per source of `input` into `counts`. Reads files; changes no state. */
export async function countChrome(
  input: string, options: Pick<ReadOptions, 'unchanged' | 'sameContent' | 'known' | 'include' | 'includeGlobs' | 'excludeGlobs' | 'followSymlinks'>,
  counts: ChromeCounts, sample = CHROME_SAMPLE_DOCS,
): Promise<ChromePassResult> {
  const t0 = performance.now();
  const perSource = new Map<string, number>();
  const include = options.include ?? (() => true);
  const full = (source: string): boolean => (perSource.get(source) ?? 0) >= sample;
  let docs = 0;
  const source = readInput(input, {
    ...options,
    include,
    // A full source's files are not even stat'ed: the pass costs the sample, not the input's size.
    skip: (path) => !holdsManyDocuments(path) && full(sourceOfPath(path)),
  });
  for await (const doc of source) {
    if (doc.reject) continue;
    const key = chromeSource(doc);
    if (full(key)) continue;
    perSource.set(key, (perSource.get(key) ?? 0) + 1);
    counts.observe(key, chromeKeys(doc));
    docs++;
  }
  return { docs, ms: performance.now() - t0 };
}
