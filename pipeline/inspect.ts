/**
 * `news-etl inspect DOC [--run ID]`: one document after every stage, rebuilt from its checkpoint
 * deltas, with what each stage removed or added and why, and which run did it.
 */
import type { Doc } from './doc.js';
import { loadState, type OutputState } from './state.js';
import { CheckpointReader, type Rebuilt } from './checkpoint.js';
import { applyDelta } from './apply.js';
import { STAGE_ORDER } from './registry.js';
import type { FileRecord } from './file-table.js';
import { NewsEtlError } from './errors.js';

const clip = (s: string, n = 100): string => {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
};

function describeStage(isSource: boolean, before: Doc | undefined, after: Doc): string[] {
  const out: string[] = [];
  if (after.reject && !before?.reject) out.push(`  REJECTED by ${after.reject.stage}: ${after.reject.reason} — ${after.reject.detail}`);
  if (isSource) {
    out.push(`  source: ${after.source.kind} ${after.source.path}${after.source.line ? `:${after.source.line}` : ''}, ${after.source.bytes} bytes, sha256 ${after.source.sha256.slice(0, 12)}…`);
    const meta = Object.entries(after.meta).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
    if (meta.length) out.push(`  meta: ${meta.join(', ')}`);
    return out;
  }
  const newRemovals = after.removed.slice(before?.removed.length ?? 0);
  if (newRemovals.length) {
    out.push(`  removed ${newRemovals.length} line(s):`);
    for (const r of newRemovals) out.push(`    line ${r.line} [${r.reason}] ${clip(r.text, 90)}`);
  }
  if (after.meta.title !== before?.meta.title) out.push(`  title: ${JSON.stringify(after.meta.title ?? null)}`);
  if (after.text !== before?.text) out.push(`  text: ${before?.text.length ?? 0} → ${after.text.length} chars: ${clip(after.text)}`);
  if (after.published && JSON.stringify(after.published) !== JSON.stringify(before?.published)) {
    const p = after.published;
    out.push(`  published: ${p.date}${p.at ? ` (${p.at})` : ''} from ${p.source}${p.evidence ? `: ${JSON.stringify(clip(p.evidence, 60))}` : ''}`);
  }
  if (after.dates.length !== (before?.dates.length ?? 0)) {
    out.push(`  ${after.dates.length} date expression(s):`);
    for (const d of after.dates) out.push(`    [${d.start},${d.end}) ${JSON.stringify(d.surface)} → ${d.value} (${d.granularity})`);
  }
  if (after.mentions.length !== (before?.mentions.length ?? 0)) {
    out.push(`  ${after.mentions.length} mention(s):`);
    for (const m of after.mentions) out.push(`    [${m.start},${m.end}) ${m.type} ${JSON.stringify(m.surface)}${m.surface !== m.entity ? ` → ${m.entity}` : ''}`);
  }
  if (after.dup && JSON.stringify(after.dup) !== JSON.stringify(before?.dup)) {
    const d = after.dup;
    out.push(d.isDuplicate
      ? `  duplicate of ${d.duplicateOf} (${d.method}, similarity ${d.similarity}), cluster ${d.clusterId ?? '-'}`
      : `  kept (not a duplicate), cluster ${d.clusterId ?? '-'}, content hash ${d.contentHash.slice(0, 12)}…`);
  }
  if (out.length === 0) out.push('  (no change)');
  return out;
}

/** The document `key` names (doc id, input path, or path:line for a JSONL record): its file and id. */
async function locate(state: OutputState, key: string, reader: CheckpointReader, runsOf: (r: FileRecord) => string[]): Promise<{ path: string; record: FileRecord; docId: string } | undefined> {
  const lineAt = /^(.*):(\d+)$/.exec(key);
  for (const [path, record] of state.files.entries()) {
    if (record.docIds.includes(key)) return { path, record, docId: key };
    if (path === key && record.docIds.length > 0) return { path, record, docId: record.docIds[0] };
    if (lineAt && path === lineAt[1]) {
      for (const id of record.docIds) {
        const rebuilt = await reader.rebuild(id, runsOf(record), STAGE_ORDER, new Set(STAGE_ORDER.slice(1)));
        if (rebuilt?.doc.source.line === Number(lineAt[2])) return { path, record, docId: id };
      }
    }
  }
  return undefined;
}

/**
 * One document after every stage, as its current checkpoints leave it, or as run `runId` left it
 * (the kept runs up to that one), with what each stage removed or added and why.
 */
export async function inspectDocument(output: string, key: string, asJson: boolean, runId?: string): Promise<string> {
  const state = await loadState(output);
  const kept = (state.checkpoints ?? []).map((c) => c.run);
  if (kept.length === 0) throw new NewsEtlError('E_NO_CHECKPOINT', `no checkpoints under ${output}/_work: run the pipeline first`);
  if (runId !== undefined && !kept.includes(runId)) {
    throw new NewsEtlError('E_NOT_FOUND', `run ${runId} has no kept checkpoints; kept: ${kept.join(', ')}`);
  }
  const asOf = runId === undefined ? undefined : kept.slice(0, kept.indexOf(runId) + 1).reverse();
  const runsOf = (r: FileRecord): string[] => asOf ?? r.checkpointRuns ?? [r.runId];
  const reader = new CheckpointReader(output);
  try {
    const found = await locate(state, key, reader, runsOf);
    const rebuilt = found && await reader.rebuild(found.docId, runsOf(found.record), STAGE_ORDER);
    if (!found || !rebuilt) throw new NewsEtlError('E_NOT_FOUND', `document ${key} is not a current document of ${output}${runId ? ` in run ${runId}` : ''}`);
    return describe(rebuilt, asJson);
  } finally {
    await reader.close();
  }
}

function describe(rebuilt: Rebuilt, asJson: boolean): string {
  const source = STAGE_ORDER[0];
  let doc: Doc = { ...rebuilt.doc, text: '', removed: [], dates: [], mentions: [], dup: undefined, published: undefined, language: undefined, notes: undefined, reject: rebuilt.source.reject };
  const snapshots: { stage: string; run: string; doc: Doc }[] = [{ stage: source, run: rebuilt.fromRun[source], doc }];
  for (const [stage, delta] of rebuilt.stages) {
    doc = applyDelta(doc, stage, delta);
    snapshots.push({ stage, run: rebuilt.fromRun[stage], doc });
  }
  if (asJson) return JSON.stringify(snapshots, null, 2) + '\n';
  const last = rebuilt.doc;
  const lines = [`document ${last.id}  ${last.source.path}${last.source.line ? `:${last.source.line}` : ''}`];
  let before: Doc | undefined;
  for (const { stage, run, doc: after } of snapshots) {
    lines.push(`== ${stage}  (run ${run})`);
    lines.push(...describeStage(stage === source, before, after));
    before = after;
  }
  return lines.join('\n') + '\n';
}
