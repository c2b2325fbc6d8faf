/**
 * The output tables: each declared once (its columns, `as const` through `table()`), with the one
 * builder that makes its rows, typed from those columns. The writers, load.sql, `news-etl schema`
 * and the README's schema section all read these definitions.
 */
import type { DateMention, Doc, Mention } from './doc.js';
import { col, nullable, table, type Column, type RowOf, type TableSchema } from './schema.js';
import type { RunSummary } from './run/summary.js';

/** A table whose rows come from one document at a time. */
export interface DocTable<C extends readonly Column[] = readonly Column[]> extends TableSchema<C> {
  rows(doc: Doc, run: string): RowOf<C>[];
  /**
   * The stage whose results alone the table holds, when that is a corpus stage: in a run of that
   * stage its rows are written where the stage decides (the main thread); otherwise from the
   * document as it carries the stage's earlier results.
   */
  stage?: string;
}

function docTable<const C extends readonly Column[]>(schema: TableSchema<C>, rows: (doc: Doc, run: string) => RowOf<C>[], stage?: string): DocTable<C> {
  return { ...schema, rows, stage };
}

const runIdCol = col.string('run_id', 'The run that wrote this row (see the runs table).');
const docIdCol = col.string('doc_id', 'Deterministic document id: hash of the source path (+ line for JSONL).');
const entityIdCol = col.string('entity_id', 'Id of the entity across documents and runs: the same person, organisation or place has the same id everywhere.');
const none = <T>(doc: Doc, rows: () => T[]): T[] => (doc.reject ? [] : rows());

const documentsSchema = table('documents', 'One row per document that was read and not rejected. '
  + 'The load.sql view adds the current dedupe decision (content_hash, is_duplicate, duplicate_of, cluster_id).', [
  docIdCol,
  col.string('source_path', 'Path of the input file, relative to the input directory.'),
  nullable(col.int('source_line', '1-based line number inside a .jsonl file, or record number inside a WARC/ARC file; null for other files.')),
  col.string('source_kind', 'txt | html | jsonl.'),
  nullable(col.string('source_name', 'Publisher: the JSONL `source` field, the host of a web-archive page, else the first folder under the input directory.')),
  nullable(col.string('record_id', 'The `id` field of a JSONL record, as given.')),
  nullable(col.string('warc_record_id', 'WARC-Record-ID of the web-archive record the page came from.')),
  nullable(col.string('url', 'Canonical URL when known.')),
  nullable(col.string('title', 'Headline.')),
  nullable(col.string('author', 'Author when known.')),
  nullable(col.string('dateline', 'Place (and date) that opened the body, taken out of text: "WASHINGTON, March 3".')),
  nullable(col.string('agency', 'News agency or source tag that opened the body, taken out of text: "Reuters", "AP", "MENAFN".')),
  nullable(col.string('language', 'Language of the text, detected (ISO 639-1); null when too short or unclear.')),
  nullable(col.double('language_confidence', 'How sure the detection is, 0..1 (given also when language is null).')),
  nullable(col.string('declared_language', 'Language the page or record declares for itself (HTML lang, a JSONL field), as given.')),
  nullable(col.date('published_date', 'Publication date (as written by the publisher).')),
  nullable(col.timestamp('published_at', 'Publication time in UTC, when a time of day is known.')),
  nullable(col.timestamp('crawled_at', 'When a crawler captured the page (WARC-Date or ARC archive date), UTC; null outside web archives.')),
  col.string('date_source', 'Where published_date came from: field | header | dateline | byline | html-meta | url | text | none.'),
  col.string('text', 'The article text after boilerplate removal; all offsets point into it.'),
  col.int('word_count', 'Whitespace-separated words in text.'),
  col.int('boilerplate_lines_removed', 'Non-blank lines the boilerplate stage removed.'),
  col.int('source_bytes', 'Bytes of the source document.'),
  col.string('source_sha256', 'sha256 of the source document bytes.'),
  runIdCol,
] as const);

