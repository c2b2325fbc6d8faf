/**
 * Rerunning stages on the current documents (rebuilt from checkpoint deltas), inspecting any
 * document of any kept run, and reprocessing a single document, on the shipped input plus real
 * BBC articles with syndicated copies.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { STAGE_ORDER } from '../pipeline/registry.js';
import { checkpointText } from '../pipeline/checkpoint.js';
import { currentTables, duck, inputWithBbc, runCli } from './helpers.js';

const VIEWS = ['documents', 'mentions', 'entities', 'dates', 'dedupe', 'duplicates', 'rejects'];
let work: string;
let input: string;
let db: Awaited<ReturnType<typeof duck>>;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'news-etl-rerun-'));
  input = join(work, 'in');
  await inputWithBbc(input, 8, 60);
  db = await duck();
}, 60_000);
afterAll(async () => {
  db?.conn.closeSync();
  await rm(work, { recursive: true, force: true });
});

const bytesUnder = (dir: string): number => Number(execFileSync('du', ['-sb', dir]).toString().split('\t')[0]);
const stateOf = async (out: string) => JSON.parse(await readFile(join(out, '_state', 'state.json'), 'utf8')).body;

describe('rerunning stages from checkpoints', () => {
  it('leaves every table as the full run wrote it after --stages entities, then --from dates --to entities (no --input)', async () => {
    const out = join(work, 'full');
    expect(runCli(['run', '-i', input, '-o', out, '-c', '2']).status).toBe(4);
    const full = await currentTables(db.conn, out, VIEWS);
    expect(full.duplicates.length).toBeGreaterThan(5);
    expect(full.documents.every((d) => JSON.parse(d).cluster_id !== null)).toBe(true);

    const entitiesOnly = runCli(['run', '-o', out, '--stages', 'entities']);
    expect(entitiesOnly.status, entitiesOnly.stderr).toBe(4);
    expect(await currentTables(db.conn, out, VIEWS)).toEqual(full);

    const range = runCli(['run', '-o', out, '--from', 'dates', '--to', 'entities', '-c', '2']);
    expect(range.status, range.stderr).toBe(4);
    expect(range.stderr).toMatch(/stale_results/);
    expect(await currentTables(db.conn, out, VIEWS)).toEqual(full);

    // Dedupe alone and the text-rewriting stages from the start of the chain give the same tables too.
    expect(runCli(['run', '-o', out, '--stages', 'dedupe']).status).toBe(4);
    expect(await currentTables(db.conn, out, VIEWS)).toEqual(full);
    expect(runCli(['run', '-o', out, '--from', 'boilerplate']).status).toBe(4);
    expect(await currentTables(db.conn, out, VIEWS)).toEqual(full);
  }, 240_000);

  it('refuses a rerun that would leave later results pointing into a rewritten text', () => {
    const out = join(work, 'full');
    const r = runCli(['run', '-o', out, '--stages', 'boilerplate']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/reads the text, which this rerun rewrites/);
  });

  it('keeps checkpoints as deltas: under twice the input bytes, the raw input not among them', async () => {
    const out = join(work, 'sizes');
    expect(runCli(['run', '-i', input, '-o', out]).status).toBe(4);
    const [{ run }] = (await stateOf(out)).checkpoints;
    const line = JSON.parse(checkpointText(await readFile(join(out, '_work', run, 'part-0000.jsonl.deflate'))).split('\n')[0]);
    expect(Object.keys(line)).toEqual(expect.arrayContaining(['id', 'read', 'boilerplate', 'dates', 'entities']));
    expect(line.read.raw).toBeUndefined();
    // The dates stage reads the page facts, not raw: boilerplate's delta carries them.
    expect(line.boilerplate.page).toMatchObject({ topLines: expect.any(Array), headerDates: expect.any(Array) });
    expect(bytesUnder(join(out, '_work'))).toBeLessThan(2 * bytesUnder(input));
  });
});

describe('inspect', () => {
  it('shows every stage of a document processed two incremental runs ago, and of an older kept run', async () => {
    const out = join(work, 'inc');
    expect(runCli(['run', '-i', input, '-o', out]).status).toBe(4);
    const target = 'site-a/2024-03-18-chile-korea-lithium.txt';
    await writeFile(join(input, 'site-b', 'added-1.txt'), 'Tuesday 2 April 2024 - 09:00\n\nHarbour cranes idle as dockers strike in Antwerp\n\nAntwerp, April 2, 2024: Dockers at the Port of Antwerp stopped work on Tuesday, the union ACV said, after talks on pay broke down.\n');
    expect(runCli(['run', '-i', input, '-o', out]).status).toBe(0);
    await appendFile(join(input, 'site-b', 'added-1.txt'), '\nThe strike will last until Friday, the union said.\n');
    expect(runCli(['run', '-i', input, '-o', out]).status).toBe(0);

    const shown = runCli(['inspect', target, '-o', out]);
    expect(shown.status, shown.stderr).toBe(0);
    const runs = (await stateOf(out)).runs as string[];
    for (const stage of STAGE_ORDER) expect(shown.stdout).toMatch(new RegExp(`== ${stage}  \\(run ${runs[0]}\\)`));
    expect(shown.stdout).toMatch(/removed \d+ line\(s\)/);
    expect(shown.stdout).toMatch(/published: 2024-03-18/);
    expect(shown.stdout).toMatch(/PLACE "Chile"/);

    // The changed file as the run before its change left it, and as it is now.
    const textOf = (args: string[]): string => {
      const r = runCli(['inspect', 'site-b/added-1.txt', '-o', out, '--json', ...args]);
      expect(r.status, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as { doc: { text: string } }[]).at(-1)!.doc.text;
    };
    expect(textOf(['--run', runs[1]])).toContain('Dockers at the Port of Antwerp');
    expect(textOf(['--run', runs[1]])).not.toContain('until Friday');
    expect(textOf([])).toContain('until Friday');
    expect(runCli(['inspect', 'no-such-doc', '-o', out]).status).toBe(1);
  }, 180_000);
});

describe('checkpoint retention', () => {
  it('keeps the newest runs and every older one that holds current documents, and drops the rest', async () => {
    const small = join(work, 'small-in');
    await mkdir(small, { recursive: true });
    const story = (n: number, extra = '') => `Story ${n}\n\nThe council of town ${n} met on Monday and agreed a budget for the new library.${extra}\n`;
    for (const n of [1, 2, 3]) await writeFile(join(small, `s${n}.txt`), story(n));
    const out = join(work, 'retention');
    const run = () => expect(runCli(['run', '-i', small, '-o', out, '--keep-checkpoint-runs', '1']).status).toBe(0);
    run();
    const base = (await stateOf(out)).runs[0];
    for (const extra of [' It cost a lot.', ' It opens in May.', ' Nobody objected.']) {
      await writeFile(join(small, 's1.txt'), story(1, extra));
      run();
    }
    const state = await stateOf(out);
    const kept = state.checkpoints.map((c: { run: string }) => c.run);
    // s2 and s3 are still those of the first run; s1 is the last run's; the runs in between hold nothing current.
    expect(kept).toEqual([base, state.runs.at(-1)]);
    expect((await readdir(join(out, '_work'))).sort()).toEqual(kept.sort());
    expect(runCli(['inspect', 's2.txt', '-o', out]).stdout).toContain(`(run ${base})`);
  }, 120_000);
});

describe('run --only', () => {
  it('reprocesses just the named documents, by path or doc id, and the tables stay those of a full run', async () => {
    const out = join(work, 'only');
    expect(runCli(['run', '-i', input, '-o', out]).status).toBe(4);
    const full = await currentTables(db.conn, out, VIEWS);
    const target = 'site-a/2024-03-18-chile-korea-lithium.txt';
    const one = runCli(['run', '-i', input, '-o', out, '--only', target, '--log-format', 'json']);
    expect(one.status, one.stderr).toBe(0);
    const end = JSON.parse(one.stderr.trim().split('\n').at(-1)!);
    expect(end).toMatchObject({ event: 'run_end', documents_read: 1, documents_written: 1, superseded: 1 });
    expect(await currentTables(db.conn, out, VIEWS)).toEqual(full);

    const id = JSON.parse(full.documents.find((d) => JSON.parse(d).source_path === target)!).doc_id;
    const rerun = runCli(['run', '-o', out, '--stages', 'entities', '--only', id, '--log-format', 'json']);
    expect(rerun.status, rerun.stderr).toBe(0);
    expect(JSON.parse(rerun.stderr.trim().split('\n').at(-1)!)).toMatchObject({ documents_read: 1 });
    expect(await currentTables(db.conn, out, VIEWS)).toEqual(full);
  }, 180_000);
});
