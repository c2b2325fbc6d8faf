/**
 * Sharding onto an existing batch engine: shard I of N processes the input files whose path hashes
 * to I, into `<output>/shards/<I>-of-<N>/` (its own state, lock, checkpoints and dedupe index).
 * `news-etl dedupe --global` then merges the shards' dedupe signatures.
 */
import { readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { UsageError } from './errors.js';

export interface Shard {
  index: number;
  count: number;
}

function parseIntStrict(value: string, what: string): number {
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`${what} must be a whole number, got "${value}"`);
  return Number(value);
}

function checked(index: number, count: number, from: string): Shard {
  if (count < 1) throw new UsageError(`${from}: the shard count must be at least 1`);
  if (index < 0 || index >= count) throw new UsageError(`${from}: shard index ${index} is not in 0..${count - 1}`);
  return { index, count };
}

/**
 * `--shard I/N` (0-based I) wins; otherwise Slurm array variables (SLURM_ARRAY_TASK_ID minus
 * SLURM_ARRAY_TASK_MIN, of SLURM_ARRAY_TASK_COUNT); otherwise a Kubernetes Indexed Job's
 * JOB_COMPLETION_INDEX with NEWS_ETL_SHARD_COUNT (Kubernetes does not expose the completion count).
 */
export function resolveShard(spec: string | undefined, env: NodeJS.ProcessEnv = process.env): Shard | undefined {
  if (spec !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(spec.trim());
    if (!m) throw new UsageError(`--shard takes I/N (0-based index / count), e.g. 0/4; got "${spec}"`);
    return checked(Number(m[1]), Number(m[2]), '--shard');
  }
  if (env.SLURM_ARRAY_TASK_ID !== undefined && env.SLURM_ARRAY_TASK_COUNT !== undefined) {
    const min = env.SLURM_ARRAY_TASK_MIN === undefined ? 0 : parseIntStrict(env.SLURM_ARRAY_TASK_MIN, 'SLURM_ARRAY_TASK_MIN');
    return checked(parseIntStrict(env.SLURM_ARRAY_TASK_ID, 'SLURM_ARRAY_TASK_ID') - min, parseIntStrict(env.SLURM_ARRAY_TASK_COUNT, 'SLURM_ARRAY_TASK_COUNT'), 'Slurm array');
  }
  if (env.JOB_COMPLETION_INDEX !== undefined) {
    if (env.NEWS_ETL_SHARD_COUNT === undefined) {
      throw new UsageError('JOB_COMPLETION_INDEX is set (Kubernetes Indexed Job): set NEWS_ETL_SHARD_COUNT to the Job\'s completions, or pass --shard I/N');
    }
    return checked(parseIntStrict(env.JOB_COMPLETION_INDEX, 'JOB_COMPLETION_INDEX'), parseIntStrict(env.NEWS_ETL_SHARD_COUNT, 'NEWS_ETL_SHARD_COUNT'), 'Kubernetes Indexed Job');
  }
  return undefined;
}

/** Deterministic and uniform: the first 4 bytes of sha256(path) modulo the shard count. */
export function shardOf(path: string, count: number): number {
  return createHash('sha256').update(path).digest().readUInt32BE(0) % count;
}

export const SHARDS_DIR = 'shards';

export function shardOutput(output: string, shard: Shard): string {
  return join(output, SHARDS_DIR, `${shard.index}-of-${shard.count}`);
}

/** The shard folders under a sharded output (`<i>-of-<n>`), sorted. */
export async function shardFolders(output: string): Promise<Array<{ name: string; index: number; count: number }>> {
  const names = await readdir(join(output, SHARDS_DIR)).catch(() => [] as string[]);
  return names
    .map((name) => ({ name, m: /^(\d+)-of-(\d+)$/.exec(name) }))
    .filter((x): x is { name: string; m: RegExpExecArray } => x.m !== null)
    .map(({ name, m }) => ({ name, index: Number(m[1]), count: Number(m[2]) }))
    .sort((a, b) => a.count - b.count || a.index - b.index);
}

/**
 * One output is either sharded (every run with --shard I/N, one N) or not: the views of the root
 * are the shards' (load.sql of dedupe --global) or the root's own, and mixing the two made each
 * kind of run replace the other's views.
 */
export async function checkShardLayout(output: string, shard: Shard | undefined): Promise<void> {
  const folders = await shardFolders(output);
  const rootRuns = existsSync(join(output, '_state', 'state.json'));
  if (shard) {
    if (rootRuns) throw new UsageError(`${output} holds runs without --shard: sharded runs need an output of their own`);
    const other = folders.find((f) => f.count !== shard.count);
    if (other) throw new UsageError(`${output} holds shards of ${other.count} (${other.name}); this run is shard ${shard.index} of ${shard.count}: use one shard count per output`);
  } else if (folders.length > 0) {
    throw new UsageError(`${output} is the root of sharded runs (${folders.length} shard folder(s)): run with --shard I/N, or use another output`);
  }
}

