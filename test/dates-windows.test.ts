import { describe, it, expect } from 'vitest';
import type { ChronoResult } from '../stages/dates/chrono.js';
import { parseDates } from '../stages/dates/chrono.js';
import { Signs, chronoWindows } from '../stages/dates/windows.js';

const WORDS = ['jan', 'mon', 'day', 'night', 'tomorrow'];
const SIGN = /\d|jan|mon|day|night|tomorrow/i;
const REF = new Date(2024, 2, 21, 12);

function windowsOf(text: string): Array<[number, number]> {
  const flat = chronoWindows(text, new Signs(WORDS));
  const out: Array<[number, number]> = [];
  for (let i = 0; i < flat.length; i += 2) out.push([flat[i], flat[i + 1]]);
  return out;
}

function described(r: ChronoResult, offset: number): string {
  const c = (p: ChronoResult['start']) => JSON.stringify([p.date().getTime(), [...p.tags()].sort(), p.isCertain('day'), p.isCertain('month'), p.isCertain('year'), p.isCertain('hour')]);
  return `${r.index + offset} ${r.text} ${c(r.start)} ${r.end ? c(r.end) : ''}`;
}

/**
 * chrono's results with a sign, read from the whole text and from its windows; the windows must
 * not add any other.
 */
function both(text: string): { whole: string[]; windows: string[] } {
  const all = parseDates(text, REF);
  const fromWindows = windowsOf(text).flatMap(([from, to]) => parseDates(text.slice(from, to), REF).map((r) => ({ r, from })));
  const wholeSet = new Set(all.map((r) => described(r, 0)));
  for (const { r, from } of fromWindows) expect(wholeSet.has(described(r, from)), text).toBe(true);
  const whole = all.filter((r) => SIGN.test(r.text)).map((r) => described(r, 0));
  const windows = fromWindows.filter(({ r }) => SIGN.test(r.text)).map(({ r, from }) => described(r, from));
  return { whole, windows };
}

describe('chrono windows', () => {
  it('finds signs as the case-blind pattern does', () => {
    const signs = new Signs(WORDS);
    const text = 'Xx JANITOR monk, 7 Tomorro tomorrow night';
    const found: number[] = [];
    for (let at = signs.next(text, 0); at >= 0; at = signs.next(text, at + 1)) found.push(at);
    const expected = [...text.matchAll(/\d|jan|mon|day|night|tomorrow/gi)].map((m) => m.index);
    expect(found).toEqual(expected);
  });

  it('cuts only between two words no chrono result can hold, and keeps every sign inside', () => {
    const text = 'The profits rose sharply on Monday, analysts said, while shares of the company fell again.';
    const windows = windowsOf(text);
    expect(windows.length).toBe(1);
    const [from, to] = windows[0];
    expect(text.slice(from, to)).toContain('Monday');
    expect(from).toBeGreaterThan(0);
    expect(to).toBeLessThan(text.length);
    expect(windowsOf('No date words here at all, only prose.')).toEqual([]);
  });

  it('reads the same results as chrono on the whole text', () => {
    const texts = [
      'Officials spoke on Monday. At 5 pm the crowd gathered outside again.',
      'Officials spoke Monday. Night fell quickly over the empty harbour.',
      'Prices climbed from March 3 to March 5, traders reported quietly yesterday.',
      'Storage fell to the end of the month, brokers noted with some surprise.',
      'Meetings resumed at 10 am EST, spokespeople confirmed on Tuesday afternoon.',
      'Trading stopped 3 days ago, regulators announced late last night.',
      'Shares gained in late January 2024 amid optimism, dealers reported.',
      'Plugin May release shipped, developers confirmed, January 5 2024 onward.',
      'Protesters gathered Friday, 12/03/2023, near parliament buildings downtown.',
      'Spending rose +2 days later than planned, officials reported Jan. 4.',
      'The summit ended Monday. Tomorrow officials travel elsewhere quickly.',
    ];
    for (const text of texts) {
      const { whole, windows } = both(text);
      expect(windows, text).toEqual(whole);
    }
  });

  it('reads the same results on random mixtures of date phrases and prose', () => {
    const pieces = [
      'Monday', 'on Jan. 5', '5 pm', 'at 10:30', 'tomorrow night', 'from March 3 to 5', '2024-03-21', '3 days ago',
      'profits', 'rose', 'sharply', 'analysts', 'said', 'the', 'of', 'in', 'was', 'end of the month', 'EST', ',', '.', '-',
      'last week', 'next Tuesday', 'Dec. 25, 2023', 'noon', 'company', 'quarterly', 'janitor', 'monkey', '12/03', 'GMT+2',
    ];
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let t = 0; t < 300; t++) {
      const words = Array.from({ length: 6 + random(20) }, () => pieces[random(pieces.length)]);
      const text = words.join(random(3) === 0 ? '  ' : ' ');
      const { whole, windows } = both(text);
      expect(windows, text).toEqual(whole);
    }
  });
});
