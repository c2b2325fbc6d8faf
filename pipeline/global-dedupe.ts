/**
 * `news-etl dedupe --global`: reads only the shards' persisted dedupe indexes (signatures and
 * hashes, never text), decides duplicates as if one run had seen every shard, and writes the
 * `dedupe_global` table under `<output>/global/`, plus `<output>/load.sql` with views over all
 * shards. Each global run replaces the previous one, through the same lock and commit protocol as
 * a pipeline run.
 */
import { join } from 'node:path';
import { DedupeIndex } from '../stages/dedupe.js';
import { acquireLock } from './lock.js';
import { commit, emptyState, loadState, readStateFile, recover, type OutputState } from './state.js';
import { publishedFormats } from './state-store.js';
import { dedupeGlobalTable } from './tables.js';
import { TableSink } from './writers/sink.js';
import { OUTPUT_FORMATS, type OutputFormat } from './writers/types.js';
import { publishedRunDir } from './layout.js';
import { newRunId } from './runner.js';
import { NewsEtlError, UsageError } from './errors.js';
import { SHARDS_DIR, shardFolders } from './shard.js';
import { writeShardedLoadSql } from './loadsql.js';
import type { Logger } from './log.js';

export interface GlobalDedupeSummary {
  runId: string;
  shards: number;
  documents: number;
  duplicates: number;
  crossShardDuplicates: number;
}

export async function globalDedupe(output: string, formats: OutputFormat[], log: Logger): Promise<GlobalDedupeSummary> {
  const folders = await shardFolders(output);
  if (folders.length === 0) throw new NewsEtlError('E_NO_SHARDS', `no shard output under ${join(output, SHARDS_DIR)}: run \`news-etl run --shard I/N\` first`);
  const counts = [...new Set(folders.map((f) => f.count))];
  if (counts.length > 1) throw new UsageError(`${join(output, SHARDS_DIR)} holds shards of ${counts.join(' and ')}: one shard count per output (${folders.map((f) => f.name).join(', ')})`);
  const missing = Array.from({ length: counts[0] }, (_, i) => i).filter((i) => !folders.some((f) => f.index === i));
  if (missing.length > 0) log.warn('shards_missing', { detail: `shards ${missing.map((i) => `${i}-of-${counts[0]}`).join(', ')} have not run: their documents are not in the global decisions` });
  const shardNames = folders.map((f) => f.name).sort();
  const indexes: DedupeIndex[] = [];
  const shardOfDoc = new Map<string, string>();
  const shardRuns: string[] = [];
  let common: readonly OutputFormat[] = OUTPUT_FORMATS;
  for (const name of shardNames) {
    const dir = join(output, SHARDS_DIR, name);
    const state = await loadState(dir);
    const indexFile = state.stageState?.dedupe;
    if (!indexFile) throw new NewsEtlError('E_NO_INDEX', `shard ${name} has no dedupe index yet (did it run the dedupe stage?)`);
    const index = DedupeIndex.fromBuffer(await readStateFile(dir, state, indexFile));
    indexes.push(index);
    shardRuns.push(...state.runs);
    const held = publishedFormats(state.published, state.runs);
    common = common.filter((f) => held.includes(f));
    for (const [, record] of state.files.entries()) for (const id of record.docIds) shardOfDoc.set(id, name);
  }

  const viewFormat = shardsFormat(common, formats);
  const globalDir = join(output, 'global');
  const started = new Date();
  const runId = newRunId(started);
  const lock = await acquireLock(globalDir, runId);
  try {
    await recover(globalDir);
    const previous = await loadState(globalDir);
    const decisions = DedupeIndex.resolveGlobal(indexes);
    const sink = await TableSink.open(globalDir, runId, [dedupeGlobalTable], formats);
    let duplicates = 0;
    let cross = 0;
    for (const docId of [...decisions.keys()].sort()) {
      const d = decisions.get(docId)!;
      const shard = shardOfDoc.get(docId) ?? '';
      if (d.isDuplicate) {
        duplicates++;
        if (d.duplicateOf && shardOfDoc.get(d.duplicateOf) !== shard) cross++;
      }
      await sink.append('dedupe_global', {
        doc_id: docId, shard, cluster_id: d.clusterId, is_duplicate: d.isDuplicate, duplicate_of: d.duplicateOf ?? null,
        similarity: d.similarity ?? null, method: d.method ?? null, run_id: runId,
      });
    }
    const renames = await sink.close();
    const deletes = previous.runs.flatMap((old) => OUTPUT_FORMATS.map((f) => publishedRunDir(globalDir, f, old)));
    const state: OutputState = { ...emptyState(), runs: [runId] };
    await commit(globalDir, { runId, state, renames, deletes });
    await writeShardedLoadSql(output, [viewFormat], [...shardRuns, runId]);
    const summary = { runId, shards: shardNames.length, documents: decisions.size, duplicates, crossShardDuplicates: cross };
    log.info('global_dedupe', { run_id: runId, shards: summary.shards, documents: summary.documents, duplicates, cross_shard_duplicates: cross });
    return summary;
  } finally {
    await lock.release();
  }
}

/**
 * The format load.sql reads the shards and the global decisions in: one every shard holds
 * (`common`, from their states) and this command writes, parquet first. The shards' formats
 * decide, not the command's default: shards run with --format csv have no parquet to read.
 */
function shardsFormat(common: readonly OutputFormat[], formats: OutputFormat[]): OutputFormat {
  const usable = (['parquet', 'csv'] as const).find((f) => common.includes(f) && formats.includes(f));
  if (!usable) {
    throw new UsageError(`the shards hold their tables as ${common.join(',') || 'no common format'}; dedupe --global was asked for ${formats.join(',')}: pass --format ${common.join(',') || 'csv,parquet'}`);
  }
  return usable;
}
