import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as chrono from 'chrono-node';
import { newDoc, type Doc, type DocMeta, type Removal } from '../pipeline/doc.js';
import type { StageContext } from '../pipeline/stage.js';
import { process as runBoilerplate } from '../stages/boilerplate.js';
import { pageFactsOf } from '../stages/boilerplate/page-facts.js';
import { dates, process as runDates } from '../stages/dates.js';
import { GATE_NAMES, GATED_PARSERS, parseDates, withChronoMemo } from '../stages/dates/chrono.js';
import { firstExplicitDate } from '../stages/dates/explicit.js';
import { isConstantBuilder, localeParser } from '../stages/dates/locales.js';
import { findDateMentions } from '../stages/dates/mentions.js';
import { GATED_PATTERNS as RULE_PATTERNS } from '../stages/dates/rules.js';
import { GATED_PATTERNS as VAGUE_PATTERNS } from '../stages/dates/vague.js';
import { fitOf, MAX_ZONE_WORDS, VOCABULARY_READ } from '../stages/dates/vocabulary.js';
import { WordLists, Words } from '../stages/dates/words.js';

const SEEDS = resolve(__dirname, '../../shared/data/seeds');
const ctx: StageContext = { runId: 'test', runStartedAt: new Date('2025-06-01T00:00:00Z') };

/** Decoded the way the read stage decodes: BOM out, CRLF -> LF, NBSP -> space. */
function seedRaw(n: string): string {
  return readFileSync(`${SEEDS}/${n}.txt`, 'utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').replace(/\u00a0/g, ' ');
}

function doc(raw: string, opts: { text?: string; removed?: Removal[]; meta?: DocMeta } = {}): Doc {
  const d = newDoc('t', { path: 't.txt', kind: 'txt', bytes: raw.length, sha256: '' }, raw, opts.meta);
  const removed = opts.removed ?? [];
  // The page facts the boilerplate stage writes, as it would with these removals.
  return { ...d, text: opts.text ?? raw, removed, page: pageFactsOf({ ...d, removed }) };
}

function run(d: Doc, c: StageContext = ctx): Doc {
  return runDates(d, c);
}

/** An article dated Thursday 2024-03-21 (via a header line) with the given body. */
function thursdayArticle(body: string): Doc {
  return run(doc(`Thursday 21 March 2024\n\n${body}`, { text: body }));
}

function mention(d: Doc, surface: string) {
  const found = d.dates.find((m) => m.surface === surface);
  expect(found, `no mention "${surface}" in ${JSON.stringify(d.dates.map((m) => m.surface))}`).toBeDefined();
  return found!;
}

const headerRemoval = (line: number, text: string): Removal => ({ stage: 'boilerplate', line, text, reason: 'header_date' });

describe('dates stage: publication date of the seeds', () => {
  const expected: Array<[string, string, string]> = [
    ['000', '2024-03-21', 'header'],
    ['001', '2024-10-06', 'header'],
    ['002', '2024-11-24', 'header'],
    ['003', '2023-12-20', 'dateline'],
    ['004', '2022-01-25', 'header'],
  ];

  it.each(expected)('raw seed %s (no boilerplate stage) -> %s from %s', (n, date, source) => {
    const out = run(doc(seedRaw(n)));
    expect(out.published?.date).toBe(date);
    expect(out.published?.source).toBe(source);
  });

  it('seed 000: the header time is kept as UTC because the page states no offset', () => {
    const out = run(doc(seedRaw('000')));
    expect(out.published).toEqual({
      date: '2024-03-21',
      at: '2024-03-21T09:34:00.000Z',
      source: 'header',
      evidence: 'Thursday 21 March 2024 - 09:34',
    });
  });

  it('seeds with boilerplate-style removals: header lines out of text, dates read from the removals', () => {
    const raw1 = seedRaw('001');
    const prefix = ' date 2024-10-06 ';
    expect(raw1.startsWith(prefix)).toBe(true);
    const out1 = run(doc(raw1, { text: raw1.slice(prefix.length), removed: [headerRemoval(1, prefix)] }));
    expect(out1.published).toMatchObject({ date: '2024-10-06', source: 'header' });

    const raw2 = seedRaw('002');
    const firstLine = raw2.split('\n')[0];
    const out2 = run(doc(raw2, { text: raw2.slice(firstLine.length).trimStart(), removed: [headerRemoval(1, firstLine)] }));
    expect(out2.published).toMatchObject({ date: '2024-11-24', source: 'header' });
  });

  it.each([
    ['miércoles, 4 de mayo de 2022', '2022-05-04'],
    ['Veröffentlicht am 8. Dezember 2022 um 10:30', '2022-12-08'],
    ['publié le 12 décembre 2022', '2022-12-12'],
    ['3 мая 2022 г.', '2022-05-03'],
    ['3 de maio de 2022', '2022-05-03'],
  ])('a header date with a month name of another language: "%s" -> %s', (line, date) => {
    const body = 'The committee met to discuss the new budget, which members described as the most ambitious in a decade.';
    const raw = `${line}\n\nHeadline of the story\n\n${body}\n\n${body.replace('budget', 'plan')}`;
    const read = newDoc('t', { path: 't.txt', kind: 'txt', bytes: raw.length, sha256: '' }, raw);
    expect(run(runBoilerplate(read, ctx)).published).toMatchObject({ date, source: 'header' });
  });

  it.each([
    ['10.12.2022 18:27 von Hinrich Neumann', '2022-12-10'],
    ['Por Adriano Fernandes | 03/05/2022 20:36', '2022-05-03'],
    ['By Jane Doe | March 4, 2021 | Politics', '2021-03-04'],
  ])('a byline line between the headline and the body, labelled or not: "%s" -> %s', (byline, date) => {
    const body = 'The committee met to discuss the new budget, which members described as the most ambitious in a decade.';
    const raw = ['Home', 'News', 'Sport', 'Lawmakers agree on a spending plan after long talks', byline, body, body.replace('budget', 'plan'), 'Share this article'].join('\n\n');
    const read = newDoc('t', { path: 't.txt', kind: 'txt', bytes: raw.length, sha256: '' }, raw);
    const out = run(runBoilerplate(read, ctx));
    expect(out.meta.title).toBe('Lawmakers agree on a spending plan after long talks');
    expect(out.published).toMatchObject({ date, source: 'byline' });
  });

  it('a month name of another language is no date without its day and year', () => {
    const raw = 'Mai 2022\n\nHeadline of the story\n\nBody text that mentions nothing in particular about time at all.';
    expect(run(doc(raw)).published).toBeUndefined();
  });

  it('reads dates named in the language of a German, Spanish or French document, and not in an English one', () => {
    const found = (text: string, language: string) => findDateMentions(text, { y: 2023, m: 1, d: 10 }, undefined, language).map((m) => [m.surface, m.value]);
    expect(found('Die Sitzung fand am 8. Dezember 2022 statt. Am 3. Oktober wurde abgestimmt, im Mai 2021 nicht.', 'de'))
      .toEqual([['8. Dezember 2022', '2022-12-08'], ['3. Oktober', '2022-10-03'], ['Mai 2021', '2021-05']]);
    expect(found('El consejo se reunió el 3 de mayo de 2022; en mayo de 2021 no.', 'es')).toEqual([['3 de mayo de 2022', '2022-05-03'], ['mayo de 2021', '2021-05']]);
    expect(found('Le 12 décembre 2022, le président a parlé de Mars.', 'fr')).toEqual([['12 décembre 2022', '2022-12-12']]);
    // "Mars 2020" is a rover in English: month names of other languages are read only in their language.
    expect(found('NASA launched Mars 2020 on 30 July 2020.', 'en')).toEqual([['30 July 2020', '2020-07-30']]);
  });

  it('uses header_date removals even when the top lines of raw show no date', () => {
    const raw = 'Headline of the story\n\nBody text that mentions nothing in particular about time at all today.';
    const out = run(doc(raw, { removed: [headerRemoval(7, 'Tuesday, 25 January, 2022')] }));
    expect(out.published).toMatchObject({ date: '2022-01-25', source: 'header' });
  });

  it('ignores removals that are not header dates', () => {
    const raw = 'Headline\n\nA body without any date in it, just words and more words here.';
    const removed: Removal[] = [{ stage: 'boilerplate', line: 30, text: '21 March 2024', reason: 'teaser_list' }];
    expect(run(doc(raw, { removed })).published).toBeUndefined();
  });

  it('seed 003 with the boilerplate-cleaned body still finds the dateline', () => {
    const raw = seedRaw('003');
    const text = raw.slice(raw.indexOf('Beijing, December 20'));
    const out = run(doc(raw, { text }));
    expect(out.published).toEqual({ date: '2023-12-20', source: 'dateline', evidence: 'Beijing, December 20, 2023' });
  });
});

