/**
 * Mozilla's Readability.js (reader view) run with jsdom on the same decoded pages as our HTML
 * path: the side-by-side baseline of the boilerplate eval. Its article HTML is turned into text
 * by our own block parser (blocks joined by blank lines), as the gold's expected text was made
 * from Readability's expected HTML. jsdom is slow (well under 1 MB/s), so results are cached per
 * page under node_modules/.cache/, keyed by the page's hash and the library versions; a run with
 * an empty cache takes many minutes.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { parseHtml, visibleText } from '../stages/html/parse.js';
import { REPO_ROOT } from './paths.js';

export interface ReadabilityResult {
  /** Article text ('' when Readability found no article). */
  text: string;
  title?: string;
  /** Time jsdom + Readability took on the page. */
  ms: number;
}

const require = createRequire(import.meta.url);
const VERSIONS = ['@mozilla/readability', 'jsdom'].map((p) => `${p}@${(require(`${p}/package.json`) as { version: string }).version}`).join(' ');
const CACHE_FILE = join(REPO_ROOT, 'node_modules', '.cache', 'news-etl', 'readability-js.json');
const SAVE_EVERY = 20;

type Cache = Record<string, ReadabilityResult>;

export class ReadabilityRunner {
  private readonly cache: Cache;
  private unsaved = 0;
  computed = 0;

  constructor() {
    this.cache = existsSync(CACHE_FILE) ? (JSON.parse(readFileSync(CACHE_FILE, 'utf8')) as Cache) : {};
  }

  run(html: string, url: string | undefined): ReadabilityResult {
    const key = createHash('sha1').update(VERSIONS).update('\0').update(url ?? '').update('\0').update(html).digest('hex');
    const hit = this.cache[key];
    if (hit) return hit;
    const result = runReadability(html, url);
    this.cache[key] = result;
    this.computed++;
    if (++this.unsaved >= SAVE_EVERY) this.save();
    return result;
  }

  /** Writes the cache, merged with what other processes saved meanwhile (several may fill it at once). */
  save(): void {
    if (this.unsaved === 0) return;
    mkdirSync(dirname(CACHE_FILE), { recursive: true });
    const onDisk = existsSync(CACHE_FILE) ? (JSON.parse(readFileSync(CACHE_FILE, 'utf8')) as Cache) : {};
    for (const [key, value] of Object.entries(onDisk)) this.cache[key] ??= value;
    const tmp = `${CACHE_FILE}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.cache));
    renameSync(tmp, CACHE_FILE);
    this.unsaved = 0;
  }
}

function runReadability(html: string, url: string | undefined): ReadabilityResult {
  const start = performance.now();
  let text = '';
  let title: string | undefined;
  try {
    const dom = new JSDOM(html, { url: url ?? 'https://example.org/', virtualConsole: new VirtualConsole() });
    const article = new Readability(dom.window.document).parse();
    dom.window.close();
    if (article?.content) text = visibleText(parseHtml(article.content));
    title = article?.title ?? undefined;
  } catch {
    // jsdom or Readability failed on the page: it extracted nothing.
  }
  return { text, title, ms: performance.now() - start };
}

/**
 * `node dist/bench/readability-js.js [COLLECTION...] [--reverse]`: fills the cache for the page
 * collections (all by default; the eval does it too, page by page). Several may run at once.
 */
async function fillCache(args: string[]): Promise<void> {
  const { COLLECTIONS, loadCollection } = await import('./eval-pages.js');
  const runner = new ReadabilityRunner();
  const chosen = COLLECTIONS.filter((c) => args.includes(c));
  for (const collection of chosen.length ? chosen : COLLECTIONS) {
    const pages = loadCollection(collection);
    if (args.includes('--reverse')) pages.reverse();
    for (const page of pages) if (page.html) runner.run(page.html, page.url);
    runner.save();
    process.stderr.write(`${collection}: ${runner.computed} pages computed so far\n`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) void fillCache(process.argv.slice(2));
