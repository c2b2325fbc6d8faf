/**
 * `news-etl inspect DOC`: one document after every stage of the last run that kept checkpoints,
 * with what each stage removed or added and why.
 */
import type { Doc } from './doc.js';
import { loadState } from './state.js';
import { checkpointFiles, readCheckpoint } from './checkpoint.js';
import { NewsEtlError } from './errors.js';

function matches(doc: Doc, key: string): boolean {
  if (doc.id === key) return true;
  const path = doc.source.line === undefined ? doc.source.path : `${doc.source.path}:${doc.source.line}`;
  return path === key || doc.source.path === key;
}

async function findIn(files: string[], key: string): Promise<Doc | undefined> {
  for await (const doc of readCheckpoint(files)) if (matches(doc, key)) return doc;
  return undefined;
}

const clip = (s: string, n = 100): string => {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
};

function describeStage(stage: string, before: Doc | undefined, after: Doc): string[] {
  const out: string[] = [];
  if (after.reject && !before?.reject) out.push(`  REJECTED by ${after.reject.stage}: ${after.reject.reason} — ${after.reject.detail}`);
  if (stage === 'read') {
    out.push(`  source: ${after.source.kind} ${after.source.path}${after.source.line ? `:${after.source.line}` : ''}, ${after.source.bytes} bytes, sha256 ${after.source.sha256.slice(0, 12)}…`);
    out.push(`  raw: ${after.raw.length} chars, ${after.raw.split('\n').length} lines`);
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

export async function inspectDocument(output: string, key: string, asJson: boolean): Promise<string> {
  const state = await loadState(output);
  if (!state.checkpointRun || !state.checkpointStages) {
    throw new NewsEtlError('E_NO_CHECKPOINT', `no checkpoints under ${output}/_work: run the pipeline first`);
  }
  const snapshots: { stage: string; doc: Doc }[] = [];
  for (const stage of state.checkpointStages) {
    const doc = await findIn(await checkpointFiles(output, state.checkpointRun, stage), key);
    if (!doc) continue;
    // The dedupe checkpoint holds only the decision: complete it with the document before it.
    const previous = snapshots[snapshots.length - 1]?.doc;
    snapshots.push({ stage, doc: stage === 'dedupe' && previous ? { ...previous, dup: doc.dup } : doc });
  }
  if (snapshots.length === 0) {
    throw new NewsEtlError('E_NOT_FOUND', `document ${key} is not in the checkpoints of run ${state.checkpointRun} (the last run that processed documents)`);
  }
  if (asJson) return JSON.stringify(snapshots, null, 2) + '\n';
  const first = snapshots[snapshots.length - 1].doc;
  const lines = [`document ${first.id}  ${first.source.path}${first.source.line ? `:${first.source.line}` : ''}  (run ${state.checkpointRun})`];
  let before: Doc | undefined;
  for (const { stage, doc } of snapshots) {
    lines.push(`== ${stage}`);
    lines.push(...describeStage(stage, before, doc));
    before = doc;
  }
  return lines.join('\n') + '\n';
}
