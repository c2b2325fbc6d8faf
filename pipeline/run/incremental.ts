/**
 * The run's incremental bookkeeping: which input files it saw, read, found unchanged or gone; which
 * earlier rows its rows supersede; and, per file, the runs whose checkpoints hold its documents.
 * It owns the files table for the run and changes it in place.
 */
import type { Doc } from '../doc.js';
import { CUT_SIZE, RETRY_SIZE, type FileTable } from '../file-table.js';
import type { FileSeen, ReadOptions } from '../../stages/read.js';
import type { SupersededRow } from '../tables.js';
import type { CheckpointRun } from '../state.js';

export type SupersedeReason = 'changed' | 'deleted' | 'rerun';

/** The source's options that the user chooses: which files are the input. */
export type InputOptions = Pick<ReadOptions, 'includeGlobs' | 'excludeGlobs' | 'followSymlinks' | 'avoidFolders'>;

const SKIPPED_SAMPLE = 10;

export class Incremental {
  filesSeen = 0;
  filesProcessed = 0;
  filesDeleted = 0;
  readonly superseded: SupersededRow[] = [];
  /** A new JSONL file's sha256 is known only once it is read to its end; the source fills it in on the same object. */
  private readonly shaLater: FileSeen[] = [];
  /** Files whose documents this run processes again from checkpoints. */
  private readonly rerun = new Set<string>();
  /** Files to read again next run whatever their state: a passing problem (permissions). */
  private readonly retry = new Set<string>();
  /** Files of records (JSONL, web archives) that --limit cut short this run: read again whole next run. */
  private readonly cut = new Set<string>();
  /**
   * Doc ids an earlier run took from a file it cut short (--limit), now read again: they were
   * current already, so they do not count towards this run's limit, and repeated limited runs get
   * further into the file each time instead of stopping at the same record.
   */
  private readonly takenBefore = new Set<string>();
  /** Files the source passed over, by why, and a few of their names. */
  filesSkipped = 0;
  private readonly skippedWhy: Record<string, number> = {};
  private readonly skippedSample: string[] = [];
  readonly recordsSkipped: Record<string, number> = {};
  /** --limit stopped the run before the walk's end: what was not reached is neither read nor deleted. */
  limited = false;

  constructor(
    readonly files: FileTable,
    private readonly runId: string,
    /** Called for every document whose earlier version is superseded (corpus stages forget it). */
    private readonly forget: (docId: string, reason: SupersedeReason) => void,
    /** --only: these paths are read whatever their state (and nothing else is walked). */
    private readonly only?: ReadonlySet<string>,
    private readonly input: InputOptions = {},
  ) {}

  /**
   * What the source needs to read only new and changed files (a sample of them, say), changing
   * nothing here. A file this run read already is new to the sample all the same (the sample is
   * walked once the run's own walk has found its first document).
   */
  newFilesOptions(include?: (path: string) => boolean): ReadOptions {
    const only = this.only;
    const earlier = (p: string): boolean => !only && !this.files.readBy(p, this.runId);
    return {
      unchanged: (p, size, mtimeMs) => this.files.sameStat(p, size, mtimeMs) && earlier(p),
      sameContent: (p, sha) => this.files.sameSha(p, sha) && earlier(p),
      known: (p) => this.files.has(p),
      include: only ? (p) => only.has(p) && (include?.(p) ?? true) : include,
      ...this.input,
    };
  }

  /** The run's own read: new and changed files, each file seen recorded. */
  readOptions(include?: (path: string) => boolean, onSeen?: () => void): ReadOptions {
    return {
      ...this.newFilesOptions(include),
      onFile: (f) => { this.fileSeen(f); onSeen?.(); },
      onRetry: (path) => this.retry.add(path),
      onRecordsSkipped: (_path, counts) => { for (const [why, n] of Object.entries(counts)) this.recordsSkipped[why] = (this.recordsSkipped[why] ?? 0) + n; },
    };
  }

  /**
   * The run stopped early (--limit) after `doc`: a file holding more documents is read whole next
   * run (if `doc` was its last record, the next run finds that out by reading it again).
   */
  stopAt(doc: Doc): void {
    this.limited = true;
    if (doc.source.line !== undefined) this.cut.add(doc.source.path);
  }

  /** Whether `doc` counts towards --limit: not when an earlier limited run took it already. */
  countsTowardsLimit(doc: Doc): boolean {
    return !this.takenBefore.has(doc.id);
  }

