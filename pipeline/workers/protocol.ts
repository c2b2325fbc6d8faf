import type { Doc } from '../doc.js';
import type { Processed, StageTimes } from '../apply.js';

export interface BatchRequest {
  id: number;
  stages: string[];
  runId: string;
  runStartedAt: number;
  docs: Doc[];
}

export interface BatchResponse {
  id: number;
  results?: Processed[];
  times?: StageTimes;
  error?: string;
}
