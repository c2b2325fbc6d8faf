/**
 * Test hook for crash-safety tests: `NEWS_ETL_CRASH_AT=<point>` makes the process SIGKILL itself
 * at that point, exactly as `kill -9` would. Points: after_pass1, mid_write, before_commit,
 * mid_commit, after_commit.
 */
export function crashPoint(name: string): void {
  if (process.env.NEWS_ETL_CRASH_AT === name) process.kill(process.pid, 'SIGKILL');
}
