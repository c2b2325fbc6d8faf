/**
 * Opens a report file in headless Chromium (Debian's `chromium`, driven by playwright-core) the
 * way a person opens an attachment: from a file:// URL, with every network request recorded and
 * refused, console errors collected, and a full-page screenshot saved.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.NEWS_ETL_CHROMIUM ?? '/usr/bin/chromium';

const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export interface ChartState { id: string; drawn: boolean; marks: number; width: number; height: number }

export interface RenderedReport {
  consoleErrors: string[];
  /** Every request the page made other than loading the report file itself. */
  requests: string[];
  charts: ChartState[];
  chartsDrawn: number;
  chartsFailed: number;
  /** The page's own data: the period it covers, every dataset its figures show, and their SQL. */
  data: {
    period: { since?: string; focusRun?: string; window: { start: string; end: string; bucket: string } };
    datasets: Record<string, Array<Record<string, unknown>>>;
    sql: Record<string, string>;
  };
  /** Text of the page as a person sees it. */
  text: string;
}

export function chromiumMissing(): string | undefined {
  return existsSync(CHROMIUM) ? undefined : `${CHROMIUM} not found: install Debian's chromium (\`apt-get install -y chromium\`; .ci/run does it)`;
}

export async function renderReport(file: string, screenshot: string, viewport = { width: 1366, height: 900 }): Promise<RenderedReport> {
  const missing = chromiumMissing();
  if (missing) throw new Error(missing);
  const profile = await mkdtemp(join(tmpdir(), 'news-etl-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport, timeout: 60_000 });
  try {
    const url = pathToFileURL(file).href;
    const requests = new Set<string>();
    const consoleErrors: string[] = [];
    // Recorded as the browser issues them, refused before anything goes out.
    context.on('request', (r) => { if (r.url() !== url) requests.add(r.url()); });
    await context.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
    const page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    await page.waitForSelector('body[data-charts-drawn]', { timeout: 60_000 });
    const state = await page.evaluate(() => {
      const body = document.body;
      const charts = [...document.querySelectorAll<HTMLElement>('[data-chart]')].map((el) => {
        const svg = el.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        return { id: el.dataset.chart ?? '', drawn: el.dataset.drawn === 'true', marks: el.querySelectorAll('g.role-mark > *').length, width: box?.width ?? 0, height: box?.height ?? 0 };
      });
      return {
        charts, chartsDrawn: Number(body.dataset.chartsDrawn), chartsFailed: Number(body.dataset.chartsFailed),
        data: JSON.parse(document.getElementById('report-data')?.textContent ?? '{}'), text: body.innerText,
      };
    });
    await mkdir(dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot, fullPage: true });
    return { consoleErrors, requests: [...requests], ...state };
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}
