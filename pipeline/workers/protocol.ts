import type { Doc } from '../doc.js';
import type { LaneBatchResult, LaneConfig, LaneFinish } from '../lane.js';

/** Main thread -> lane worker. Every request gets exactly one reply with the same id. */
export type LaneRequest =
  | { id: number; type: 'open'; config: LaneConfig }
  | { id: number; type: 'batch'; docs: Doc[] }
  | { id: number; type: 'finish' }
  | { id: number; type: 'abort' };

export type LaneReply =
  | { id: number; ok: true; batch?: LaneBatchResult; finish?: LaneFinish }
  | { id: number; ok: false; error: string; stack?: string; code?: string; syscall?: string; path?: string };
