/**
 * Word shapes: each character mapped to its class (X upper, x lower, d digit, other characters
 * as themselves). The short shape collapses runs ("Xx" for "Putin", "X.X." for "U.S.",
 * "d-d" for "1996-08"); the long shape keeps runs up to two characters ("Xxx", "dddd-dd").
 */
function classOf(c: number, ch: string): string {
  if (c >= 48 && c <= 57) return 'd';
  if (c >= 65 && c <= 90) return 'X';
  if (c >= 97 && c <= 122) return 'x';
  if (c < 128) return ch;
  if (ch !== ch.toLowerCase()) return 'X';
  if (ch !== ch.toUpperCase()) return 'x';
  return /\p{L}/u.test(ch) ? 'x' : ch;
}

export function shapes(word: string): { short: string; long: string } {
  let short = '';
  let long = '';
  let last = '';
  let run = 0;
  for (let i = 0; i < word.length; i++) {
    const k = classOf(word.charCodeAt(i), word[i]);
    if (k === last) run++;
    else {
      last = k;
      run = 1;
      short += k;
    }
    if (run <= 2) long += k;
  }
  return { short, long };
}
