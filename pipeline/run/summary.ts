/** What a run reports: its `runs` row, its `run_stages` rows and its `run_end` log line. */

export interface StageCounts {
  in: number;
  out: number;
  rejected: number;
  ms: number;
}

export type RunMode = 'incremental' | 'full_refresh' | 'from_checkpoint' | 'compact';

export type RunStatus = 'success' | 'success_with_rejects' | 'failed' | 'refused';

export interface RunSummary {
  runId: string;
  status: RunStatus;
  mode: RunMode;
  /** Where documents came from: the input folder, or `checkpoints` for a rerun of later stages. */
  input: string;
  stages: string[];
  startedAt: string;
  finishedAt: string;
  filesSeen: number;
  filesProcessed: number;
  filesDeleted: number;
  /** Files the source passed over (their name, or the --include/--exclude globs). */
  filesSkipped: number;
  documentsRead: number;
  /** Web-archive records passed over (requests, revisits, non-HTML...). */
  recordsSkipped: number;
  documentsWritten: number;
  duplicates: number;
  rejects: number;
  superseded: number;
  /** Per stage that ran, plus `write` (building and writing rows). */
  stageCounts: Record<string, StageCounts>;
  error?: string;
}

export function newSummary(runId: string, mode: RunMode, input: string, stages: string[], startedAt: Date): RunSummary {
  return {
    runId, status: 'success', mode, input, stages, startedAt: startedAt.toISOString(), finishedAt: '', filesSeen: 0, filesProcessed: 0,
    filesDeleted: 0, filesSkipped: 0, documentsRead: 0, recordsSkipped: 0, documentsWritten: 0, duplicates: 0, rejects: 0, superseded: 0,
    stageCounts: Object.fromEntries([...stages, 'write'].map((s) => [s, { in: 0, out: 0, rejected: 0, ms: 0 }])),
  };
}
