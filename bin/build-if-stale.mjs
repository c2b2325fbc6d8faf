#!/usr/bin/env node
// `npm start` and `npm run eval|bench|train`: compile only when a source changed since the last
// build (tsc --incremental then recompiles what changed); with nothing changed, no tsc at all.
import { readdirSync, statSync, utimesSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist', '.tsbuildinfo');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p));
    else if (e.name.endsWith('.ts')) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

let built = 0;
try { built = statSync(stamp).mtimeMs; } catch { /* never built */ }
const sources = Math.max(...['pipeline', 'stages', 'bench'].map((d) => newest(join(root, d))), statSync(join(root, 'tsconfig.json')).mtimeMs, statSync(join(root, 'package-lock.json')).mtimeMs);
if (sources > built) {
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.json')], { stdio: 'inherit' });
  process.exitCode = tsc.status ?? 1;
  // tsc leaves its build info untouched when nothing it emits changed (a comment edit, a touch).
  if (tsc.status === 0) utimesSync(stamp, new Date(), new Date());
}
