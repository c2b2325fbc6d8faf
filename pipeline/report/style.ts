/** The page's style sheet: readable on a laptop screen, one column of sections, printable. */
export const STYLE = `
:root { --ink: #1d2733; --muted: #5f6b7a; --line: #e3e6ea; --head: #1d3557; --bg: #f5f6f8; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
header { background: var(--head); color: #fff; padding: 18px 0 14px; }
header .wrap, main, nav .wrap { max-width: 1100px; margin: 0 auto; padding: 0 20px; }
header h1 { margin: 0 0 4px; font-size: 22px; font-weight: 600; }
header p { margin: 0; color: #d7dde6; }
header code { color: #fff; }
nav { position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 1px solid var(--line); }
nav a { display: inline-block; padding: 8px 10px 8px 0; margin-right: 8px; color: var(--head); text-decoration: none; font-size: 13px; }
nav a:hover { text-decoration: underline; }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(120px, 1fr)); gap: 10px; margin: 16px 0 0; }
.kpi { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; }
.kpi .v { font-size: 22px; font-weight: 600; font-variant-numeric: tabular-nums; }
.kpi .l { color: var(--muted); font-size: 12px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 14px 20px 10px; margin: 16px 0; }
h2 { margin: 0 0 6px; font-size: 17px; }
h3 { margin: 10px 0 6px; font-size: 14px; }
p.lede { margin: 0 0 10px; color: var(--muted); }
p.note { background: #fff8e6; border-left: 3px solid #f58518; padding: 6px 10px; }
p.empty { color: var(--muted); font-style: italic; }
.muted { color: var(--muted); }
.grid2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(460px, 1fr)); gap: 8px 28px; align-items: start; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 8px 0; }
th, td { padding: 3px 6px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { font-weight: 600; color: var(--muted); font-size: 12px; }
.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td .sub { padding-left: 14px; color: var(--muted); }
table.clusters td.first { border-top: 2px solid #c9ced6; }
table.entities td:last-child { width: 116px; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.status { font-weight: 600; }
.status.failed { color: #d62728; }
.status.success_with_rejects { color: #b35900; }
.status.success { color: #2b7a2b; }
.chart { margin: 4px 0; overflow-x: auto; }
.chart svg { max-width: 100%; height: auto; }
.spark svg { display: block; }
.chart.failed { color: #d62728; }
.spark { line-height: 0; }
details.entity summary { cursor: pointer; }
details.entity ol { margin: 4px 0; padding-left: 20px; font-size: 12px; }
details.sql { margin: 4px 0 8px; }
details.sql summary { cursor: pointer; color: var(--muted); font-size: 12px; }
details.sql pre { background: #f3f4f6; border: 1px solid var(--line); padding: 8px 10px; overflow-x: auto; margin: 4px 0; }
footer { color: var(--muted); font-size: 12px; margin: 20px 0 40px; }
@media print {
  body { background: #fff; font-size: 11px; }
  header { background: none; color: var(--ink); padding: 0; }
  header p, header code { color: var(--ink); }
  nav, details.sql { display: none; }
  section { border: none; padding: 0; margin: 12px 0; break-inside: avoid-page; }
  .kpi { border-color: #ccc; }
  .grid2 { grid-template-columns: 1fr 1fr; }
  .chart { overflow: visible; }
}
`;
