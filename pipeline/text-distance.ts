/** The nearest of `candidates` to `word` by edit distance (at most 2, or a prefix), for "did you mean". */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.replace(/^-+/, '');
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of candidates) {
    if (c.length <= 1) continue;
    const d = c.startsWith(w) && w.length >= 3 ? 1 : distance(w, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

/** Levenshtein distance, two rows. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[b.length];
}
