import { describe, expect, it } from 'vitest';
import { loadAllStages, SOURCE, STAGES } from '../pipeline/registry.js';

describe('registry', () => {
  // The registry describes each stage without importing it (its module may load large libraries):
  // what it says must be what the stage module itself declares.
  it('describes every stage as its module declares it', async () => {
    const modules = await loadAllStages();
    const declared = modules.map(({ name, kind, describe, reads, writes }) => ({ name, kind, describe, reads: [...reads], writes: [...writes] }));
    const registered = [SOURCE, ...STAGES].map(({ name, kind, describe, reads, writes }) => ({ name, kind, describe, reads: [...reads], writes: [...writes] }));
    expect(registered).toEqual(declared);
  });
});
