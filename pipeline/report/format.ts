/** Numbers, durations and times as a person reads them in the report. */

const INTEGER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function count(n: number | null | undefined): string {
  return n === null || n === undefined ? '–' : INTEGER.format(n);
}

export function share(part: number, whole: number): string {
  if (whole === 0) return '–';
  const pct = (100 * part) / whole;
  return `${pct > 0 && pct < 0.1 ? '<0.1' : pct.toFixed(pct < 10 ? 1 : 0)}%`;
}

export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 2 : 1)} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min ${String(Math.round(s - min * 60)).padStart(2, '0')} s`;
  const h = Math.floor(min / 60);
  return `${h} h ${String(min - h * 60).padStart(2, '0')} min`;
}

/** An ISO timestamp as `2024-03-18 09:34 UTC`. */
export function timestamp(iso: string | null | undefined): string {
  if (!iso) return '–';
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export function similarity(x: number | null | undefined): string {
  return x === null || x === undefined ? '–' : x.toFixed(2);
}

const COMPACT = new Intl.NumberFormat('en-US', { notation: 'compact', compactDisplay: 'long', maximumFractionDigits: 2 });

/** A MONEY entity's canonical name (`2400000000 USD`) as a person says it: `USD 2.4 billion`. */
export function entityName(type: string, name: string): string {
  const money = type === 'MONEY' ? /^(\d+(?:\.\d+)?) ([A-Z]{3})$/.exec(name) : null;
  return money ? `${money[2]} ${COMPACT.format(Number(money[1]))}` : name;
}
