// One contender of test/lock.test.ts's lock races: a real process, so that pids, liveness and
// link(2) races are the real ones. It prints "ready", then reads one JSON line per race from stdin,
// { trial, dir, startAt, holdMs }: waits for startAt (epoch ms), tries to take the lock of `dir`,
// holds it holdMs, and prints one JSON line with what happened.
import { createInterface } from 'node:readline';
import { writeFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { acquireLock } from '../dist/pipeline/lock.js';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitUntil(at) {
  if (at - Date.now() > 4) await sleep(at - Date.now() - 4);
  while (Date.now() < at) { /* spin the last milliseconds, so contenders start together */ }
}

async function race({ trial, dir, startAt, holdMs }) {
  await waitUntil(startAt);
  const result = { trial, pid: process.pid, lateMs: Date.now() - startAt };
  try {
    const lock = await acquireLock(dir, `racer-${process.pid}-${trial}`);
    result.won = true;
    result.tookOver = lock.tookOverFrom !== undefined;
    // Exclusive creation: a second holder at the same moment finds the first one's file.
    try {
      await writeFile(join(dir, 'holder'), String(process.pid), { flag: 'wx' });
    } catch (err) {
      result.double = err.code === 'EEXIST';
      if (!result.double) throw err;
    }
    await sleep(holdMs);
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
  return result;
}

process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) {
  process.stdout.write(JSON.stringify(await race(JSON.parse(line))) + '\n');
}
