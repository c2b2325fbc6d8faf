/** Who and what the period's stories are about: top entities per type, each story counted once. */
import type { ReportContext } from '../context.js';
import type { Row } from '../db.js';
import * as fmt from '../format.js';
import { emptyNote, esc, num, raw, section, sqlBlock, table } from '../html.js';
import { entityBucketsSql, entityDocumentsSql, LIMITS, topEntitiesSql } from '../queries.js';
import { sparklineSpec } from '../specs.js';

const TYPE_TITLES: Record<string, string> = { PERSON: 'People', ORG: 'Organisations', PLACE: 'Places', MONEY: 'Amounts of money' };
const TYPE_ORDER = Object.keys(TYPE_TITLES);

const n = (v: unknown): number => Number(v ?? 0);
const key = (r: Row): string => `${String(r.entity_type)}\u0000${String(r.entity_id)}`;

export async function entitiesSection(ctx: ReportContext): Promise<string> {
  const w = ctx.period.window;
  const top = await ctx.dataset('topEntities', topEntitiesSql(ctx.period));
  const buckets = w ? await ctx.dataset('entityBuckets', entityBucketsSql(ctx.period, w)) : [];
  const documents = await ctx.dataset('entityDocuments', entityDocumentsSql(ctx.period));
  if (top.length === 0) return section('entities', 'Top entities', emptyNote('No entity was found in the period’s stories.'));

  const dated = new Set(buckets.map(key));
  const docsOf = new Map<string, Row[]>();
  for (const d of documents) docsOf.set(key(d), [...(docsOf.get(key(d)) ?? []), d]);
  const types = [...new Set(top.map((r) => String(r.entity_type)))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  let sparkline = 0;
  const tables = types.map((type) => {
    const rows = top.filter((r) => r.entity_type === type).map((r) => [
      raw(entityCell(r, docsOf.get(key(r)) ?? [])),
      num(fmt.count(n(r.stories))),
      num(fmt.count(n(r.mentions))),
      raw(w && dated.has(key(r)) ? ctx.chart(`spark${sparkline++}`, sparklineSpec(type, String(r.entity_id), w), 'spark') : '<span class="muted">no dated story</span>'),
    ]);
    return `<div><h3>${esc(TYPE_TITLES[type] ?? type)}</h3>${table(['', num('stories'), num('mentions'), w ? `per ${w.bucket}` : ''], rows, 'entities')}</div>`;
  });
  const lede = `The ${LIMITS.entities} entities of each type found in the most stories of the period; a story and its duplicates count once. `
    + 'Open a name for the latest stories that mention it.';
  const body = `<div class="grid2">${tables.join('')}</div>${sqlBlock(ctx.sql.topEntities)}${w ? sqlBlock(ctx.sql.entityBuckets, 'SQL: stories per bucket (sparklines)') : ''}${sqlBlock(ctx.sql.entityDocuments, 'SQL: stories listed per entity')}`;
  return section('entities', 'Top entities', body, lede);
}

const rank = (type: string): number => (TYPE_ORDER.includes(type) ? TYPE_ORDER.indexOf(type) : TYPE_ORDER.length);

function entityCell(r: Row, docs: Row[]): string {
  const items = docs.map((d) => {
    const title = esc(String(d.title ?? d.source_path));
    const link = typeof d.url === 'string' && /^https?:\/\//.test(d.url) ? `<a href="${esc(d.url)}" rel="noreferrer noopener">${title}</a>` : title;
    return `<li>${link} <span class="muted">${esc(String(d.source))} · ${esc(String(d.published_date ?? 'undated'))} · <code>${esc(String(d.source_path))}</code></span></li>`;
  });
  const more = n(r.stories) > docs.length ? `<p class="muted">and ${esc(fmt.count(n(r.stories) - docs.length))} more (SQL below, with this entity_id).</p>` : '';
  return `<details class="entity"><summary>${esc(fmt.entityName(String(r.entity_type), String(r.entity)))}</summary><p class="muted"><code>${esc(String(r.entity))}</code> · entity_id <code>${esc(String(r.entity_id))}</code></p><ol>${items.join('')}</ol>${more}</details>`;
}
