import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { test } from '@playwright/test';
import { tempDir } from './cache.ts';

export interface WebProcess {
  url: string;
  /** The core's own process, with `--core-process`. */
  corePid: number;
  process: ChildProcess;
  /** Stops it and resolves once it has exited. */
  stop(): Promise<void>;
}

/** Starts browser mode as `npm run web` does; resolves once it prints the page's address. */
export async function startWeb(
  dataDir: string,
  options: { coreProcess?: boolean; port?: number } = {},
): Promise<WebProcess> {
  const web = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'main/headless/web.node.ts',
      '--data-dir',
      dataDir,
      '--port',
      String(options.port ?? 0),
      ...(options.coreProcess ? ['--core-process'] : []),
    ],
    { env: { ...process.env, SWITCHBOARD_QUIET: '1' }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => web.once('exit', () => resolve()));
  let corePid = 0;
  for await (const line of readline.createInterface({ input: web.stdout! })) {
    const pid = /Core process: (\d+)/.exec(line);
    if (pid) corePid = Number(pid[1]);
    const match = /Open: (\S+)/.exec(line);
    if (match)
      return {
        url: match[1]!,
        corePid,
        process: web,
        stop: () => {
          web.kill('SIGTERM');
          return exited;
        },
      };
  }
  throw new Error('browser mode exited before printing its address');
}

/**
 * Browser mode exactly as `npm run web` starts it, on an empty data folder (so: the demo
 * workspace), for the tests of one file. Returns the page address once it is up; with
 * `coreProcess`, the core runs in a process of its own, whose first pid `corePid` gives.
 */
export function useWebMode(options: { coreProcess?: boolean } = {}) {
  let web: WebProcess | undefined;
  test.beforeAll(async () => {
    web = await startWeb(tempDir(), options);
  });
  test.afterAll(async () => {
    await web?.stop();
  });
  return Object.assign(() => web!.url, { corePid: () => web!.corePid });
}
