import { describe, expect, it } from 'vitest';
import { loadAllStages, SOURCE, STAGES } from '../pipeline/registry.js';
import { planRun } from '../pipeline/run/plan.js';
import type { OutputState } from '../pipeline/state.js';
import type { Rebuilt } from '../pipeline/checkpoint.js';
import { checkKeptFields, keptFieldsRead } from '../pipeline/run/sources.js';

describe('registry', () => {
  // The registry describes each stage without importing it (its module may load large libraries):
  // what it says must be what the stage module itself declares.
  it('describes every stage as its module declares it', async () => {
    const modules = await loadAllStages();
    const declared = modules.map(({ name, kind, describe, reads, writes, always }) => ({ name, kind, describe, reads: [...reads], writes: [...writes], always: [...always ?? []] }));
    const registered = [SOURCE, ...STAGES].map(({ name, kind, describe, reads, writes, always }) => ({ name, kind, describe, reads: [...reads], writes: [...writes], always: [...always ?? []] }));
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

describe('a rerun on checkpoints of an earlier version', () => {
  const rebuilt = (boilerplate: Record<string, unknown>, reject?: unknown) => ({
    doc: { id: 'd1', ...(reject ? { reject } : {}) }, fromRun: {}, source: {},
    stages: [['boilerplate', boilerplate], ['language', { language: { code: 'en', confidence: 1 } }]],
  }) as unknown as Rebuilt;

  it('refuses when a kept stage\'s delta lacks a field it always sets and a rerun stage reads, naming the stage to rerun from', () => {
    const old = rebuilt({ text: 'Body', meta: {}, removed: [] });
    expect(() => checkKeptFields(old, keptFieldsRead(new Set(['dates', 'entities', 'dedupe'])), 'a.html')).toThrow(/holds no "page" from stage boilerplate.*--from boilerplate/);
    // Stages that do not read the page can rerun on it; so can a rejected document.
    expect(() => checkKeptFields(old, keptFieldsRead(new Set(['entities', 'dedupe'])), 'a.html')).not.toThrow();
    expect(() => checkKeptFields(rebuilt({}, { stage: 'boilerplate', reason: 'empty_text' }), keptFieldsRead(new Set(['dates'])), 'a.html')).not.toThrow();
    expect(() => checkKeptFields(rebuilt({ text: 'Body', page: {} }), keptFieldsRead(new Set(['dates'])), 'a.html')).not.toThrow();
  });
});
