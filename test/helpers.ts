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
  const sql = readFileSync(join(output, 'load.sql'), 'utf8');
  for (const stmt of sql.split(';\n').map((s) => s.trim()).filter((s) => s !== '')) await conn.run(stmt);
  const out: Record<string, string[]> = {};
  for (const t of tables) {
    const rows = (await conn.runAndReadAll(`SELECT * EXCLUDE (run_id) FROM ${t}`)).getRowObjectsJson();
    out[t] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}
