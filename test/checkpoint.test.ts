import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkpointText, CheckpointReader, DeltaWriter, LANE_PART, workDir } from '../pipeline/checkpoint.js';
import { newDoc, type Doc } from '../pipeline/doc.js';
import type { StageDeltas } from '../pipeline/checkpoint.js';
import { derivedEntityId, isDerivedEntityId } from '../pipeline/tables.js';

const ORDER = ['read', 'boilerplate', 'entities', 'dates', 'dedupe'];
const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

/** The lines of a part as written (its frames inflated). */
const storedLines = (out: string, part: string): string => checkpointText(readFileSync(join(workDir(out, 'r1'), `${part}.jsonl.deflate`)));

function output(): string {
  const dir = mkdtempSync(join(tmpdir(), 'news-etl-checkpoint-'));
  dirs.push(dir);
  return dir;
}

const TEXT = 'Angela Merkel met Nato leaders in Bruxelles.\nMore text: « déjà vu » 🗞️.';
const RAW = `HEADLINE\n${TEXT}`;
const source = newDoc('d1', { path: 'a/b.txt', kind: 'txt', bytes: RAW.length, sha256: 'ab'.repeat(32) }, RAW, { sourceName: 'a' });
const deltas: StageDeltas = [
  ['read', { source: source.source, meta: source.meta }],
  ['boilerplate', { text: TEXT, meta: { sourceName: 'a', title: 'HEADLINE' }, removed: [{ stage: 'boilerplate', line: 1, text: 'HEADLINE', reason: 'title' }] }],
  ['entities', {
    mentions: [
      // id derived from type and name; a gazetteer id; a name that is not the surface; no id at all
      { entity: 'Angela Merkel', entityId: 'person:angela_merkel', type: 'PERSON', surface: 'Angela Merkel', start: 0, end: 13 },
      { entity: 'NATO', entityId: 'org:north_atlantic_treaty_organization', type: 'ORG', surface: 'Nato', start: 18, end: 22 },
      { entity: 'Brussels', entityId: 'place:brussels', type: 'PLACE', surface: 'Bruxelles', start: 34, end: 43 },
      { entity: 'Bruxelles', type: 'PLACE', surface: 'Bruxelles', start: 34, end: 43 },
    ],
  }],
  ['dates', {
    dates: [
      { surface: 'Angela M', start: 0, end: 8, value: 'XXXX', date: null, granularity: 'year', anchor: null, anchorSource: 'none' },
      { surface: 'Angela', start: 0, end: 6, value: '2024-05-01', date: '2024-05-01', granularity: 'day', anchor: '2024-04-30', anchorSource: 'published' },
    ],
  } as Partial<Doc>],
];
const dup = { contentHash: 'cd'.repeat(32), clusterId: 'c1', isDuplicate: false, exactKey: `${'ef'.repeat(8)}${'cd'.repeat(32)}` };

async function written(out: string): Promise<void> {
  const w = await DeltaWriter.open(out, 'r1', LANE_PART, 0);
  await w.write('d1', source, deltas);
  await w.close();
  const c = await DeltaWriter.open(out, 'r1', 'corpus', 0);
  await c.write('d1', { id: 'd1' } as Doc, [['dedupe', { dup } as Partial<Doc>]]);
  await c.close();
}

