import { loadStatements } from '../pipeline/loadsql.js';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

export const ROOT = resolve(__dirname, '..');
export const SHARED = resolve(ROOT, '../shared/data');
export const CLI = resolve(ROOT, 'dist/pipeline/cli.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the compiled CLI as a real process (`npm test` compiles first). */
export function runCli(args: string[], cwd = ROOT): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export async function duck(): Promise<{ conn: DuckDBConnection; query: (sql: string) => Promise<Record<string, unknown>[]> }> {
  const conn = await (await DuckDBInstance.create(':memory:')).connect();
  const query = async (sql: string): Promise<Record<string, unknown>[]> =>
    (await conn.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
  return { conn, query };
}

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cp, mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export function runCliWithEnv(args: string[], env: Record<string, string>): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 180_000, env: { ...process.env, ...env } });
  return { status: r.status ?? (r.signal === 'SIGKILL' ? 137 : null), stdout: r.stdout, stderr: r.stderr };
}

/** Starts the CLI and resolves once `event` appears on its stderr (JSON logs), leaving it running. */
export function startCli(args: string[], event: string): Promise<{ done: Promise<number | null>; stderr: () => string }> {
  const child = spawn(process.execPath, [CLI, ...args, '--log-format', 'json'], { cwd: ROOT });
  let err = '';
  const done = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  return new Promise((resolveStarted, rejectStarted) => {
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      if (err.includes(`"event":"${event}"`)) resolveStarted({ done, stderr: () => err });
    });
    child.on('exit', () => rejectStarted(new Error(`exited before ${event}: ${err}`)));
  });
}

/** Current rows of every document table through the output's own load.sql, run_id left out, sorted. */
export async function currentTables(conn: DuckDBConnection, output: string, tables: string[]): Promise<Record<string, string[]>> {
  for (const stmt of loadStatements(output)) await conn.run(stmt);
  const out: Record<string, string[]> = {};
  for (const t of tables) {
    const rows = (await conn.runAndReadAll(`SELECT * EXCLUDE (run_id) FROM ${t}`)).getRowObjectsJson();
    out[t] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

/**
 * The shipped input/ plus real BBC articles under `bbc/`: the files of the first `dupGroups`
 * exact-duplicate groups of news/bbc (real syndicated copies) and the first `others` articles.
 */
export async function inputWithBbc(dest: string, dupGroups: number, others: number): Promise<void> {
  await cp(join(ROOT, 'input'), dest, { recursive: true });
  const bbc = join(SHARED, 'news', 'bbc');
  const groups = (await readFile(join(bbc, 'dups.jsonl'), 'utf8')).trim().split('\n').slice(0, dupGroups).map((l) => JSON.parse(l) as { files?: string[]; ids?: string[] });
  const files = new Set<string>(groups.flatMap((g) => (g.files ?? g.ids ?? []).map((f) => (f.endsWith('.txt') ? f : `${f}.txt`))));
  for (const f of (await readdir(bbc)).filter((f) => f.endsWith('.txt')).slice(0, others)) files.add(f);
  await mkdir(join(dest, 'bbc'), { recursive: true });
  for (const f of files) await cp(join(bbc, f), join(dest, 'bbc', f));
}
