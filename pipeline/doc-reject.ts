/**
 * What a stage throws to reject one document with a reason code of its own (a page too complex
 * to read, say) rather than the catch-all `stage_error`: the runner turns it into that document's
 * reject row, and the run goes on.
 */
export class DocumentRejected extends Error {
  constructor(
    readonly reason: string,
    detail: string,
  ) {
    super(detail);
    this.name = 'DocumentRejected';
  }
}
