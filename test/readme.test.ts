import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './helpers.js';
import { schemaMarkdown } from '../pipeline/schema-doc.js';
import { ALL_TABLES, dedupeGlobalTable } from '../pipeline/tables.js';

describe('README', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  it('carries the table schemas exactly as `news-etl schema` prints them', () => {
    expect(readme).toContain(schemaMarkdown([...ALL_TABLES, dedupeGlobalTable]).trim());
  });
  it('has the two set-up commands', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm ci && npm test');
  });
});
