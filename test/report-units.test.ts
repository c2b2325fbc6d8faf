/** The report's small parts: the abnormal-run rule, the period's time axis, numbers for people. */
import { describe, it, expect, afterAll } from 'vitest';
import { duck } from './helpers.js';
import { chartDomain, parseSince } from '../pipeline/report/period.js';
import { runStripSql } from '../pipeline/report/queries.js';
import * as fmt from '../pipeline/report/format.js';
import type { Period } from '../pipeline/report/period.js';

const everything: Period = { runs: 'true', docs: 'true' };
const db = await duck();
afterAll(() => db.conn.closeSync());

/** A runs table of hourly runs with the given documents written; rejects and durations steady. */
async function runs(documents: number[], failed: number[] = []): Promise<void> {
  await db.conn.run('CREATE OR REPLACE TABLE runs (run_id VARCHAR, started_at TIMESTAMP, finished_at TIMESTAMP, status VARCHAR, mode VARCHAR, documents_written INTEGER, rejects INTEGER)');
  for (const [i, n] of documents.entries()) {
    const start = `2024-03-18 ${String(i).padStart(2, '0')}:00:00`;
    const finish = `2024-03-18 ${String(i).padStart(2, '0')}:01:00`;
    await db.conn.run(`INSERT INTO runs VALUES ('r${i}', TIMESTAMP '${start}', TIMESTAMP '${finish}', '${failed.includes(i) ? 'failed' : 'success'}', 'incremental', ${n}, 0)`);
  }
}

describe('the run-over-run strip', () => {
  it('flags the one run whose documents are far from the median, and no other', async () => {
    await runs([410, 395, 402, 388, 420, 12, 405]);
    const rows = await db.query(runStripSql(everything));
    expect(rows.map((r) => r.documents_written_abnormal)).toEqual([false, false, false, false, false, true, false]);
    expect(rows.every((r) => r.rejects_abnormal === false && r.duration_ms_abnormal === false)).toBe(true);
  });

  it('judges nothing below five runs, however uneven', async () => {
    await runs([400, 3, 900, 5]);
    const rows = await db.query(runStripSql(everything));
    expect(rows.some((r) => r.documents_written_abnormal)).toBe(false);
  });

  it('tolerates ordinary spread: a quarter off the median is not abnormal when the runs agree', async () => {
    await runs([100, 100, 100, 100, 100, 120]);
    const rows = await db.query(runStripSql(everything));
    expect(rows.some((r) => r.documents_written_abnormal)).toBe(false);
  });
});

describe('the period', () => {
  it('takes --since only as a real calendar day', () => {
    expect(parseSince('2024-02-29')).toBe('2024-02-29');
    for (const bad of ['2023-02-29', '2024-13-01', '18/03/2024', '2024-3-18']) expect(() => parseSince(bad), bad).toThrow(/YYYY-MM-DD/);
  });

  it('gives the charts a time axis of at least a few buckets, ending after the last one', () => {
    expect(chartDomain({ start: '2024-03-18', end: '2024-03-18', bucket: 'day' })).toEqual(['2024-03-15', '2024-03-22']);
    expect(chartDomain({ start: '2024-01-01', end: '2024-03-31', bucket: 'day' })).toEqual(['2024-01-01', '2024-04-01']);
    const [from, to] = chartDomain({ start: '2024-03-04', end: '2024-03-11', bucket: 'week' });
    expect((Date.parse(to) - Date.parse(from)) / 86_400_000).toBeGreaterThanOrEqual(49);
  });
});

describe('numbers for people', () => {
  it('groups thousands, says durations in units a person reads, and amounts of money in words', () => {
    expect(fmt.count(1234567)).toBe('1,234,567');
    expect([fmt.duration(850), fmt.duration(2420), fmt.duration(68_000), fmt.duration(3_725_000)]).toEqual(['850 ms', '2.42 s', '1 min 08 s', '1 h 02 min']);
    expect(fmt.share(1, 2223)).toBe('<0.1%');
    expect(fmt.entityName('MONEY', '2400000000 USD')).toBe('USD 2.4 billion');
    expect(fmt.entityName('PERSON', '2400000000 USD')).toBe('2400000000 USD');
  });
});
