/**
 * Runs the selected document stages' prepare(), once per run in the main thread, before any
 * document is processed: what they return goes to every lane, what they persist is committed with
 * the run. A stage samples this run's new documents through `sample()`.
 */
import type { Doc } from '../doc.js';
import type { PrepareContext, StageContext } from '../stage.js';
import { docStages, loadSource } from '../registry.js';
import type { StageTimes } from '../apply.js';
import { holdsManyDocuments, type ReadOptions } from '../../stages/read.js';

export interface PreparedRun {
  /** Stage name -> prepare()'s value for the lanes. */
  values: Record<string, unknown>;
  /** Stage name -> what to persist if the run commits. */
  persist: Map<string, Uint8Array>;
}

/** A run with no document to process prepares nothing (and persists nothing new). */
export const NOTHING_PREPARED: PreparedRun = { values: {}, persist: new Map() };

export interface SampleSource {
  input: string;
  /** The source's options for new documents only, without the run's bookkeeping. */
  options: ReadOptions;
}

const firstFolder = (path: string): string => (path.includes('/') ? path.slice(0, path.indexOf('/')) : '');

/**
 * Up to `perSource` documents per source (documents.source_name). Files of a source whose sample is
 * full are passed over without a stat, so sampling costs the sample, not the input's size: the
 * first folder of a path names its documents' source, except in files of many documents (JSONL,
 * web archives), whose records name their own.
 */
async function* sample(source: SampleSource, perSource: number): AsyncGenerator<Doc> {
  const counted = new Map<string, number>();
  const full = (s: string): boolean => (counted.get(s) ?? 0) >= perSource;
  const skip = (path: string): boolean => !holdsManyDocuments(path) && full(firstFolder(path));
  for await (const doc of (await loadSource()).read(source.input, { ...source.options, skip })) {
    const key = doc.meta.sourceName ?? '';
    if (doc.reject || full(key)) continue;
    counted.set(key, (counted.get(key) ?? 0) + 1);
    yield doc;
  }
}

export async function prepareStages(
  stages: readonly string[], ctx: StageContext, persisted: ReadonlyMap<string, Uint8Array>, source: SampleSource | undefined, times: StageTimes,
): Promise<PreparedRun> {
  const run: PreparedRun = { values: {}, persist: new Map() };
  for (const stage of await docStages(stages)) {
    if (!stage.prepare) continue;
    const t0 = performance.now();
    const context: PrepareContext = {
      ...ctx,
      persisted: persisted.get(stage.name),
      sample: (perSource) => (source ? sample(source, perSource) : (async function* () { /* a rerun has no new documents */ })()),
    };
    const prepared = await stage.prepare(context);
    run.values[stage.name] = prepared.value;
    if (prepared.persist) run.persist.set(stage.name, prepared.persist);
    times[stage.name] = (times[stage.name] ?? 0) + (performance.now() - t0);
  }
  return run;
}
