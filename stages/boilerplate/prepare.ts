/**
 * The boilerplate stage's preparation, once per run: count the lines of a sample of this run's new
 * documents per source (cc_net-style hashed line counts), add the counts earlier runs persisted,
 * and hand every document the lines that are cross-document chrome (crossdoc.ts).
 *
 * Why a sample: chrome is by definition in a large share of a source's pages (the default rule
 * is ≥ 3 documents and ≥ 10% of those counted), so a few hundred documents per source find it,
 * and preparing costs a bounded amount of reading however big the run is.
 */
import type { PrepareContext, Prepared } from '../../pipeline/stage.js';
import { ChromeCounts, chromeKeys, chromeSource, type ChromeTable } from './crossdoc.js';

/** Documents counted per source and run. */
export const CHROME_SAMPLE_DOCS = 500;

export async function prepareChrome(ctx: PrepareContext): Promise<Prepared<ChromeTable>> {
  const counts = ctx.persisted ? ChromeCounts.fromJSON(JSON.parse(Buffer.from(ctx.persisted).toString('utf8'))) : new ChromeCounts();
  let observed = 0;
  for await (const doc of ctx.sample(CHROME_SAMPLE_DOCS)) {
    if (doc.reject) continue;
    counts.observe(chromeSource(doc), chromeKeys(doc));
    observed++;
  }
  // Nothing new counted: the persisted counts stay as they are.
  return { value: counts.table(), persist: observed > 0 || !ctx.persisted ? Buffer.from(JSON.stringify(counts.toJSON())) : undefined };
}
