/** What could not be read or processed and still is not: counts by reason, with example paths. */
import type { ReportContext } from '../context.js';
import * as fmt from '../format.js';
import { emptyNote, esc, num, raw, section, sqlBlock, table } from '../html.js';
import { rejectsSql } from '../queries.js';
import { rejectsSpec } from '../specs.js';

export async function rejectsSection(ctx: ReportContext): Promise<string> {
  const rejects = await ctx.dataset('rejects', rejectsSql(ctx.period));
  if (rejects.length === 0) return section('rejects', 'Rejects', `${emptyNote('No rejects stand in the period.')}${sqlBlock(ctx.sql.rejects)}`);
  const rows = rejects.map((r) => [
    String(r.reason), String(r.stage), num(fmt.count(Number(r.rejects))),
    raw(`${(r.examples as string[]).map((p) => `<code>${esc(p)}</code>`).join('<br>')}<br><span class="muted">${esc(String(r.example_detail ?? ''))}</span>`),
  ]);
  const lede = 'Rejects of the period’s runs whose input has not been fixed since (a later run of the file supersedes them). Reason codes are listed in the README.';
  const body = `<div class="grid2"><div>${ctx.chart('rejects', rejectsSpec(new Set(rejects.map((r) => r.reason)).size))}</div>`
    + `<div>${table(['reason', 'stage', num('rejects'), 'examples'], rows, 'rejects')}</div></div>${sqlBlock(ctx.sql.rejects)}`;
  return section('rejects', 'Rejects', body, lede);
}
