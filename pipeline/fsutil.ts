import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

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

/**
 * mkdir -p without Node's recursive mkdir, which loops forever where the kernel answers ENOENT for
 * a folder whose parent exists (/proc, some FUSE and network mounts): each missing folder is made
 * once, and any refusal is thrown as it comes (EACCES, ENOTDIR, EROFS, ENOENT, ...).
 */
export async function makeDirs(path: string): Promise<void> {
  const missing: string[] = [];
  for (let p = resolve(path); ; p = dirname(p)) {
    try {
      if ((await stat(p)).isDirectory()) break;
      throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${p}'`), { code: 'ENOTDIR', syscall: 'mkdir', path: p });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    missing.push(p);
    if (dirname(p) === p) break;
  }
  for (const p of missing.reverse()) {
    try {
      await mkdir(p);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}
