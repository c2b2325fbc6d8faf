/**
 * The output tables: one schema each, and the functions that turn a finished Doc into rows.
 * The writers know nothing else about documents.
 */
import type { Doc, Mention } from './doc.js';
import { col, nullable, table, type Row } from './schema.js';
import { contentHash } from '../stages/dedupe.js';

const runId = col.string('run_id', 'The run that wrote this row (see the runs table).');
const docId = col.string('doc_id', 'Deterministic document id: hash of the source path (+ line for JSONL).');

export const documentsTable = table('documents', 'One row per document that was read and not rejected.', [
  docId,
  col.string('source_path', 'Path of the input file, relative to the input directory.'),
  nullable(col.int('source_line', '1-based line number inside a .jsonl file; null for other files.')),
  col.string('source_kind', 'txt | html | jsonl.'),
  nullable(col.string('source_name', 'Publisher: the JSONL `source` field, else the first folder under the input directory.')),
  nullable(col.string('record_id', 'The `id` field of a JSONL record, as given.')),
  nullable(col.string('url', 'Canonical URL when known.')),
  nullable(col.string('title', 'Headline.')),
  nullable(col.string('author', 'Author when known.')),
  nullable(col.string('dateline', 'Place (and date) that opened the body, taken out of text: "WASHINGTON, March 3".')),
  nullable(col.string('agency', 'News agency or source tag that opened the body, taken out of text: "Reuters", "AP", "MENAFN".')),
  nullable(col.string('language', 'Language code when known.')),
  nullable(col.date('published_date', 'Publication date (as written by the publisher).')),
  nullable(col.timestamp('published_at', 'Publication time in UTC, when a time of day is known.')),
  col.string('date_source', 'Where published_date came from: field | header | dateline | byline | html-meta | url | text | none.'),
  col.string('text', 'The article text after boilerplate removal; all offsets point into it.'),
  col.int('word_count', 'Whitespace-separated words in text.'),
  col.int('boilerplate_lines_removed', 'Non-blank lines the boilerplate stage removed.'),
  col.string('content_hash', 'Hash of the normalized text (exact-duplicate key).'),
  col.bool('is_duplicate', 'True when this document duplicates an earlier kept copy.'),
  nullable(col.string('duplicate_of', 'doc_id of the kept copy, when is_duplicate.')),
  nullable(col.string('cluster_id', 'Duplicate cluster: every copy of one story has the same id; null when dedupe did not run.')),
  col.int('source_bytes', 'Bytes of the source document.'),
  col.string('source_sha256', 'sha256 of the source document bytes.'),
  runId,
]);

const entityIdCol = col.string('entity_id', 'Id of the entity across documents and runs: the same person, organisation or place has the same id everywhere.');

export const mentionsTable = table('mentions', 'One row per entity mention in a document text.', [
  docId,
  entityIdCol,
  col.string('entity', 'Canonical name of the entity within the document.'),
  col.string('entity_type', 'PERSON | ORG | PLACE | MONEY.'),
  col.string('surface', 'The mention as written: text[start:end].'),
  col.int('start', 'UTF-16 offset of the first character in documents.text.'),
  col.int('end', 'UTF-16 offset one past the last character.'),
  runId,
]);

export const entitiesTable = table('entities', 'One row per distinct canonical entity per document.', [
  docId,
  entityIdCol,
  col.string('entity', 'Canonical name.'),
  col.string('entity_type', 'PERSON | ORG | PLACE | MONEY.'),
  col.int('mention_count', 'Mentions of this entity in the document.'),
  col.int('first_start', 'Offset of the first mention.'),
  runId,
]);

export const datesTable = table('dates', 'One row per date expression in a document text.', [
  docId,
  col.string('surface', 'The expression as written: text[start:end].'),
  col.int('start', 'UTF-16 offset in documents.text.'),
  col.int('end', 'UTF-16 offset one past the end.'),
  col.string('value', 'TIMEX3-style ISO value: 2024-03-18, 2024-W12, 2024-03, 2024-Q1, 2024, 2024/2025; a relative expression without an anchor keeps what it names: XXXX-12, XXXX-WXX-5.'),
  nullable(col.date('date', 'The day, when the expression is day-precise and its day is known.')),
  col.string('granularity', 'day | week | month | quarter | year | range.'),
  nullable(col.date('anchor', 'The date a relative expression was resolved against; null for absolute expressions and when there was none.')),
  col.string('anchor_source', 'Where the anchor came from: published | dateline | none (crawl | file_time reserved for readers that know them). Never the day of the run.'),
  runId,
]);

