/**
 * A corpus stage's memory opened on first use: restoring dedupe's index (its band tables rebuilt)
 * is most of what a run over an unchanged input would otherwise spend, and such a run never
 * observes or forgets a document.
 */
import type { CorpusMemory, CorpusStage } from '../stage.js';

export class LazyMemory<F> implements CorpusMemory<F> {
  private memory: CorpusMemory<F> | undefined;

  constructor(private readonly stage: CorpusStage<F>, private readonly persisted: Uint8Array | undefined) {}

  private get opened(): CorpusMemory<F> {
    this.memory ??= this.stage.open(this.persisted);
    return this.memory;
  }

  get changed(): boolean { return this.memory?.changed ?? false; }
  observe(docId: string, features: F, runId: string): void { this.opened.observe(docId, features, runId); }
  forget(docId: string): void { this.opened.forget(docId); }
  settle(): void { this.opened.settle(); }
  decide(docId: string): ReturnType<CorpusMemory<F>['decide']> { return this.opened.decide(docId); }
  persist(): Iterable<Uint8Array> { return this.opened.persist(); }
}
