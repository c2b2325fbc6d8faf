/**
 * One SQL per figure of the report, over the views of `load.sql` (current rows; `rejects_all`
 * where a figure counts what a run did). The page shows each query beside its figure, with the
 * period's values written in, so a person can paste it into DuckDB after `.read load.sql`.
 */
import { STAGE_ORDER } from '../registry.js';
import { sqlDate, sqlString, type DateWindow, type Period } from './period.js';

/** Entities listed per type, documents listed per entity, clusters listed, sources given a colour. */
export const LIMITS = { entities: 10, entityDocuments: 8, clusters: 12, sources: 9, datesMentioned: 20, languages: 20, runStrip: 200, rejectExamples: 3 } as const;

const NO_SOURCE = "'(no source)'";

/** The documents of the period with the columns the figures use (never the text). */
function periodDocuments(p: Period): string {
  return `period_documents AS (
  SELECT doc_id, coalesce(source_name, ${NO_SOURCE}) AS source, source_path, title, url, language,
         published_date, is_duplicate, cluster_id, run_id
  FROM documents
  WHERE ${p.docs})`;
}

const bucketStart = (w: DateWindow, col: string): string => `date_trunc('${w.bucket}', ${col})::DATE`;
const bucketEnd = (w: DateWindow, col: string): string => `(date_trunc('${w.bucket}', ${col}) + INTERVAL 1 ${w.bucket})::DATE`;

export function overviewSql(p: Period): string {
  return `WITH ${periodDocuments(p)}
SELECT count(*) AS documents,
       count(*) FILTER (WHERE NOT is_duplicate) AS stories,
       count(*) FILTER (WHERE is_duplicate) AS duplicates,
       count(DISTINCT source) AS sources,
       count(published_date) AS dated,
       min(published_date) AS first_published,
       max(published_date) AS last_published
FROM period_documents`;
}

const RUN_FIGURES = `files_seen, files_seen - files_processed AS files_skipped, files_processed, files_deleted,
       documents_read, rejects, documents_written, duplicates, documents_written - duplicates AS unique_documents, superseded`;

export function runFunnelSql(runId: string): string {
  return `SELECT run_id, status, mode, started_at, finished_at,
       date_diff('millisecond', started_at, finished_at) AS duration_ms,
       ${RUN_FIGURES}, error
FROM runs
WHERE run_id = ${sqlString(runId)}`;
}

export function periodFunnelSql(p: Period): string {
  const sum = (c: string, as = c): string => `sum(${c}) AS ${as}`;
  return `SELECT count(*) AS runs, count(*) FILTER (WHERE status = 'failed') AS failed_runs,
       min(started_at) AS first_started, max(finished_at) AS last_finished,
       ${sum("date_diff('millisecond', started_at, finished_at)", 'duration_ms')},
       ${sum('files_seen')}, ${sum('files_seen - files_processed', 'files_skipped')}, ${sum('files_processed')}, ${sum('files_deleted')},
       ${sum('documents_read')}, ${sum('rejects')}, ${sum('documents_written')}, ${sum('duplicates')},
       ${sum('documents_written - duplicates', 'unique_documents')}, ${sum('superseded')}
FROM runs
WHERE ${p.runs}`;
}

export function stagesSql(p: Period, runId: string): string {
  const inRun = `run_id = ${sqlString(runId)}`;
  const figures = ['docs_in', 'docs_out', 'rejected', 'ms'];
  const cols = [
    ...figures.map((f) => `sum(${f}) FILTER (WHERE ${inRun}) AS run_${f}`),
    ...figures.map((f) => `sum(${f}) FILTER (WHERE ${p.runs}) AS period_${f}`),
  ];
  const order = `[${[...STAGE_ORDER, 'write'].map(sqlString).join(', ')}]`;
  return `SELECT stage,
       ${cols.join(',\n       ')}
FROM run_stages
GROUP BY stage
HAVING count(*) FILTER (WHERE ${inRun} OR ${p.runs}) > 0
ORDER BY coalesce(list_position(${order}, stage), 1000), stage`;
}

export function funnelRejectsSql(p: Period, runId: string): string {
  return `SELECT stage, reason,
       count(*) FILTER (WHERE run_id = ${sqlString(runId)}) AS run_rejects,
       count(*) FILTER (WHERE ${p.runs}) AS period_rejects
FROM rejects_all
GROUP BY stage, reason
HAVING run_rejects + period_rejects > 0
ORDER BY period_rejects DESC, run_rejects DESC, stage, reason`;
}

