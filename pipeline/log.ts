/** Logs go to stderr (stdout stays free for data): human-readable lines, or JSON lines for machines. */
export type LogFormat = 'text' | 'json';

export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

export function createLogger(format: LogFormat, write: (line: string) => void = (l) => process.stderr.write(l + '\n')): Logger {
  const emit = (level: string, event: string, fields: Record<string, unknown> = {}): void => {
    if (format === 'json') {
      write(JSON.stringify({ time: new Date().toISOString(), level, event, ...fields }));
    } else {
      const kv = Object.entries(fields).map(([k, v]) => `${k}=${typeof v === 'string' && /\s/.test(v) ? JSON.stringify(v) : String(v)}`);
      write(`news-etl ${level === 'info' ? '' : `${level.toUpperCase()} `}${event} ${kv.join(' ')}`.trimEnd());
    }
  };
  return { info: (e, f) => emit('info', e, f), warn: (e, f) => emit('warn', e, f), error: (e, f) => emit('error', e, f) };
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
