/** The analyst's check before counting: the largest duplicate clusters, member by member. */
import type { ReportContext } from '../context.js';
import type { Row } from '../db.js';
import * as fmt from '../format.js';
import { emptyNote, esc, num, raw, section, sqlBlock, table } from '../html.js';
import { clusterSizesSql, clustersSql, duplicateMethodsSql, LIMITS, nearSimilaritySql } from '../queries.js';
import { clusterSizesSpec, nearSimilaritySpec } from '../specs.js';

const n = (v: unknown): number => Number(v ?? 0);

export async function duplicatesSection(ctx: ReportContext): Promise<string> {
  const sizes = await ctx.dataset('clusterSizes', clusterSizesSql(ctx.period));
  const near = await ctx.dataset('nearSimilarity', nearSimilaritySql(ctx.period));
  const methods = await ctx.dataset('duplicateMethods', duplicateMethodsSql(ctx.period));
  const members = await ctx.dataset('clusters', clustersSql(ctx.period));
  if (sizes.length === 0) return section('duplicates', 'Duplicate clusters', `${emptyNote('No duplicates in the period.')}${sqlBlock(ctx.sql.clusterSizes)}`);

  const clusters = sizes.reduce((t, r) => t + n(r.clusters), 0);
  const byMethod = methods.map((m) => `${esc(fmt.count(n(m.duplicates)))} ${esc(String(m.method))}`).join(', ');
  const lede = `${esc(fmt.count(clusters))} cluster${clusters === 1 ? '' : 's'} with more than one document; duplicates: ${byMethod}. `
    + `The ${LIMITS.clusters} largest below: the kept copy first, then its duplicates with their similarity to it.`;
  const charts = `<div class="grid2">
  <div><h3>Clusters by size</h3>${ctx.chart('clusterSizes', clusterSizesSpec())}${sqlBlock(ctx.sql.clusterSizes)}</div>
  <div><h3>Near duplicates by similarity</h3>${near.length ? ctx.chart('nearSimilarity', nearSimilaritySpec()) : emptyNote('All duplicates are exact copies.')}${sqlBlock(ctx.sql.nearSimilarity)}${sqlBlock(ctx.sql.duplicateMethods, 'SQL: duplicates by method')}</div>
</div>`;
  return section('duplicates', 'Duplicate clusters', `${charts}${clusterTable(members)}${sqlBlock(ctx.sql.clusters, 'SQL: largest clusters')}`, lede);
}

function clusterTable(members: Row[]): string {
  const rows = members.map((m, i) => {
    const first = i === 0 || members[i - 1].cluster_id !== m.cluster_id;
    const cluster = first ? raw(`<code>${esc(String(m.cluster_id))}</code><br><span class="muted">${esc(fmt.count(n(m.size)))} documents</span>`) : raw('');
    const role = m.is_duplicate ? raw(`${esc(String(m.method ?? ''))} ${esc(fmt.similarity(m.similarity as number | null))}`, true) : raw('<strong>kept</strong>', true);
    const row = [cluster, String(m.source), raw(`${esc(String(m.title ?? '(no title)'))}<br><code class="muted">${esc(String(m.source_path))}</code>`), String(m.published_date ?? '–'), role];
    return first ? row.map((c) => (typeof c === 'string' ? { html: esc(c), className: 'first' } : { ...c, className: 'first' })) : row;
  });
  return table(['cluster', 'source', 'title', 'published', num('similarity')], rows, 'clusters');
}