/**
 * Runs of the period, the latest ${LIMITS.runStrip}, each figure flagged when it is far from the
 * period's median: a modified z-score over 3.5 (Iglewicz and Hoaglin), or off by more than a
 * quarter of the median where the median absolute deviation is 0; judged from 5 runs on.
 */
export function runStripSql(p: Period): string {
  const figures = ['documents_written', 'rejects', 'duration_ms'];
  const stats = figures.map((f) => `median(${f}) AS median_${f}, mad(${f}) AS mad_${f}`).join(',\n         ');
  const flags = figures.map((f) => `s.n >= 5 AND abs(r.${f} - s.median_${f}) > greatest(3.5 * 1.4826 * s.mad_${f}, 0.25 * abs(s.median_${f})) AS ${f}_abnormal`);
  return `WITH r AS (
  SELECT run_id, started_at, status, mode, documents_written, rejects,
         date_diff('millisecond', started_at, finished_at) AS duration_ms
  FROM runs
  WHERE ${p.runs}
  ORDER BY started_at DESC
  LIMIT ${LIMITS.runStrip}),
s AS (
  SELECT count(*) AS n,
         ${stats}
  FROM r)
SELECT r.*,
       ${flags.join(',\n       ')}
FROM r, s
ORDER BY r.started_at, r.run_id`;
}

export function perBucketSql(p: Period, w: DateWindow): string {
  return `WITH ${periodDocuments(p)},
top_sources AS (
  SELECT source FROM period_documents GROUP BY source ORDER BY count(*) DESC, source LIMIT ${LIMITS.sources})
SELECT ${bucketStart(w, 'published_date')} AS bucket_start,
       ${bucketEnd(w, 'published_date')} AS bucket_end,
       CASE WHEN source IN (SELECT source FROM top_sources) THEN source ELSE 'other sources' END AS source,
       count(*) AS documents
FROM period_documents
WHERE published_date >= ${sqlDate(w.start)}
GROUP BY ALL
ORDER BY bucket_start, source`;
}

/** Per source: documents without a publication date, and dated before the charted window. */
export function undatedSql(p: Period, w: DateWindow | undefined): string {
  const earlier = w ? `count(*) FILTER (WHERE published_date < ${sqlDate(w.start)})` : '0';
  return `WITH ${periodDocuments(p)}
SELECT source,
       count(*) FILTER (WHERE published_date IS NULL) AS undated,
       ${earlier} AS earlier
FROM period_documents
GROUP BY source
HAVING undated + earlier > 0
ORDER BY undated + earlier DESC, source`;
}

/** The top entities of each type, counting each story once: duplicates are left out. */
function topEntitiesCtes(p: Period): string {
  return `${periodDocuments(p)},
stories AS (
  SELECT * FROM period_documents WHERE NOT is_duplicate),
counted AS (
  SELECT e.entity_type, e.entity_id, mode(e.entity) AS entity,
         count(DISTINCT e.doc_id) AS stories, sum(e.mention_count) AS mentions
  FROM entities e JOIN stories s ON s.doc_id = e.doc_id
  GROUP BY e.entity_type, e.entity_id),
top AS (
  SELECT * FROM counted
  QUALIFY row_number() OVER (PARTITION BY entity_type ORDER BY stories DESC, mentions DESC, entity_id) <= ${LIMITS.entities})`;
}

export function topEntitiesSql(p: Period): string {
  return `WITH ${topEntitiesCtes(p)}
SELECT entity_type, entity_id, entity, stories, mentions
FROM top
ORDER BY entity_type, stories DESC, mentions DESC, entity_id`;
}

const topMentions = `FROM top t
JOIN entities e ON e.entity_type = t.entity_type AND e.entity_id = t.entity_id
JOIN stories s ON s.doc_id = e.doc_id`;

export function entityBucketsSql(p: Period, w: DateWindow): string {
  return `WITH ${topEntitiesCtes(p)}
SELECT t.entity_type, t.entity_id,
       ${bucketStart(w, 's.published_date')} AS bucket_start,
       ${bucketEnd(w, 's.published_date')} AS bucket_end,
       count(DISTINCT s.doc_id) AS stories
${topMentions}
WHERE s.published_date >= ${sqlDate(w.start)}
GROUP BY ALL
ORDER BY t.entity_type, t.entity_id, bucket_start`;
}

