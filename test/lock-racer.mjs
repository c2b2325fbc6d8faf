// One contender of test/lock.test.ts's lock races: a real process, so that pids, liveness and
// link(2) races are the real ones. argv[2] is a JSON file: { trials: [{ dir, offsetMs }], holdMs }.
// It prints "ready", reads the common start time (epoch ms) from stdin, then for each trial waits
// for start + offsetMs, tries to take the lock, and prints one JSON line.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { writeFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { acquireLock } from '../dist/pipeline/lock.js';

const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitUntil(at) {
  if (at - Date.now() > 4) await sleep(at - Date.now() - 4);
  while (Date.now() < at) { /* spin the last milliseconds, so contenders start together */ }
}

process.stdout.write('ready\n');
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const start = Number((await lines.next()).value);

for (const [i, { dir, offsetMs }] of plan.trials.entries()) {
  const startAt = start + offsetMs;
  await waitUntil(startAt);
  const result = { trial: i, pid: process.pid, lateMs: Date.now() - startAt };
  try {
    const lock = await acquireLock(dir, `racer-${process.pid}-${i}`);
    result.won = true;
    result.tookOver = lock.tookOverFrom !== undefined;
    // Exclusive creation: a second holder at the same moment finds the first one's file.
    try {
      await writeFile(join(dir, 'holder'), String(process.pid), { flag: 'wx' });
    } catch (err) {
      result.double = err.code === 'EEXIST';
      if (!result.double) throw err;
    }
    await sleep(plan.holdMs);
    try {
      await lock.assertHeld();
    } catch {
      result.lost = true;
    }
    if (!result.double) await unlink(join(dir, 'holder'));
    await lock.release();
  } catch (err) {
    result.won = false;
    result.code = err.code ?? String(err);
  }
  process.stdout.write(JSON.stringify(result) + '\n');
}
process.exit(0);