export const documentsTable = docTable(documentsSchema, (doc, run) => none(doc, () => [documentRow(doc, run)]));

/** What JavaScript's \s matches (and trim() removes): the whitespace that separates words. */
function isSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 160) return false;
  return code === 160 || code === 5760 || (code >= 8192 && code <= 8202) || code === 8232 || code === 8233 || code === 8239
    || code === 8287 || code === 12288 || code === 65279;
}

/** Whitespace-separated words, as text.trim().split(/\s+/) counts them, without making them. */
export function countWords(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = isSpace(text.charCodeAt(i));
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}

function documentRow(doc: Doc, run: string): RowOf<typeof documentsSchema.columns> {
  return {
    doc_id: doc.id,
    source_path: doc.source.path,
    source_line: doc.source.line ?? null,
    source_kind: doc.source.kind,
    source_name: doc.meta.sourceName ?? null,
    record_id: doc.meta.recordId ?? null,
    warc_record_id: doc.meta.warcRecordId ?? null,
    url: doc.meta.url ?? null,
    title: doc.meta.title ?? null,
    dateline: doc.meta.dateline ?? null,
    agency: doc.meta.agency ?? null,
    author: doc.meta.author ?? null,
    language: doc.language?.code ?? null,
    language_confidence: doc.language?.confidence ?? null,
    declared_language: doc.meta.language ?? null,
    published_date: doc.published?.date ?? null,
    published_at: doc.published?.at ?? null,
    crawled_at: doc.meta.crawledAt ?? null,
    date_source: doc.published?.source ?? 'none',
    text: doc.text,
    word_count: countWords(doc.text),
    boilerplate_lines_removed: removedBy(doc, 'boilerplate'),
    source_bytes: doc.source.bytes,
    source_sha256: doc.source.sha256,
    run_id: run,
  };
}

function removedBy(doc: Doc, stage: string): number {
  let lines = 0;
  for (const r of doc.removed) if (r.stage === stage) lines++;
  return lines;
}

export const mentionsTable = docTable(table('mentions', 'One row per entity mention in a document text.', [
  docIdCol,
  entityIdCol,
  col.string('entity', 'Canonical name of the entity within the document.'),
  col.string('entity_type', 'PERSON | ORG | PLACE | MONEY.'),
  col.string('surface', 'The mention as written: text[start:end].'),
  col.int('start', 'UTF-16 offset of the first character in documents.text.'),
  col.int('end', 'UTF-16 offset one past the last character.'),
  runIdCol,
] as const), (doc, run) => none(doc, () => doc.mentions.map((m) => ({
  doc_id: doc.id, entity_id: entityIdOf(m), entity: m.entity, entity_type: m.type, surface: m.surface, start: m.start, end: m.end, run_id: run,
}))));

const entitiesSchema = table('entities', 'One row per distinct canonical entity per document.', [
  docIdCol,
  entityIdCol,
  col.string('entity', 'Canonical name.'),
  col.string('entity_type', 'PERSON | ORG | PLACE | MONEY.'),
  col.int('mention_count', 'Mentions of this entity in the document.'),
  col.int('first_start', 'Offset of the first mention.'),
  runIdCol,
] as const);

export const entitiesTable = docTable(entitiesSchema, (doc, run) => none(doc, () => entityRows(doc, run)));

type EntityRow = RowOf<typeof entitiesSchema.columns>;

/**
 * Rows in the order their entities first occur. Looked up by type, then by the entity's own string:
 * a key string made per mention was most of what the rows cost, and the entity strings' hashes are
 * kept for the Parquet statistics that hash them again.
 */
