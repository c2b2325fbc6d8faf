/**
 * The one record that flows through the pipeline. Every stage reads a Doc and returns it with
 * more fields filled in; nothing else is passed between stages. Docs must stay plain data
 * (structured-cloneable) because per-document stages may run in worker threads.
 */

export type SourceKind = 'txt' | 'html' | 'jsonl';

export interface SourceInfo {
  /** Path relative to the input root, with forward slashes (stable across machines). */
  path: string;
  /** 1-based line number for records inside a .jsonl file. */
  line?: number;
  kind: SourceKind;
  /** Size in bytes of the document's own bytes (the file, or the JSONL line). */
  bytes: number;
  /** sha256 hex of the document's own bytes. */
  sha256: string;
}

/** A piece of the raw text a stage removed, and why (reason codes are documented per stage). */
export interface Removal {
  stage: string;
  /** 1-based line number in `raw`. */
  line: number;
  text: string;
  reason: string;
}

/** Where a publication date came from. */
export type DateSource = 'field' | 'header' | 'dateline' | 'byline' | 'html-meta' | 'url' | 'text' | 'none';

export interface Published {
  /** YYYY-MM-DD */
  date: string;
  /** Full ISO 8601 timestamp in UTC (`...Z`) when a time of day is known. */
  at?: string;
  source: DateSource;
  /** The text the date was read from. */
  evidence?: string;
}

export type Granularity = 'day' | 'week' | 'month' | 'quarter' | 'year' | 'range';

/**
 * What a relative date expression was resolved against: the publication date (`published`; one
 * read from a dateline is `dateline`), a crawl date, the file's time, or nothing (`none`: the
 * value stays relative, e.g. XXXX-12). Never the day the pipeline runs.
 */
export type AnchorSource = 'published' | 'dateline' | 'crawl' | 'file_time' | 'none';

export interface DateMention {
  surface: string;
  /** UTF-16 offsets into the final `text`: text.slice(start, end) === surface. */
  start: number;
  end: number;
  /**
   * TIMEX3-style ISO value: 2024-03-18, 2024-W12, 2024-03, 2024-Q1, 2024, 2024/2025; a relative
   * expression with no anchor keeps the parts it does not name unknown: XXXX-12, XXXX-WXX-5.
   */
  value: string;
  /** YYYY-MM-DD when the expression is day-precise and its day is known, else null. */
  date: string | null;
  granularity: Granularity;
  /** YYYY-MM-DD the value was resolved against; null for absolute expressions and unanchored relative ones. */
  anchor: string | null;
  anchorSource: AnchorSource;
}

export type EntityType = 'PERSON' | 'ORG' | 'PLACE' | 'MONEY';

export interface Mention {
  /** Canonical name of the entity within this document (titles, possessives, punctuation out). */
  entity: string;
  /**
   * Id of the entity across documents and runs (one person is one id in the whole table), e.g. a
   * gazetteer key; when absent the tables derive one from type and canonical name.
   */
  entityId?: string;
  type: EntityType;
  surface: string;
  /** UTF-16 offsets into the final `text`: text.slice(start, end) === surface. */
  start: number;
  end: number;
}

export interface DupInfo {
  /** Hash of the normalized text (exact-duplicate key). */
  contentHash: string;
  /** Stable id of the document's duplicate cluster (a kept document is in its own cluster). */
  clusterId?: string;
  isDuplicate: boolean;
  /** doc_id of the kept copy this one duplicates. */
  duplicateOf?: string;
  similarity?: number;
  method?: 'exact' | 'near';
}

/** A document that could not be processed. It still flows, so it ends in the rejects table. */
export interface Reject {
  stage: string;
  /** Stable machine-readable code, e.g. `empty_file`, `invalid_utf8`, `bad_json`. */
  reason: string;
  detail: string;
}

export interface DocMeta {
  title?: string;
  url?: string;
  sourceName?: string;
  author?: string;
  language?: string;
  /** A publication date as given by a structured field (JSONL `published`, `date`, ...), unparsed. */
  publishedField?: string;
  /** The record's own id (JSONL `id` field), kept as given. */
  recordId?: string;
  /** When a crawler captured the page (WARC-Date or the ARC archive date), ISO 8601 UTC. */
  crawledAt?: string;
  /** The WARC-Record-ID of the web-archive record the page came from. */
  warcRecordId?: string;
  /** Place and date line that opened the body ("WASHINGTON, March 3"), taken out of the text. */
  dateline?: string;
  /** News agency or source tag that opened the body ("Reuters", "AP", "MENAFN"), taken out of the text. */
  agency?: string;
}

