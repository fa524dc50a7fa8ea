import fs from 'node:fs';
import { parseArgs } from 'node:util';

export interface HeadlessArgs {
  dataDir: string;
  port: number;
  token: string | undefined;
  staticDir: string | undefined;
  origins: string[];
  /** A damaged cache is moved aside and rebuilt from what can be read. */
  repairCache: boolean;
  /** Open the data folder, report ready, stop: proves a folder opens. */
  exitWhenReady: boolean;
  /** The core runs in a child process of its own, restarted if it dies (as in the desktop app). */
  coreProcess: boolean;
}

const USAGE = `Usage: npm run core -- --data-dir DIR --port N [--token-file FILE] [--static DIR] [--allow-origin URL]

Starts the Switchboard core without Electron and serves its IPC contract over a WebSocket
on 127.0.0.1. Clients need the token: the data folder's own (bridge-token, readable by you only,
the same on every start, so an open tab reconnects) unless given in SWITCHBOARD_TOKEN or a
--token-file (only its first line counts). --token TOKEN also works, but other users of
this computer can read a command line.

  --repair-cache     keep a damaged cache aside and rebuild one from every readable row
  --exit-when-ready  open the data folder, print the ready line, and stop
  --core-process     run the core in a process of its own, as the desktop app does: if it
                     dies it is started again, and the page reconnects`;

export function parseHeadlessArgs(
  argv: string[],
  defaults: Partial<HeadlessArgs> = {},
): HeadlessArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      token: { type: 'string' },
      'token-file': { type: 'string' },
      static: { type: 'string' },
      'allow-origin': { type: 'string', multiple: true },
      'repair-cache': { type: 'boolean' },
      'exit-when-ready': { type: 'boolean' },
      'core-process': { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const dataDir = values['data-dir'] ?? defaults.dataDir;
  const port = Number(values.port ?? defaults.port ?? Number.NaN);
  if (!dataDir || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`Both --data-dir and a --port between 0 and 65535 are needed.\n\n${USAGE}`);
  }
  return {
    dataDir,
    port,
    token:
      values['token-file'] !== undefined
        ? tokenFromFile(values['token-file'])
        : (values.token ?? process.env.SWITCHBOARD_TOKEN ?? defaults.token),
    staticDir: values.static ?? defaults.staticDir,
    origins: values['allow-origin'] ?? [],
    repairCache: values['repair-cache'] ?? false,
    exitWhenReady: values['exit-when-ready'] ?? false,
    coreProcess: values['core-process'] ?? false,
  };
}

/** The token's file, read once: its first line, trimmed. An empty or unreadable file is an error, not a random token. */
function tokenFromFile(file: string): string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(
      `The token file ${file} could not be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`,
    );
  }
  const token = text.split(/\r?\n/)[0]?.trim() ?? '';
  if (token.length < 16)
    throw new Error(
      `The token file ${file} holds no token of at least 16 characters on its first line.`,
    );
  return token;
}