function entityRows(doc: Doc, run: string): EntityRow[] {
  const rows: EntityRow[] = [];
  const byType = new Map<string, Map<string, EntityRow>>();
  for (const m of doc.mentions) {
    let byEntity = byType.get(m.type);
    if (!byEntity) byType.set(m.type, (byEntity = new Map()));
    const row = byEntity.get(m.entity);
    if (row) row.mention_count++;
    else {
      const added = { doc_id: doc.id, entity_id: entityIdOf(m), entity: m.entity, entity_type: m.type, mention_count: 1, first_start: m.start, run_id: run };
      byEntity.set(m.entity, added);
      rows.push(added);
    }
  }
  return rows;
}

/** Stable across runs: the stage's id when it has one, else type and case-folded canonical name. */
export function entityIdOf(m: Mention): string {
  return m.entityId || derivedEntityId(m.type, m.entity);
}

/** The id of a canonical name of a type when the stage gives none: type and case-folded name. */
export function derivedEntityId(type: string, entity: string): string {
  return `${type.toLowerCase()}:${entity.normalize('NFKC').toLowerCase().replace(/\s+/g, '_')}`;
}

/**
 * Whether `id` is derivedEntityId(type, entity), compared character by character when type and
 * entity are ASCII (their own NFKC form): the checkpoint asks this of every mention, and making
 * the id to compare cost more than the rest of storing the mention.
 */
export function isDerivedEntityId(id: string, type: string, entity: string): boolean {
  const afterType = foldedAt(id, 0, type, false);
  if (afterType === NOT_ASCII) return id === derivedEntityId(type, entity);
  // the type part is only lower-cased, never NFKC'd: a mismatch there is final
  if (afterType === MISMATCH || id.charCodeAt(afterType) !== COLON) return false;
  const end = foldedAt(id, afterType + 1, entity, true);
  if (end === NOT_ASCII) return id === derivedEntityId(type, entity);
  return end === id.length;
}

const COLON = 0x3a;
const UNDERSCORE = 0x5f;
const MISMATCH = -1;
const NOT_ASCII = -2;

/**
 * Where `id` goes on after `s` lower-cased (and each run of whitespace as one `_` when `spaces`)
 * at `at`; MISMATCH when it does not hold that there, NOT_ASCII when `s` is not ASCII (a later
 * character may compose with an earlier one under NFKC, so a mismatch is not final until then).
 */
function foldedAt(id: string, at: number, s: string, spaces: boolean): number {
  let p = at;
  let same = true;
  for (let i = 0; i < s.length; i++) {
    let code = s.charCodeAt(i);
    if (code > 0x7f) return NOT_ASCII;
    if (spaces && isSpace(code)) {
      while (i + 1 < s.length && isSpace(s.charCodeAt(i + 1))) i++;
      code = UNDERSCORE;
    } else if (code >= 0x41 && code <= 0x5a) {
      code += 0x20;
    }
    if (same && id.charCodeAt(p++) !== code) same = false;
  }
  return same ? p : MISMATCH;
}

export const datesTable = docTable(table('dates', 'One row per date expression in a document text.', [
  docIdCol,
  col.string('surface', 'The expression as written: text[start:end].'),
  col.int('start', 'UTF-16 offset in documents.text.'),
  col.int('end', 'UTF-16 offset one past the end.'),
  col.string('value', 'TIMEX3-style ISO value: 2024-03-18, 2024-W12, 2024-03, 2024-Q1, 2024, 2024/2025; a relative expression without an anchor keeps what it names: XXXX-12, XXXX-WXX-5.'),
  nullable(col.date('date', 'The day, when the expression is day-precise and its day is known.')),
  col.string('granularity', 'day | week | month | quarter | year | range.'),
  nullable(col.date('anchor', 'The date a relative expression was resolved against; null for absolute expressions and when there was none.')),
  col.string('anchor_source', 'Where the anchor came from: published | dateline | none (crawl | file_time reserved for readers that know them). Never the day of the run.'),
  runIdCol,
] as const), (doc, run) => none(doc, () => doc.dates.map((d: DateMention) => ({
  doc_id: doc.id, surface: d.surface, start: d.start, end: d.end, value: d.value, date: d.date, granularity: d.granularity,
  anchor: d.anchor ?? null, anchor_source: d.anchorSource ?? 'none', run_id: run,
}))));

