/**
 * Logs go to stderr (stdout stays free for data): human-readable lines, or JSON lines for machines,
 * one object a line with `ts`, `level` and `event` (and `run_id` once a run has started).
 */
export type LogFormat = 'text' | 'json';
type Level = 'info' | 'warn' | 'error';

export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

function textLine(level: Level, event: string, fields: Record<string, unknown>): string {
  // An error with a message is for a person: the message, not key=value pairs.
  if (level === 'error' && typeof fields.message === 'string') {
    return `news-etl: ${fields.message}${typeof fields.hint === 'string' ? `\n${fields.hint[0].toUpperCase()}${fields.hint.slice(1)}.` : ''}`;
  }
  const kv = Object.entries(fields).filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === 'string' && /\s/.test(v) ? JSON.stringify(v) : String(v)}`);
  return `news-etl ${level === 'info' ? '' : `${level.toUpperCase()} `}${event} ${kv.join(' ')}`.trimEnd();
}

export function createLogger(format: LogFormat, write: (line: string) => void = (l) => process.stderr.write(l + '\n')): Logger {
  const emit = (level: Level, event: string, fields: Record<string, unknown> = {}): void => {
    write(format === 'json' ? JSON.stringify({ ts: new Date().toISOString(), level, event, ...fields }) : textLine(level, event, fields));
  };
  return { info: (e, f) => emit('info', e, f), warn: (e, f) => emit('warn', e, f), error: (e, f) => emit('error', e, f) };
}

/** `--log-format` from the raw arguments (known before they are parsed, so usage errors follow it too); auto: text on a terminal. */
export function logFormatFor(argv: readonly string[], tty: boolean): LogFormat {
  let value: string | undefined;
  argv.forEach((a, i) => {
    if (a === '--log-format') value = argv[i + 1];
    else if (a.startsWith('--log-format=')) value = a.slice('--log-format='.length);
  });
  if (value === 'json' || value === 'text') return value;
  return tty ? 'text' : 'json';
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
