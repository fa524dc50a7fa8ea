import { spawn } from 'node:child_process';
import readline from 'node:readline';
import { test } from '@playwright/test';
import { tempDir } from './cache.ts';

/**
 * Browser mode exactly as `npm run web` starts it, on an empty data folder (so: the demo
 * workspace), for the tests of one file. Returns the page address once it is up; with
 * `coreProcess`, the core runs in a process of its own, whose first pid `corePid` gives.
 */
export function useWebMode(options: { coreProcess?: boolean } = {}) {
  let url = '';
  let corePid = 0;
  let stop = () => undefined as void;
  test.beforeAll(async () => {
    const web = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'main/headless/web.node.ts',
        '--data-dir',
        tempDir(),
        '--port',
        '0',
        ...(options.coreProcess ? ['--core-process'] : []),
      ],
      {
        env: { ...process.env, SWITCHBOARD_QUIET: '1' },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    stop = () => void web.kill('SIGTERM');
    for await (const line of readline.createInterface({ input: web.stdout! })) {
      const pid = /Core process: (\d+)/.exec(line);
      if (pid) corePid = Number(pid[1]);
      const match = /Open: (\S+)/.exec(line);
      if (match) {
        url = match[1]!;
        return;
      }
    }
    throw new Error('browser mode exited before printing its address');
  });
  test.afterAll(() => stop());
  return Object.assign(() => url, { corePid: () => corePid });
}