export function entityDocumentsSql(p: Period): string {
  return `WITH ${topEntitiesCtes(p)}
SELECT t.entity_type, t.entity_id, s.doc_id, s.title, s.source, s.source_path, s.published_date, s.url
${topMentions}
QUALIFY row_number() OVER (PARTITION BY t.entity_type, t.entity_id ORDER BY s.published_date DESC NULLS LAST, s.doc_id) <= ${LIMITS.entityDocuments}
ORDER BY t.entity_type, t.entity_id, s.published_date DESC NULLS LAST, s.doc_id`;
}

export function clustersSql(p: Period): string {
  return `WITH ${periodDocuments(p)},
members AS (
  SELECT d.cluster_id, d.doc_id, d.is_duplicate, d.source, d.title, d.source_path, d.published_date, x.similarity, x.method
  FROM period_documents d LEFT JOIN duplicates x ON x.doc_id = d.doc_id
  WHERE d.cluster_id IS NOT NULL),
largest AS (
  SELECT cluster_id, count(*) AS size FROM members GROUP BY cluster_id HAVING count(*) > 1
  ORDER BY size DESC, cluster_id LIMIT ${LIMITS.clusters})
SELECT l.size, m.*
FROM largest l JOIN members m ON m.cluster_id = l.cluster_id
ORDER BY l.size DESC, m.cluster_id, m.is_duplicate, m.published_date NULLS LAST, m.doc_id`;
}

export function clusterSizesSql(p: Period): string {
  return `WITH ${periodDocuments(p)},
sizes AS (
  SELECT cluster_id, count(*) AS size, count(*) FILTER (WHERE is_duplicate) AS duplicates
  FROM period_documents WHERE cluster_id IS NOT NULL GROUP BY cluster_id HAVING count(*) > 1)
SELECT size, count(*) AS clusters, sum(duplicates) AS duplicates
FROM sizes
GROUP BY size
ORDER BY size`;
}

/** Near duplicates by similarity to their kept copy, in bins of 0.05. */
export function nearSimilaritySql(p: Period): string {
  return `WITH ${periodDocuments(p)}
SELECT floor(x.similarity * 20) / 20 AS similarity_from,
       floor(x.similarity * 20) / 20 + 0.05 AS similarity_to,
       count(*) AS duplicates
FROM duplicates x JOIN period_documents d ON d.doc_id = x.doc_id
WHERE x.method = 'near'
GROUP BY ALL
ORDER BY similarity_from`;
}

export function duplicateMethodsSql(p: Period): string {
  return `WITH ${periodDocuments(p)}
SELECT x.method, count(*) AS duplicates
FROM duplicates x JOIN period_documents d ON d.doc_id = x.doc_id
GROUP BY x.method
ORDER BY x.method`;
}

export function languagesSql(p: Period, withConfidence: boolean): string {
  return `SELECT coalesce(language, 'undetermined') AS language, count(*) AS documents${withConfidence ? ',\n       avg(language_confidence) AS mean_confidence' : ''}
FROM documents
WHERE ${p.docs}
GROUP BY ALL
ORDER BY documents DESC, language
LIMIT ${LIMITS.languages}`;
}

/** Date expressions found in the stories' text; values that are not dates (PRESENT_REF) left out. */
export function datesMentionedSql(p: Period): string {
  return `WITH ${periodDocuments(p)}
SELECT dt.value, any_value(dt.granularity) AS granularity,
       count(DISTINCT dt.doc_id) AS stories, count(*) AS mentions
FROM dates dt JOIN period_documents d ON d.doc_id = dt.doc_id
WHERE NOT d.is_duplicate AND regexp_matches(dt.value, '^[0-9]')
GROUP BY dt.value
ORDER BY stories DESC, mentions DESC, dt.value
LIMIT ${LIMITS.datesMentioned}`;
}

/** Rejects of the period's runs that still stand (a fixed file's later run supersedes them). */
export function rejectsSql(p: Period): string {
  return `SELECT stage, reason, count(*) AS rejects,
       list(source_path || coalesce(':' || source_line::VARCHAR, '') ORDER BY source_path, source_line)[1:${LIMITS.rejectExamples}] AS examples,
       list(detail ORDER BY source_path, source_line)[1] AS example_detail
FROM rejects
WHERE ${p.runs}
GROUP BY stage, reason
ORDER BY rejects DESC, stage, reason`;
}