describe('dates stage: publication date rules', () => {
  it('a JSONL field with an offset keeps the publisher\'s calendar date and stores the UTC instant', () => {
    // 23:30 at UTC-5 is 04:30 the next day in UTC; published_date is the date as written.
    const out = run(doc('Body only.', { meta: { publishedField: '2024-03-21T23:30:00-05:00' } }));
    expect(out.published).toEqual({
      date: '2024-03-21',
      at: '2024-03-22T04:30:00.000Z',
      source: 'field',
      evidence: '2024-03-21T23:30:00-05:00',
    });
  });

  it('field formats: date only, time without offset (taken as UTC), written out', () => {
    expect(run(doc('x', { meta: { publishedField: '2024-03-21' } })).published).toEqual({
      date: '2024-03-21',
      source: 'field',
      evidence: '2024-03-21',
    });
    expect(run(doc('x', { meta: { publishedField: '2024-03-21T09:34:00' } })).published?.at).toBe('2024-03-21T09:34:00.000Z');
    expect(run(doc('x', { meta: { publishedField: 'March 21, 2024' } })).published).toMatchObject({ date: '2024-03-21', source: 'field' });
  });

  it('an offset no place has ("+99:99") does not shift the field\'s day', () => {
    const published = run(doc('x', { meta: { publishedField: '2024-03-21T09:34:00+99:99' } })).published;
    expect(published?.date ?? '2024-03-21').toBe('2024-03-21');
    expect(published?.at ?? '').not.toMatch(/^2024-03-1/);
    expect(run(doc('x', { meta: { publishedField: '2024-03-21T09:34:00+14:00' } })).published?.at).toBe('2024-03-20T19:34:00.000Z');
  });

  it('the field beats a header, and an unusable field falls back to the header', () => {
    const raw = seedRaw('002');
    expect(run(doc(raw, { meta: { publishedField: '2024-11-23' } })).published).toMatchObject({ date: '2024-11-23', source: 'field' });
    expect(run(doc(raw, { meta: { publishedField: '2024-02-30' } })).published).toMatchObject({ date: '2024-11-24', source: 'header' });
    expect(run(doc(raw, { meta: { publishedField: 'not a date' } })).published).toMatchObject({ date: '2024-11-24', source: 'header' });
  });

  it('rejects a header date after the run started and falls back to the next source', () => {
    const early: StageContext = { runId: 't', runStartedAt: new Date('2024-06-01T00:00:00Z') };
    const raw = 'Sunday, 24 November, 2024\n\nLONDON, May 2, 2024 (Agency) - Something happened on that day.';
    expect(run(doc(raw), early).published).toMatchObject({ date: '2024-05-02', source: 'dateline' });
    expect(run(doc('Sunday, 24 November, 2024\n\nNo other date here at all.'), early).published).toBeUndefined();
    expect(run(doc(raw)).published).toMatchObject({ date: '2024-11-24', source: 'header' });
  });

  it('never emits a field instant after the run start', () => {
    const c: StageContext = { runId: 't', runStartedAt: new Date('2024-03-21T10:00:00Z') };
    const d = doc('x', { meta: { publishedField: '2024-03-21T11:00:00Z' } });
    expect(run(d, c).published).toBeUndefined();
    expect(run(doc('x', { meta: { publishedField: '2024-03-21T09:00:00Z' } }), c).published?.at).toBe('2024-03-21T09:00:00.000Z');
  });

  it('rejects dates before 1990 found in text, and impossible calendar dates; a field may be older', () => {
    expect(run(doc('Monday, 5 March 1984\n\nBody text without a date.')).published).toBeUndefined();
    // A structured field is the input saying so (a 1987 wire archive); before 1900 is still a misread.
    expect(run(doc('x', { meta: { publishedField: '1987-02-26' } })).published).toMatchObject({ date: '1987-02-26', source: 'field' });
    expect(run(doc('x', { meta: { publishedField: '1850-12-31' } })).published).toBeUndefined();
    expect(run(doc('date 2023-02-29\n\nBody text without a date.')).published).toBeUndefined();
  });

  it('a year-less dateline gives no publication date, whatever the day of the run', () => {
    const raw = 'WASHINGTON, March 3 (Reuters) - The Senate voted on a bill.';
    const feb: StageContext = { runId: 't', runStartedAt: new Date('2024-02-01T00:00:00Z') };
    const jun: StageContext = { runId: 't', runStartedAt: new Date('2024-06-01T00:00:00Z') };
    expect(run(doc(raw), feb).published).toBeUndefined();
    expect(run(doc(raw), jun)).toEqual(run(doc(raw), feb));
    expect(run(doc('WASHINGTON, March 3, 2024 (Reuters) - The Senate voted on a bill.'), jun).published).toMatchObject({ date: '2024-03-03', source: 'dateline' });
  });

  it('falls back to the first written date of the lede, but not to a later paragraph', () => {
    const lede = 'The ministry said the agreement, signed on 4 July 2023 in Geneva, took effect at once.';
    expect(run(doc(`Short headline\n\n${lede}`)).published).toEqual({ date: '2023-07-04', source: 'text', evidence: '4 July 2023' });
    const later = `The ministry said the agreement took effect at once, without more detail.\n\n${lede}`;
    expect(run(doc(later)).published).toBeUndefined();
    const notOn = 'Elco Industries said it expects net income in the year ending June 30, 1990, to fall below estimates.';
    expect(run(doc(`Short headline\n\n${notOn}`)).published).toBeUndefined();
  });

  it('a lede date counts after "on" and two spaces even when "on" ends a longer word (only four characters are looked at)', () => {
    // Two spaces after "on" fill those four characters, so the word before it is not seen.
    const glued = 'The two ministries said the treaty takes effect upon  4 July 2023 in Geneva, officials said.';
    expect(run(doc(`Short headline\n\n${glued}`)).published).toMatchObject({ date: '2023-07-04', source: 'text' });
    const noOn = 'The two ministries said the treaty takes effect from 4 July 2023 in Geneva, officials said.';
    expect(run(doc(`Short headline\n\n${noOn}`)).published).toBeUndefined();
  });

  it('a lede date some years "ago" is an anniversary, not the publication date (a real 2005 BBC article)', () => {
    const raw = readFileSync(resolve(__dirname, '../../shared/data/news/bbc/entertainment-244.txt'), 'utf8');
    expect(raw).toContain('vanished 10 years ago, on 1 February 1995');
    const out = run(doc(raw));
    expect(out.published).toBeUndefined();
    expect(out.dates.find((m) => m.surface === '1 February 1995')).toMatchObject({ value: '1995-02-01', anchorSource: 'none' });
  });

  it('a lede date decades before a day the text states is not the publication date', () => {
    const lede = 'The ministry said the treaty, signed on 4 July 1991 in Geneva, still holds.';
    expect(run(doc(`Short headline\n\n${lede}`)).published).toMatchObject({ date: '1991-07-04', source: 'text' });
    const out = run(doc(`Short headline\n\n${lede}\n\nIts latest review ended on 12 May 2023.`));
    expect(out.published).toBeUndefined();
    expect(out.dates.every((m) => m.anchor === null)).toBe(true);
  });

  it('leaves rejected documents untouched', () => {
    const d: Doc = { ...doc(seedRaw('002')), reject: { stage: 'read', reason: 'empty_file', detail: '' } };
    expect(run(d)).toBe(d);
  });

  it('is registered as a per-document stage', () => {
    expect(dates).toMatchObject({ name: 'dates', kind: 'doc' });
    expect(dates.describe.length).toBeGreaterThan(10);
  });
});

