/**
 * The page's only script of our own: it runs in the browser (the function's source is written
 * into the page), compiles each chart's Vega-Lite spec with the one dataset it names and draws it
 * as SVG. The types below are the little of the DOM and of Vega the function touches.
 */
interface ChartHost {
  dataset: Record<string, string | undefined>;
  textContent: string | null;
  classList: { add(name: string): void };
}

interface ClientGlobals {
  document: {
    getElementById(id: string): { textContent: string | null } | null;
    querySelectorAll(selector: string): Iterable<ChartHost>;
    body: ChartHost;
  };
  vega: {
    View: new (runtime: unknown, options: { renderer: string; container: ChartHost; hover: boolean }) => { runAsync(): Promise<unknown> };
    parse(spec: unknown): unknown;
  };
  vegaLite: { compile(spec: unknown): { spec: unknown } };
  console: { error(...args: unknown[]): void };
}

type Spec = { data: { name: string } } & Record<string, unknown>;

export async function drawCharts(g: ClientGlobals): Promise<void> {
  const read = (id: string): Record<string, unknown> => JSON.parse(g.document.getElementById(id)?.textContent ?? '{}') as Record<string, unknown>;
  const datasets = read('report-data').datasets as Record<string, unknown[]>;
  const specs = read('report-charts') as Record<string, Spec>;
  let drawn = 0;
  let failed = 0;
  for (const host of g.document.querySelectorAll('[data-chart]')) {
    try {
      const spec = specs[host.dataset.chart ?? ''];
      const name = spec.data.name;
      const vegaSpec = g.vegaLite.compile({ ...spec, datasets: { [name]: datasets[name] } }).spec;
      await new g.vega.View(g.vega.parse(vegaSpec), { renderer: 'svg', container: host, hover: true }).runAsync();
      host.dataset.drawn = 'true';
      drawn++;
    } catch (err) {
      failed++;
      host.classList.add('failed');
      host.textContent = `This chart could not be drawn: ${String(err)}`;
      g.console.error(err);
    }
  }
  g.document.body.dataset.chartsDrawn = String(drawn);
  g.document.body.dataset.chartsFailed = String(failed);
}

/** The script element's body: the function above, called on the page's window. */
export function clientScript(): string {
  return `(${drawCharts.toString()})(window);`;
}