export const duplicatesTable = table('duplicates', 'One row per document marked as a duplicate.', [
  docId,
  col.string('duplicate_of', 'doc_id of the kept copy.'),
  col.double('similarity', 'Estimated Jaccard similarity of word shingles (1 for exact).'),
  col.string('method', 'exact | near.'),
  runId,
]);

export const rejectsTable = table('rejects', 'One row per input that could not be processed, with why.', [
  col.string('doc_id', 'The id the document would have had (path, + line for JSONL).'),
  col.string('source_path', 'Path of the input file, relative to the input directory.'),
  nullable(col.int('source_line', 'Line inside a .jsonl file, when the reject is one record.')),
  col.string('stage', 'Stage that rejected it.'),
  col.string('reason', 'Stable reason code (see README).'),
  col.string('detail', 'Human-readable detail.'),
  runId,
]);

export const supersededTable = table('superseded',
  'Rows of earlier runs that a later run replaced (their input file changed or vanished, or a stage was rerun). '
  + 'Current rows of any table = its rows minus those whose (doc_id, run_id) is listed here; load.sql defines such views.', [
  docId,
  col.string('run_id', 'The run whose rows for this doc_id are replaced.'),
  col.string('superseded_by', 'The run that replaced them.'),
  col.string('reason', 'changed | deleted | rerun.'),
]);

/** Written by `news-etl dedupe --global` over sharded output: decisions as if one run saw every shard. */
export const dedupeGlobalTable = table('dedupe_global',
  'Dedupe decisions across all shards (sharded runs only): one row per document of every shard.', [
  docId,
  col.string('shard', 'The shard whose tables hold the document (I-of-N).'),
  col.string('cluster_id', 'Duplicate cluster across all shards.'),
  col.bool('is_duplicate', 'True when the document duplicates an earlier kept copy in any shard.'),
  nullable(col.string('duplicate_of', 'doc_id of the kept copy.')),
  nullable(col.double('similarity', 'Estimated Jaccard similarity to the kept copy (1 for exact).')),
  nullable(col.string('method', 'exact | near.')),
  col.string('run_id', 'The global dedupe run that wrote this row.'),
]);

export const STAGE_MS_COLUMNS = ['read', 'boilerplate', 'dates', 'entities', 'dedupe', 'write'] as const;

export const runsTable = table('runs', 'One row per run.', [
  runId,
  col.timestamp('started_at', 'UTC.'),
  col.timestamp('finished_at', 'UTC.'),
  col.string('status', 'success | success_with_rejects | failed.'),
  col.string('input', 'Input directory as given.'),
  col.string('stages', 'Stages that ran, comma-separated.'),
  col.string('mode', 'incremental | full_refresh | from_checkpoint.'),
  col.int('files_seen', 'Input files found.'),
  col.int('files_processed', 'Input files that were new or changed and were read.'),
  col.int('files_deleted', 'Files known from earlier runs that are gone.'),
  col.int('documents_read', 'Records the read stage produced, rejects included.'),
  col.int('documents_written', 'Rows written to documents.'),
  col.int('duplicates', 'Rows written to duplicates.'),
  col.int('rejects', 'Rows written to rejects.'),
  col.int('superseded', 'Rows written to superseded.'),
  ...STAGE_MS_COLUMNS.map((s) => col.int(`ms_${s}`, `Milliseconds spent in ${s} (summed over workers).`)),
  nullable(col.string('error', 'Error message of a failed run.')),
]);

