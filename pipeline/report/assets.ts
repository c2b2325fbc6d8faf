/**
 * The charting library, inlined into every report so that it draws with no network: Vega and
 * Vega-Lite's minified browser builds, read from node_modules when a report is built.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface InlineScript { name: string; version: string; source: string }

const require = createRequire(import.meta.url);

function browserBuild(pkg: string, file: string): InlineScript {
  const build = dirname(require.resolve(pkg));
  const root = dirname(build);
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const license = readFileSync(join(root, 'LICENSE'), 'utf8').replace(/\*\//g, '* /');
  // Inside an inline <script>, "</script" (any case) would end the element.
  const code = readFileSync(join(build, file), 'utf8').replace(/<\/(script)/gi, '<\\/$1');
  return { name: pkg, version, source: `/*! ${pkg} ${version}\n${license}*/\n${code}` };
}

let cached: InlineScript[] | undefined;

/** Vega first: the Vega-Lite build expects the global `vega`. */
export function chartLibraries(): InlineScript[] {
  cached ??= [browserBuild('vega', 'vega.min.js'), browserBuild('vega-lite', 'vega-lite.min.js')];
  return cached;
}
