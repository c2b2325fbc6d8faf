import { describe, expect, it } from 'vitest';
import { loadAllStages, SOURCE, STAGES } from '../pipeline/registry.js';
import { planRun } from '../pipeline/run/plan.js';
import type { OutputState } from '../pipeline/state.js';

describe('registry', () => {
  // The registry describes each stage without importing it (its module may load large libraries):
  // what it says must be what the stage module itself declares.
  it('describes every stage as its module declares it', async () => {
    const modules = await loadAllStages();
    const declared = modules.map(({ name, kind, describe, reads, writes }) => ({ name, kind, describe, reads: [...reads], writes: [...writes] }));
    const registered = [SOURCE, ...STAGES].map(({ name, kind, describe, reads, writes }) => ({ name, kind, describe, reads: [...reads], writes: [...writes] }));
    expect(registered).toEqual(declared);
  });

  // The dates stage reads the page facts boilerplate writes, not the document as read.
  it('drops raw after boilerplate, and a rerun from dates does not re-read the input', () => {
    const all = [SOURCE.name, ...STAGES.map((s) => s.name)];
    expect(planRun(all, true, {} as OutputState).dropRawAfter).toBe('boilerplate');
    const state = { checkpoints: [{ run: 'r' }] } as unknown as OutputState;
    expect(planRun(all.slice(all.indexOf('dates')), false, state).rereadsInput).toBe(false);
    expect(planRun(all.slice(all.indexOf('boilerplate')), false, state).rereadsInput).toBe(true);
  });
});
