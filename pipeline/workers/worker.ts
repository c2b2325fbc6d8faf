/** Worker thread entry: applies per-document stages to batches of documents. */
import { parentPort } from 'node:worker_threads';
import { applyWithSnapshots, type StageTimes } from '../apply.js';
import { perDocStagesByName } from '../registry.js';
import type { BatchRequest, BatchResponse } from './protocol.js';

parentPort!.on('message', (req: BatchRequest) => {
  let res: BatchResponse;
  try {
    const stages = perDocStagesByName(req.stages);
    const ctx = { runId: req.runId, runStartedAt: new Date(req.runStartedAt) };
    const times: StageTimes = {};
    const results = req.docs.map((d) => applyWithSnapshots(d, stages, ctx, times, req.snapshotInput));
    res = { id: req.id, results, times };
  } catch (err) {
    res = { id: req.id, error: err instanceof Error ? err.stack ?? err.message : String(err) };
  }
  parentPort!.postMessage(res);
});
