/**
 * Issue 20 for the entities stage: a whole wire service on one line (no sentence or paragraph
 * break the reader could lean on) is tagged as one document, and what comes out agrees with the
 * same stories tagged one by one: offsets that point at their surface, in order and disjoint,
 * about as many mentions, and mostly the same entities. Linking short forms to full names once
 * compared every pair of names in the document; bench/bench-long-record.ts measures the time.
 * `npm test` uses a few MiB of stories; NEWS_ETL_RELIABILITY=full nearly the read stage's 16 MiB.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { newDoc, type Doc, type Mention } from '../pipeline/doc.js';
import { process as entities } from '../stages/entities.js';
import { SHARED } from './helpers.js';

const HEAVY = process.env.NEWS_ETL_RELIABILITY === 'full';
const MIB = 1 << 20;
const RECORD_BYTES = HEAVY ? 16 * MIB - 4096 : 2 * MIB;
const TYPES = new Set(['PERSON', 'ORG', 'PLACE', 'MONEY']);

let stories: string[];
let record: string;
let mentions: Mention[];

const asDoc = (text: string): Doc => ({
  ...newDoc('long', { path: 'long.txt', kind: 'txt', bytes: text.length, sha256: '' }, text),
  language: { code: 'en', confidence: 1 },
});

beforeAll(() => {
  const dir = join(SHARED, 'news/reuters/txt');
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
  stories = [];
  // the stories in order, from the start again if they run out before the record is full
  let bytes = 0;
  for (let k = 0; ; k++) {
    const story = readFileSync(join(dir, files[k % files.length]), 'utf8').replace(/\n/g, ' ');
    if (bytes + Buffer.byteLength(story) + 1 > RECORD_BYTES) break;
    stories.push(story);
    bytes += Buffer.byteLength(story) + 1;
  }
  record = stories.join(' ');
  mentions = entities(asDoc(record)).mentions ?? [];
}, 600_000);

describe('entities on a long one-line record', () => {
  it('gives mentions whose offsets are in order, disjoint and point at their surface', () => {
    expect(record.includes('\n')).toBe(false);
    expect(Buffer.byteLength(record)).toBeGreaterThan(RECORD_BYTES * 0.95);
    const wrong: string[] = [];
    let end = 0;
    for (const m of mentions) {
      const at = `${m.start}-${m.end} ${m.type} ${JSON.stringify(m.surface)}`;
      if (m.start < end || m.end <= m.start) wrong.push(`out of order or empty: ${at}`);
      if (record.slice(m.start, m.end) !== m.surface) wrong.push(`offsets miss the surface: ${at}`);
      if (!TYPES.has(m.type) || !m.entityId.startsWith(`${m.type.toLowerCase()}:`)) wrong.push(`type or id: ${at} ${m.entityId}`);
      end = m.end;
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(end).toBeLessThanOrEqual(record.length);
  });

  it('finds what the stories tagged one by one find', () => {
    let separate = 0;
    const separateIds = new Set<string>();
    const counted = new Map<string, number>();
    for (const story of stories) {
      let n = counted.get(story);
      if (n === undefined) {
        const found = entities(asDoc(story)).mentions ?? [];
        for (const m of found) separateIds.add(m.entityId);
        counted.set(story, (n = found.length));
      }
      separate += n;
    }
    // Not the same to the mention: one document means one type per name and the tagger's memory
    // of earlier sentences across stories.
    expect(mentions.length).toBeGreaterThan(separate * 0.9);
    expect(mentions.length).toBeLessThan(separate * 1.1);
    const found = new Set(mentions.map((m) => m.entityId));
    const shared = [...separateIds].filter((id) => found.has(id)).length;
    expect(shared / separateIds.size).toBeGreaterThan(0.8);
    for (const id of ['place:united_states', 'org:reuters', 'place:london']) expect(found.has(id), id).toBe(true);
  }, 600_000);
});
