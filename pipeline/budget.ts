/**
 * The per-document time budget. A document that keeps a stage busy past it becomes a
 * `stage_timeout` reject and the run goes on. Stages whose work grows with a document's size call
 * `check()` between units of work (a sentence, a block), so a runaway document is stopped there;
 * a stage that returns late is caught when it returns.
 */

export class StageTimeoutError extends Error {
  constructor(readonly budgetMs: number) {
    super(`the document took longer than the per-document budget of ${budgetMs / 1000} s`);
    this.name = 'StageTimeoutError';
  }
}

export class DocBudget {
  private deadline = Infinity;

  constructor(readonly ms: number) {}

  /** Starts the clock for a document that has already spent `spentMs` of its budget (0: a new one). */
  start(spentMs = 0): void {
    this.deadline = this.ms > 0 ? performance.now() + this.ms - spentMs : Infinity;
  }

  get exceeded(): boolean {
    return performance.now() > this.deadline;
  }

  check(): void {
    if (this.deadline !== Infinity && performance.now() > this.deadline) throw new StageTimeoutError(this.ms);
  }
}
