import { resolve } from 'node:path';
import { SHARED_DATA } from '../bench/paths.js';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { newDoc, type Doc } from '../pipeline/doc.js';
import type { StageContext } from '../pipeline/stage.js';
import { DedupeIndex, PERSISTED_FIXED_BYTES_PER_DOC, contentHash, createDedupeStage, normalizeForDedupe, normalizeKeepDigits, type DedupeEntry } from '../stages/dedupe.js';
import { normalizeInOnePass } from '../stages/dedupe/normalize.js';
import { NUM_PERM, lowBits, minhashSignature, minhashSignatureInJs, permutation, shingleHashes, signatureOf } from '../stages/dedupe/minhash.js';
import { DocIds } from '../stages/dedupe/doc-ids.js';
import { ExactTable } from '../stages/dedupe/exact-table.js';
import { buildNearSet, crossRun, evaluateExact, loadBbc, loadGroups, loadReuters, runOnce, scoreNear } from '../bench/eval-dedupe.js';

const SEEDS = resolve(SHARED_DATA, 'seeds');
const BBC = resolve(SHARED_DATA, 'news/bbc');
const ctx: StageContext = { runId: 'test', runStartedAt: new Date('2025-01-01T00:00:00Z') };

function doc(id: string, text: string, published?: string): Doc {
  const d = newDoc(id, { path: `${id}.txt`, kind: 'txt', bytes: Buffer.byteLength(text), sha256: '' }, text);
  if (published) d.published = { date: published, source: 'field' };
  return d;
}
const entry = (docId: string, text: string, published: string | null = null): DedupeEntry => ({ docId, text, published });

async function run(docs: Doc[], index = new DedupeIndex()): Promise<Doc[]> {
  const stage = createDedupeStage(index);
  async function* source() {
    yield* docs;
  }
  const out: Doc[] = [];
  for await (const d of stage.run(source(), ctx)) out.push(d);
  return out;
}

const seed = (n: string) => readFileSync(`${SEEDS}/${n}.txt`, 'utf8');

/** seed 003 minus its last paragraph, with a few words changed (a wire rewrite). */
function editedCopyOf003(): string {
  const paras = seed('003').split(/\n\s*\n/);
  const edited = paras
    .slice(0, -1) // the condolences paragraph is dropped
    .join('\n\n')
    .replace('called for deepening', 'called for deeper')
    .replace('strong resilience', 'great resilience')
    .replace('he added.', 'he said.');
  expect(edited).not.toBe(seed('003'));
  return edited;
}