export const DOC_TABLES = [documentsTable, mentionsTable, entitiesTable, datesTable, duplicatesTable, rejectsTable];
/** Tables of the run as a whole, written by the main thread (DOC_TABLES are written by the lanes). */
export const RUN_TABLES = [supersededTable, runsTable];
export const ALL_TABLES = [...DOC_TABLES, ...RUN_TABLES];

export type DocRows = Record<string, Row[]>;

/**
 * Every row a finished Doc contributes, keyed by table name. `contentHashHex`: the document's
 * contentHash(text) when the caller has it already (the dedupe features carry it).
 */
export function rowsForDoc(doc: Doc, run: string, contentHashHex?: string): DocRows {
  if (doc.reject) {
    return {
      rejects: [{
        doc_id: doc.id,
        source_path: doc.source.path,
        source_line: doc.source.line ?? null,
        stage: doc.reject.stage,
        reason: doc.reject.reason,
        detail: doc.reject.detail,
        run_id: run,
      }],
    };
  }
  const dup = doc.dup;
  const rows: DocRows = {
    documents: [documentRow(doc, run, contentHashHex)],
    mentions: doc.mentions.map((m) => ({
      doc_id: doc.id, entity_id: entityIdOf(m), entity: m.entity, entity_type: m.type, surface: m.surface, start: m.start, end: m.end, run_id: run,
    })),
    entities: entityRows(doc, run),
    dates: doc.dates.map((d) => ({
      doc_id: doc.id, surface: d.surface, start: d.start, end: d.end, value: d.value, date: d.date,
      granularity: d.granularity, anchor: d.anchor ?? null, anchor_source: d.anchorSource ?? 'none', run_id: run,
    })),
  };
  if (dup?.isDuplicate && dup.duplicateOf) {
    rows.duplicates = [{
      doc_id: doc.id, duplicate_of: dup.duplicateOf, similarity: dup.similarity ?? 1, method: dup.method ?? 'exact', run_id: run,
    }];
  }
  return rows;
}

function documentRow(doc: Doc, run: string, contentHashHex: string | undefined): Row {
  const trimmed = doc.text.trim();
  return {
    doc_id: doc.id,
    source_path: doc.source.path,
    source_line: doc.source.line ?? null,
    source_kind: doc.source.kind,
    source_name: doc.meta.sourceName ?? null,
    record_id: doc.meta.recordId ?? null,
    url: doc.meta.url ?? null,
    title: doc.meta.title ?? null,
    author: doc.meta.author ?? null,
    dateline: doc.meta.dateline ?? null,
    agency: doc.meta.agency ?? null,
    language: doc.meta.language ?? null,
    published_date: doc.published?.date ?? null,
    published_at: doc.published?.at ?? null,
    date_source: doc.published?.source ?? 'none',
    text: doc.text,
    word_count: trimmed === '' ? 0 : trimmed.split(/\s+/).length,
    boilerplate_lines_removed: doc.removed.filter((r) => r.stage === 'boilerplate').length,
    content_hash: doc.dup?.contentHash ?? contentHashHex ?? contentHash(doc.text),
    is_duplicate: doc.dup?.isDuplicate ?? false,
    duplicate_of: doc.dup?.duplicateOf ?? null,
    cluster_id: doc.dup?.clusterId ?? null,
    source_bytes: doc.source.bytes,
    source_sha256: doc.source.sha256,
    run_id: run,
  };
}

/** Stable across runs: the stage's id when it has one, else type and case-folded canonical name. */
export function entityIdOf(m: Mention): string {
  if (m.entityId) return m.entityId;
  return `${m.type.toLowerCase()}:${m.entity.normalize('NFKC').toLowerCase().replace(/\s+/g, '_')}`;
}

function entityRows(doc: Doc, run: string): Row[] {
  const byKey = new Map<string, Row>();
  for (const m of doc.mentions) {
    const key = `${m.type}\u0000${m.entity}`;
    const row = byKey.get(key);
    if (row) row.mention_count = (row.mention_count as number) + 1;
    else byKey.set(key, { doc_id: doc.id, entity_id: entityIdOf(m), entity: m.entity, entity_type: m.type, mention_count: 1, first_start: m.start, run_id: run });
  }
  return [...byKey.values()];
}
