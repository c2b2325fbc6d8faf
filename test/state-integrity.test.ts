/**
 * State that cannot be trusted: each corruption of a committed output makes the next run stop with
 * exit 1, a message naming the file and the way out, and the output byte for byte as it was; the
 * way out (`--full-refresh`) then gives a clean run's tables. `npm test` checks the way out on a
 * few of the cases, `npm run test:reliability` (NEWS_ETL_RELIABILITY=full) on every one.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { cp, mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ROOT, runCli, duck, currentTables } from './helpers.js';
import { seal } from '../pipeline/integrity.js';
import { STATE, type StoredState } from '../pipeline/state-store.js';

const HEAVY = process.env.NEWS_ETL_RELIABILITY === 'full';
const DOC_TABLES = ['documents', 'mentions', 'entities', 'dates', 'duplicates', 'rejects'];
const INPUT = join(ROOT, 'input');
let work: string;
let base: string;
let clean: Record<string, string[]>;
let db: Awaited<ReturnType<typeof duck>>;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'news-etl-integrity-'));
  db = await duck();
  base = join(work, 'base');
  expect(runCli(['run', '-i', INPUT, '-o', base]).status).toBe(4);
  clean = await currentTables(db.conn, base, DOC_TABLES);
}, 120_000);
afterAll(async () => {
  db?.conn.closeSync();
  await rm(work, { recursive: true, force: true });
});

/** Every file under the output with its sha256: what "untouched" is measured by. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out[relative(dir, path)] = createHash('sha256').update(await readFile(path)).digest('hex');
  }
  return out;
}

const stateFile = (out: string): string => join(out, '_state', 'state.json');
const readBody = async (out: string): Promise<StoredState> => JSON.parse(await readFile(stateFile(out), 'utf8')).body as StoredState;
const firstRun = async (out: string): Promise<string> => (await readBody(out)).runs[0];

interface Case {
  name: string;
  corrupt: (out: string) => Promise<void>;
  /** What the message must name (a path, relative to the output) and say. */
  names: (out: string) => Promise<string>;
  says: RegExp;
  /** Also check the way out in the fast run (`npm test`); every case is checked in the full one. */
  wayOutInFastRun?: boolean;
}

