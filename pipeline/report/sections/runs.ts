/** The operator's view: the funnel of the run in focus and of the period, stage by stage, and run over run. */
import type { ReportContext } from '../context.js';
import type { Row } from '../db.js';
import * as fmt from '../format.js';
import { emptyNote, esc, num, raw, section, sqlBlock, table } from '../html.js';
import { funnelRejectsSql, LIMITS, periodFunnelSql, runFunnelSql, runStripSql, stagesSql } from '../queries.js';
import { funnelSpec, runStripSpec, stageTimeSpec } from '../specs.js';

interface FunnelStep { key: string; step: string; kind: 'files' | 'documents' | 'lost' | 'duplicates' | 'kept' }

const STEPS: FunnelStep[] = [
  { key: 'files_seen', step: 'Files seen', kind: 'files' },
  { key: 'files_skipped', step: 'Unchanged, skipped', kind: 'files' },
  { key: 'files_processed', step: 'Files read', kind: 'files' },
  { key: 'documents_read', step: 'Documents read', kind: 'documents' },
  { key: 'rejects', step: 'Rejected', kind: 'lost' },
  { key: 'documents_written', step: 'Documents written', kind: 'documents' },
  { key: 'duplicates', step: 'Duplicates', kind: 'duplicates' },
  { key: 'unique_documents', step: 'Unique documents', kind: 'kept' },
];

const n = (v: unknown): number => Number(v ?? 0);

export async function runsSections(ctx: ReportContext): Promise<string> {
  const focus = ctx.period.focusRun;
  if (!focus) return section('last-run', 'Last run', emptyNote('No run is recorded in this output yet.'));
  return (await funnelSection(ctx, focus)) + (await stripSection(ctx, focus));
}

async function funnelSection(ctx: ReportContext, focus: string): Promise<string> {
  const [run] = await ctx.dataset('runFunnel', runFunnelSql(focus));
  const [period] = await ctx.dataset('periodFunnel', periodFunnelSql(ctx.period));
  const stages = await ctx.dataset('stages', stagesSql(ctx.period, focus));
  const rejects = await ctx.dataset('funnelRejects', funnelRejectsSql(ctx.period, focus));
  ctx.datasets.funnel = STEPS.map((s) => ({ step: s.step, kind: s.kind, count: n(run[s.key]) }));
  ctx.sql.funnel = ctx.sql.runFunnel;

  const runs = n(period.runs);
  const status = `<span class="status ${esc(String(run.status))}">${esc(String(run.status).replace(/_/g, ' '))}</span>`;
  const lede = `Run <code>${esc(focus)}</code> (${esc(String(run.mode).replace(/_/g, ' '))}), started ${esc(fmt.timestamp(String(run.started_at)))}, `
    + `took ${esc(fmt.duration(n(run.duration_ms)))}: ${status}.`
    + (run.error ? ` Error: <code>${esc(String(run.error))}</code>` : '')
    + ` The period column sums the ${esc(fmt.count(runs))} run${runs === 1 ? '' : 's'} of the period${n(period.failed_runs) ? `, ${esc(fmt.count(n(period.failed_runs)))} of them failed` : ''}.`;

  const funnelRows = STEPS.flatMap((s) => {
    const row = [s.step, num(fmt.count(n(run[s.key]))), num(fmt.count(n(period[s.key])))];
    if (s.key !== 'rejects') return [row];
    return [row, ...rejects.map((r) => [raw(`<span class="sub">${esc(String(r.stage))}: ${esc(String(r.reason))}</span>`), num(fmt.count(n(r.run_rejects))), num(fmt.count(n(r.period_rejects)))])];
  });
  funnelRows.push(['Earlier rows superseded', num(fmt.count(n(run.superseded))), num(fmt.count(n(period.superseded)))]);
  funnelRows.push(['Files gone since the run before', num(fmt.count(n(run.files_deleted))), num(fmt.count(n(period.files_deleted)))]);
  funnelRows.push(['Duration', num(fmt.duration(n(run.duration_ms))), num(fmt.duration(n(period.duration_ms)))]);
  const funnelTable = table(['', num('this run'), num(`period (${fmt.count(runs)} runs)`)], funnelRows, 'funnel');

  const runMs = stages.reduce((t, s) => t + n(s.run_ms), 0);
  const stageTable = table(
    ['stage', num('in'), num('out'), num('rejected'), num('time'), num('share'), num('period time')],
    stages.map((s: Row) => [String(s.stage), num(fmt.count(n(s.run_docs_in))), num(fmt.count(n(s.run_docs_out))), num(fmt.count(n(s.run_rejected))),
      num(fmt.duration(n(s.run_ms))), num(fmt.share(n(s.run_ms), runMs)), num(fmt.duration(n(s.period_ms)))]),
  );
  const body = `<div class="grid2">
  <div>${ctx.chart('funnel', funnelSpec(STEPS.map((s) => s.step)))}${funnelTable}${sqlBlock(ctx.sql.runFunnel, 'SQL: this run')}${sqlBlock(ctx.sql.periodFunnel, 'SQL: period')}${sqlBlock(ctx.sql.funnelRejects, 'SQL: rejected by reason')}</div>
  <div>${stages.length ? ctx.chart('stageTime', stageTimeSpec(stages.length)) : ''}${stageTable}${sqlBlock(ctx.sql.stages, 'SQL: stages')}</div>
</div>`;
  return section('last-run', 'Last run and the period', body, lede);
}

const FIGURES = [['documents_written', 'documents'], ['rejects', 'rejects'], ['duration_ms', 'duration']] as const;

async function stripSection(ctx: ReportContext, focus: string): Promise<string> {
  const runs = await ctx.dataset('runStrip', runStripSql(ctx.period));
  const flagged = runs.filter((r) => r.status === 'failed' || FIGURES.some(([f]) => r[`${f}_abnormal`] === true));
  const value = (r: Row, f: string): string => (f === 'duration_ms' ? fmt.duration(n(r[f])) : fmt.count(n(r[f])));
  const flaggedTable = flagged.length === 0 ? '' : table(
    ['run', 'started', 'status', 'what stands out'],
    flagged.map((r) => [raw(`<code>${esc(String(r.run_id))}</code>`), fmt.timestamp(String(r.started_at)), String(r.status).replace(/_/g, ' '),
      FIGURES.filter(([f]) => r[`${f}_abnormal`] === true).map(([f, label]) => `${label} ${value(r, f)}`).join(', ') || 'failed']),
  );
  const lede = runs.length < 5
    ? `${fmt.count(runs.length)} run${runs.length === 1 ? '' : 's'} in the period: runs are judged abnormal from 5 on.`
    : `${fmt.count(runs.length)} runs${runs.length === LIMITS.runStrip ? ' (the latest)' : ''}. A figure far from the period's median (modified z-score over 3.5) is orange, a failed run red, run <code>${esc(focus)}</code> dark.`
      + (flagged.length ? ` ${fmt.count(flagged.length)} run${flagged.length === 1 ? '' : 's'} stand${flagged.length === 1 ? 's' : ''} out:` : ' None stands out.');
  return section('runs', 'Run over run', `${ctx.chart('runStrip', runStripSpec(focus, runs.length))}${flaggedTable}${sqlBlock(ctx.sql.runStrip)}`, lede);
}
