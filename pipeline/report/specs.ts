/**
 * The report's charts as Vega-Lite specs. Each names the dataset it draws (`data.name`); the page
 * carries every dataset once and the browser attaches the one a chart needs before compiling it.
 */
import type { TopLevelSpec } from 'vega-lite';
import { chartDomain, type DateWindow } from './period.js';

export const COLORS = {
  normal: '#4c78a8', focus: '#1d3557', abnormal: '#f58518', failed: '#d62728',
  files: '#9ecae9', documents: '#4c78a8', lost: '#d62728', duplicates: '#f58518', kept: '#54a24b',
} as const;

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
/** Whole numbers with thousands separators, as everywhere on the page. */
const COUNT = ',d';

const config = {
  font: FONT,
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal' as const, titleColor: '#555', labelColor: '#333', gridColor: '#eee' },
  legend: { labelFontSize: 11, titleFontSize: 11 },
  title: { fontSize: 13, anchor: 'start' as const, fontWeight: 'normal' as const },
};

function spec(dataset: string, body: Record<string, unknown>): TopLevelSpec {
  return { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', data: { name: dataset }, config, ...body } as TopLevelSpec;
}

/** Counts are whole: no tick between two integers. Vega's default tick labels group thousands. */
const countAxis = (title: string) => ({ title, tickMinStep: 1 });

/** Horizontal bars with the value written at the end of each bar. */
function labelledBars(opts: { y: string; yTitle: string | null; x: string; xTitle: string; sort: unknown; color: Record<string, unknown>; width: number; rowHeight: number; rows: number; tooltip: unknown[] }): Record<string, unknown> {
  return {
    width: opts.width,
    height: Math.max(40, opts.rows * opts.rowHeight),
    encoding: {
      y: { field: opts.y, type: 'nominal', sort: opts.sort, title: opts.yTitle, axis: { labelLimit: 220 } },
      x: { field: opts.x, type: 'quantitative', axis: countAxis(opts.xTitle) },
      tooltip: opts.tooltip,
    },
    layer: [
      { mark: { type: 'bar', cornerRadiusEnd: 2 }, encoding: { color: opts.color } },
      { mark: { type: 'text', align: 'left', dx: 3, fontSize: 11, color: '#333' }, encoding: { text: { field: opts.x, type: 'quantitative', format: COUNT } } },
    ],
  };
}

/** `steps`: the funnel's labels, top to bottom. */
export function funnelSpec(steps: string[]): TopLevelSpec {
  const kinds = ['files', 'documents', 'lost', 'duplicates', 'kept'] as const;
  return spec('funnel', labelledBars({
    y: 'step', yTitle: null, x: 'count', xTitle: 'files or documents', sort: steps, width: 420, rowHeight: 22, rows: steps.length,
    color: { field: 'kind', type: 'nominal', legend: null, scale: { domain: [...kinds], range: kinds.map((k) => COLORS[k]) } },
    tooltip: [{ field: 'step', title: 'step' }, { field: 'count', type: 'quantitative', format: COUNT, title: 'count' }],
  }));
}

export function stageTimeSpec(rows: number): TopLevelSpec {
  return spec('stages', {
    width: 420,
    height: Math.max(40, rows * 22),
    transform: [{ calculate: 'datum.run_ms / 1000', as: 'seconds' }],
    mark: { type: 'bar', cornerRadiusEnd: 2, color: COLORS.normal },
    encoding: {
      y: { field: 'stage', type: 'nominal', sort: null, title: null },
      x: { field: 'seconds', type: 'quantitative', title: 'seconds (summed over lanes)' },
      tooltip: [
        { field: 'stage' }, { field: 'seconds', type: 'quantitative', format: ',.2f', title: 'seconds' },
        { field: 'run_docs_in', type: 'quantitative', format: COUNT, title: 'documents in' },
        { field: 'run_docs_out', type: 'quantitative', format: COUNT, title: 'documents out' },
      ],
    },
  });
}

/** Documents, rejects and duration per run; failed, abnormal and the focus run coloured apart. */
export function runStripSpec(focusRun: string | undefined, runs: number): TopLevelSpec {
  // One step per run: a lone run stays a slim bar, 200 runs still fit the page.
  const step = Math.max(4, Math.min(24, Math.floor(1000 / Math.max(1, runs))));
  const flag = (figure: string): string => `datum.status === 'failed' ? 'failed' : datum.${figure}_abnormal ? 'abnormal' : datum.run_id === ${JSON.stringify(focusRun ?? '')} ? 'this run' : 'normal'`;
  const color = {
    field: 'flag', type: 'nominal', title: null,
    scale: { domain: ['normal', 'this run', 'abnormal', 'failed'], range: [COLORS.normal, COLORS.focus, COLORS.abnormal, COLORS.failed] },
    legend: { orient: 'top', direction: 'horizontal' },
  };
  const row = (figure: string, title: string, last: boolean): Record<string, unknown> => ({
    width: { step },
    height: 70,
    transform: [
      { calculate: flag(figure), as: 'flag' },
      { calculate: figure === 'duration_ms' ? 'datum.duration_ms / 1000' : `datum.${figure}`, as: 'value' },
    ],
    mark: { type: 'bar', cornerRadiusEnd: 1 },
    encoding: {
      x: {
        field: 'started_at', type: 'ordinal', sort: 'ascending', title: null,
        axis: last ? { labelExpr: "utcFormat(toDate(datum.value), '%b %d %H:%M')", labelAngle: -45, labelOverlap: true } : { labels: false, ticks: false },
      },
      y: { field: 'value', type: 'quantitative', title, axis: { tickCount: 3, tickMinStep: figure === 'duration_ms' ? undefined : 1 } },
      color,
      tooltip: [
        { field: 'run_id', title: 'run' }, { field: 'status' }, { field: 'mode' },
        { field: 'documents_written', type: 'quantitative', format: COUNT, title: 'documents' },
        { field: 'rejects', type: 'quantitative', format: COUNT },
        { field: 'duration_ms', type: 'quantitative', format: COUNT, title: 'duration ms' },
      ],
    },
  });
  return spec('runStrip', {
    vconcat: [
      row('documents_written', 'documents', false),
      row('rejects', 'rejects', false),
      row('duration_ms', 'seconds', true),
    ],
    spacing: 6,
    resolve: { scale: { color: 'shared' } },
  });
}

const BUCKET_TITLE = { day: 'day', week: 'week (from Monday)', month: 'month' } as const;

/** Bars span their bucket (x to x2) on a UTC time scale, so days, weeks and months all draw true. */
export function perBucketSpec(w: DateWindow): TopLevelSpec {
  return spec('perBucket', {
    width: 1000,
    height: 260,
    mark: { type: 'bar', orient: 'vertical', stroke: 'white', strokeWidth: 0.3 },
    encoding: {
      x: {
        field: 'bucket_start', type: 'temporal', scale: { type: 'utc', domain: chartDomain(w) }, title: `publication ${BUCKET_TITLE[w.bucket]}`,
        axis: { format: w.bucket === 'month' ? '%b %Y' : '%b %d, %Y', labelOverlap: true, ...(w.bucket === 'day' ? { tickCount: { interval: 'day', step: 1 } } : {}) },
      },
      x2: { field: 'bucket_end' },
      y: { aggregate: 'sum', field: 'documents', type: 'quantitative', stack: 'zero', axis: countAxis('documents') },
      color: { field: 'source', type: 'nominal', title: 'source', scale: { scheme: 'tableau10' } },
      order: { field: 'source' },
      tooltip: [
        { field: 'bucket_start', type: 'temporal', timeUnit: 'utcyearmonthdate', title: w.bucket },
        { field: 'source' },
        { aggregate: 'sum', field: 'documents', type: 'quantitative', format: COUNT, title: 'documents' },
      ],
    },
  });
}

/** A tiny bar chart of one entity's stories per bucket, on the period's common time axis. */
export function sparklineSpec(entityType: string, entityId: string, w: DateWindow): TopLevelSpec {
  return spec('entityBuckets', {
    width: 110,
    height: 22,
    padding: 1,
    transform: [{ filter: { and: [{ field: 'entity_type', equal: entityType }, { field: 'entity_id', equal: entityId }] } }],
    mark: { type: 'bar', orient: 'vertical', color: COLORS.normal },
    encoding: {
      x: { field: 'bucket_start', type: 'temporal', scale: { type: 'utc', domain: chartDomain(w) }, axis: null },
      x2: { field: 'bucket_end' },
      y: { field: 'stories', type: 'quantitative', axis: null },
      tooltip: [
        { field: 'bucket_start', type: 'temporal', timeUnit: 'utcyearmonthdate', title: w.bucket },
        { field: 'stories', type: 'quantitative', format: COUNT },
      ],
    },
  });
}

export function clusterSizesSpec(): TopLevelSpec {
  return spec('clusterSizes', {
    width: { step: 36 },
    height: 180,
    encoding: {
      x: { field: 'size', type: 'ordinal', title: 'documents in the cluster', axis: { labelAngle: 0 } },
      y: { field: 'clusters', type: 'quantitative', axis: countAxis('clusters') },
      tooltip: [{ field: 'size', title: 'cluster size' }, { field: 'clusters', type: 'quantitative', format: COUNT }, { field: 'duplicates', type: 'quantitative', format: COUNT }],
    },
    layer: [
      { mark: { type: 'bar', color: COLORS.duplicates } },
      { mark: { type: 'text', dy: -6, fontSize: 11 }, encoding: { text: { field: 'clusters', type: 'quantitative', format: COUNT } } },
    ],
  });
}

export function nearSimilaritySpec(): TopLevelSpec {
  return spec('nearSimilarity', {
    width: 380,
    height: 180,
    mark: { type: 'bar', orient: 'vertical', color: COLORS.duplicates, stroke: 'white', strokeWidth: 0.5 },
    encoding: {
      x: { field: 'similarity_from', type: 'quantitative', title: 'similarity to the kept copy (estimated Jaccard)', scale: { domain: [0.5, 1] }, axis: { format: '.2f' } },
      x2: { field: 'similarity_to' },
      y: { field: 'duplicates', type: 'quantitative', axis: countAxis('near duplicates') },
      tooltip: [{ field: 'similarity_from', title: 'from', format: '.2f' }, { field: 'similarity_to', title: 'to', format: '.2f' }, { field: 'duplicates', type: 'quantitative', format: COUNT }],
    },
  });
}

export function languagesSpec(rows: number): TopLevelSpec {
  return spec('languages', labelledBars({
    y: 'language', yTitle: null, x: 'documents', xTitle: 'documents', sort: null, width: 380, rowHeight: 20, rows,
    color: { value: COLORS.normal },
    tooltip: [{ field: 'language' }, { field: 'documents', type: 'quantitative', format: COUNT }],
  }));
}

export function datesMentionedSpec(rows: number): TopLevelSpec {
  return spec('datesMentioned', labelledBars({
    y: 'value', yTitle: null, x: 'stories', xTitle: 'stories mentioning it', sort: null, width: 380, rowHeight: 18, rows,
    color: { field: 'granularity', type: 'nominal', title: 'granularity', scale: { scheme: 'set2' }, legend: { orient: 'bottom', direction: 'horizontal' } },
    tooltip: [{ field: 'value', title: 'date' }, { field: 'granularity' }, { field: 'stories', type: 'quantitative', format: COUNT }, { field: 'mentions', type: 'quantitative', format: COUNT }],
  }));
}

export function rejectsSpec(rows: number): TopLevelSpec {
  return spec('rejects', labelledBars({
    y: 'reason', yTitle: null, x: 'rejects', xTitle: 'rejects', sort: null, width: 420, rowHeight: 22, rows,
    color: { field: 'stage', type: 'nominal', title: 'stage', scale: { scheme: 'set1' }, legend: { orient: 'bottom', direction: 'horizontal' } },
    tooltip: [{ field: 'reason' }, { field: 'stage' }, { field: 'rejects', type: 'quantitative', format: COUNT }],
  }));
}
