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