describe('checkpoints', () => {
  it('give back every delta as the stages left it', async () => {
    const out = output();
    await written(out);
    const reader = new CheckpointReader(out);
    const rebuilt = await reader.rebuild('d1', ['r1'], ORDER);
    await reader.close();
    expect(rebuilt?.stages).toEqual([...deltas.slice(1), ['dedupe', { dup }]]);
    expect(rebuilt?.doc.mentions).toEqual(deltas[2][1].mentions);
    expect(rebuilt?.doc.text).toBe(TEXT);
  });

  it('read the deltas earlier versions stored (full entity ids, removals with their stage, whole exact keys)', async () => {
    const out = output();
    await written(out);
    const dir = workDir(out, 'r1');
    const line = JSON.stringify({
      id: 'd1',
      read: { source: source.source, meta: source.meta },
      boilerplate: { text: TEXT, meta: { sourceName: 'a', title: 'HEADLINE' }, removed: [{ stage: 'boilerplate', line: 1, text: 'HEADLINE', reason: 'title' }] },
      entities: { mentions: [[0, 13, 'PERSON', 0, 'person:angela_merkel'], [18, 22, 'ORG', 'NATO', 'org:north_atlantic_treaty_organization'], [34, 43, 'PLACE', 'Brussels', 'place:brussels'], [34, 43, 'PLACE', 0]] },
      dates: { dates: [[0, 8, 'XXXX', null, 'year', null, 'none'], [0, 6, '2024-05-01', '2024-05-01', 'day', '2024-04-30', 'published']] },
    });
    writeFileSync(join(dir, 'part-0000.jsonl'), `${line}\n`);
    writeFileSync(join(dir, 'part-0000.idx'), `d1\t0\t${Buffer.byteLength(line)}\n`);
    const corpus = JSON.stringify({ id: 'd1', dedupe: { dup } });
    writeFileSync(join(dir, 'corpus-0000.jsonl'), `${corpus}\n`);
    writeFileSync(join(dir, 'corpus-0000.idx'), `d1\t0\t${Buffer.byteLength(corpus)}\n`);
    const reader = new CheckpointReader(out);
    const rebuilt = await reader.rebuild('d1', ['r1'], ORDER);
    await reader.close();
    expect(rebuilt?.stages).toEqual([...deltas.slice(1), ['dedupe', { dup }]]);
  });

  it('find every line by its offset, a line longer than the write buffer included', async () => {
    const out = output();
    const w = await DeltaWriter.open(out, 'r1', LANE_PART, 0);
    const texts = ['é'.repeat(10), 'ü🗞️'.repeat(60_000), 'x'.repeat(200_000), 'last'];
    for (const [i, text] of texts.entries()) await w.write(`d${i}`, source, [['read', { source: source.source }], ['boilerplate', { text }]]);
    await w.close();
    const reader = new CheckpointReader(out);
    for (const [i, text] of texts.entries()) expect((await reader.rebuild(`d${i}`, ['r1'], ORDER))?.doc.text).toBe(text);
    await reader.close();
  });

  it('refuse an index line cut short with its file and line instead of reading a wrong offset', async () => {
    const out = output();
    await written(out);
    const idx = join(workDir(out, 'r1'), 'part-0000.idx');
    const whole = readFileSync(idx, 'utf8');
    const tabs = [...whole.matchAll(/\t/g)].map((m) => m.index);
    // a five-field line that lost its last field: three numbers after the id
    writeFileSync(idx, whole.slice(0, tabs[3]));
    const reader = new CheckpointReader(out);
    await expect(reader.rebuild('d1', ['r1'], ORDER)).rejects.toThrow(/part-0000\.idx:1 is damaged/);
    await reader.close();
  });

  it('store derived entity ids, removal stages, absent anchors and the exact key\'s hash once, entity types as letters', async () => {
    const out = output();
    await written(out);
    const stored = storedLines(out, 'part-0000') + storedLines(out, 'corpus-0000');
    expect(stored).not.toContain('person:angela_merkel');
    expect(stored).toContain('org:north_atlantic_treaty_organization');
    expect(stored).not.toContain('"stage"');
    expect(stored).not.toContain('PERSON');
    expect(stored).toContain('"published"');
    expect(stored).not.toContain('"none"');
    expect(stored.split('cd'.repeat(32)).length).toBe(2);
  });

  it('store deltas deflated and page-fact lines found in the text as places in it, and give both back', async () => {
    const out = output();
    const long = `${TEXT}\n\n${'Ministers met on Friday, 3 May 2024, in the capital. '.repeat(40)}`;
    const page = { topLines: ['Ministers met on Friday, 3 May 2024', 'Updated 3 May 2024'], bylineLines: [], headerDates: ['3 May 2024'] };
    const w = await DeltaWriter.open(out, 'r1', LANE_PART, 0);
    await w.write('d1', source, [['read', { source: source.source, meta: source.meta }], ['boilerplate', { text: long, page } as Partial<Doc>]]);
    await w.close();
    // Far smaller than the text; in the line, the text once, and a page-fact line not in the text as a string.
    expect(readFileSync(join(workDir(out, 'r1'), 'part-0000.jsonl.deflate')).length).toBeLessThan(long.length / 2);
    const line = storedLines(out, 'part-0000');
    expect(line.split('Ministers met on Friday').length - 1).toBe(40);
    expect(line).toContain('Updated 3 May 2024');
    const reader = new CheckpointReader(out);
    const rebuilt = await reader.rebuild('d1', ['r1'], ORDER);
    await reader.close();
    expect(rebuilt?.doc.text).toBe(long);
    expect(rebuilt?.doc.page).toEqual(page);
  });
});

describe('isDerivedEntityId', () => {
  const cases: [type: string, entity: string][] = [
    ['PERSON', 'Vladimir Putin'], ['ORG', 'NATO'], ['PLACE', 'New  York\tCity '], ['PLACE', ' Lead\nspace'], ['MONEY', '$5 million'],
    ['PERSON', ''], ['PERSON', 'José'], ['PERSON', 'Jose\u0301'], ['ORG', 'ﬁnance Ｃorp'], ['PLACE', 'İstanbul'], ['PERSON', 'A\u00a0B'],
    ['ORG', 'AT&T_Inc.'], ['PERSON', 'x:y'],
  ];
  it('says what comparing with derivedEntityId says', () => {
    for (const [type, entity] of cases) {
      const derived = derivedEntityId(type, entity);
      const others = [derived, `${derived}x`, derived.slice(0, -1), derived.toUpperCase(), derived.replace(':', '_'), `${type}:${entity}`, 'person', ''];
      for (const id of others) expect(isDerivedEntityId(id, type, entity), `${type} ${JSON.stringify(entity)} ${JSON.stringify(id)}`).toBe(id === derived);
    }
  });
});
