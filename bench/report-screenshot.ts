/**
 * `node dist/bench/report-screenshot.js OUTPUT PNG [HEIGHT]`: builds the report of an output
 * directory and saves the top of it, as a laptop screen shows it, from headless Chromium. Made the
 * README's docs/report-bbc.png (an output of `news-etl run -i ../shared/data/news/bbc`).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { buildReportHtml } from '../pipeline/report/build.js';

const CHROMIUM = process.env.NEWS_ETL_CHROMIUM ?? '/usr/bin/chromium';
const WIDTH = 1280;

async function main(): Promise<void> {
  const [output, png, height = '1500'] = process.argv.slice(2);
  if (!output || !png) throw new Error('usage: node dist/bench/report-screenshot.js OUTPUT PNG [HEIGHT]');
  const dir = await mkdtemp(join(tmpdir(), 'news-etl-shot-'));
  try {
    const file = join(dir, 'report.html');
    await writeFile(file, await buildReportHtml({ output }));
    const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM, headless: true, viewport: { width: WIDTH, height: Number(height) },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await context.newPage();
      await page.goto(pathToFileURL(file).href);
      await page.waitForSelector('body[data-charts-drawn]');
      await page.screenshot({ path: png });
    } finally {
      await context.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
