/** Errors with a stable code, and the process exit codes they map to (documented in README and --help). */

export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  lockHeld: 3,
  finishedWithRejects: 4,
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