describe('contentHash / normalization', () => {
  it('is the sha256 hex of the normalized text', () => {
    expect(contentHash('Hello, World!')).toMatch(/^[0-9a-f]{64}$/);
    expect(normalizeForDedupe('  Hello,\u00a0WORLD!\n\n“It’s” 2024 —  ok ')).toBe('hello world its 0000 ok');
  });

  it('ignores whitespace, case, punctuation, typographic quotes and digit changes', () => {
    const a = 'Bilateral turnover has crossed the $240-billion mark, the ambassador said.';
    const b = '  bilateral TURNOVER has crossed\nthe 240-Billion… mark —\tthe “ambassador” said ';
    const c = 'Bilateral turnover has crossed the $250-billion mark, the ambassador said.';
    expect(contentHash(b)).toBe(contentHash(a));
    expect(contentHash(c)).toBe(contentHash(a)); // digits fold to 0, as in cc_net
    expect(contentHash('Bilateral turnover has crossed the mark.')).not.toBe(contentHash(a));
    // punctuation is removed, not turned into a space (datatrove): a hyphen joins its words
    expect(contentHash(a.replace('240-billion', '240 billion'))).not.toBe(contentHash(a));
  });

  it('normalizes ASCII text in one pass exactly as lowercasing, dropping punctuation, collapsing whitespace and trimming do', () => {
    const chain = (t: string): string => t.toLowerCase().replace(/[!-/:-@[-`{-~]/g, '').replace(/\s+/g, ' ').trim();
    let state = 7;
    const next = (): number => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 8;
    const alphabet = ['a', 'Z', '0', ' ', ' ', '\t', '\n', '\r', '\v', '\f', '-', '.', '~', '\0', '\x7f', '\x1f', '_'];
    for (let i = 0; i < 5_000; i++) {
      const text = Array.from({ length: next() % 16 }, () => alphabet[next() % alphabet.length]).join('');
      expect(normalizeKeepDigits(text), JSON.stringify(text)).toBe(chain(text));
    }
    let every = '';
    for (let c = 0; c < 128; c++) every += `${String.fromCharCode(c)}x `;
    expect(normalizeKeepDigits(every)).toBe(chain(every));
  });

  it('normalizes a long record in pieces exactly as in one pass (real multilingual pages, NFKC, BOMs)', () => {
    const dir = resolve(SHARED_DATA, 'pages/trafilatura');
    const pages = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(resolve(dir, f), 'utf8'));
    const long = pages.join('\n\uFEFF');
    expect(long.length).toBeGreaterThan(3 << 20);
    expect(normalizeKeepDigits(long)).toBe(normalizeInOnePass(long));
  });
});

describe('MinHash arithmetic', () => {
  it('is min over shingles of xorshift(imul(x ^ X_k, M_k)), checked with BigInt, edge values of x included', () => {
    const xs = new Uint32Array([0, 1, 2, 65535, 65536, 2 ** 31, 2 ** 32 - 1, 123456789, 987654321, 3000000000]);
    const sig = minhashSignature(xs);
    const M32 = (1n << 32n) - 1n;
    for (let k = 0; k < NUM_PERM; k++) {
      const { mul, xor } = permutation(k);
      expect(mul % 2).toBe(1); // odd multiplier: a permutation of uint32
      let min = 1n << 32n;
      for (const x of xs) {
        let v = (BigInt((x ^ xor) >>> 0) * BigInt(mul)) & M32;
        v ^= v >> 15n;
        if (v < min) min = v;
      }
      expect(sig[k], `permutation ${k}`).toBe(Number(min));
    }
  });

  it('the SIMD kernel gives the JavaScript loop\'s signature: empty, small and several-block shingle sets', () => {
    let state = 12345;
    const random32 = (): number => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) ^ (state >>> 16);
    for (const n of [0, 1, 2, 7, 100, 1000, 40_000]) {
      const xs = Uint32Array.from({ length: n }, random32);
      expect(Array.from(minhashSignature(xs)), `${n} shingles`).toEqual(Array.from(minhashSignatureInJs(xs)));
    }
  });

  it('signatureOf (shingles in text order, repeats kept) equals the signature of the shingle set', () => {
    const words = (n: number, vocabulary: number): string => Array.from({ length: n }, (_, i) => `w${(i * 7919) % vocabulary}`).join(' ');
    for (const text of ['', 'one', 'a b c d', 'a b c d e a b c d e a b', words(5000, 300), words(200_000, 5000)]) {
      expect(Array.from(signatureOf(text)), text.slice(0, 20)).toEqual(Array.from(lowBits(minhashSignatureInJs(shingleHashes(text)))));
    }
  });

  it('shingles word 5-grams as a set; a short text is one shingle', () => {
    expect(shingleHashes('')).toHaveLength(0);
    expect(shingleHashes('one two three')).toHaveLength(1);
    expect(shingleHashes('a b c d e f g')).toHaveLength(3);
    expect(shingleHashes('a b c d e a b c d e')).toHaveLength(5); // "a b c d e" counted once
    expect(shingleHashes('a b c d e')[0]).not.toBe(shingleHashes('e d c b a')[0]); // order matters
  });
});

describe('ExactTable (exact-chain heads, open addressing with backward-shift deletion)', () => {
  it('agrees with a Map through adds, head moves and deletes, with colliding homes and fingerprints', () => {
    // slot -> key; few distinct homes and fingerprints so probe runs are long and wrap around
    const keyOf: number[] = [];
    const table = new ExactTable({
      hash32: (s) => (keyOf[s] * 7) % 13 | 0x7ffffff0, // 13 homes, all near the top of the table's range
      fingerprint: (s) => keyOf[s] % 3,
      sameKey: (a, b) => keyOf[a] === keyOf[b],
    });
    const model = new Map<number, number>(); // key -> head slot
    let x = 12345;
    const rnd = (n: number) => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 8) % n;
    for (let step = 0; step < 4000; step++) {
      const op = rnd(3);
      const key = rnd(200);
      if (op < 2) {
        const s = keyOf.length;
        keyOf.push(key);
        expect(table.head(s)).toBe(model.get(key) ?? -1);
        if (!model.has(key)) {
          table.add(s);
          model.set(key, s);
        } else if (op === 1) {
          table.replace(model.get(key)!, s); // s takes over the chain
          model.set(key, s);
        }
      } else if (model.has(key)) {
        table.delete(model.get(key)!);
        model.delete(key);
      }
    }
    expect(table.size).toBe(model.size);
    for (let s = 0; s < keyOf.length; s++) expect(table.head(s)).toBe(model.get(keyOf[s]) ?? -1);
  });
});

describe('DocIds (packed 16-hex doc ids, a Map for others)', () => {
  it('agrees with a Map through sets and deletes; compares ids as strings', () => {
    const ids = new DocIds();
    const model = new Map<string, number>();
    const idOf: string[] = [];
    let x = 777;
    const rnd = (n: number) => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 8) % n;
    const hex = (n: number) => n.toString(16).padStart(16, 'f').slice(-16);
    // hex ids (some differing only in the low half, some above 2^31 in the high half), near-hex and other strings
    const pool = Array.from({ length: 300 }, (_, i) =>
      i % 5 === 0 ? `doc-${i}` : i % 7 === 0 ? hex(i).toUpperCase() : i % 11 === 0 ? `${hex(i)}0` : i % 2 ? hex(i * 7919) : `0000000${i % 10}${hex(i).slice(8)}`,
    );
    for (let step = 0; step < 3000; step++) {
      const id = pool[rnd(pool.length)];
      const s = ids.get(id);
      expect(s).toBe(model.get(id) ?? -1);
      if (s === -1) {
        const slot = idOf.length;
        ids.grow(slot + 1);
        ids.set(id, slot);
        idOf.push(id);
        model.set(id, slot);
      } else if (rnd(2) === 0) {
        ids.delete(s);
        model.delete(id);
      }
    }
    expect(ids.size).toBe(model.size);
    const live = [...model.values()];
    for (const s of live) expect(ids.idOf(s)).toBe(idOf[s]);
    for (let k = 0; k < 2000; k++) {
      const a = live[rnd(live.length)];
      const b = live[rnd(live.length)];
      expect(Math.sign(ids.compare(a, b))).toBe(idOf[a] < idOf[b] ? -1 : idOf[a] > idOf[b] ? 1 : 0);
    }
  });
});

describe('dedupe stage (createDedupeStage over the two-phase index)', () => {
  it('marks an exact duplicate after whitespace/case/punctuation changes', async () => {
    const original = seed('002');
    const reformatted = original.toUpperCase().replace(/[“”‘’,.]/g, '').replace(/\n+/g, '\n \n');
    const out = await run([doc('a', original), doc('b', reformatted)]);
    const a = out[0].dup as DedupeDecisionLike;
    expect(a).toMatchObject({ contentHash: contentHash(original), isDuplicate: false });
    expect(a.clusterId).toMatch(/^[0-9a-f]{16}$/);
    expect(out[1].dup).toEqual({
      contentHash: contentHash(original),
      clusterId: a.clusterId,
      isDuplicate: true,
      duplicateOf: 'a',
      similarity: 1,
      method: 'exact',
      exactKey: (a as { exactKey?: string }).exactKey,
    });
  });

  it('does not merge the same template filed again with other figures', async () => {
    const day1 = 'The Federal Reserve entered the government securities market to supply 1.5 billion dlrs of temporary reserves indirectly via 2.3 billion dlrs of customer repurchase agreements, a Fed spokesman said. Dealers said federal funds were trading at 6-1/8 pct when the Fed began its temporary and indirect supply of reserves to the banking system.';
    // One figure changed: the numbers check alone would let it through (2 of 3 numbers agree).
    const day2 = day1.replace('1.5', '2.5');
    const out = await run([doc('a', day1), doc('b', day2)]);
    expect(out[1].dup).toMatchObject({ isDuplicate: false });
    expect(out[0].dup!.contentHash).toBe(out[1].dup!.contentHash); // same words once digits are folded
  });

  it('marks a near duplicate (word edits, dropped last paragraph) with its estimated Jaccard', async () => {
    const out = await run([doc('orig', seed('003'), '2024-03-01'), doc('edit', editedCopyOf003(), '2024-03-02')]);
    const dup = out[1].dup!;
    expect(dup).toMatchObject({ isDuplicate: true, method: 'near', duplicateOf: 'orig' });
    expect(dup.similarity).toBeGreaterThanOrEqual(0.5);
    expect(dup.similarity).toBeLessThan(1);
    expect(Number(dup.similarity!.toFixed(3))).toBe(dup.similarity); // rounded to 3 decimals
    expect(dup.contentHash).not.toBe(out[0].dup!.contentHash);
  });

  it('does not merge different articles on the same topic (all five seeds: China-Russia)', async () => {
    const ids = ['000', '001', '002', '003', '004'];
    const out = await run(ids.map((n) => doc(n, seed(n))));
    expect(out.map((d) => d.dup!.isDuplicate)).toEqual([false, false, false, false, false]);
    const sigs = ids.map((n) => signatureOf(normalizeForDedupe(seed(n))));
    for (let i = 0; i < sigs.length; i++) {
      for (let j = i + 1; j < sigs.length; j++) {
        const same = sigs[i].filter((v, k) => v === sigs[j][k]).length;
        expect(same / sigs[i].length).toBeLessThan(0.2);
      }
    }
  });

  it('keeps the earliest published copy; without dates the smallest doc_id; output keeps input order', async () => {
    const a = seed('004');
    const b = a.replace(/\s+/g, ' ');
    const dated = await run([doc('x', a, '2024-03-02'), doc('other', seed('000')), doc('y', b, '2024-03-01')]);
    expect(dated.map((d) => d.id)).toEqual(['x', 'other', 'y']);
    expect(dated[0].dup).toMatchObject({ isDuplicate: true, duplicateOf: 'y', method: 'exact' });
    expect(dated[2].dup!.isDuplicate).toBe(false);
    const undated = await run([doc('y', b), doc('other', seed('000')), doc('x', a)]);
    expect(undated[0].dup).toMatchObject({ isDuplicate: true, duplicateOf: 'x' });
    // a known date beats an unknown one
    const mixed = await run([doc('a1', a), doc('z9', b, '2030-01-01')]);
    expect(mixed[0].dup).toMatchObject({ isDuplicate: true, duplicateOf: 'z9' });
  });

  it('points duplicate_of at the representative, also for an exact copy of a near member', async () => {
    const original = seed('003');
    const edited = editedCopyOf003();
    const out = await run([doc('first', original), doc('second', edited), doc('third', edited), doc('fourth', original)]);
    expect(out.map((d) => [d.dup!.isDuplicate, d.dup!.duplicateOf, d.dup!.method])).toEqual([
      [false, undefined, undefined],
      [true, 'first', 'near'],
      [true, 'first', 'near'],
      [true, 'first', 'exact'],
    ]);
    expect(new Set(out.map((d) => (d.dup as DedupeDecisionLike).clusterId)).size).toBe(1);
  });

  it('passes rejected docs through untouched and does not index empty text', async () => {
    const rejected: Doc = { ...doc('bad', seed('001')), reject: { stage: 'read', reason: 'x', detail: '' } };
    const out = await run([rejected, doc('good', seed('001')), doc('e1', ' \n'), doc('e2', '...')]);
    expect(out[0]).toBe(rejected);
    expect(out[0].dup).toBeUndefined();
    expect(out[1].dup!.isDuplicate).toBe(false);
    expect(out[2].dup!.isDuplicate).toBe(false);
    expect(out[3].dup!.isDuplicate).toBe(false); // empty after normalization: not a dup of e1
  });
});

type DedupeDecisionLike = NonNullable<Doc['dup']> & { clusterId: string };

describe('DedupeIndex rules', () => {
  // one long real text (politics articles back to back), cut into overlapping windows of words
  const bbcWords = readdirSync(BBC)
    .filter((f) => f.startsWith('politics-0'))
    .sort()
    .slice(0, 8)
    .map((f) => readFileSync(`${BBC}/${f}`, 'utf8'))
    .join('\n\n')
    .split(/\s+/);
  const words = (from: number, to: number) => bbcWords.slice(from, to).join(' ');

  it('transitive chain A~B, B~C, A!~C: C does not join A (similarity to the representative must pass)', () => {
    const index = new DedupeIndex();
    const A = words(0, 600);
    const B = words(150, 750);
    const C = words(300, 900);
    index.observe(entry('A', A, '2024-01-01'), 'r1');
    index.observe(entry('B', B, '2024-01-02'), 'r1');
    index.observe(entry('C', C, '2024-01-03'), 'r1');
    const d = index.resolve();
    expect(index.similarity('A', 'B')).toBeGreaterThanOrEqual(0.5);
    expect(index.similarity('B', 'C')).toBeGreaterThanOrEqual(0.5);
    expect(index.similarity('A', 'C')).toBeLessThan(0.5);
    expect(d.get('B')).toMatchObject({ isDuplicate: true, duplicateOf: 'A', method: 'near' });
    expect(d.get('B')!.similarity).toBeGreaterThanOrEqual(0.5);
    expect(d.get('C')).toMatchObject({ isDuplicate: false });
    expect(d.get('C')!.clusterId).not.toBe(d.get('A')!.clusterId);
  });

  it('across runs: a later copy is a duplicate of the earlier run even when dated earlier; ids are stable', () => {
    const first = new DedupeIndex();
    first.observe(entry('old', seed('003'), '2024-05-10'), 'run-1');
    first.observe(entry('other', seed('000'), '2024-05-10'), 'run-1');
    const d1 = first.resolve();
    const buf = first.toBuffer();
    expect(buf.length).toBe(24 + 2 * PERSISTED_FIXED_BYTES_PER_DOC + 'old'.length + 'other'.length);
    const second = DedupeIndex.fromBuffer(buf);
    expect(second.toBuffer().equals(buf)).toBe(true);
    second.observe(entry('new', editedCopyOf003(), '2024-05-09'), 'run-2'); // earlier date, later run
    second.observe(entry('old', seed('003'), '2024-05-10'), 'run-2'); // unchanged: same decision
    second.observe(entry('copy', seed('000'), null), 'run-2');
    const d2 = second.resolve();
    expect(d2.get('new')).toMatchObject({ isDuplicate: true, duplicateOf: 'old', method: 'near', clusterId: d1.get('old')!.clusterId });
    expect(d2.get('old')).toEqual(d1.get('old'));
    expect(d2.get('copy')).toMatchObject({ isDuplicate: true, duplicateOf: 'other', method: 'exact', clusterId: d1.get('other')!.clusterId });

    expect(() => DedupeIndex.fromBuffer(Buffer.from('nope'))).toThrow(/not a dedupe index/);
    expect(() => DedupeIndex.fromBuffer(buf.subarray(0, buf.length - 5))).toThrow(/truncated/);
  });

  it('loads version-2 and version-3 indexes (32- and 16-bit signature values): keeps their low 8 bits, decides as with version 4', () => {
    const texts = new Map([
      ['old', seed('003')],
      ['other', seed('000')],
      ['twin', seed('000').toUpperCase()],
    ]);
    const first = new DedupeIndex();
    first.observe(entry('old', texts.get('old')!, '2024-05-10'), 'run-1');
    first.observe(entry('other', texts.get('other')!, '2024-05-10'), 'run-1');
    first.observe(entry('twin', texts.get('twin')!, '2024-05-11'), 'run-1');
    first.resolve();
    const v4 = first.toBuffer();
    expect(v4.readUInt16LE(4)).toBe(4);
    // The same index in the older layouts, as the old code wrote them: header with version 2 (3),
    // per document 32 B hash, 8 B strict key, 112 x u32 (u16) signature values, rest as v4.
    const olderLayout = (version: 2 | 3): Buffer => {
      const width = version === 2 ? 4 : 2;
      const parts: Buffer[] = [Buffer.from(v4.subarray(0, 24))];
      parts[0].writeUInt16LE(version, 4);
      for (let o = 24; o < v4.length; ) {
        const sigAt = o + 40;
        const restAt = sigAt + NUM_PERM;
        const idAt = restAt + 16 + 4 + 8 + 4 + 2;
        const idLen = v4.readUInt16LE(idAt - 2);
        const id = v4.toString('utf8', idAt, idAt + idLen);
        const sig32 = minhashSignature(shingleHashes(normalizeKeepDigits(texts.get(id)!)));
        const sig = Buffer.alloc(width * NUM_PERM);
        for (let k = 0; k < NUM_PERM; k++) {
          expect(sig32[k] & 0xff).toBe(v4[sigAt + k]); // v4 keeps the low 8 bits
          if (width === 4) sig.writeUInt32LE(sig32[k], 4 * k);
          else sig.writeUInt16LE(sig32[k] & 0xffff, 2 * k);
        }
        expect(sig32.some((v) => (v & 0xffff) > 0xff)).toBe(true);
        parts.push(v4.subarray(o, sigAt), sig, v4.subarray(restAt, idAt + idLen));
        o = idAt + idLen;
      }
      return Buffer.concat(parts);
    };
    const v2 = olderLayout(2);
    const v3 = olderLayout(3);
    expect(v2.length).toBe(v4.length + 3 * 3 * NUM_PERM);
    expect(v3.length).toBe(v4.length + 3 * NUM_PERM);
    const decide = (index: DedupeIndex) => {
      index.observe(entry('new', editedCopyOf003(), '2024-05-12'), 'run-2'); // near copy: band keys recomputed
      index.observe(entry('copy', seed('000'), null), 'run-2');
      return index.resolve();
    };
    for (const older of [v2, v3]) {
      const loaded = DedupeIndex.fromBuffer(older);
      expect(loaded.toBuffer().equals(v4)).toBe(true); // written back as version 4
      expect(loaded.similarity('old', 'other')).toBe(DedupeIndex.fromBuffer(v4).similarity('old', 'other'));
      const fromOlder = decide(loaded);
      expect(fromOlder).toEqual(decide(DedupeIndex.fromBuffer(v4)));
      expect(fromOlder.get('new')).toMatchObject({ isDuplicate: true, duplicateOf: 'old', method: 'near' });
      expect(fromOlder.get('copy')).toMatchObject({ isDuplicate: true, duplicateOf: 'other', method: 'exact' });
    }
    const v1 = Buffer.from(v2);
    v1.writeUInt16LE(1, 4);
    expect(() => DedupeIndex.fromBuffer(v1)).toThrow(/unsupported dedupe index version 1/);
  });

  it('remove(): the earliest surviving member represents the cluster, whose id does not change', () => {
    const index = new DedupeIndex();
    index.observe(entry('rep', seed('003'), '2024-01-01'), 'r1');
    index.observe(entry('m1', editedCopyOf003(), '2024-01-03'), 'r1');
    index.observe(entry('m2', seed('003').toUpperCase(), '2024-01-02'), 'r1');
    const d1 = index.resolve();
    expect(d1.get('m2')).toMatchObject({ duplicateOf: 'rep', method: 'exact' });
    index.remove('rep');
    expect(index.has('rep')).toBe(false);
    expect(index.decision('m1')).toMatchObject({ duplicateOf: 'm2', clusterId: d1.get('rep')!.clusterId });
    expect(index.decision('m2')).toMatchObject({ isDuplicate: false, clusterId: d1.get('rep')!.clusterId });
    // the changed file comes back with other text under the same doc_id: a new document
    const restored = DedupeIndex.fromBuffer(index.toBuffer());
    restored.observe(entry('rep', seed('001'), '2024-01-01'), 'r2');
    restored.observe(entry('late', seed('003'), '2024-01-05'), 'r2');
    const d2 = restored.resolve();
    expect(d2.get('rep')).toMatchObject({ isDuplicate: false });
    expect(d2.get('rep')!.clusterId).not.toBe(d1.get('rep')!.clusterId);
    expect(d2.get('late')).toMatchObject({ isDuplicate: true, duplicateOf: 'm2', method: 'exact' });
  });

  it('numbers and dates: template items are not merged, exact copies always are', () => {
    // Reuters 85 and 2340: two companies' dividend notices, one content hash (digits folded)
    const r85 = 'Qtly div 25 cts vs 25 cts prior\n    Pay April 30\n    Record April 16\n Reuter';
    const r2340 = 'Qtly div 22 cts vs 22 cts prior\n    Pay April 30\n    Record April 10 \n Reuter';
    const d = runOnce([entry('85', r85, '1987-02-26'), entry('2340', r2340, '1987-02-27')]);
    expect(d.get('85')!.contentHash).toBe(d.get('2340')!.contentHash);
    expect(d.get('2340')!.isDuplicate).toBe(false);
    // a near copy 30 days later is another story; an exact copy is still a copy
    const far = runOnce([entry('a', seed('003'), '2024-01-01'), entry('b', editedCopyOf003(), '2024-01-31'), entry('c', seed('003'), '2024-06-01')]);
    expect(far.get('b')!.isDuplicate).toBe(false);
    expect(far.get('c')).toMatchObject({ isDuplicate: true, duplicateOf: 'a', method: 'exact' });
  });
});

describe('dedupe on real data: exact-duplicate gold (dups.jsonl)', () => {
  const bbc = loadBbc();

  it('BBC whole corpus: exact pairs recall 1.0; the only extras are the two case/punctuation pairs', () => {
    const r = evaluateExact('bbc', bbc, loadGroups(BBC), (id) => id.split('-')[0]);
    expect(r.strict.recall).toBe(1);
    expect(r.extras.map((e) => e.pair)).toEqual(['sport-332|sport-344', 'tech-051|tech-323']);
    expect(r.explained).toMatchObject({ precision: 1, recall: 1 });
    expect(r.strict.precision).toBeCloseTo(65 / 67, 6);
    // rewritten copies come out as near duplicates, never across topics
    expect(r.nearPairs).toBeGreaterThan(50);
    expect(r.nearPairsCrossTopic).toBe(0);
  });

  it('Reuters, first 4000 stories: exact pairs recall 1.0, extras only case/punctuation or digit variants', () => {
    const all = loadReuters();
    const ids = new Set(all.slice(0, 4000).map((a) => a.id));
    const groups = loadGroups(resolve(SHARED_DATA, 'news/reuters')).filter((g) => g.ids.every((id) => ids.has(id)));
    expect(groups.length).toBeGreaterThan(30);
    const r = evaluateExact('reuters', all.slice(0, 4000), groups);
    expect(r.strict.recall).toBe(1);
    expect(r.explained.recall).toBe(1);
    expect(r.explained.precision).toBeGreaterThan(0.9);
    for (const e of r.extras) expect(e.why).toMatch(/^(case|digits)/);
  });
});

describe('near-duplicate eval, CI subset (seeded; floors below the full eval)', () => {
  const set = buildNearSet(loadBbc(), loadReuters(), { originals: 50, distinct: 100, seed: 11 });

  it('pair precision >= 0.98, recall >= 0.95 on copies sharing >= 80% of their text, no distinct merged', () => {
    const decisions = runOnce(set.docs.map((d) => entry(d.docId, d.text, d.published)));
    const r = scoreNear(set, decisions);
    expect(r.gold80).toBeGreaterThan(50);
    expect(r.all.precision).toBeGreaterThanOrEqual(0.98);
    expect(r.recall80).toBeGreaterThanOrEqual(0.95);
    expect(r.falseMergesSameTopic).toBe(0);
  });

  it('cross-run: half then half (index through toBuffer/fromBuffer) finds the same pairs as one run', () => {
    const c = crossRun(set.docs, 'chronological');
    expect(c.run1).toBeGreaterThan(100);
    expect(c.singlePairs).toBeGreaterThan(50);
    expect(c.onlySingle).toBe(0);
    expect(c.onlySplit).toBe(0);
    const alt = crossRun(set.docs, 'alternating');
    expect(alt.crossRunDuplicates).toBeGreaterThan(20); // copies in run 2 point at run-1 docs
    expect(alt.onlySingle + alt.onlySplit).toBeLessThan(0.05 * alt.singlePairs);
  });
});