export const dedupeTable = docTable(table('dedupe', 'One row per document the dedupe stage decided: its duplicate cluster, and the kept copy it duplicates.', [
  docIdCol,
  col.string('cluster_id', 'Duplicate cluster: every copy of one story has the same id.'),
  col.bool('is_duplicate', 'True when this document duplicates an earlier kept copy.'),
  nullable(col.string('duplicate_of', 'doc_id of the kept copy, when is_duplicate.')),
  nullable(col.double('similarity', 'Estimated Jaccard similarity of word shingles to the kept copy (1 for exact), when is_duplicate.')),
  nullable(col.string('method', 'exact | near, when is_duplicate.')),
  col.string('content_hash', 'Hash of the normalized text (exact-duplicate key).'),
  runIdCol,
] as const), (doc, run) => (doc.reject || !doc.dup?.clusterId ? [] : [{
  doc_id: doc.id,
  cluster_id: doc.dup.clusterId,
  is_duplicate: doc.dup.isDuplicate,
  duplicate_of: doc.dup.duplicateOf ?? null,
  similarity: doc.dup.isDuplicate ? doc.dup.similarity ?? 1 : null,
  method: doc.dup.isDuplicate ? doc.dup.method ?? 'exact' : null,
  content_hash: doc.dup.contentHash,
  run_id: run,
}]), 'dedupe');

export const rejectsTable = docTable(table('rejects', 'One row per input that could not be processed, with why.', [
  col.string('doc_id', 'The id the document would have had (path, + line for JSONL).'),
  col.string('source_path', 'Path of the input file, relative to the input directory.'),
  nullable(col.int('source_line', 'Line inside a .jsonl file, when the reject is one record.')),
  col.string('stage', 'Stage that rejected it.'),
  col.string('reason', 'Stable reason code (see README).'),
  col.string('detail', 'Human-readable detail.'),
  runIdCol,
] as const), (doc, run) => (doc.reject ? [{
  doc_id: doc.id, source_path: doc.source.path, source_line: doc.source.line ?? null,
  stage: doc.reject.stage, reason: doc.reject.reason, detail: doc.reject.detail, run_id: run,
}] : []));

export const supersededTable = table('superseded',
  'Rows of earlier runs that a later run replaced (their input file changed or vanished, or a stage was rerun). '
  + 'Current rows of any table = its rows minus those whose (doc_id, run_id) is listed here; load.sql defines such views.', [
  docIdCol,
  col.string('run_id', 'The run whose rows for this doc_id are replaced.'),
  col.string('superseded_by', 'The run that replaced them.'),
  col.string('reason', 'changed | deleted | rerun.'),
] as const);

export type SupersededRow = RowOf<typeof supersededTable.columns>;

export const runsTable = table('runs', 'One row per run.', [
  runIdCol,
  col.timestamp('started_at', 'UTC.'),
  col.timestamp('finished_at', 'UTC.'),
  col.string('status', 'success | success_with_rejects | failed | refused (the deletion guard stopped it).'),
  col.string('input', 'Input directory as given, or `checkpoints` for a rerun of later stages.'),
  col.string('stages', 'Stages that ran, comma-separated.'),
  col.string('mode', 'incremental | full_refresh | from_checkpoint | compact (news-etl compact: no stage ran).'),
  col.int('files_seen', 'Input files found.'),
  col.int('files_processed', 'Input files that were new or changed and were read.'),
  col.int('files_deleted', 'Files known from earlier runs that are gone.'),
  col.int('files_skipped', 'Files not read: a name the read stage does not take, or left out by --include/--exclude.'),
  col.int('documents_read', 'Records the first stage produced, rejects included.'),
  col.int('records_skipped', 'Web-archive records passed over: request, revisit, metadata, warcinfo, non-HTML or non-200 responses.'),
  col.int('documents_written', 'Rows written to documents.'),
  col.int('duplicates', 'Documents decided as duplicates.'),
  col.int('rejects', 'Rows written to rejects.'),
  col.int('superseded', 'Rows written to superseded.'),
  nullable(col.string('error', 'Error message of a failed run.')),
] as const);

