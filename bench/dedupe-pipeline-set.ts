/**
 * Copies of real articles as four kinds of sites publish them, for measuring near-duplicate
 * detection through the whole pipeline (read, boilerplate, dates, entities, dedupe), not on the
 * dedupe stage alone: the same story's text must survive boilerplate alike whatever the layout.
 *
 * Sites (one input folder each, so the chrome pass sees each site's recurring lines):
 * - `wire`:   headline in capitals, paragraphs hard-wrapped every ten words or so, Reuters-style
 *             paragraph indents, no chrome;
 * - `mail`:   headline in lower case, paragraphs hard-wrapped at 72 characters with blank lines
 *             between them, a mailing-list footer;
 * - `portal`: a navigation line, the headline in title case, one paragraph per line, a
 *             "Related stories" list of other stories' headlines, a copyright footer;
 * - `blog`:   a bulleted menu, the headline as written, a byline, a share button, a related
 *             list and a comment form.
 * Every story is published on one site and copied to one or two others, unchanged but for the
 * layout; distinct stories of the same topics are published alongside (precision).
 */
import { STAGE_ORDER } from '../pipeline/registry.js';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Article, type NearSet, pairKey } from './eval-dedupe.js';
import { prng } from './corpus.js';
import { DuckDBInstance } from '@duckdb/node-api';
import { runPipeline } from '../pipeline/runner.js';
import { silentLogger } from '../pipeline/log.js';

export const SITES = ['wire', 'mail', 'portal', 'blog'] as const;
export type Site = (typeof SITES)[number];

export interface SetFile {
  /** Path under the input folder: `<site>/<name>.txt`. */
  path: string;
  text: string;
  /** The story (original article id): files of one story are copies of each other. */
  story: string;
  source: 'bbc' | 'reuters';
}

export interface PipelineCopySet {
  files: SetFile[];
  /** Pairs of paths (pairKey) that are copies of one story. */
  gold: Set<string>;
}

export interface PipelineCopyOptions {
  seed?: number;
  /** Stories per source that get copies. */
  stories?: number;
  /** Distinct same-topic stories per source, published once. */
  distinct?: number;
}

export function buildPipelineCopySet(pool: Article[], options: PipelineCopyOptions = {}): PipelineCopySet {
  const rnd = prng(options.seed ?? 20251207);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const files: SetFile[] = [];
  const gold = new Set<string>();
  for (const source of ['bbc', 'reuters'] as const) {
    const articles = shuffled(pool.filter((a) => a.source === source), rnd);
    const stories = articles.slice(0, options.stories ?? 40);
    const distinct = articles.slice(stories.length, stories.length + (options.distinct ?? 40));
    const donors = articles.slice(stories.length + distinct.length);
    const related = (): string[] => Array.from({ length: 3 + Math.floor(rnd() * 3) }, () => pick(donors).headline);
    for (const a of distinct) files.push(publish(a, pick(SITES), related(), source));
    for (const a of stories) {
      const sites = shuffled([...SITES], rnd).slice(0, 2 + Math.floor(rnd() * 2));
      const copies = sites.map((site) => publish(a, site, related(), source));
      files.push(...copies);
      for (let i = 0; i < copies.length; i++) for (let j = i + 1; j < copies.length; j++) gold.add(pairKey(copies[i].path, copies[j].path));
    }
  }
  return { files: shuffled(files, rnd), gold };
}

function publish(a: Article, site: Site, related: string[], source: 'bbc' | 'reuters'): SetFile {
  return { path: `${site}/${source}-${a.id}.txt`, text: RENDER[site](a, related), story: `${source}-${a.id}`, source };
}

const RENDER: Record<Site, (a: Article, related: string[]) => string> = {
  wire: (a) => [a.headline.toUpperCase(), '', ...a.paragraphs.flatMap((p, i) => indentFirst(wrap(p, 62), i > 0 ? '    ' : '')), ''].join('\n'),
  mail: (a) => [a.headline.toLowerCase(), '', ...a.paragraphs.flatMap((p) => [...wrap(p, 72), '']),
    '--', 'You are receiving this because you subscribed to the newsroom list.', 'To unsubscribe, reply with the word STOP.', ''].join('\n'),
  portal: (a, related) => ['Home | World | Business | Sport | Technology | Entertainment', '', titleCase(a.headline), '',
    ...a.paragraphs.flatMap((p) => [p, '']), 'Related stories', ...related, '',
    '© 2005 Portal News Ltd. All rights reserved.', 'Terms of use | Privacy policy | Contact us', ''].join('\n'),
  blog: (a, related) => [' * Home', ' * News', ' * About', ' * Contact', '', '', a.headline, '', 'Posted by the newsdesk', '',
    ...a.paragraphs.flatMap((p) => [p, '']), 'Share this article', '', 'Related stories', ...related.map((h) => ` * ${h}`), '',
    'Leave a Reply', 'Your email address will not be published. Required fields are marked *', ''].join('\n'),
};

