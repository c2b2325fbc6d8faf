/** The editor's view of the period: documents per publication day and source, languages, dates the stories mention. */
import type { ReportContext } from '../context.js';
import * as fmt from '../format.js';
import { emptyNote, esc, section, sqlBlock } from '../html.js';
import { datesMentionedSql, languagesSql, perBucketSql, undatedSql } from '../queries.js';
import { datesMentionedSpec, languagesSpec, perBucketSpec } from '../specs.js';

const n = (v: unknown): number => Number(v ?? 0);

export async function documentsSection(ctx: ReportContext): Promise<string> {
  const w = ctx.period.window;
  const perBucket = w ? await ctx.dataset('perBucket', perBucketSql(ctx.period, w)) : [];
  const apart = await ctx.dataset('undated', undatedSql(ctx.period, w));
  const undated = apart.reduce((t, r) => t + n(r.undated), 0);
  const earlier = apart.reduce((t, r) => t + n(r.earlier), 0);
  const notes: string[] = [];
  const bySource = (key: 'undated' | 'earlier'): string => apart.filter((r) => n(r[key]) > 0).slice(0, 6)
    .map((r) => `${esc(String(r.source))} ${esc(fmt.count(n(r[key])))}`).join(', ');
  if (undated) notes.push(`<strong>${esc(fmt.count(undated))}</strong> document${undated === 1 ? ' has' : 's have'} no publication date and ${undated === 1 ? 'is' : 'are'} not charted; by source: ${bySource('undated')}.`);
  if (earlier && w) notes.push(`<strong>${esc(fmt.count(earlier))}</strong> document${earlier === 1 ? ' is' : 's are'} dated before ${esc(w.start)}, far from the rest (archive pages or misread dates); by source: ${bySource('earlier')}.`);
  const chart = w && perBucket.length
    ? ctx.chart('perBucket', perBucketSpec(w))
    : emptyNote('No document of the period has a publication date.');
  const lede = w ? `Publication ${w.bucket}s from ${esc(w.start)} to ${esc(w.end)}, every current document (duplicates included), stacked by source.` : '';
  const body = `${chart}${notes.length ? `<p class="note">${notes.join(' ')}</p>` : ''}${w ? sqlBlock(ctx.sql.perBucket) : ''}${sqlBlock(ctx.sql.undated, 'SQL: documents shown apart')}`;
  return section('per-day', `Documents per ${w?.bucket ?? 'day'} and source`, body, lede);
}

export async function languagesAndDatesSection(ctx: ReportContext): Promise<string> {
  const withConfidence = (await ctx.db.columns('documents')).has('language_confidence');
  const languages = await ctx.dataset('languages', languagesSql(ctx.period, withConfidence));
  const dates = await ctx.dataset('datesMentioned', datesMentionedSql(ctx.period));
  const left = `<h3>Languages</h3>${languages.length ? ctx.chart('languages', languagesSpec(languages.length)) : emptyNote('No documents in the period.')}${sqlBlock(ctx.sql.languages)}`;
  const right = `<h3>Dates most mentioned in the stories</h3>${dates.length ? ctx.chart('datesMentioned', datesMentionedSpec(dates.length)) : emptyNote('No date expressions in the period’s stories.')}${sqlBlock(ctx.sql.datesMentioned)}`;
  return section('languages-dates', 'Languages and dates mentioned', `<div class="grid2"><div>${left}</div><div>${right}</div></div>`,
    'Languages of every current document; dates counted once per story (duplicates left out).');
}
