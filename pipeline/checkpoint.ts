/**
 * Stage checkpoints: `<output>/_work/<run>/<stage>.jsonl`, one Doc per line as it left the stage.
 * They let `--from STAGE` rerun on the last run's documents, and `inspect` show one document
 * after every stage. The last one is also the spool the final writing pass reads after dedupe
 * has seen every document.
 */
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Doc } from './doc.js';

export const workDir = (output: string, runId: string): string => join(output, '_work', runId);
export const checkpointPath = (output: string, runId: string, stage: string): string => join(workDir(output, runId), `${stage}.jsonl`);

export class CheckpointWriter {
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
    if (!this.out.write(json + '\n')) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    this.out.end();
    await once(this.out, 'finish');
  }
}

export async function* readCheckpoint(path: string): AsyncGenerator<Doc> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line !== '') yield JSON.parse(line) as Doc;
  }
}
