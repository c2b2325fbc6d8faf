import { NewsEtlError } from '../../../pipeline/errors.js';

/** The entity model file is missing, damaged, or from another version of the features. */
export class ModelError extends NewsEtlError {
  constructor(code: 'entities_model_missing' | 'entities_model_corrupt' | 'entities_model_mismatch', message: string) {
    super(code, message);
    this.name = 'ModelError';
  }
}
