/** Building blocks of the report page: escaped text, tables, the SQL behind a figure. */

export function esc(s: string | number | null | undefined): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON inside a <script> element: nothing in it may close the element or open a comment. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export interface Cell { html: string; numeric?: boolean; className?: string }

/** A cell holding already escaped HTML; plain values go through `esc`. */
export const raw = (html: string, numeric = false): Cell => ({ html, numeric });
export const num = (text: string): Cell => ({ html: esc(text), numeric: true });

export function table(headers: Array<string | Cell>, rows: Array<Array<string | Cell>>, className = ''): string {
  const cell = (tag: 'th' | 'td', c: string | Cell): string => {
    const v: Cell = typeof c === 'string' ? { html: esc(c) } : c;
    const cls = [v.numeric ? 'n' : '', v.className ?? ''].filter(Boolean).join(' ');
    return `<${tag}${cls ? ` class="${cls}"` : ''}>${v.html}</${tag}>`;
  };
  return `<table${className ? ` class="${className}"` : ''}><thead><tr>${headers.map((h) => cell('th', h)).join('')}</tr></thead>`
    + `<tbody>${rows.map((r) => `<tr>${r.map((c) => cell('td', c)).join('')}</tr>`).join('')}</tbody></table>`;
}

/** The query a figure was computed with, to paste into DuckDB after `.read load.sql`. */
export function sqlBlock(sql: string, label = 'SQL'): string {
  return `<details class="sql"><summary>${esc(label)}</summary><pre><code>${esc(sql.trim())}</code></pre></details>`;
}

/** Where the browser draws a chart; `id` names its spec in the page's chart specs. */
export function chartSlot(id: string, className = 'chart'): string {
  return `<div class="${className}" data-chart="${esc(id)}"></div>`;
}

export function emptyNote(text: string): string {
  return `<p class="empty">${esc(text)}</p>`;
}

export function section(id: string, title: string, body: string, lede = ''): string {
  return `<section id="${esc(id)}"><h2>${esc(title)}</h2>${lede ? `<p class="lede">${lede}</p>` : ''}${body}</section>`;
}
