import type { Logger } from '../providers/plugin.node.ts';

export function createLogger(scope: string, quiet = process.env.SWITCHBOARD_QUIET === '1'): Logger {
  const write = (level: string, message: string, detail?: Record<string, unknown>): void => {
    if (quiet && level !== 'error') return;
    const line = `[${new Date().toISOString()}] ${level} ${scope}: ${message}`;
    if (detail) console.error(line, detail);
    else console.error(line);
  };
  return {
    info: (message, detail) => write('info', message, detail),
    warn: (message, detail) => write('warn', message, detail),
    error: (message, detail) => write('error', message, detail),
  };
}
