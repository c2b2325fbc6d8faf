import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import type { Doc } from '../doc.js';
import type { Processed, StageTimes } from '../apply.js';
import type { BatchRequest, BatchResponse } from './protocol.js';

/** Workers run compiled JS; when this module runs from TypeScript sources (tests), use dist/. */
function workerScript(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return join(dirname(here), 'worker.js');
  const compiled = resolve(dirname(here), '../../dist/pipeline/workers/worker.js');
  if (!existsSync(compiled)) throw new Error(`worker script ${compiled} is missing: run \`npm run build\` first`);
  return compiled;
}

interface Task {
  req: BatchRequest;
  resolve: (r: { results: Processed[]; times: StageTimes }) => void;
  reject: (e: Error) => void;
}

/** A fixed set of worker threads taking batches from one queue. */
export class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly queue: Task[] = [];
  private readonly running = new Map<Worker, Task>();
  private nextId = 0;
  private closed = false;

  constructor(size: number) {
    const script = workerScript();
    for (let i = 0; i < size; i++) {
      const w = new Worker(script);
      w.on('message', (res: BatchResponse) => this.finish(w, res));
      w.on('error', (err) => this.fail(w, err));
      this.idle.push(w);
    }
  }

  run(stages: string[], runId: string, runStartedAt: Date, docs: Doc[], snapshotInput: boolean): Promise<{ results: Processed[]; times: StageTimes }> {
    return new Promise((resolvePromise, rejectPromise) => {
      const req: BatchRequest = { id: this.nextId++, stages, runId, runStartedAt: runStartedAt.getTime(), docs, snapshotInput };
      this.queue.push({ req, resolve: resolvePromise, reject: rejectPromise });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const w = this.idle.pop()!;
      const task = this.queue.shift()!;
      this.running.set(w, task);
      w.postMessage(task.req);
    }
  }

  private finish(w: Worker, res: BatchResponse): void {
    const task = this.running.get(w);
    this.running.delete(w);
    if (!this.closed) this.idle.push(w);
    if (task) {
      if (res.error || !res.results) task.reject(new Error(`worker failed: ${res.error}`));
      else task.resolve({ results: res.results, times: res.times ?? {} });
    }
    this.dispatch();
  }

  private fail(w: Worker, err: Error): void {
    const task = this.running.get(w);
    this.running.delete(w);
    task?.reject(err);
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.idle, ...this.running.keys()];
    this.idle.length = 0;
    await Promise.all(all.map((w) => w.terminate()));
  }
}
