/** A progress bar with documents/s and ETA on a terminal (cli-progress); nothing otherwise. */
import cliProgress from 'cli-progress';

export interface Progress {
  update(filesDone: number, docsDone: number): void;
  stop(): void;
}

/**
 * Time left from the average pace since the start: stable from the first seconds, unlike a pace
 * over the last few updates (files skipped unchanged, or read ahead, come in bursts). Unknown
 * ("…") until a second has passed and a file is done.
 */
export function eta(elapsedMs: number, done: number, total: number): string {
  if (elapsedMs < 1000 || done === 0) return '…';
  const s = Math.round(((total - done) * elapsedMs) / done / 1000);
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

export function terminalProgress(totalFiles: number): Progress {
  const started = Date.now();
  const bar = new cliProgress.SingleBar({
    format: 'news-etl [{bar}] {percentage}% | {value}/{total} files | {docs} docs | {rate} docs/s | ETA {left}',
    stream: process.stderr,
    hideCursor: true,
  }, cliProgress.Presets.shades_classic);
  bar.start(Math.max(totalFiles, 1), 0, { docs: 0, rate: '0', left: '…' });
  let last = 0;
  return {
    update(filesDone, docsDone) {
      const now = Date.now();
      if (now - last < 100 && filesDone < totalFiles) return;
      last = now;
      const rate = docsDone / Math.max((now - started) / 1000, 0.001);
      const done = Math.min(filesDone, totalFiles);
      bar.update(done, { docs: docsDone, rate: rate.toFixed(0), left: eta(now - started, done, totalFiles) });
    },
    stop() {
      bar.stop();
    },
  };
}
