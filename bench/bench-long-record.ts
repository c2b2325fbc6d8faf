/**
 * Linearity of the text-path stages in a document's length (issue 20: a 16 MiB record ran 600 s,
 * the dates stage growing ~n^1.7). One record of real wire copy (news/reuters/txt joined) at
 * SMALL and LARGE sizes, on one line and on many, through boilerplate, dates, entities and the
 * dedupe features; CPU time per MiB at each size and their ratio (1.0 = linear; n^1.7 would give
 * 8^0.7 = 4.3 at 8x the size). Same process, best of `reps`, so machine load cancels out mostly.
 * Also deep HTML (issue 20: the dates stage's HTML pass walked every open element for each text,
 * quadratic in the depth): pages of DEEP_SMALL and DEEP_LARGE nested `<div>`s through boilerplate
 * and dates, CPU time per thousand levels at each depth and their ratio.
 * `node dist/bench/bench-long-record.js` or the `stages` part of `npm run bench`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newDoc, type Doc } from '../pipeline/doc.js';
import type { StageContext } from '../pipeline/stage.js';
import { process as boilerplate } from '../stages/boilerplate.js';
import { process as dates } from '../stages/dates.js';
import { process as entities } from '../stages/entities.js';
import { dedupeFeatures } from '../stages/dedupe/dedupe-index.js';
import { SHARED_DATA } from './paths.js';

const MIB = 1 << 20;
const SMALL_MIB = 1;
const LARGE_MIB = 8;
const ctx: StageContext = { runId: 'bench', runStartedAt: new Date('2026-01-01T00:00:00Z') };

function wireText(chars: number): string {
  const dir = join(SHARED_DATA, 'news/reuters/txt');
  const parts: string[] = [];
  let n = 0;
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    const story = readFileSync(join(dir, f), 'utf8');
    parts.push(story);
    n += story.length + 1;
    if (n >= chars) break;
  }
  return parts.join('\n').slice(0, chars);
}

function cpuMs(fn: () => void): number {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

/** CPU ms of each stage on one document (the stages in order, each on the previous one's output). */
function stageTimes(raw: string, kind: 'txt' | 'html' = 'txt'): Record<string, number> {
  let doc: Doc = newDoc('long', { path: `long.${kind}`, kind, bytes: raw.length, sha256: '' }, raw);
  const times: Record<string, number> = {};
  times.boilerplate = cpuMs(() => { doc = boilerplate(doc, ctx); });
  times.dates = cpuMs(() => { doc = dates(doc, ctx); });
  times.entities = cpuMs(() => { doc = entities(doc, ctx); });
  times.dedupe = cpuMs(() => { dedupeFeatures({ docId: doc.id, text: doc.text, published: null }); });
  return times;
}

const r2 = (x: number): number => Math.round(x * 100) / 100;

const DEEP_SMALL = 25_000;
const DEEP_LARGE = 200_000;

/** A page whose article sits under `depth` nested `<div>`s, a line break between each. */
function deepPage(depth: number): string {
  const byline = '<div class="byline">Published <time datetime="2025-03-05T09:00:00Z">5 March 2025</time></div>';
  return `<html><head><title>Deep</title></head><body>${'<div>\n'.repeat(depth)}${byline}` +
    `<p>The council approved the new budget on Tuesday, March 4, 2025, after a long debate.</p>${'</div>'.repeat(depth)}</body></html>`;
}

/** Boilerplate and dates on deep pages: CPU ms per thousand levels, and the ratio (1.0 = linear). */
export function benchDeepHtml(reps: number): Record<string, number> {
  const result: Record<string, number> = {};
  const perLevel: Record<number, Record<string, number>> = {};
  stageTimes(deepPage(1_000), 'html'); // compiled before the first measure
  for (const depth of [DEEP_SMALL, DEEP_LARGE]) {
    const page = deepPage(depth);
    for (let i = 0; i < reps; i++) {
      const t = stageTimes(page, 'html');
      const perK = { boilerplate: (t.boilerplate * 1000) / depth, dates: (t.dates * 1000) / depth };
      perLevel[depth] ??= perK;
      for (const k of Object.keys(perK) as Array<keyof typeof perK>) perLevel[depth][k] = Math.min(perLevel[depth][k], perK[k]);
    }
  }
  for (const stage of ['boilerplate', 'dates']) {
    result[`deep_html_${stage}_ms_per_1k_levels_${DEEP_SMALL}`] = r2(perLevel[DEEP_SMALL][stage]);
    result[`deep_html_${stage}_ms_per_1k_levels_${DEEP_LARGE}`] = r2(perLevel[DEEP_LARGE][stage]);
    result[`deep_html_${stage}_ratio`] = r2(perLevel[DEEP_LARGE][stage] / perLevel[DEEP_SMALL][stage]);
  }
  return result;
}

export async function benchLongRecord(opts: { reps?: number } = {}): Promise<Record<string, number>> {
  const reps = opts.reps ?? 2;
  const large = wireText(LARGE_MIB * MIB);
  const result: Record<string, number> = {};
  for (const layout of ['lines', 'one_line'] as const) {
    const best: Record<number, Record<string, number>> = {};
    for (const mib of [SMALL_MIB, LARGE_MIB]) {
      let text = large.slice(0, mib * MIB);
      if (layout === 'one_line') text = text.replace(/\n/g, ' ');
      for (let i = 0; i < reps; i++) {
        const t = stageTimes(text);
        best[mib] ??= t;
        for (const k of Object.keys(t)) best[mib][k] = Math.min(best[mib][k], t[k]);
      }
    }
    for (const stage of Object.keys(best[SMALL_MIB])) {
      const small = best[SMALL_MIB][stage] / SMALL_MIB;
      const big = best[LARGE_MIB][stage] / LARGE_MIB;
      result[`${layout}_${stage}_ms_per_mib_${SMALL_MIB}`] = r2(small);
      result[`${layout}_${stage}_ms_per_mib_${LARGE_MIB}`] = r2(big);
      result[`${layout}_${stage}_ratio`] = r2(big / small);
    }
  }
  return { ...result, ...benchDeepHtml(reps) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  benchLongRecord().then((r) => { for (const [k, v] of Object.entries(r)) process.stdout.write(`${k}\t${v}\n`); });
}
