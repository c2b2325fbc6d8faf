import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { hashFile, type FileDigest } from './integrity.js';

/**
 * This process's mark on its temporary files (`<file>.<pid>-<nonce>.tmp`). The nonce tells a
 * leftover of an earlier process with the same pid (PID 1 in every container) from a file this
 * process is writing; the live-run marker records the tag, so recovery knows which to keep.
 */
export const TEMP_TAG = `${process.pid}-${randomBytes(3).toString('hex')}`;

const TEMP_NAME = /\.(\d+)-([0-9a-f]+)\.tmp$|\.(\d+)\.tmp$/;

/** The tag of a temporary file name (`<pid>-<nonce>`, or `<pid>` for files of earlier versions), if it is one. */
export function tempTagOf(name: string): string | undefined {
  const m = TEMP_NAME.exec(name);
  if (!m) return undefined;
  return m[1] !== undefined ? `${m[1]}-${m[2]}` : m[3];
}

interface Written extends FileDigest {
  mtimeMs: number;
  ino: number;
}

/** Digests of the files this process wrote through writeFileAtomic, so a commit need not read them again. */
const written = new Map<string, Written>();

/**
 * Writes a file under a temporary name, fsyncs it, then renames it over the target: all or nothing.
 * `data` may be a sequence of chunks, so that a big file never has to exist as one string or buffer.
 * Returns the size and sha256 of what it wrote, computed on the way.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array | Iterable<string | Uint8Array>): Promise<FileDigest> {
  const tmp = `${path}.${TEMP_TAG}.tmp`;
  const hash = createHash('sha256');
  let size = 0;
  try {
    const fh = await open(tmp, 'w');
    try {
      for (const chunk of typeof data === 'string' || data instanceof Uint8Array ? [data] : data) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
        hash.update(bytes);
        size += bytes.length;
        // writeFile on an open handle continues at the current position and loops over partial writes.
        await fh.writeFile(bytes);
      }
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  const digest = { size, sha256: hash.digest('hex') };
  const st = await stat(path);
  written.set(resolve(path), { ...digest, mtimeMs: st.mtimeMs, ino: st.ino });
  return digest;
}

/** Size and sha256 of a file: remembered if this process wrote it and it has not changed since, else read once. */
export async function digestOf(path: string): Promise<FileDigest> {
  const known = written.get(resolve(path));
  if (known) {
    const st = await stat(path);
    if (st.size === known.size && st.mtimeMs === known.mtimeMs && st.ino === known.ino) return { size: known.size, sha256: known.sha256 };
  }
  return hashFile(path);
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