export function runRow(s: RunSummary): RowOf<typeof runsTable.columns> {
  return {
    run_id: s.runId, started_at: s.startedAt, finished_at: s.finishedAt, status: s.status, input: s.input, stages: s.stages.join(','), mode: s.mode,
    files_seen: s.filesSeen, files_processed: s.filesProcessed, files_deleted: s.filesDeleted, files_skipped: s.filesSkipped,
    documents_read: s.documentsRead, records_skipped: s.recordsSkipped,
    documents_written: s.documentsWritten, duplicates: s.duplicates, rejects: s.rejects, superseded: s.superseded, error: s.error ?? null,
  };
}

export const runStagesTable = table('run_stages', 'One row per stage of each run (and `write`: building and writing rows): documents in and out, and time.', [
  runIdCol,
  col.string('stage', 'Stage name, in pipeline order; `write` last.'),
  col.int('docs_in', 'Documents the stage received.'),
  col.int('docs_out', 'Documents it passed on (in minus rejected).'),
  col.int('rejected', 'Documents it rejected.'),
  col.int('ms', 'Milliseconds spent in the stage, summed over lanes (its prepare() included).'),
] as const);

export function runStageRows(s: RunSummary): RowOf<typeof runStagesTable.columns>[] {
  return Object.entries(s.stageCounts).map(([stage, c]) => ({
    run_id: s.runId, stage, docs_in: c.in, docs_out: c.out, rejected: c.rejected, ms: c.ms,
  }));
}

/** Written by `news-etl dedupe --global` over sharded output: decisions as if one run saw every shard. */
export const dedupeGlobalTable = table('dedupe_global',
  'Dedupe decisions across all shards (sharded runs only): one row per document of every shard.', [
  docIdCol,
  col.string('shard', 'The shard whose tables hold the document (I-of-N).'),
  col.string('cluster_id', 'Duplicate cluster across all shards.'),
  col.bool('is_duplicate', 'True when the document duplicates an earlier kept copy in any shard.'),
  nullable(col.string('duplicate_of', 'doc_id of the kept copy.')),
  nullable(col.double('similarity', 'Estimated Jaccard similarity to the kept copy (1 for exact).')),
  nullable(col.string('method', 'exact | near.')),
  col.string('run_id', 'The global dedupe run that wrote this row.'),
] as const);

/**
 * load.sql's views over the current rows (`<table>` for each table; `<table>_all` is the history):
 * documents with their current dedupe decision, as analysts filter on it, and the duplicates alone.
 */
export const CURRENT_VIEW_SQL: Readonly<Record<string, string>> = {
  documents: 'SELECT t.*, d.content_hash, coalesce(d.is_duplicate, false) AS is_duplicate, d.duplicate_of, d.cluster_id '
    + 'FROM documents_current t LEFT JOIN dedupe d ON d.doc_id = t.doc_id',
};
export const EXTRA_VIEW_SQL: Readonly<Record<string, string>> = {
  duplicates: 'SELECT doc_id, duplicate_of, similarity, method, run_id FROM dedupe WHERE is_duplicate',
};

export const DOC_TABLES: readonly DocTable[] = [documentsTable, mentionsTable, entitiesTable, datesTable, dedupeTable, rejectsTable];
/** Tables of the run as a whole, written by the main thread. */
export const RUN_TABLES: readonly TableSchema[] = [supersededTable, runsTable, runStagesTable];
export const ALL_TABLES: readonly TableSchema[] = [...DOC_TABLES, ...RUN_TABLES];
