/**
 * A copy of a string that does not keep the string it came from alive.
 *
 * V8 makes `text.slice(a, b)` (13 characters or more) a view into `text`, and `a + b` (13 or more)
 * a pair pointing at both parts; a Map or table that keeps such a string as a key keeps the whole
 * document it was cut from. Long-lived caches keyed by pieces of documents (the dates stage's
 * explicit-date answers, the entity tagger's word cache) held thousands of documents' texts that
 * way, more as more documents were seen (docs/benchmarks.md has the heap snapshots).
 * Concatenating makes V8 copy the characters into a new flat string when the result is sliced,
 * so the copy holds its own characters only (one more than it has).
 * Meant for cache insertions, not per lookup.
 */
export function detached(s: string): string {
  return (` ${s}`).slice(1);
}
