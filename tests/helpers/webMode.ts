import { spawn } from 'node:child_process';
import readline from 'node:readline';
import { test } from '@playwright/test';
import { tempDir } from './cache.ts';

/**
 * Browser mode exactly as `npm run web` starts it, on an empty data folder (so: the demo
 * workspace), for the tests of one file. Returns the page address once it is up.
 */
export function useWebMode(): () => string {
  let url = '';
  let stop = () => undefined as void;
  test.beforeAll(async () => {
    const web = spawn(
      process.execPath,
      ['--import', 'tsx', 'main/headless/web.node.ts', '--data-dir', tempDir(), '--port', '0'],
      {
        env: { ...process.env, SWITCHBOARD_QUIET: '1' },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    stop = () => void web.kill('SIGTERM');
    for await (const line of readline.createInterface({ input: web.stdout! })) {
      const match = /Open: (\S+)/.exec(line);
      if (match) {
        url = match[1]!;
        return;
      }
    }
    throw new Error('browser mode exited before printing its address');
  });
  test.afterAll(() => stop());
  return () => url;
}
