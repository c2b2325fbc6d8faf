/**
 * File-system refusals end a run at once, in one line naming the path and the error, with exit 1:
 * an output folder that cannot be made (/proc, a file in its place, permission denied), and a disk
 * that fills up mid-run, which must leave the earlier output whole (a small tmpfs where one can be
 * mounted; otherwise the same failure injected where the lanes write).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { chmod, cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { execFileSync, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, currentTables, duck, inputWithBbc, ROOT, runCli, runCliWithEnv } from './helpers.js';

let work: string;
let db: Awaited<ReturnType<typeof duck>>;
const VIEWS = ['documents', 'mentions', 'dates', 'dedupe', 'rejects'];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'news-etl-fs-'));
  await chmod(work, 0o755);
  db = await duck();
});
afterAll(async () => {
  db?.conn.closeSync();
  await rm(work, { recursive: true, force: true });
});

/** The one JSON error line of a failed command. */
function errorLine(stderr: string): { event: string; message?: string; error?: string } {
  const lines = stderr.trim().split('\n').map((l) => JSON.parse(l) as { level: string; event: string; message?: string; error?: string });
  const errors = lines.filter((l) => l.level === 'error');
  expect(errors.length).toBeGreaterThanOrEqual(1);
  return errors[0];
}

describe('an output folder that cannot be written', () => {
  it('under /proc: exit 1 at once, naming the folder', () => {
    const r = runCli(['run', '-i', join(ROOT, 'input'), '-o', '/proc/news-etl-out', '--log-format', 'json']);
    expect(r.status).toBe(1);
    expect(errorLine(r.stderr).message).toMatch(/cannot create the output folder \/proc\/news-etl-out: no such file or folder/);
  }, 20_000);

  it('a file where the folder should be: exit 1, naming it', async () => {
    const file = join(work, 'a-file');
    await writeFile(file, 'not a folder');
    const r = runCli(['run', '-i', join(ROOT, 'input'), '-o', join(file, 'out'), '--log-format', 'json']);
    expect(r.status).toBe(1);
    expect(errorLine(r.stderr).message).toMatch(/a-file.*a file stands where a folder should be/);
  }, 20_000);

  const asNobody = process.getuid?.() === 0 && spawnSync('runuser', ['--help']).status === 0;
  it.runIf(asNobody)('permission denied (run as nobody): exit 1, naming the folder', async () => {
    const locked = join(work, 'root-only');
    await mkdir(locked, { mode: 0o755 });
    const r = spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, CLI, 'run', '-i', join(ROOT, 'input'), '-o', join(locked, 'out'), '--log-format', 'json'], { encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(1);
    expect(errorLine(r.stderr).message).toMatch(/root-only\/out.*permission denied/);
  }, 30_000);
});

/** A tmpfs of `size` mounted at `dir`, or false where this system does not let the tests mount one. */
function mountTmpfs(dir: string, size: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('a disk that fills up mid-run', () => {
  it('exits 1 naming the error, and the output committed before stays whole and readable', async () => {
    const disk = join(work, 'disk');
    await mkdir(disk);
    const mounted = mountTmpfs(disk, '900k');
    try {
      const out = join(disk, 'out');
      const input = join(work, 'in');
      await cp(join(ROOT, 'input'), input, { recursive: true });
      expect(runCli(['run', '-i', input, '-o', out]).status).toBe(4);
      const before = await currentTables(db.conn, out, VIEWS);
      // Several hundred more articles: more than the disk holds (or, without a tmpfs, the same failure injected).
      await inputWithBbc(join(work, 'more'), 10, 400);
      await cp(join(work, 'more', 'bbc'), join(input, 'bbc'), { recursive: true });
      const args = ['run', '-i', input, '-o', out, '--log-format', 'json', '-c', '2'];
      const r = mounted ? runCli(args) : runCliWithEnv(args, { NEWS_ETL_FAIL_AT: 'mid_write', NEWS_ETL_FAIL_ERRNO: 'ENOSPC' });
      expect(r.status, r.stderr).toBe(1);
      const failed = r.stderr.trim().split('\n').map((l) => JSON.parse(l) as { event: string; error?: string }).find((l) => l.event === 'run_failed');
      expect(failed?.error).toMatch(/no space left on the device/);
      expect(await currentTables(db.conn, out, VIEWS)).toEqual(before);
      // Of the failed run, only its runs row is published (where the freed space allows it), saying it failed.
      const folders = (await readdir(join(out, 'parquet'))).sort();
      expect(folders.length).toBeLessThanOrEqual(2);
      for (const folder of folders.slice(1)) expect((await readdir(join(out, 'parquet', folder))).filter((n) => n !== 'manifest.json')).toEqual(['runs']);
      const runs = await currentTables(db.conn, out, ['runs']);
      expect(runs.runs.map((x) => JSON.parse(x).status).sort()).toEqual(folders.length === 2 ? ['failed', 'success_with_rejects'] : ['success_with_rejects']);
    } finally {
      if (mounted) execFileSync('umount', [disk]);
    }
  }, 180_000);
});
