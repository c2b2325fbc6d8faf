import type { Doc } from '../doc.js';
import type { Processed, StageTimes } from '../apply.js';

export interface BatchRequest {
  id: number;
  stages: string[];
  runId: string;
  runStartedAt: number;
  docs: Doc[];
  /** Also serialize each input document (the read checkpoint). */
  snapshotInput: boolean;
}

export interface BatchResponse {
  id: number;
  results?: Processed[];
  times?: StageTimes;
  error?: string;
}