  /** Skipped files, in one line: how many, why, and a few names. */
  skippedSummary(): Record<string, unknown> | undefined {
    return this.filesSkipped > 0 ? { count: this.filesSkipped, ...this.skippedWhy, sample: this.skippedSample.join(', ') } : undefined;
  }

  private fileSeen(f: FileSeen): void {
    if (f.status === 'skipped') {
      this.filesSkipped++;
      const why = f.skipped ?? 'extension';
      this.skippedWhy[why] = (this.skippedWhy[why] ?? 0) + 1;
      if (this.skippedSample.length < SKIPPED_SAMPLE) this.skippedSample.push(f.path);
      // A file left out by the globs keeps its earlier rows: it is not deleted, only not read.
      if (this.files.has(f.path)) this.files.markSeen(f.path);
      return;
    }
    this.filesSeen++;
    if (f.status === 'read') {
      const old = this.files.get(f.path);
      if (old?.size === CUT_SIZE) for (const id of old.docIds) this.takenBefore.add(id);
      // A file read again has changed: its earlier rows are superseded by what this run writes.
      this.supersede(f.path, 'changed');
      this.files.set(f.path, { size: f.size, mtimeMs: f.mtimeMs, sha256: f.sha256, docIds: [], runId: this.runId });
      if (f.sha256 === '') this.shaLater.push(f);
      this.filesProcessed++;
    } else if (this.files.has(f.path)) {
      // Unchanged content with a new mtime: remember the mtime so the next run skips it unread.
      this.files.setStat(f.path, f.size, f.mtimeMs);
    }
    this.files.markSeen(f.path);
  }

  /** A document fresh from the source: its file lists it. */
  docRead(doc: Doc): void {
    if (this.files.has(doc.source.path)) this.files.addDocId(doc.source.path, doc.id);
  }

  /** A file whose documents this run processes again from checkpoints: its rows so far are superseded. */
  fileRerun(path: string): void {
    if (this.rerun.has(path)) return;
    this.supersede(path, 'rerun');
    this.rerun.add(path);
  }

  /**
   * Files known from earlier runs that the walk did not see: their rows are superseded as deleted.
   * Returns how many current documents that takes away, and how many there were.
   */
  vanished(): { deleted: number; current: number } {
    let deleted = 0;
    if (this.only || this.limited) return { deleted, current: 0 };
    const gone = this.files.unseen();
    if (gone.length === 0) return { deleted, current: 0 };
    let current = 0;
    for (const [, record] of this.files.entries()) current += record.docIds.length;
    for (const path of gone) {
      deleted += this.files.get(path)?.docIds.length ?? 0;
      this.supersede(path, 'deleted');
      this.files.delete(path);
      this.filesDeleted++;
    }
    return { deleted, current };
  }

  /**
   * Before the commit: hashes learned late, and each processed file's checkpoint runs (a file read
   * this run starts anew; one rerun puts this run in front of the runs whose stages it did not redo).
   */
  settle(ranStages: readonly string[], kept: readonly CheckpointRun[]): void {
    for (const file of this.shaLater) this.files.setSha(file.path, file.sha256);
    // A size no file has and no sha256: the next run takes the file as neither unchanged nor of the
    // same content (a file known before is hashed before it is read, so its sha256 is known even
    // when it was not read to its end), and reads it whole.
    for (const path of this.retry) this.readAgain(path, RETRY_SIZE);
    for (const path of this.cut) this.readAgain(path, CUT_SIZE);
    const stagesOf = new Map(kept.map((c) => [c.run, c.stages]));
    for (const path of this.rerun) {
      const old = this.files.get(path);
      if (!old) continue;
      const covered = new Set(ranStages);
      const chain = [this.runId];
      for (const run of old.checkpointRuns ?? [old.runId]) {
        const adds = (stagesOf.get(run) ?? []).filter((s) => !covered.has(s));
        if (adds.length === 0) continue;
        adds.forEach((s) => covered.add(s));
        chain.push(run);
      }
      this.files.set(path, { ...old, runId: this.runId, checkpointRuns: chain });
    }
  }

  private readAgain(path: string, size: number): void {
    if (!this.files.has(path)) return;
    this.files.setStat(path, size, 0);
    this.files.setSha(path, '');
  }

  private supersede(path: string, reason: SupersedeReason): void {
    const old = this.files.get(path);
    if (!old) return;
    for (const id of old.docIds) {
      this.superseded.push({ doc_id: id, run_id: old.runId, superseded_by: this.runId, reason });
      this.forget(id, reason);
    }
  }
}
