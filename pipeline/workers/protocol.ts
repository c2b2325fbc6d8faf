import type { Doc } from '../doc.js';
import type { StageTimes } from '../apply.js';

export interface BatchRequest {
  id: number;
  stages: string[];
  runId: string;
  runStartedAt: number;
  docs: Doc[];
}

export interface BatchResponse {
  id: number;
  docs?: Doc[];
  times?: StageTimes;
  error?: string;
}
