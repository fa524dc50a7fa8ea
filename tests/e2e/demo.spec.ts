import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { expect, test } from '@playwright/test';
import { tempDir } from '../helpers/cache.ts';

/** Browser mode exactly as `npm run web` starts it, on an empty data folder: the demo workspace. */
let web: ChildProcess;
let url = '';

test.beforeAll(async () => {
  web = spawn(process.execPath, ['--import', 'tsx', 'main/headless/web.node.ts', '--data-dir', tempDir(), '--port', '0'], {
    env: { ...process.env, SWITCHBOARD_QUIET: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  for await (const line of readline.createInterface({ input: web.stdout! })) {
    const match = /Open: (\S+)/.exec(line);
    if (match) {
      url = match[1]!;
      break;
    }
  }
});

test.afterAll(() => {
  web?.kill('SIGTERM');
});

test('a first start shows the living demo workspace', async ({ page }) => {
  await page.goto(url);
  const sidebar = page.getByRole('navigation', { name: 'Accounts' });
  for (const label of ['Demo · ChatApp', 'Demo · MultiWA', 'Demo · Maytapi']) await expect(sidebar).toContainText(label);
  await expect(sidebar.getByText('Online')).toHaveCount(3, { timeout: 20_000 });
  // Seeded history first, then customers writing live.
  await expect(page.getByTestId('conversation-row')).toHaveCount(3, { timeout: 20_000 });
  await expect.poll(async () => page.getByTestId('conversation-row').count(), { timeout: 30_000 }).toBeGreaterThan(3);
  await page.screenshot({ path: 'test-results/e2e/demo-workspace.png' });
});
