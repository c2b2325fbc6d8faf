/** Worker thread entry: one lane (pipeline/lane.ts), driven by the main thread's requests in order. */
import { parentPort } from 'node:worker_threads';
import { Lane } from '../lane.js';
import type { LaneReply, LaneRequest } from './protocol.js';

let lane: Lane | undefined;
// Requests are handled one at a time, in arrival order: a lane's files are written sequentially.
let queue: Promise<void> = Promise.resolve();

async function handle(req: LaneRequest): Promise<LaneReply> {
  switch (req.type) {
    case 'open':
      lane = await Lane.open(req.config);
      return { id: req.id, ok: true };
    case 'batch':
      return { id: req.id, ok: true, batch: await opened().process(req.docs) };
    case 'finish':
      return { id: req.id, ok: true, finish: await opened().finish() };
    case 'abort':
      await lane?.abort();
      return { id: req.id, ok: true };
  }
}

function opened(): Lane {
  if (!lane) throw new Error('lane used before open');
  return lane;
}

parentPort!.on('message', (req: LaneRequest) => {
  queue = queue.then(async () => {
    let reply: LaneReply;
    try {
      reply = await handle(req);
    } catch (err) {
      // The errno, system call and path travel too: a full disk in a lane is reported as one, naming the file.
      const e = err as NodeJS.ErrnoException;
      reply = { id: req.id, ok: false, error: err instanceof Error ? err.message : String(err), stack: e?.stack, code: e?.code, syscall: e?.syscall, path: e?.path };
    }
    parentPort!.postMessage(reply);
  });
});