/** Greedy wrap at `width` characters: about ten words a line at 62. */
export function wrap(paragraph: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of paragraph.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function indentFirst(lines: string[], indent: string): string[] {
  return lines.map((l, i) => (i === 0 ? indent + l : l));
}

function titleCase(headline: string): string {
  return headline.toLowerCase().replace(/(^|\s)(\p{L})/gu, (_, space: string, letter: string) => space + letter.toUpperCase());
}

function shuffled<T>(xs: T[], rnd: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export async function writeSet(set: PipelineCopySet, dir: string): Promise<void> {
  for (const site of SITES) await mkdir(join(dir, site), { recursive: true });
  for (const f of set.files) await writeFile(join(dir, f.path), f.text);
}

export interface CopyScore {
  predicted: number;
  gold: number;
  tp: number;
  precision: number;
  recall: number;
  /** Predicted pairs of two different stories. */
  wrong: string[];
  missed: string[];
}

/** Pairs of paths that share a cluster, scored against the set's gold; `keep` restricts both to some stories. */
export function scoreClusters(set: PipelineCopySet, clusterOf: Map<string, string>, keep: (f: SetFile) => boolean = () => true): CopyScore {
  const kept = set.files.filter(keep);
  const paths = new Set(kept.map((f) => f.path));
  const byCluster = new Map<string, string[]>();
  for (const f of kept) {
    const c = clusterOf.get(f.path);
    if (c === undefined) continue;
    const list = byCluster.get(c);
    if (list) list.push(f.path);
    else byCluster.set(c, [f.path]);
  }
  const predicted = new Set<string>();
  for (const list of byCluster.values()) for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) predicted.add(pairKey(list[i], list[j]));
  const gold = [...set.gold].filter((p) => p.split('|').every((x) => paths.has(x)));
  const tp = gold.filter((p) => predicted.has(p)).length;
  return {
    predicted: predicted.size, gold: gold.length, tp,
    precision: predicted.size ? tp / predicted.size : 1, recall: gold.length ? tp / gold.length : 1,
    wrong: [...predicted].filter((p) => !set.gold.has(p)), missed: gold.filter((p) => !predicted.has(p)),
  };
}

/**
 * Writes the set under `work/in`, runs the whole pipeline into `work/out` (Parquet) and returns
 * each document's cluster id by source path, read back from the documents table.
 */
export async function clustersThroughPipeline(set: PipelineCopySet, work: string, concurrency = 1): Promise<Map<string, string>> {
  await writeSet(set, join(work, 'in'));
  return documentsThroughPipeline(join(work, 'in'), join(work, 'out'), 'source_path', concurrency);
}

/**
 * The near-duplicate set of eval-dedupe.ts (copies with other chrome, changed headlines, dropped
 * or added paragraphs, word edits, re-wrapping) through the whole pipeline instead of straight
 * into the index: one JSONL record per document (its id, text and publication day, as a feed
 * gives them) under `work/in/<source>/near.jsonl`. Returns the cluster id by document id.
 */
export async function nearSetThroughPipeline(set: NearSet, work: string): Promise<Map<string, string>> {
  const bySource = new Map<string, string[]>();
  for (const d of set.docs) {
    const source = d.topic.split(':')[0];
    const lines = bySource.get(source) ?? [];
    lines.push(JSON.stringify({ id: d.docId, text: d.text, published: d.published }));
    bySource.set(source, lines);
  }
  for (const [source, lines] of bySource) {
    await mkdir(join(work, 'in', source), { recursive: true });
    await writeFile(join(work, 'in', source, 'near.jsonl'), lines.join('\n') + '\n');
  }
  const rows = await documentsThroughPipeline(join(work, 'in'), join(work, 'out'), 'record_id');
  return rows;
}

async function documentsThroughPipeline(input: string, output: string, key: 'source_path' | 'record_id', concurrency = 1): Promise<Map<string, string>> {
  const summary = await runPipeline({
    input, output, formats: ['parquet'], concurrency, log: silentLogger, stages: [...STAGE_ORDER],
  });
  if (summary.status === 'failed') throw new Error(`pipeline run failed: ${summary.error}`);
  const db = await (await DuckDBInstance.create(':memory:')).connect();
  try {
    const rows = (await db.runAndReadAll(`SELECT d.${key} AS k, x.cluster_id FROM read_parquet('${output}/parquet/*/documents/*.parquet') d
      JOIN read_parquet('${output}/parquet/*/dedupe/*.parquet') x USING (doc_id)`)).getRowObjectsJS();
    return new Map(rows.map((r) => [String(r.k), String(r.cluster_id)]));
  } finally {
    db.closeSync();
  }
}
