import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import type { Doc } from '../doc.js';
import { Lane, type LaneBatchResult, type LaneConfig, type LaneFinish } from '../lane.js';
import type { LaneReply, LaneRequest } from './protocol.js';

/** Workers run compiled JS; when this module runs from TypeScript sources (tests), use dist/. */
function workerScript(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return join(dirname(here), 'worker.js');
  const compiled = resolve(dirname(here), '../../dist/pipeline/workers/worker.js');
  if (!existsSync(compiled)) throw new Error(`worker script ${compiled} is missing: run \`npm run build\` first`);
  return compiled;
}

/** N lanes behind one interface, whether they run in worker threads or (N = 1) in this thread. */
export interface Lanes {
  readonly size: number;
  /** Batches to keep in flight: enough to keep every lane busy while the main thread reads. */
  readonly inFlight: number;
  /** Processes a batch on the first idle lane; resolves with the lane's index and its results. */
  process(docs: Doc[]): Promise<{ lane: number; batch: LaneBatchResult }>;
  /** Closes every lane's files. */
  finish(): Promise<LaneFinish[]>;
  abort(): Promise<void>;
  close(): Promise<void>;
}

/** The one lane of --concurrency 1, in the main thread. */
export class InlineLanes implements Lanes {
  readonly size = 1;
  // One at a time: the lane runs on this thread anyway, and the read stage's timer stays its own.
  readonly inFlight = 1;
  private constructor(private readonly lane: Lane) {}

  static async open(config: LaneConfig): Promise<InlineLanes> {
    return new InlineLanes(await Lane.open(config));
  }

  async process(docs: Doc[]): Promise<{ lane: number; batch: LaneBatchResult }> {
    return { lane: 0, batch: await this.lane.process(docs) };
  }

  async finish(): Promise<LaneFinish[]> {
    return [await this.lane.finish()];
  }

  abort(): Promise<void> { return this.lane.abort(); }
  async close(): Promise<void> { /* nothing runs in the background */ }
}

interface WorkerLane {
  worker: Worker;
  pending: Map<number, { resolve: (r: LaneReply & { ok: true }) => void; reject: (e: Error) => void }>;
  busy: number;
}

/**
 * A lane's live heap is ~30 MB whatever the run's size, but with V8's default limit (a few GB)
 * its old generation may grow to 4x the live data between major GCs, and over a long run it does:
 * ~150 MB a lane at x10 against ~90 MB at x1. Below 2 GB V8 scales that growing factor down
 * (1.3-2.0x), so a 1 GB limit keeps lanes near their live size while leaving room for the
 * biggest document (16 MB) being processed. NEWS_ETL_LANE_HEAP_MB overrides it (0: V8's default).
 */
export function laneHeapLimits(): { maxOldGenerationSizeMb?: number } {
  const mb = Number(process.env.NEWS_ETL_LANE_HEAP_MB ?? 1024);
  return Number.isFinite(mb) && mb > 0 ? { maxOldGenerationSizeMb: mb } : {};
}

/** One lane per worker thread; a batch goes to the lane with the fewest batches in flight. */
export class WorkerLanes implements Lanes {
  private nextId = 0;
  private failure: Error | undefined;

  private constructor(private readonly lanes: WorkerLane[]) {}

  get size(): number { return this.lanes.length; }
  get inFlight(): number { return this.lanes.length * 2; }

  static async open(size: number, config: (lane: number) => LaneConfig): Promise<WorkerLanes> {
    const script = workerScript();
    const lanes: WorkerLane[] = [];
    for (let i = 0; i < size; i++) {
      const lane: WorkerLane = { worker: new Worker(script, { resourceLimits: laneHeapLimits() }), pending: new Map(), busy: 0 };
      lanes.push(lane);
    }
    const pool = new WorkerLanes(lanes);
    for (const lane of lanes) {
      lane.worker.on('message', (reply: LaneReply) => pool.settle(lane, reply));
      lane.worker.on('error', (err) => pool.failAll(lane, err));
      lane.worker.on('exit', (code) => { if (lane.pending.size > 0) pool.failAll(lane, new Error(`lane worker exited (code ${code})`)); });
    }
    try {
      await Promise.all(lanes.map((_, i) => pool.request(i, { id: 0, type: 'open', config: config(i) })));
    } catch (err) {
      await pool.close();
      throw err;
    }
    return pool;
  }

  private request(index: number, req: LaneRequest): Promise<LaneReply & { ok: true }> {
    if (this.failure) return Promise.reject(this.failure);
    const lane = this.lanes[index];
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      lane.pending.set(id, { resolve, reject });
      lane.worker.postMessage({ ...req, id });
    });
  }

  private settle(lane: WorkerLane, reply: LaneReply): void {
    const p = lane.pending.get(reply.id);
    if (!p) return;
    lane.pending.delete(reply.id);
    if (reply.ok) p.resolve(reply);
    else p.reject(Object.assign(new Error(`lane worker failed: ${reply.error}`), { code: reply.code, syscall: reply.syscall, path: reply.path, laneStack: reply.stack }));
  }

  private failAll(lane: WorkerLane, err: Error): void {
    this.failure ??= err;
    for (const p of lane.pending.values()) p.reject(err);
    lane.pending.clear();
  }

  async process(docs: Doc[]): Promise<{ lane: number; batch: LaneBatchResult }> {
    let index = 0;
    for (let i = 1; i < this.lanes.length; i++) if (this.lanes[i].busy < this.lanes[index].busy) index = i;
    const lane = this.lanes[index];
    lane.busy++;
    try {
      const reply = await this.request(index, { id: 0, type: 'batch', docs });
      return { lane: index, batch: reply.batch! };
    } finally {
      lane.busy--;
    }
  }

  async finish(): Promise<LaneFinish[]> {
    return Promise.all(this.lanes.map(async (_, i) => (await this.request(i, { id: 0, type: 'finish' })).finish!));
  }

  async abort(): Promise<void> {
    if (this.failure) return;
    await Promise.all(this.lanes.map((_, i) => this.request(i, { id: 0, type: 'abort' }).catch(() => undefined)));
  }

  async close(): Promise<void> {
    await Promise.all(this.lanes.map((l) => l.worker.terminate()));
  }
}
