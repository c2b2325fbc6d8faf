/**
 * Test hooks for crash-safety tests: `NEWS_ETL_CRASH_AT=<point>` makes the process SIGKILL itself
 * at that point, exactly as `kill -9` would; `NEWS_ETL_FAIL_AT=<point>` throws there instead (a
 * run that fails, records itself as failed and must leave the committed state as it was).
 * Points: after_pass1, mid_write, before_commit, mid_commit, after_commit.
 */
export function crashPoint(name: string): void {
  if (process.env.NEWS_ETL_CRASH_AT === name) process.kill(process.pid, 'SIGKILL');
  if (process.env.NEWS_ETL_FAIL_AT !== name) return;
  // NEWS_ETL_FAIL_ERRNO=ENOSPC: the failure a full disk gives (for tests on systems where a small tmpfs cannot be mounted).
  const errno = process.env.NEWS_ETL_FAIL_ERRNO;
  if (errno) throw Object.assign(new Error(`${errno}: injected at ${name}, write`), { code: errno, syscall: 'write', path: `(injected at ${name})` });
  throw new Error(`injected failure at ${name} (NEWS_ETL_FAIL_AT)`);
}