const CASES: Case[] = [
  {
    name: 'state.json missing while committed runs are there',
    wayOutInFastRun: true,
    corrupt: (out) => rm(stateFile(out)),
    names: async () => '_state/state.json',
    says: /is missing, but the output holds committed runs/,
  },
  {
    name: '"runs": [] with the files table intact (checksum recomputed)',
    wayOutInFastRun: true,
    corrupt: async (out) => writeFile(stateFile(out), seal(STATE.format, STATE.version, { ...await readBody(out), runs: [], published: {} })),
    names: async () => '_state/state.json',
    says: /does not list run .*, but .* is published/,
  },
  {
    name: '"runs": [] edited by hand',
    corrupt: async (out) => writeFile(stateFile(out), (await readFile(stateFile(out), 'utf8')).replace(/"runs":\[[^\]]*\]/, '"runs":[]')),
    names: async () => '_state/state.json',
    says: /does not match its checksum/,
  },
  {
    name: 'files table short by whole lines',
    corrupt: async (out) => {
      const path = join(out, '_state', (await readBody(out)).filesTable!);
      const lines = (await readFile(path, 'utf8')).split('\n');
      await writeFile(path, lines.slice(0, lines.length - 4).join('\n') + '\n');
    },
    names: async (out) => `_state/${(await readBody(out)).filesTable}`,
    says: /bytes, but \d+ were committed/,
  },
  {
    name: 'a committed Parquet part cut short',
    wayOutInFastRun: true,
    corrupt: async (out) => {
      const path = join(out, 'parquet', `run-${await firstRun(out)}`, 'documents', 'part-0000.parquet');
      await truncate(path, Math.floor((await readFile(path)).length / 2));
    },
    names: async (out) => `parquet/run-${await firstRun(out)}/documents/part-0000.parquet`,
    says: /bytes, but its commit published \d+/,
  },
  {
    name: 'a dedupe index garbled (same size)',
    corrupt: async (out) => {
      const path = join(out, '_state', (await readBody(out)).stageState!.dedupe);
      const bytes = await readFile(path);
      bytes[bytes.length >> 1] ^= 0xff;
      await writeFile(path, bytes);
    },
    names: async (out) => `_state/${(await readBody(out)).stageState!.dedupe}`,
    says: /does not match the checksum committed in state.json/,
  },
  {
    name: 'pending.json naming a path outside the output folder',
    wayOutInFastRun: true,
    corrupt: async (out) => {
      await writeFile(join(work, 'victim.txt'), 'must survive');
      const body = { runId: await firstRun(out), replaces: '', state: await readBody(out), publish: [], deletes: ['../victim.txt'] };
      await writeFile(join(out, '_state', 'pending.json'), seal('news-etl-pending', 1, body));
    },
    names: async () => '_state/pending.json',
    says: /names \.\.\/victim\.txt, outside the output folder/,
  },
  {
    name: 'pending.json naming an absolute path',
    corrupt: async (out) => {
      await writeFile(join(work, 'victim.txt'), 'must survive');
      const body = { runId: await firstRun(out), replaces: '', state: await readBody(out), publish: [], deletes: [join(work, 'victim.txt')] };
      await writeFile(join(out, '_state', 'pending.json'), seal('news-etl-pending', 1, body));
    },
    names: async () => '_state/pending.json',
    says: /victim\.txt, outside the output folder/,
  },
  {
    name: 'state.json cut short',
    corrupt: async (out) => truncate(stateFile(out), Math.floor((await readFile(stateFile(out))).length / 2)),
    names: async () => '_state/state.json',
    says: /is not valid JSON/,
  },
  {
    name: 'state.json garbled',
    corrupt: async (out) => writeFile(stateFile(out), (await readFile(stateFile(out), 'utf8')).replace(/"size":(\d)/, (_, d) => `"size":${(Number(d) + 1) % 10}`)),
    names: async () => '_state/state.json',
    says: /does not match its checksum/,
  },
  {
    name: 'state.json empty',
    corrupt: (out) => writeFile(stateFile(out), ''),
    names: async () => '_state/state.json',
    says: /is empty/,
  },
  {
    name: 'state.json of a newer format version',
    corrupt: async (out) => writeFile(stateFile(out), seal(STATE.format, STATE.version + 1, await readBody(out))),
    names: async () => '_state/state.json',
    says: /written by a newer news-etl/,
  },
];

describe('corrupted state: refused untouched, then --full-refresh restores a clean run', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const out = join(work, c.name.replace(/\W+/g, '-'));
      await cp(base, out, { recursive: true });
      const named = join(out, await c.names(out));
      await c.corrupt(out);
      const before = await snapshot(out);
      const r = runCli(['run', '-i', INPUT, '-o', out]);
      expect(r.status, r.stderr).toBe(1);
      expect(r.stderr).toContain(named);
      expect(r.stderr).toMatch(c.says);
      expect(r.stderr).toMatch(/Nothing was changed\. .*--full-refresh/);
      expect(await snapshot(out)).toEqual(before);
      if (!HEAVY && !c.wayOutInFastRun) return;

      const refreshed = runCli(['run', '-i', INPUT, '-o', out, '--full-refresh']);
      expect(refreshed.status, refreshed.stderr).toBe(4);
      expect(await currentTables(db.conn, out, DOC_TABLES)).toEqual(clean);
      expect((await readBody(out)).runs).toHaveLength(1);
      const next = runCli(['run', '-i', INPUT, '-o', out]);
      expect(next.status, next.stderr).toBe(0);
      if (c.name.startsWith('pending.json')) expect(await readFile(join(work, 'victim.txt'), 'utf8')).toBe('must survive');
    }, 180_000);
  }
});
