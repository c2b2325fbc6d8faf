import { UsageError } from '../errors.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../writers/types.js';

export function parseFormats(value: string): OutputFormat[] {
  const formats = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const f of formats) {
    if (!(OUTPUT_FORMATS as readonly string[]).includes(f)) throw new UsageError(`unknown format "${f}"; use ${OUTPUT_FORMATS.join(', ')}`);
  }
  if (formats.length === 0) throw new UsageError('--format needs at least one of csv, parquet');
  return [...new Set(formats)] as OutputFormat[];
}
