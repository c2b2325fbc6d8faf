/**
 * Stage checkpoints: `<output>/_work/<run>/<stage>/part-<lane>.jsonl`, one Doc per line as it left
 * the stage. Each lane (worker thread, or the main thread at --concurrency 1) writes its own part,
 * so no thread serializes another's documents. They let `--from STAGE` rerun on the last run's
 * documents, and `inspect` show one document after every stage. The dedupe checkpoint holds only
 * each document's decision (`{id, source, dup}`); the document itself is in the one before.
 */
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Doc } from './doc.js';

export const workDir = (output: string, runId: string): string => join(output, '_work', runId);
export const checkpointDir = (output: string, runId: string, stage: string): string => join(workDir(output, runId), stage);
export const checkpointPart = (output: string, runId: string, stage: string, lane: number): string =>
  join(checkpointDir(output, runId, stage), `part-${String(lane).padStart(4, '0')}.jsonl`);

/** The part files of one stage's checkpoint, in lane order; [] when the stage has none. */
export async function checkpointFiles(output: string, runId: string, stage: string): Promise<string[]> {
  return partsIn(checkpointDir(output, runId, stage));
}

async function partsIn(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((n) => n.startsWith('part-') && n.endsWith('.jsonl')).sort().map((n) => join(dir, n));
  } catch {
    return [];
  }
}

/**
 * Lines are gathered and handed to the file in pieces of ~256 KiB: one stream write per line cost a
 * lane at --concurrency 2 a third of its time (each write is a trip through libuv's thread pool,
 * shared by every lane), for 15 MB of checkpoint lines per MB of input.
 */
const FLUSH_CHARS = 1 << 18;

export class CheckpointWriter {
  private pending: string[] = [];
  private pendingChars = 0;
  private closed = false;

  private constructor(private readonly out: WriteStream) {}

  static async open(path: string): Promise<CheckpointWriter> {
    await mkdir(join(path, '..'), { recursive: true });
    return new CheckpointWriter(createWriteStream(path, { encoding: 'utf8' }));
  }

  async write(doc: Doc): Promise<void> {
    await this.writeJson(JSON.stringify(doc));
  }

  /** A document already serialized (workers serialize their snapshots, so the main thread need not). */
  async writeJson(json: string): Promise<void> {
    this.pending.push(json);
    this.pendingChars += json.length + 1;
    if (this.pendingChars >= FLUSH_CHARS) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const chunk = this.pending.join('\n') + '\n';
    this.pending = [];
    this.pendingChars = 0;
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }

  /** Idempotent: an aborted run closes what a finished lane closed already, and 'finish' fires only once. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.flush();
    this.out.end();
    await once(this.out, 'finish');
  }
}

/** Every document of a checkpoint folder (see checkpointDir), part after part. */
export async function* readCheckpointDir(dir: string): AsyncGenerator<Doc> {
  yield* readCheckpoint(await partsIn(dir));
}

/** Every document of the given part files, part after part. */
export async function* readCheckpoint(paths: string | readonly string[]): AsyncGenerator<Doc> {
  for (const path of typeof paths === 'string' ? [paths] : paths) {
    const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
    for await (const line of lines) {
      if (line !== '') yield JSON.parse(line) as Doc;
    }
  }
}
