/**
 * The stage model. A run is one source stage followed by document stages and corpus stages, in the
 * order of the registry (pipeline/registry.ts). Stages never see files (but the source, whose job it
 * is), CLI flags, output formats or other stages: they read and write fields of one Doc.
 *
 * Every stage declares the Doc fields it reads and writes. `writes` is what its checkpoint delta
 * holds (pipeline/checkpoint.ts) and what a rerun of the stage replaces; `reads` lets the runner
 * refuse a rerun that would leave a later stage's results built on fields that changed.
 */
import type { Doc } from './doc.js';
import type { DocBudget } from './budget.js';

export type DocField = keyof Doc;

/** What every stage may know about the run. */
export interface StageContext {
  runId: string;
  /** Start of the run; no date after it is ever emitted as a publication date. */
  runStartedAt: Date;
  /**
   * The current document's time budget: long loops call `budget?.check()` between units of work,
   * which throws once the document ran past it (absent outside runs, e.g. in evaluations).
   */
  budget?: DocBudget;
}

/** What a document stage's prepare() gets, once per run, in the main thread. */
export interface PrepareContext extends StageContext {
  /** What the stage's prepare() persisted in the last committed run (undefined on a first run or a full refresh). */
  persisted?: Uint8Array;
  /**
   * Up to `perSource` of this run's new documents per source (documents.source_name, else the
   * first folder under the input), read for this purpose; none when the run starts from checkpoints.
   */
  sample(perSource: number): AsyncIterable<Doc>;
}

export interface Prepared<P> {
  /** Passed to every process() call of the run; structured-cloneable, since lanes are worker threads. */
  value: P;
  /** Kept under _state/ when the run commits, and handed to the next run's prepare(). */
  persist?: Uint8Array;
}

interface StageBase {
  name: string;
  /** One line, shown by `news-etl stages`. */
  describe: string;
  reads: readonly DocField[];
  writes: readonly DocField[];
  /**
   * Written fields the stage sets on every document it does not reject. A checkpoint delta of the
   * stage without one of them comes from an earlier version of the stage, whose results a rerun of
   * a later stage that reads the field cannot use (it refuses, naming the stage to rerun from).
   */
  always?: readonly DocField[];
}

/**
 * A pure function of one document (plus what prepare() found once for the run): safe to run in a
 * worker thread, and to rerun alone on a checkpoint.
 */
export interface DocStage<P = unknown> extends StageBase {
  kind: 'doc';
  /**
   * Loads what process() needs (a model, a WebAssembly module), once per thread, before the first
   * document: what cannot be loaded synchronously, or should not be by merely importing the stage.
   */
  load?(): Promise<void>;
  prepare?(ctx: PrepareContext): Promise<Prepared<P>>;
  process(doc: Doc, ctx: StageContext, prepared: P): Doc;
}

/**
 * A stage that needs the whole corpus (dedupe): each document is reduced to features in its lane,
 * the main thread observes them in stream order into a memory that persists across runs, settles
 * once the run's last document is seen, and then decides each document.
 */
export interface CorpusStage<F = unknown> extends StageBase {
  kind: 'corpus';
  /** In the lane, after the document stages: what the main thread needs of the document. Pure. */
  features(doc: Doc): F;
  /** Main thread: the stage's memory, restored from what the last committed run persisted. */
  open(persisted: Uint8Array | undefined): CorpusMemory<F>;
}

export interface CorpusMemory<F> {
  /** True once observe() or forget() changed what persist() would write. */
  readonly changed: boolean;
  observe(docId: string, features: F, runId: string): void;
  /** The document's earlier version is gone (its input changed or vanished, or it is processed again). */
  forget(docId: string): void;
  settle(): void;
  /** After settle(): the fields the stage sets on the document (its checkpoint delta), if it observed it. */
  decide(docId: string): Partial<Doc> | undefined;
  persist(): Iterable<Uint8Array>;
}

/** The first stage: turns the input into documents (and rejects). The only stage that reads files. */
export interface SourceStage<O> extends StageBase {
  kind: 'source';
  read(input: string, options: O): AsyncIterable<Doc>;
}

export type TransformStage = DocStage<any> | CorpusStage<any>;
