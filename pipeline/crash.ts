/**
 * Test hooks for crash-safety tests: `NEWS_ETL_CRASH_AT=<point>` makes the process SIGKILL itself
 * at that point, exactly as `kill -9` would; `NEWS_ETL_FAIL_AT=<point>` throws there instead (a
 * run that fails, records itself as failed and must leave the committed state as it was).
 * Points: after_pass1, mid_write, before_commit, mid_commit, after_commit.
 */
export function crashPoint(name: string): void {
  const { crashAt, failAt, errno } = hooks();
  if (crashAt === name) process.kill(process.pid, 'SIGKILL');
  if (failAt !== name) return;
  // NEWS_ETL_FAIL_ERRNO=ENOSPC: the failure a full disk gives (for tests on systems where a small tmpfs cannot be mounted).
  if (errno) throw Object.assign(new Error(`${errno}: injected at ${name}, write`), { code: errno, syscall: 'write', path: `(injected at ${name})` });
  throw new Error(`injected failure at ${name} (NEWS_ETL_FAIL_AT)`);
}

let armed: { crashAt?: string; failAt?: string; errno?: string } | undefined;

/** Read once: a point is passed once per document, and each process.env read is a call into the runtime. */
function hooks(): { crashAt?: string; failAt?: string; errno?: string } {
  armed ??= { crashAt: process.env.NEWS_ETL_CRASH_AT, failAt: process.env.NEWS_ETL_FAIL_AT, errno: process.env.NEWS_ETL_FAIL_ERRNO };
  return armed;
}
