/**
 * A published run folder lists its own files: `<format>/run-<run>/manifest.json` (sealed), each
 * file with the size the commit published. Loading the state checks every committed run's files
 * against it, so a part cut short or overwritten is reported instead of served.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { writeFileAtomic } from './fsutil.js';
import { checkPublishedFile, seal, StateError, unseal } from './integrity.js';
import { MANIFEST_FILE, publishedRunDir } from './layout.js';
import type { OutputFormat } from './writers/types.js';

const MANIFEST = { format: 'news-etl-manifest', version: 1 };

interface ManifestBody {
  runId: string;
  format: OutputFormat;
  /** [path relative to the run folder, size in bytes] */
  files: [string, number][];
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...await filesUnder(path));
    else if (entry.name !== MANIFEST_FILE) out.push(path);
  }
  return out.sort();
}

/** Writes the manifest of a run folder that is about to be published; returns the files it lists. */
export async function writeManifest(dir: string, runId: string, format: OutputFormat): Promise<string[]> {
  const files = await filesUnder(dir);
  const body: ManifestBody = { runId, format, files: [] };
  for (const f of files) body.files.push([relative(dir, f).split(sep).join('/'), (await stat(f)).size]);
  await writeFileAtomic(join(dir, MANIFEST_FILE), seal(MANIFEST.format, MANIFEST.version, body));
  return files;
}

/** Checks a committed run folder: its manifest, and every file it lists (size; Parquet footer). Synchronous: see checkPublishedFile. */
export function verifyPublishedRun(output: string, format: OutputFormat, runId: string): void {
  const dir = publishedRunDir(output, format, runId);
  const path = join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    throw new StateError('E_OUTPUT_CORRUPT', existsSync(dir) ? path : dir, `is missing, but run ${runId} was committed in ${format}`);
  }
  const body = unseal<ManifestBody>(text, path, MANIFEST);
  if (body.runId !== runId || body.format !== format) throw new StateError('E_OUTPUT_CORRUPT', path, `describes run ${body.runId} (${body.format}), not ${runId} (${format})`);
  for (const [file, size] of body.files) {
    if (file.split('/').some((p) => p === '..' || p === '')) throw new StateError('E_OUTPUT_CORRUPT', path, `lists a path outside its folder: ${file}`);
    checkPublishedFile(join(dir, file), size, join(dir, file));
  }
}
