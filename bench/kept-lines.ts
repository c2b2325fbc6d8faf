/**
 * How many lines of a plain article survive the pipeline. A non-blank line of the input is kept
 * when its text is in the output text (after the dateline and agency tag it may open with, which
 * go to their own fields), or it is the title, or it is the header date the publication date was
 * read from. Used by `npm run eval -- plaintext` and test/plain-text.test.ts.
 */

export interface PipelineOutput {
  text: string;
  title: string | null;
  dateline: string | null;
  agency: string | null;
  /** YYYY-MM-DD */
  publishedDate: string | null;
}

export interface KeptLines {
  lines: number;
  /** Lines whose text is in the output text. */
  inText: number;
  /** Lines in the text, the title, the dateline/agency fields or the publication date. */
  kept: number;
}

export function keptLines(input: string, out: PipelineOutput): KeptLines {
  const text = words(out.text);
  const title = words(out.title ?? '');
  const counts: KeptLines = { lines: 0, inText: 0, kept: 0 };
  for (const line of input.split('\n')) {
    if (line.trim() === '') continue;
    counts.lines++;
    const w = withoutDateline(words(line), out);
    const inText = text.includes(w);
    if (inText) counts.inText++;
    if (inText || w === title || (out.publishedDate !== null && dayOf(line) === out.publishedDate)) counts.kept++;
  }
  return counts;
}

export function addKept(a: KeptLines, b: KeptLines): KeptLines {
  return { lines: a.lines + b.lines, inText: a.inText + b.inText, kept: a.kept + b.kept };
}

function words(s: string): string {
  return s.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** The line without the dateline and agency tag it opens with, when the output has them. */
function withoutDateline(line: string, out: PipelineOutput): string {
  let rest = line;
  if (out.dateline !== null && rest.startsWith(words(out.dateline))) rest = rest.slice(out.dateline.length);
  if (out.agency !== null) rest = rest.replace(`(${words(out.agency)})`, '').replace(`${words(out.agency)}:`, '');
  return rest === line ? line : rest.replace(/^[\s,:(\-–—]+/, '');
}

/** The day a date-only line names, as YYYY-MM-DD ("Friday, July 21, 2017"), when it names one. */
function dayOf(line: string): string | undefined {
  const t = Date.parse(`${line.trim().replace(/^[A-Za-z]+,\s*/, '')} 12:00 UTC`);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString().slice(0, 10);
}