describe('dates stage: date mentions', () => {
  it('"On Monday" in an article dated Thursday 2024-03-21 is 2024-03-18 (seed 000)', () => {
    const out = run(doc(seedRaw('000')));
    expect(mention(out, 'Monday')).toMatchObject({ value: '2024-03-18', date: '2024-03-18', granularity: 'day' });
  });

  it('"on Friday" in seed 002 (published Sunday 2024-11-24) is 2024-11-22', () => {
    const out = run(doc(seedRaw('002')));
    const fridays = out.dates.filter((m) => m.surface === 'Friday');
    expect(fridays).toHaveLength(2);
    for (const f of fridays) expect(f).toMatchObject({ value: '2024-11-22', date: '2024-11-22', granularity: 'day' });
  });

  it('seed 003: "this year", "next year" and "2024-2025" against the 2023-12-20 dateline', () => {
    const out = run(doc(seedRaw('003')));
    expect(mention(out, 'this year')).toMatchObject({ value: '2023', date: null, granularity: 'year' });
    expect(mention(out, 'next year')).toMatchObject({ value: '2024', date: null, granularity: 'year' });
    expect(mention(out, '2024-2025')).toMatchObject({ value: '2024/2025', date: null, granularity: 'range' });
    expect(mention(out, 'Wednesday')).toMatchObject({ value: '2023-12-20' });
  });

  it('seed 004: "in 2021" is a bare year', () => {
    const out = run(doc(seedRaw('004')));
    expect(out.dates.filter((m) => m.value === '2021' && m.granularity === 'year').length).toBeGreaterThanOrEqual(1);
  });

  it('seed 004: "on Friday" in an article dated Tuesday 2022-01-25 is the Friday before, not after', () => {
    const out = run(doc(seedRaw('004')));
    const fridays = out.dates.filter((m) => m.surface === 'Friday');
    expect(fridays.length).toBeGreaterThan(0);
    for (const f of fridays) expect(f.value).toBe('2022-01-21');
  });

  it.each(['000', '001', '002', '003', '004'])('seed %s: offsets are exact, sorted and non-overlapping', (n) => {
    const out = run(doc(seedRaw(n)));
    expect(out.dates.length).toBeGreaterThan(0);
    let lastEnd = -1;
    for (const m of out.dates) {
      expect(out.text.slice(m.start, m.end)).toBe(m.surface);
      expect(m.start).toBeGreaterThanOrEqual(lastEnd);
      lastEnd = m.end;
      expect(m.date === null).toBe(m.granularity !== 'day');
    }
  });

  it('offsets count UTF-16 units after astral characters and curly quotes', () => {
    const body = '“Emoji 😀 aside,” he said on Monday. Talks resume next week.';
    const out = thursdayArticle(body);
    const monday = mention(out, 'Monday');
    expect(body.slice(monday.start, monday.end)).toBe('Monday');
    expect(monday.start).toBe(body.indexOf('Monday'));
    expect(mention(out, 'next week').start).toBe(body.indexOf('next week'));
  });

  it('no dates from amounts, magnitudes, ordinals, ids, times or verbs', () => {
    const body = [
      'Bilateral turnover has crossed the $240-billion mark.',
      'The recent 6.2-magnitude earthquake hit the province on the 75th anniversary of ties.',
      'They signed a contract for 10 billion cubic meters. Story Code : 1123962.',
      'The session opened at 09:34 and the crowd may march to the square; they plan to march in protest.',
      'Theresa May said The Europe Today would report it, and 2000 people attended a 24/7 vigil.',
    ].join('\n\n');
    expect(thursdayArticle(body).dates).toEqual([]);
  });

  it('bare years only where a year is introduced; amounts are not years', () => {
    const out = thursdayArticle(
      'Exports rose by 2000 tonnes. Output rose by 2000. The 2000 troops left. Targets are due by 2030, ' +
        'after the 1996 campaign and the company\'s 1989 results. Prices climbed from 1991 to 1997. ' +
        'The 1998-99 season ended on 2024-03-20.',
    );
    expect(out.dates.map((m) => [m.surface, m.value])).toEqual([
      ['2030', '2030'],
      ['1996', '1996'],
      ['1989', '1989'],
      ['1991', '1991'],
      ['1997', '1997'],
      ['1998-99', '1998/1999'],
      ['2024-03-20', '2024-03-20'],
    ]);
  });

  it('weekdays: past by default, "last" strictly before, "next" and future cues forward', () => {
    const out = thursdayArticle(
      'He left last Friday. She arrived on Thursday. They will meet on Friday. The vote is next Monday.',
    );
    expect(mention(thursdayArticle('It was signed the previous Thursday.'), 'Thursday').value).toBe('2024-03-14');
    expect(mention(out, 'last Friday').value).toBe('2024-03-15');
    expect(mention(out, 'Thursday').value).toBe('2024-03-21');
    expect(mention(out, 'Friday').value).toBe('2024-03-22');
    expect(mention(out, 'next Monday').value).toBe('2024-03-25');
  });

  it('weeks, months, quarters and years relative to the publication date', () => {
    const out = thursdayArticle(
      'Sales fell last week and will rise next week. In March prices rose, after a dip last month. ' +
        'Results for the first quarter beat the fourth quarter of 2023. Growth in 2021 was weak, ' +
        'and last year was worse. In the first 11 months of this year exports rose.',
    );
    const values = Object.fromEntries(out.dates.map((m) => [m.surface, [m.value, m.granularity]]));
    expect(values).toMatchObject({
      'last week': ['2024-W11', 'week'],
      'next week': ['2024-W13', 'week'],
      March: ['2024-03', 'month'],
      'last month': ['2024-02', 'month'],
      'first quarter': ['2024-Q1', 'quarter'],
      'fourth quarter of 2023': ['2023-Q4', 'quarter'],
      '2021': ['2021', 'year'],
      'last year': ['2023', 'year'],
      'this year': ['2024', 'year'],
    });
  });

  it('year-less months, days and quarters: past by default, the next one when much nearer or future', () => {
    const out = thursdayArticle(
      'Talks held on October 7 failed. Elections are on March 25, with polls in April. ' +
        'The fourth quarter was weak; the second quarter looks better. Prices fell in November.',
    );
    expect(mention(out, 'October 7').value).toBe('2023-10-07');
    expect(mention(out, 'March 25').value).toBe('2024-03-25');
    expect(mention(out, 'April').value).toBe('2024-04');
    expect(mention(out, 'fourth quarter').value).toBe('2023-Q4');
    expect(mention(out, 'second quarter').value).toBe('2024-Q2');
    expect(mention(out, 'November').value).toBe('2023-11');
    expect(mention(thursdayArticle('The summit will open in November.'), 'November').value).toBe('2024-11');
  });

  it('full dates, month-day without year, and ranges', () => {
    const out = thursdayArticle('It began on 7 October 2023, resumed on March 3 and ran March 5-8 at the venue.');
    expect(mention(out, '7 October 2023')).toMatchObject({ value: '2023-10-07', date: '2023-10-07', granularity: 'day' });
    expect(mention(out, 'March 3')).toMatchObject({ value: '2024-03-03', granularity: 'day' });
    expect(mention(out, 'March 5-8')).toMatchObject({ value: '2024-03-05/2024-03-08', date: null, granularity: 'range' });
  });

  it('keeps relative values when there is no publication date, never the run start\'s', () => {
    const text = 'Nothing dated here, but on Monday the talks ended and next year they resume in December.';
    const march: StageContext = { runId: 't', runStartedAt: new Date('2024-03-21T10:00:00Z') };
    const later: StageContext = { runId: 't', runStartedAt: new Date('2031-11-02T10:00:00Z') };
    const out = run(doc(text), march);
    expect(out.published).toBeUndefined();
    expect(mention(out, 'Monday')).toMatchObject({ value: 'XXXX-WXX-1', date: null, granularity: 'day', anchor: null, anchorSource: 'none' });
    expect(mention(out, 'next year')).toMatchObject({ value: 'XXXX', date: null, anchor: null, anchorSource: 'none' });
    expect(mention(out, 'December')).toMatchObject({ value: 'XXXX-12', granularity: 'month' });
    expect(run(doc(text), later)).toEqual(out);
  });

  it('says exactly which values needed the anchor (real tempeval and bbc texts, three anchors)', () => {
    const texts = ['dates/tempeval3', 'news/bbc'].flatMap((dir) => {
      const abs = resolve(__dirname, '../../shared/data', dir);
      return readdirSync(abs).filter((f) => f.endsWith('.txt')).sort().slice(0, 60).map((f) => readFileSync(resolve(abs, f), 'utf8'));
    });
    let anchored = 0;
    let absolute = 0;
    for (const text of texts) {
      const a = findDateMentions(text, { y: 1998, m: 2, d: 13 });
      const b = findDateMentions(text, { y: 2003, m: 9, d: 30 });
      const none = findDateMentions(text, undefined);
      expect(none.map((m) => [m.start, m.end, m.anchored])).toEqual(a.map((m) => [m.start, m.end, m.anchored]));
      a.forEach((m, i) => {
        if (m.anchored) {
          anchored++;
          expect(none[i].value).toContain('X');
          expect(none[i].date).toBeNull();
        } else {
          absolute++;
          expect([b[i].value, none[i].value]).toEqual([m.value, m.value]);
        }
      });
    }
    expect(anchored).toBeGreaterThan(100);
    expect(absolute).toBeGreaterThan(100);
  });

  it('records the anchor of relative values only, and where it came from', () => {
    const out = thursdayArticle('On Monday the talks ended; they began on 2 March 2024.');
    expect(mention(out, 'Monday')).toMatchObject({ value: '2024-03-18', anchor: '2024-03-21', anchorSource: 'published' });
    expect(mention(out, '2 March 2024')).toMatchObject({ value: '2024-03-02', anchor: null, anchorSource: 'none' });
    const dateline = run(doc('Gdansk, October 2, 2024, The Europe Desk: Dockers walked out on Monday.'));
    expect(dateline.published).toMatchObject({ date: '2024-10-02', source: 'dateline' });
    expect(mention(dateline, 'Monday')).toMatchObject({ value: '2024-09-30', anchor: '2024-10-02', anchorSource: 'dateline' });
  });

  it('is pure: the input document is not modified', () => {
    const d = doc(seedRaw('000'));
    const before = structuredClone(d);
    run(d);
    expect(d).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------
// HTML pages: publication-date candidates (stages/dates/html.ts)

function htmlDoc(html: string, url?: string, text = ''): Doc {
  const d = newDoc('h', { path: 'h.html', kind: 'html', bytes: html.length, sha256: '' }, html, url ? { url } : {});
  return { ...d, text, page: pageFactsOf(d) };
}

const page = (head: string, body = '<h1>Headline</h1><p>Body text of the story, long enough to be prose.</p>') =>
  `<!doctype html><html lang="de"><head>${head}</head><body>${body}</body></html>`;

describe('dates stage: reads the page facts, not raw', () => {
  it('finds the same dates after the boilerplate stage with raw gone from the document', () => {
    const html = htmlDoc(page('<meta property="article:published_time" content="2024-03-21T09:00:00Z">',
      '<h1>Headline</h1><p>Veröffentlicht am 20.03.2024</p><p>Body text of the story, long enough to be prose, written on Monday.</p>'));
    const docs = [...['000', '001', '002', '003'].map((n) => doc(seedRaw(n))), html];
    for (const d of docs) {
      const cleaned = runBoilerplate(d, ctx);
      const withRaw = run(cleaned);
      expect(withRaw.published, d.source.path).toBeDefined();
      expect(run({ ...cleaned, raw: '' })).toEqual({ ...withRaw, raw: '' });
    }
  });
});

describe('dates stage: HTML publication dates', () => {
  it('article:published_time keeps the written calendar date and the UTC instant', () => {
    const out = run(htmlDoc(page('<meta property="article:published_time" content="2024-03-21T23:30:00-05:00">')));
    expect(out.published).toEqual({
      date: '2024-03-21',
      at: '2024-03-22T04:30:00.000Z',
      source: 'html-meta',
      evidence: 'article:published_time: 2024-03-21T23:30:00-05:00',
    });
  });

  it('JSON-LD datePublished (also inside @graph), dateModified only as a last resort', () => {
    const ld = (o: object) => `<script type="application/ld+json">${JSON.stringify(o)}</script>`;
    const both = ld({ '@graph': [{ '@type': 'Organization', name: 'X' }, { '@type': 'NewsArticle', datePublished: '2024-03-21T09:00:00+01:00', dateModified: '2024-03-25T10:00:00+01:00' }] });
    expect(run(htmlDoc(page(both))).published).toMatchObject({ date: '2024-03-21', at: '2024-03-21T08:00:00.000Z', source: 'html-meta' });
    const modifiedOnly = ld({ '@type': 'NewsArticle', dateModified: '2024-03-25' });
    expect(run(htmlDoc(page(modifiedOnly))).published).toMatchObject({ date: '2024-03-25', evidence: 'json-ld dateModified: 2024-03-25' });
  });

  it('itemprop=datePublished, <time pubdate>, the first <time> in the article', () => {
    expect(run(htmlDoc(page('', '<h1>T</h1><span itemprop="datePublished" content="2024-03-21">21. März</span>'))).published?.date).toBe('2024-03-21');
    expect(run(htmlDoc(page('', '<h1>T</h1><time datetime="2024-03-19" pubdate>19.3.</time>'))).published?.date).toBe('2024-03-19');
    const times = '<aside><time datetime="2024-01-02">2 Jan</time></aside><article><h1>T</h1><time datetime="2024-03-18T10:00:00Z">18 March</time></article>';
    expect(run(htmlDoc(page('', times))).published).toMatchObject({ date: '2024-03-18', source: 'html-meta' });
  });

  it.each([
    ['date', '2024-03-21'],
    ['DC.date.issued', '2024-03-21'],
    ['sailthru.date', '2024-03-21 09:34:00'],
    ['parsely-pub-date', '2024-03-21T09:34:00Z'],
    ['pubdate', '20240321'],
  ])('meta name=%s', (name, content) => {
    expect(run(htmlDoc(page(`<meta name="${name}" content="${content}">`))).published).toMatchObject({ date: '2024-03-21', source: 'html-meta' });
  });

  it('dates in the URL: meta.url first, else the canonical link', () => {
    expect(run(htmlDoc(page(''), 'https://example.org/politik/2024/03/21/some-story/')).published).toMatchObject({ date: '2024-03-21', source: 'url' });
    expect(run(htmlDoc(page('<link rel="canonical" href="https://example.org/news/2024-03-21-some-story.html">'))).published).toMatchObject({ date: '2024-03-21', source: 'url' });
    expect(run(htmlDoc(page(''), 'https://example.org/article/12345678/')).published).toBeUndefined();
  });

  it('labelled bylines in the page, publication before modification, in several languages', () => {
    const body = '<h1>Titel</h1><div>Aktualisiert am 23.03.2024, 12:00 Uhr</div><div>Veröffentlicht am 21.03.2024 um 10:15 Uhr</div><p>Text.</p>';
    expect(run(htmlDoc(page('', body))).published).toMatchObject({ date: '2024-03-21', at: '2024-03-21T10:15:00.000Z', source: 'byline' });
    expect(run(htmlDoc(page('', '<p>Publié le 21 mars 2024</p>'))).published?.date).toBe('2024-03-21');
    expect(run(htmlDoc(page('', '<p>Publicado el 21 de marzo de 2024</p>'))).published?.date).toBe('2024-03-21');
    expect(run(htmlDoc(page('', '<p>Опубликовано 21 марта 2024 г.</p>'))).published?.date).toBe('2024-03-21');
  });

  it('an unlabelled date right under the headline beats a date in the masthead', () => {
    const body = '<header><span>Samstag, 23. März 2024</span></header><main><h1>Titel</h1><div class="autor">Von A. B. | 21.03.2024</div><p>Text.</p></main>';
    expect(run(htmlDoc(page('', body))).published).toMatchObject({ date: '2024-03-21', source: 'byline' });
  });

  it('publication metadata votes: one stale JSON-LD block does not outvote three fields', () => {
    const head =
      '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-03-20T22:40:00-07:00"}</script>' +
      '<meta name="parsely-pub-date" content="2024-03-21T02:00:07-07:00"><meta itemprop="datePublished" content="2024-03-21T02:00:07-07:00">' +
      '<meta name="date" content="2024-03-21">';
    expect(run(htmlDoc(page(head))).published?.date).toBe('2024-03-21');
  });

  it('a UTC stamp takes the local calendar date the page shows, keeping the instant', () => {
    const head = '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-03-22T02:18:11Z"}</script>';
    const out = run(htmlDoc(page(head), 'https://example.org/2024/03/21/story/'));
    expect(out.published).toMatchObject({ date: '2024-03-21', at: '2024-03-22T02:18:11.000Z', source: 'html-meta' });
    // With a stated non-zero offset the written date is already local.
    const offset = '<meta property="article:published_time" content="2024-03-22T02:18:11+01:00">';
    expect(run(htmlDoc(page(offset), 'https://example.org/2024/03/21/story/')).published?.date).toBe('2024-03-22');
  });

  it('rejects future, pre-1990, phone-number and version-number candidates', () => {
    const future = '<meta property="article:published_time" content="2025-07-01T00:00:00Z"><meta name="date" content="2024-03-21">';
    expect(run(htmlDoc(page(future))).published).toMatchObject({ date: '2024-03-21' });
    expect(run(htmlDoc(page('<meta name="date" content="1985-03-21">'))).published).toBeUndefined();
    const noise = '<h1>Titel</h1><p>Tel. +49 30 2024 0321, Fax 030-21.03.20245</p><p>Version 1.2.2019 released, v2.10.2020 too.</p>';
    expect(run(htmlDoc(page('', noise))).published).toBeUndefined();
  });

  it('every emitted date has a source and is not after the run start', () => {
    const c: StageContext = { runId: 't', runStartedAt: new Date('2024-03-21T10:00:00Z') };
    const head = '<meta property="article:published_time" content="2024-03-21T11:00:00Z"><meta property="article:modified_time" content="2024-03-20T08:00:00Z">';
    const out = run(htmlDoc(page(head)), c);
    expect(out.published).toMatchObject({ date: '2024-03-20', source: 'html-meta' });
    expect(Date.parse(out.published!.at!)).toBeLessThanOrEqual(c.runStartedAt.getTime());
  });

  it('a JSONL record\'s own date field outranks its page; a value the boilerplate stage copied from the page does not', () => {
    const html = page('<meta property="article:published_time" content="2024-03-21T09:00:00Z">');
    const record = (meta: DocMeta): Doc => {
      const d = htmlDoc(html);
      return runBoilerplate({ ...d, source: { ...d.source, path: 'x.jsonl', line: 3 }, meta }, ctx);
    };
    expect(run(record({ publishedField: '2024-03-20' })).published).toMatchObject({ date: '2024-03-20', source: 'field' });
    const copied = record({});
    expect(copied.meta.publishedField).toBe('2024-03-21T09:00:00Z');
    expect(copied.page?.publishedFieldFrom).toBeUndefined();
    expect(run(copied).published).toMatchObject({ date: '2024-03-21', source: 'html-meta' });
  });

  it('text documents: a labelled byline line (German numeric date, not US month-first)', () => {
    const raw = 'Startseite\n\nNews\n\nWindpark am Netz\n\nVeröffentlicht am 06.12.2022\n\nDer Windpark liefert seit Montag Strom.';
    expect(run(doc(raw)).published).toMatchObject({ date: '2022-12-06', source: 'byline' });
  });
});

// ---------------------------------------------------------------------------------------------
// Vague and anaphoric mentions (stages/dates/vague.ts)

describe('dates stage: TIMEX3 values for vague and anaphoric expressions', () => {
  const at = (body: string, date = '1989-10-25') => run(doc(body, { meta: { publishedField: date } }));

  it('present, past and future references are open ranges', () => {
    const out = at('Prices are now higher. Sales fell recently, and will recover in the near future.');
    expect(mention(out, 'now')).toMatchObject({ value: 'PRESENT_REF', date: null, granularity: 'range' });
    expect(mention(out, 'recently')).toMatchObject({ value: 'PAST_REF', granularity: 'range' });
    expect(mention(out, 'the near future')).toMatchObject({ value: 'FUTURE_REF', granularity: 'range' });
    expect(at('The recent 6.2-magnitude quake hit.').dates).toEqual([]);
  });

  it('seasons (quarter granularity), decades and centuries (ranges), weekends, holidays', () => {
    const out = at('Sales rose last fall and this summer. Since the 1990s, and in the late 1970s, in the 20th century. Talks over the weekend ended before Thanksgiving.');
    expect(mention(out, 'last fall')).toMatchObject({ value: '1988-FA', granularity: 'quarter', date: null });
    expect(mention(out, 'this summer')).toMatchObject({ value: '1989-SU' });
    expect(mention(out, 'the 1990s')).toMatchObject({ value: '199', granularity: 'range' });
    expect(mention(out, 'the late 1970s')).toMatchObject({ value: '197' });
    expect(mention(out, 'the 20th century')).toMatchObject({ value: '19' });
    expect(mention(out, 'the weekend')).toMatchObject({ value: '1989-W42-WE', granularity: 'week' });
    // Year-less like "November 23": the next one when it is much nearer than the last.
    expect(mention(out, 'Thanksgiving')).toMatchObject({ value: '1989-11-23', date: '1989-11-23', granularity: 'day' });
  });

  it('"the quarter" and "a year earlier" follow the last quarter or year mentioned', () => {
    const out = at('Net income in the third quarter rose. For the quarter, sales were up from a year earlier. The year-ago second quarter was weak.');
    expect(mention(out, 'the quarter')).toMatchObject({ value: '1989-Q3', granularity: 'quarter' });
    expect(mention(out, 'a year earlier')).toMatchObject({ value: '1988-Q3', granularity: 'quarter' });
    expect(mention(out, 'The year-ago second quarter')).toMatchObject({ value: '1988-Q2' });
    const years = at('Profit in 1988 was flat, up from a year earlier.');
    expect(mention(years, 'a year earlier')).toMatchObject({ value: '1987', granularity: 'year' });
    // No quarter mentioned yet: the last full quarter before the publication date.
    expect(mention(at('The latest quarter was strong.'), 'The latest quarter').value).toBe('1989-Q3');
  });
});

// ---------------------------------------------------------------------------------------------
// Shortcuts for speed: each skips work only where it provably finds nothing, so the results must
// be those of the plain computation. Checked here on real text of every kind the stage reads.

const SHARED = resolve(__dirname, '../../shared/data');

/** Seeds, TempEval and GUM articles, BBC and Reuters stories, and date-dense made-up lines. */
function sampleTexts(): string[] {
  const files = (dir: string, n: number): string[] =>
    readdirSync(`${SHARED}/${dir}`)
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .filter((_, i, all) => i % Math.max(1, Math.floor(all.length / n)) === 0)
      .slice(0, n)
      .map((f) => readFileSync(`${SHARED}/${dir}/${f}`, 'utf8'));
  const made = [
    'Thursday 21 March 2024 - 09:34', ' date 2024-10-06 0', 'Posted on Oct. 5, 2023 at 5 p.m. EST', 'Updated: 12/03/2024 14h30 CET',
    '5 days ago, in 3 hrs, +5 m, a couple of weeks later, two years from now, shortly before the end of month.',
    'Mon. This week the meeting was moved. In 1987. March sales rose. It ended at 5 p.m. At night it rained.',
    'On March 5. At 10 am the fifth of May, the twenty-first of June, Sept. 30th, 1999 through Oct. 2, 2000.',
    'last night, tonight, this morning, noon, midnight, tomorrow, yesterday, overmorrow, tmrw, the weekend',
    'Christmas Eve, New Year’s Day, the Fourth of July, Q4 2023, 2020/21, the 1990s, the nineties, the 21st century',
    'in them, for they, within the hour, the day after tomorrow, 12/2024, 3/4, 24/7, 9/11, 2024-03-21T09:34:00+01:00',
  ];
  return [
    ...files('seeds', 5), ...files('dates/tempeval3', 40), ...files('ner/gum-news', 10), ...files('news/bbc', 40), ...files('news/reuters', 60), ...made,
  ];
}

/** Paragraphs and lines: the strings the stage hands to chrono (mentions, datelines, headers). */
function pieces(texts: string[]): string[] {
  return texts.flatMap((t) => [...t.split(/\n[ \t]*\n/), ...t.split('\n')]).filter((p) => p.trim() !== '');
}

const LOCALES = ['de', 'fr', 'es', 'pt', 'it', 'nl', 'sv', 'ru', 'uk'];

/** A copy of a chrono parser without what stages/dates/locales.ts set on it. */
function unpatched(parser: chrono.Parser): chrono.Parser {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(parser) as object) as object, parser) as Record<string, unknown>;
  delete copy.innerPattern;
  if ('cachedInnerPattern' in copy) Object.assign(copy, { cachedInnerPattern: null, cachedPattern: null });
  return copy as unknown as chrono.Parser;
}

const plain = (r: chrono.ParsedResult) => JSON.stringify([r.index, r.text, r.start, r.end, [...r.tags()]]);

describe('dates stage: speed shortcuts leave results unchanged', () => {
  const texts = sampleTexts();
  const strings = pieces(texts);

  it('chrono English patterns are the ones the gates and the vocabulary were read from', () => {
    // If a chrono upgrade changes this, re-check GATES (stages/dates/chrono.ts) and REFINER_WORDS
    // (stages/dates/vocabulary.ts) against the new patterns, then update the hash.
    const context = new chrono.ParsingContext('', new Date(0), { forwardDate: false });
    const configuration = chrono.en.configuration.createCasualConfiguration(false);
    const parts = configuration.parsers.map((p) => {
      const following = (p as { getFollowingTimePatternThroughCache?: () => RegExp }).getFollowingTimePatternThroughCache;
      return `${p.constructor.name} ${p.pattern(context).source}${following ? ` ${following.call(p).source}` : ''}`;
    });
    parts.push(configuration.refiners.map((r) => r.constructor.name).join(' '));
    expect(createHash('sha256').update(parts.join('\n')).digest('hex')).toBe('0a24d055a250e47199a1f09f15ee3b55d90e31e91ec9e50c1774572d4367a735');
    expect(GATED_PARSERS).toBe(GATE_NAMES.length);
    expect(VOCABULARY_READ).toBe(true);
  });

  it('the locale parsers whose pattern is built once build it from constants', () => {
    // stages/dates/locales.ts builds these once; a chrono upgrade that changes one fails here:
    // re-read it (it must use only the module's constants), then update the hash.
    const built = LOCALES.flatMap((l) => localeParser(l)?.parsers ?? [])
      .map((p) => Object.getPrototypeOf(p) as { innerPattern?: (...args: never[]) => unknown })
      .filter((proto) => proto.innerPattern && isConstantBuilder(proto.innerPattern) && /new RegExp/.test(proto.innerPattern.toString()))
      .map((proto) => proto.innerPattern!.toString());
    expect(built.length).toBe(6);
    expect(createHash('sha256').update(built.join('\n')).digest('hex')).toBe('dfcea986bc8d4ce71c042bc8baac8829853b40ad219d23d1424bed83f015f435');
  });

  it('the locale parsers, with their patterns kept, return what fresh copies of them return', () => {
    const ref = new Date(2025, 5, 1, 12);
    const made = ['am 8. Dezember 2022 in zwei Wochen', 'vor drei Tagen, nächste Woche', 'binnen twee weken, op 3 maart', 'il y a deux jours, le 12 décembre 2022',
      'en mayo de 2021, dentro de 3 días', 'em 3 de maio', 'il 3 maggio tra due giorni', 'förra veckan, 3 maj 2022, nästa månad', '3 мая 2022 в течение двух дней', 'через 2 дні, 5 травня'];
    for (const locale of LOCALES) {
      const parser = localeParser(locale)!;
      const fresh = new chrono.Chrono({ parsers: parser.parsers.map(unpatched), refiners: parser.refiners });
      for (const s of [...made, ...strings.slice(0, 300)]) {
        expect(parser.parse(s, ref, { forwardDate: false }).map(plain), s).toEqual(fresh.parse(s, ref, { forwardDate: false }).map(plain));
      }
    }
  });

  it('gated chrono (with the memo) returns exactly what chrono.parse returns', () => {
    expect(strings.length).toBeGreaterThan(1000);
    for (const ref of [new Date(2025, 5, 1, 12), new Date(1998, 0, 8, 12)]) {
      withChronoMemo(() => {
        for (const s of strings) {
          const expected = chrono.parse(s, ref, { forwardDate: false }).map(plain);
          expect(parseDates(s, ref).map(plain), s).toEqual(expected);
          expect(parseDates(s, ref).map(plain), s).toEqual(expected); // from the memo
        }
      });
    }
  });

  it('the end-of-period refiner, skipped on texts without its words, still reads those with them', () => {
    const ref = new Date(2025, 5, 1, 12);
    const made = ['by the end of March', 'on the last day of the month, 5 pm', 'END OF  next week', 'the end of this year', 'end of\nthe year 2024', 'it will end. Of March 3 we know little', 'March 3 was the end'];
    for (const s of made) expect(parseDates(s, ref).map(plain), s).toEqual(chrono.parse(s, ref, { forwardDate: false }).map(plain));
    expect(parseDates('by the end of March', ref)[0].text).toBe('end of March');
  });

  it('the refiner patterns the shortcuts rest on are chrono\'s own', () => {
    // stages/dates/chrono.ts restates these two; a chrono upgrade that changes them fails here.
    const source = (path: string) => readFileSync(new URL(path, import.meta.resolve('chrono-node')), 'utf8');
    expect(source('./locales/en/refiners/ENEndOfPeriodRefiner.js')).toContain('const PREFIX_PATTERN = /\\b(?:last\\s+day|end)\\s+of\\s+(?:the\\s+)?$/i;');
    expect(source('./common/refiners/ExtractTimezoneAbbrRefiner.js')).toContain('const TIMEZONE_NAME_PATTERN = new RegExp("^\\\\s*,?\\\\s*\\\\(?([A-Z]{2,4})\\\\)?(?=\\\\W|$)", "i");');
  });

  it('the ago and later parsers, run only where a duration ends before their closing word, still read them', () => {
    const ref = new Date(2025, 5, 1, 12);
    const made = [
      'three  days   ago', 'a couple  of weeks later', 'half an hour before the vote', 'the day after', '2.5 hrs earlier', 'several quarters\tlater',
      '1 year, 2 months from now', 'a few days  henceforth', 'FIVE YEARS OUT', 'ten minutes forward', 'without them, throughout the day, about a week',
      'he went out after the talks, shortly before noon', 'days after; weeks before', 'in 3 days, 4 hours later',
    ];
    for (const s of made) expect(parseDates(s, ref).map(plain), s).toEqual(chrono.parse(s, ref, { forwardDate: false }).map(plain));
    expect(parseDates('a couple  of weeks later', ref)[0]?.text).toBe('a couple  of weeks later');
  });

  it('the time zone refiner, handed only results followed by a zone it may know, still reads them', () => {
    const ref = new Date(2025, 5, 1, 12);
    const made = ['at 9:34 am EST and then', 'March 21, 2024 09:34 GMT in London', 'Monday (PDT) the', 'at 5 pm, CET', 'on March 3 and in June abc', '5pm est'];
    for (const s of made) expect(parseDates(s, ref).map(plain), s).toEqual(chrono.parse(s, ref, { forwardDate: false }).map(plain));
  });

  it('explicit dates kept across documents: the same answer, and a caller cannot change the kept one', () => {
    const ref = new Date(2000, 5, 15, 12);
    const line = 'LONDON, March 21, 2024 09:34 GMT (Reuters) -';
    const first = firstExplicitDate(line, ref);
    expect(first).toMatchObject({ ymd: { y: 2024, m: 3, d: 21 }, time: { h: 9, mi: 34 } });
    first!.ymd.d = 1;
    first!.time!.h = 1;
    expect(firstExplicitDate(line, ref)).toMatchObject({ ymd: { y: 2024, m: 3, d: 21 }, time: { h: 9, mi: 34 } });
    expect(firstExplicitDate('LONDON, March 21 (Reuters) -', ref)).toBeUndefined();
    expect(firstExplicitDate('LONDON, March 21 (Reuters) -', ref, false)).toMatchObject({ ymd: { m: 3, d: 21 }, yearWritten: false });
  });

  it('word lists scanned together answer as each list scanned alone', () => {
    const lists = [...new Set([...VAGUE_PATTERNS, ...RULE_PATTERNS].filter((g) => !g.exact).map((g) => g.words))];
    const overlapping = [['after'], ['term'], ['tonight'], ['night'], ['mon'], ['month'], ['monday']];
    const together = new WordLists([...lists, ...overlapping]);
    const made = ['Aftermath', 'TONIGHT', 'monthly', 'Mondays', 'a mon', 'nothing here', ''];
    for (const t of [...texts, ...strings.slice(0, 300), ...made]) {
      const joint = new Words(t, together);
      const alone = new Words(t);
      for (const list of [...lists, ...overlapping]) expect(joint.any(list), `${list.join('|')} in ${t.slice(0, 80)}`).toBe(alone.any(list));
    }
  });

  it('every match of a gated vague or rule pattern contains one of its words', () => {
    for (const g of [...VAGUE_PATTERNS, ...RULE_PATTERNS]) {
      for (const t of texts) {
        for (const m of t.matchAll(g.re)) {
          const found = g.exact ? g.words.some((w) => m[0].includes(w)) : g.words.some((w) => m[0].toLowerCase().includes(w));
          expect(found, `${g.re.source} matched "${m[0]}"`).toBe(true);
        }
      }
    }
  });

  it('words inside chrono results fit the vocabulary, at most MAX_ZONE_WORDS as time zones', () => {
    expect(fitOf('profits')).toBe('no');
    expect(fitOf('March')).toBe('word');
    expect(fitOf('5pmEST')).toBe('zone');
    let results = 0;
    for (const s of strings) {
      for (const r of chrono.parse(s, new Date(2025, 5, 1, 12), { forwardDate: false })) {
        results++;
        const end = r.index + r.text.length;
        let zones = 0;
        for (const w of s.matchAll(/\w+/g)) {
          if (w.index < r.index || w.index + w[0].length > end) continue; // not wholly inside
          const fit = fitOf(w[0]);
          expect(fit, `"${w[0]}" in "${r.text}"`).not.toBe('no');
          if (fit === 'zone') zones++;
        }
        expect(zones).toBeLessThanOrEqual(MAX_ZONE_WORDS);
      }
    }
    expect(results).toBeGreaterThan(1000);
  });

  it('header and byline shortcuts: date-only and labelled lines are still read, prose lines are not', () => {
    const header = (line: string) => run(doc(`${line}\n\nBody text of the story.`, { text: 'Body text of the story.' })).published;
    expect(header('Thursday 21 March 2024 - 09:34')).toMatchObject({ date: '2024-03-21', source: 'header' });
    expect(header(' date 2024-10-06 (MENAFN) China said on Sunday it would act')).toMatchObject({ date: '2024-10-06', source: 'header' });
    expect(header('Posted on March 21, 2024 at 9:34 am EST')).toMatchObject({ date: '2024-03-21', source: 'header' });
    expect(header('Profits rose sharply in the quarter to March 21, 2024, the company said')).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------
// CI subsets of `npm run eval -- dates` (floors a little below the measured figures)

describe('dates stage: evaluation subsets', () => {
  it('publication date on 60 htmldate-mediacloud pages (HTML path, no boilerplate): accuracy >= 0.90', async () => {
    const { accuracy, goldDay, loadPages, scorePagesHtml } = await import('../bench/eval-dates.js');
    const pages = loadPages('pages/htmldate-mediacloud', () => true, 60);
    const s = scorePagesHtml('pages/htmldate-mediacloud', pages, (g) => goldDay(g.date), { boilerplate: false, publishedOnly: true });
    expect(s.violations).toBe(0);
    expect(accuracy(s)).toBeGreaterThanOrEqual(0.9); // measured 0.949 (56/59)
  });

  it('TempEval-3 DATE expressions on 80 documents: lenient recall >= 0.88, value accuracy >= 0.84', async () => {
    const { loadTempeval, scoreTempeval } = await import('../bench/eval-dates.js');
    const t = scoreTempeval(loadTempeval(80));
    expect(t.lenient / t.gold).toBeGreaterThanOrEqual(0.88); // measured 0.908
    expect(t.valueRight / t.lenient).toBeGreaterThanOrEqual(0.84); // measured 0.878
  });
});
