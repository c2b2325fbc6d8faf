/** A progress bar with documents/s and ETA on a terminal (cli-progress); nothing otherwise. */
import cliProgress from 'cli-progress';

export interface Progress {
  update(filesDone: number, docsDone: number): void;
  stop(): void;
}

export function terminalProgress(totalFiles: number): Progress {
  const started = Date.now();
  const bar = new cliProgress.SingleBar({
    format: 'news-etl [{bar}] {percentage}% | {value}/{total} files | {docs} docs | {rate} docs/s | ETA {eta_formatted}',
    stream: process.stderr,
    hideCursor: true,
    etaBuffer: 50,
  }, cliProgress.Presets.shades_classic);
  bar.start(Math.max(totalFiles, 1), 0, { docs: 0, rate: '0' });
  let last = 0;
  return {
    update(filesDone, docsDone) {
      const now = Date.now();
      if (now - last < 100 && filesDone < totalFiles) return;
      last = now;
      const rate = docsDone / Math.max((now - started) / 1000, 0.001);
      bar.update(Math.min(filesDone, totalFiles), { docs: docsDone, rate: rate.toFixed(0) });
    },
    stop() {
      bar.stop();
    },
  };
}
