/** What the sections of a report share while it is built: the tables, the period, and what the page will carry. */
import type { TopLevelSpec } from 'vega-lite';
import type { ReportDb, Row } from './db.js';
import type { Period } from './period.js';
import { chartSlot } from './html.js';

export interface ReportContext {
  readonly db: ReportDb;
  readonly period: Period;
  /** Every dataset the page carries (the charts draw them; a test or a person can read them back). */
  readonly datasets: Record<string, Row[]>;
  /** The SQL each dataset came from. */
  readonly sql: Record<string, string>;
  readonly charts: Record<string, TopLevelSpec>;
  /** Runs `sql`, keeps its rows as dataset `name`, and returns them. */
  dataset(name: string, sql: string): Promise<Row[]>;
  /** Registers a chart and returns the element the browser draws it into. */
  chart(id: string, spec: TopLevelSpec, className?: string): string;
}

export function reportContext(db: ReportDb, period: Period): ReportContext {
  const ctx: ReportContext = {
    db, period, datasets: {}, sql: {}, charts: {},
    async dataset(name, sql) {
      const rows = await db.query(sql);
      ctx.datasets[name] = rows;
      ctx.sql[name] = sql;
      return rows;
    },
    chart(id, spec, className) {
      ctx.charts[id] = spec;
      return chartSlot(id, className);
    },
  };
  return ctx;
}
