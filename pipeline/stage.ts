import type { Doc } from './doc.js';
import type { ChromeTable } from '../stages/boilerplate/crossdoc.js';

export type StageName = 'read' | 'boilerplate' | 'dates' | 'entities' | 'dedupe';

/** What a stage may know about the run. Stages never see files, CLI flags or output formats. */
export interface StageContext {
  runId: string;
  /** Start of the run; no date after it is ever emitted as a publication date. */
  runStartedAt: Date;
  /**
   * Cross-document chrome (stages/boilerplate/crossdoc.ts): per source, hashes of the lines that
   * recur in many of its documents; the boilerplate stage removes them from text documents
   * (`cross_doc_repeat`). Absent: no such removal. Pass the same object for a whole run (or
   * worker): the stage builds its lookup sets once per table object.
   */
  chrome?: ChromeTable;
}

/** A pure function of one document: safe to run in a worker thread and to rerun alone. */
export type DocFn = (doc: Doc, ctx: StageContext) => Doc;

export interface PerDocStage {
  name: StageName;
  describe: string;
  kind: 'per-doc';
  /** Pure: workers import the stage registry and call this by stage name. */
  process: DocFn;
  /** True when the stage reads `doc.raw`; after the last such stage documents flow without it. */
  readsRaw?: boolean;
}

/** A stage that sees the whole stream in order (e.g. dedupe, which keeps an index). */
export interface StreamStage {
  name: StageName;
  describe: string;
  kind: 'stream';
  run(docs: AsyncIterable<Doc>, ctx: StageContext): AsyncIterable<Doc>;
}

export type TransformStage = PerDocStage | StreamStage;