/** A detected language (the `language` stage): ISO 639-1 code, or null when the text is too short or mixed to tell. */
export interface LanguageGuess {
  code: string | null;
  /** 0..1: how sure the detector is. */
  confidence: number;
}

/** Why a stage left a document alone or changed it in a way no other field shows (e.g. entities skipped: not English). */
export interface StageNote {
  stage: string;
  /** Stable machine-readable code, e.g. `unsupported_language`. */
  code: string;
  detail?: string;
}

/**
 * What a document says about its own dates, read where it is parsed (the boilerplate stage), so
 * that the dates stage needs neither the document as read (`raw`) nor another parse of it.
 */
export interface PageFacts {
  /** Text documents: those of the first non-blank lines as read that may hold a written date, each cut to its start (where a header date sits). */
  topLines: string[];
  /** Text documents: lines near the top that may hold a labelled date ("Published: 21 March 2024"). */
  bylineLines: string[];
  /** Date-only header lines (or prefixes) the boilerplate stage cut from the text, in line order. */
  headerDates: string[];
  /** Text documents: the short lines between the headline and the article's first kept line (bylines, dates, sections). */
  underHeadline?: string[];
  /** HTML documents: the dated parts of the page. */
  html?: HtmlDateFacts;
  /** Where `meta.publishedField` came from: the source record (a JSONL field) or the page. */
  publishedFieldFrom?: 'record' | 'page';
}

/** A dated piece of an HTML page's markup, with where it came from. */
export interface HtmlDateFacts {
  /** The `<html lang>` value, lower case ('' when absent). */
  lang: string;
  /** `<meta>` tags that state a date (stages/html/date-fields.ts): key (property, name, itemprop or http-equiv, lower case), value, document order. */
  metas: Array<{ key: string; value: string; order: number }>;
  /** JSON-LD datePublished (or dateCreated, uploadDate) values, Article-type objects' first; dateModified values. */
  jsonLd: { published: Array<{ value: string; article: boolean }>; modified: string[] };
  /** Elements that may display a date: every `<time>`; itemprop date elements, hAtom `<abbr>`, date-classed elements with a date-like attribute or digits. */
  elements: DatedElement[];
  /** Visible lines that may hold a written date (short with a four-digit year, or labelled), by their index among all lines. */
  lines: Array<{ index: number; text: string }>;
  /** Index of the line where the first `<h1>` starts (-1: none). */
  h1Line: number;
  /** The page's own absolute URL (canonical link, else og:url). */
  canonicalUrl?: string;
}

export interface DatedElement {
  kind: 'time' | 'itemprop' | 'class' | 'abbr';
  /** The element's visible text, whitespace collapsed (cut after a few hundred characters). */
  text: string;
  attrs: { itemprop?: string; class?: string; content?: string; datetime?: string; title?: string; pubdate?: boolean };
  order: number;
  /** Marked as a modification (itemprop dateModified, class "updated"). */
  modified: boolean;
  /** Inside `<article>` or `<main>`. */
  inArticle: boolean;
}

export interface Doc {
  /** Deterministic from the source: hash of path (+ line for JSONL). */
  id: string;
  source: SourceInfo;
  /** The document as read and decoded (BOM stripped, CRLF -> LF, NBSP -> space). */
  raw: string;
  /** The current article text: what the next stage reads. */
  text: string;
  meta: DocMeta;
  /** What the document says about its dates (boilerplate stage), read by the dates stage. */
  page?: PageFacts;
  published?: Published;
  removed: Removal[];
  dates: DateMention[];
  mentions: Mention[];
  dup?: DupInfo;
  /** Detected language of `text` (the page's declared language stays in `meta.language`). */
  language?: LanguageGuess;
  notes?: StageNote[];
  reject?: Reject;
}

export function newDoc(id: string, source: SourceInfo, raw: string, meta: DocMeta = {}): Doc {
  return { id, source, raw, text: raw, meta, removed: [], dates: [], mentions: [] };
}
