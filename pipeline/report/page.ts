/** The report as one HTML file: style, data, chart specs, the charting library and the drawing script inlined. */
import type { ReportContext } from './context.js';
import type { Row } from './db.js';
import { chartLibraries } from './assets.js';
import { clientScript } from './client.js';
import * as fmt from './format.js';
import { esc, scriptJson, sqlBlock } from './html.js';
import { STYLE } from './style.js';

export interface PageInfo {
  output: string;
  generatedAt: Date;
  overview: Row;
  standingRejects: number;
  runs: number;
}

const NAV: Array<[string, string]> = [
  ['last-run', 'Last run'], ['runs', 'Run over run'], ['per-day', 'Documents per day'], ['entities', 'Top entities'],
  ['duplicates', 'Duplicates'], ['languages-dates', 'Languages and dates'], ['rejects', 'Rejects'],
];

export function renderPage(ctx: ReportContext, info: PageInfo, sections: string[]): string {
  const p = ctx.period;
  const o = info.overview;
  const n = (v: unknown): number => Number(v ?? 0);
  const counted = (x: number, one: string, many: string): [string, string] => [fmt.count(x), x === 1 ? one : many];
  const kpis: Array<[string, string]> = [
    counted(n(o.documents), 'document', 'documents'),
    counted(n(o.stories), 'unique story', 'unique stories'),
    counted(n(o.duplicates), 'duplicate', 'duplicates'),
    counted(n(o.sources), 'source', 'sources'),
    [fmt.share(n(o.dated), n(o.documents)), 'with a publication date'],
    counted(info.standingRejects, 'reject standing', 'rejects standing'),
    counted(info.runs, 'run', 'runs'),
  ];
  const period = p.since ? `documents published since ${esc(p.since)} and runs started since then` : 'everything the output holds';
  const libs = chartLibraries();
  const title = `news-etl report${p.since ? ` since ${p.since}` : ''}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="news-etl report">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><div class="wrap">
<h1>${esc(title)}</h1>
<p>Output <code>${esc(info.output)}</code> · ${period}${o.first_published ? ` · published ${esc(String(o.first_published))} to ${esc(String(o.last_published))}` : ''} · built ${esc(fmt.timestamp(info.generatedAt.toISOString()))}</p>
</div></header>
<nav><div class="wrap">${NAV.map(([id, label]) => `<a href="#${id}">${esc(label)}</a>`).join('')}</div></nav>
<main>
<div class="kpis">${kpis.map(([v, l]) => `<div class="kpi"><div class="v">${esc(v)}</div><div class="l">${esc(l)}</div></div>`).join('')}</div>
${sqlBlock(ctx.sql.overview, 'SQL: the documents figures above (rejects and runs: see their sections)')}
${sections.join('\n')}
<footer>Every figure comes from the SQL shown under it, over the views of <code>${esc(info.output)}/load.sql</code> (current rows):
<code>duckdb -init ${esc(info.output)}/load.sql</code>, then paste the query. Charts drawn by ${libs.map((l) => `${esc(l.name)} ${esc(l.version)}`).join(' and ')}, inlined.</footer>
</main>
<script type="application/json" id="report-data">${scriptJson({ period: p, datasets: ctx.datasets, sql: ctx.sql })}</script>
<script type="application/json" id="report-charts">${scriptJson(ctx.charts)}</script>
${libs.map((l) => `<script>${l.source}</script>`).join('\n')}
<script>${clientScript()}</script>
</body>
</html>
`;
}
