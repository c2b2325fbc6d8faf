/** Errors with a stable code, and the process exit codes they map to (documented in README and --help). */

export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  lockHeld: 3,
  finishedWithRejects: 4,
  /** The run would supersede too many current documents as deleted (the input looks empty or unmounted). */
  deletionsRefused: 5,
} as const;

export class NewsEtlError extends Error {
  constructor(readonly code: string, message: string, readonly exitCode: number = EXIT.failure) {
    super(message);
    this.name = 'NewsEtlError';
  }
}

export class UsageError extends NewsEtlError {
  constructor(message: string) {
    super('E_USAGE', message, EXIT.usage);
    this.name = 'UsageError';
  }
}

/** Input or output that the file system refused (permissions, a missing or read-only folder, a full disk): one clear line, exit 1. */
export class FileSystemError extends NewsEtlError {
  constructor(readonly path: string, readonly errno: string, what: string) {
    super(`E_FS_${errno}`, `${what} ${path}: ${FS_ERRORS[errno] ?? errno}`);
    this.name = 'FileSystemError';
  }
}

const FS_ERRORS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a file stands where a folder should be',
  EEXIST: 'already exists',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EMFILE: 'too many open files (raise the limit: ulimit -n)',
  EIO: 'input/output error',
};

/** The errno code of a Node file-system error (EACCES, ENOSPC, ...), if it is one. */
export function fsErrorCode(err: unknown): string | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) && (err as NodeJS.ErrnoException).syscall !== undefined ? code : undefined;
}

/** The deletion guard: a run would take away too large a share of the current documents. */
export class DeletionsRefusedError extends NewsEtlError {
  constructor(readonly deleted: number, readonly current: number, maxShare: number) {
    super('E_DELETIONS_REFUSED', `refused: the input no longer holds the files of ${deleted} of the ${current} current documents `
      + `(more than ${Math.round(maxShare * 100)}%); an empty or unmounted input folder? Nothing was changed. `
      + 'If the files were removed on purpose, run again with --allow-deletions', EXIT.deletionsRefused);
    this.name = 'DeletionsRefusedError';
  }
}

/** What a failed run says of its error in one line: a file-system refusal names the path and what it means. */
export function failureMessage(err: unknown, fallbackPath: string): string {
  const code = fsErrorCode(err);
  if (code) {
    const e = err as NodeJS.ErrnoException;
    return new FileSystemError(e.path ?? fallbackPath, code, `cannot ${e.syscall ?? 'use'}`).message;
  }
  return err instanceof Error ? err.message : String(err);
}
