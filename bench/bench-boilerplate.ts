/**
 * The boilerplate stage's throughput on real pages (pages/trafilatura): the HTML path (charset
 * decoding + parse + rules + text-path view + learned block classifier + metadata) per MB of
 * HTML, and the text path per MB of the .txt renderings, on one core. Best and median of `reps`
 * passes over all pages, after one warm-up pass (the machine is shared: the best pass is the
 * least disturbed one). The HTML rules alone (no model, no text-path view) run in the same
 * passes: `html_model_time_ratio` is the model path's time over theirs, steadier than MB/s.
 * `node dist/bench/bench-boilerplate.js` or the `stages` part of `npm run bench`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Doc, SourceKind } from '../pipeline/doc.js';
import { normalizeText } from '../stages/read.js';
import { decodeHtml } from '../stages/html/charset.js';
import { process as boilerplateProcess } from '../stages/boilerplate.js';
import { extractHtml } from '../stages/html/extract.js';
import { SHARED_DATA } from './paths.js';

function doc(id: string, kind: SourceKind, raw: string, bytes: number): Doc {
  return { id, source: { path: `${id}.${kind}`, kind, bytes, sha256: '' }, raw, text: raw, meta: {}, removed: [], dates: [], mentions: [] };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const r2 = (x: number): number => Math.round(x * 100) / 100;

export async function benchBoilerplate(opts: { reps?: number } = {}): Promise<Record<string, number>> {
  const reps = opts.reps ?? 3;
  const dir = join(SHARED_DATA, 'pages', 'trafilatura');
  const ids = readdirSync(dir).filter((f) => f.endsWith('.html')).map((f) => f.slice(0, -5)).sort();
  const html = ids.map((id) => readFileSync(join(dir, `${id}.html`)));
  const txt = ids.map((id) => readFileSync(join(dir, `${id}.txt`)));
  const ctx = { runId: 'bench', runStartedAt: new Date() };
  const htmlPass = (): number => {
    const t0 = performance.now();
    html.forEach((bytes, i) => {
      const decoded = decodeHtml(bytes);
      if (decoded.ok) boilerplateProcess(doc(ids[i], 'html', decoded.text, bytes.length), ctx);
    });
    return performance.now() - t0;
  };
  const textPass = (): number => {
    const t0 = performance.now();
    txt.forEach((bytes, i) => boilerplateProcess(doc(ids[i], 'txt', normalizeText(bytes.toString('utf8')), bytes.length), ctx));
    return performance.now() - t0;
  };
  const rulesPass = (): number => {
    const t0 = performance.now();
    for (const bytes of html) {
      const decoded = decodeHtml(bytes);
      if (decoded.ok) extractHtml(decoded.text, undefined, { model: null });
    }
    return performance.now() - t0;
  };
  htmlPass();
  textPass();
  rulesPass();
  const htmlMs: number[] = [];
  const textMs: number[] = [];
  const rulesMs: number[] = [];
  for (let r = 0; r < reps; r++) {
    htmlMs.push(htmlPass());
    rulesMs.push(rulesPass());
    textMs.push(textPass());
  }
  const htmlMb = html.reduce((n, b) => n + b.length, 0) / 1e6;
  const textMb = txt.reduce((n, b) => n + b.length, 0) / 1e6;
  return {
    pages: ids.length,
    html_mb: r2(htmlMb),
    html_mb_per_s_per_core_best: r2(htmlMb / (Math.min(...htmlMs) / 1000)),
    html_mb_per_s_per_core_median: r2(htmlMb / (median(htmlMs) / 1000)),
    html_rules_only_mb_per_s_per_core_best: r2(htmlMb / (Math.min(...rulesMs) / 1000)),
    html_model_time_ratio: r2(median(htmlMs.map((ms, i) => ms / rulesMs[i]))),
    text_mb: r2(textMb),
    text_mb_per_s_per_core_best: r2(textMb / (Math.min(...textMs) / 1000)),
    text_mb_per_s_per_core_median: r2(textMb / (median(textMs) / 1000)),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  benchBoilerplate().then((r) => console.log(JSON.stringify(r, null, 2)));
}
