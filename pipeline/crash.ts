/**
 * Test hooks for crash-safety tests: `NEWS_ETL_CRASH_AT=<point>` makes the process SIGKILL itself
 * at that point, exactly as `kill -9` would; `NEWS_ETL_FAIL_AT=<point>` throws there instead (a
 * run that fails, records itself as failed and must leave the committed state as it was).
 * Points: after_pass1, mid_write, before_commit, mid_commit, after_commit.
 */
export function crashPoint(name: string): void {
  if (process.env.NEWS_ETL_CRASH_AT === name) process.kill(process.pid, 'SIGKILL');
  if (process.env.NEWS_ETL_FAIL_AT === name) throw new Error(`injected failure at ${name} (NEWS_ETL_FAIL_AT)`);
}
