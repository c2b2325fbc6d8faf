/**
 * Near duplicates through the whole pipeline: real bbc and reuters stories published by four
 * kinds of sites (hard-wrapped wire copy, a mailing list, a portal with navigation, related
 * stories and a footer, a blog with a menu, share button and comment form), the headline's
 * letter case changed by each, next to distinct stories of the same topics. The copies must end
 * in one cluster after boilerplate, dates, entities and dedupe, and no two stories in one.
 */
import { describe, expect, it, afterAll } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanPool, loadBbc, loadReuters } from '../bench/eval-dedupe.js';
import { buildPipelineCopySet, clustersThroughPipeline, scoreClusters } from '../bench/dedupe-pipeline-set.js';

const dirs: string[] = [];
afterAll(async () => { for (const d of dirs) await rm(d, { recursive: true, force: true }); });

describe('near duplicates through the pipeline', () => {
  it('finds >= 97% of the copies of a story whatever the layout, and never joins two stories', async () => {
    // A seed the thresholds were not looked at with (the eval prints the set they were).
    const set = buildPipelineCopySet(cleanPool(loadBbc(), loadReuters()), { seed: 7, stories: 30, distinct: 30 });
    const wrapped = set.files.filter((f) => f.path.startsWith('wire/') || f.path.startsWith('mail/')).length;
    expect(wrapped).toBeGreaterThan(set.files.length / 4);
    const work = await mkdtemp(join(tmpdir(), 'news-etl-dedupe-pipeline-'));
    dirs.push(work);
    const clusters = await clustersThroughPipeline(set, work, 2);
    expect(clusters.size).toBe(set.files.length);
    for (const source of ['bbc', 'reuters'] as const) {
      const score = scoreClusters(set, clusters, (f) => f.source === source);
      expect(score.gold, source).toBeGreaterThan(40);
      expect(score.wrong, source).toEqual([]);
      expect(score.recall, `${source}: missed ${score.missed.join(', ')}`).toBeGreaterThanOrEqual(0.97);
    }
  }, 300_000);
});
