import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { createStream, type RotatingFileStream } from 'rotating-file-stream';

export const LOG_NAME = 'switchboard.log';

export interface LogFileOptions {
  /** Rotate at this size (rotating-file-stream syntax: "5M"). */
  size?: string;
  /** Rotated files kept beside the live one. */
  keep?: number;
  /** The file's name in `logs/` (the desktop shell's own process writes `shell.log`). */
  name?: string;
}

interface OpenLog {
  file: string;
  logger: pino.Logger;
  stream: RotatingFileStream;
}

let current: OpenLog | undefined;

/**
 * Opens `<dataDir>/logs/switchboard.log`: JSON lines by pino, rotated by size (five files
 * kept), secrets redacted. The loggers of every module write to it once it is open; before,
 * and in tests, they write to stderr only. Returns the file's path.
 */
export function openLogFile(dataDir: string, options: LogFileOptions = {}): string {
  void closeLogFile();
  const dir = path.join(dataDir, 'logs');
  fs.mkdirSync(dir, { recursive: true });
  const name = options.name ?? LOG_NAME;
  const stream = createStream(name, {
    path: dir,
    size: options.size ?? '5M',
    maxFiles: options.keep ?? 5,
  });
  // A full disk or a vanished folder must not take the core down: the log is best effort.
  stream.on('error', () => undefined);
  const logger = pino(
    {
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    stream,
  );
  current = { file: path.join(dir, name), logger, stream };
  return current.file;
}

/** As openLogFile, but a folder that cannot take a log leaves logging to stderr instead of stopping the start. */
export function openLogFileSafely(dataDir: string, options: LogFileOptions = {}): string | null {
  try {
    return openLogFile(dataDir, options);
  } catch (error) {
    console.error(
      `Switchboard could not open its log file in ${dataDir}: ${String(error)}. Logging to the terminal only.`,
    );
    return null;
  }
}

export function logFilePath(): string | null {
  return current?.file ?? null;
}

/** Writes one line, redacted, if a log file is open. */
export function writeLogLine(
  level: 'info' | 'warn' | 'error',
  scope: string,
  message: string,
  detail?: Record<string, unknown>,
): void {
  if (!current) return;
  const fields = detail ? (redact(detail, 0) as Record<string, unknown>) : {};
  current.logger[level]({ scope, ...fields }, scrub(message));
}

/** Flushes and closes the file (tests; quitting). */
export function closeLogFile(): Promise<void> {
  const open = current;
  current = undefined;
  if (!open) return Promise.resolve();
  return new Promise((resolve) => {
    open.logger.flush();
    open.stream.end(() => resolve());
  });
}

const SECRET_KEY =
  /pass(word)?|token|secret|api[-_]?key|authorization|cookie|jwt|checksum|idempotency/i;
const REDACTED = '[redacted]';

/** A log line's detail with secrets taken out, for any sink. */
export function redactDetail(detail: Record<string, unknown>): Record<string, unknown> {
  return redact(detail, 0) as Record<string, unknown>;
}

/** Values under secret-sounding keys are dropped; strings are scrubbed of tokens in URLs. */
function redact(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return scrub(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 6) return '[deep]';
  if (value instanceof Error) return { name: value.name, message: scrub(value.message) };
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value))
    out[key] = SECRET_KEY.test(key) ? REDACTED : redact(v, depth + 1);
  return out;
}

/**
 * Secrets that travel inside strings: `token=…` and `apiKey=…` in query strings, bearer
 * headers, and the secret half of a webhook address (`/hooks/<account>/<secret>`).
 */
export function scrub(text: string): string {
  return text
    .replace(/([?&#](?:token|apiKey|api_key|key|secret|password)=)[^&#\s"']+/gi, `$1${REDACTED}`)
    .replace(/(Bearer\s+)[\w.~+/=-]+/gi, `$1${REDACTED}`)
    .replace(/(\/hooks\/[\w-]+\/)[\w-]{8,}/g, `$1${REDACTED}`);
}
