import { open, rename, rm } from 'node:fs/promises';

/**
 * Writes a file under a temporary name, fsyncs it, then renames it over the target: all or nothing.
 * `data` may be a sequence of chunks, so that a big file never has to exist as one string or buffer.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array | Iterable<string | Uint8Array>): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  const fh = await open(tmp, 'w');
  try {
    if (typeof data === 'string' || data instanceof Uint8Array) await fh.writeFile(data);
    // writeFile on an open handle continues at the current position and loops over partial writes.
    else for (const chunk of data) await fh.writeFile(chunk);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
