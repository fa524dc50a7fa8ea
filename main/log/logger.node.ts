import type { Logger } from '../providers/plugin.node.ts';
import { redactDetail, scrub, writeLogLine } from './logFile.node.ts';

/** A module's logger: every line goes to the log file (when one is open) and to stderr. */
export function createLogger(scope: string, quiet = process.env.SWITCHBOARD_QUIET === '1'): Logger {
  const write = (
    level: 'info' | 'warn' | 'error',
    message: string,
    detail?: Record<string, unknown>,
  ): void => {
    writeLogLine(level, scope, message, detail);
    if (quiet && level !== 'error') return;
    const line = `[${new Date().toISOString()}] ${level} ${scope}: ${scrub(message)}`;
    if (detail) console.error(line, redactDetail(detail));
    else console.error(line);
  };
  return {
    info: (message, detail) => write('info', message, detail),
    warn: (message, detail) => write('warn', message, detail),
    error: (message, detail) => write('error', message, detail),
  };
}
