import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { tempDir } from '../helpers/cache.ts';

/** axe on the main screens of the demo workspace: no serious or critical violations. */
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

async function serious(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

test('the main screens have no serious accessibility violations', async ({ page }) => {
  await page.goto(url);
  await expect(page.getByTestId('conversation-row').filter({ hasText: 'Ольга' })).toHaveCount(1, { timeout: 20_000 });
  expect(await serious(page), 'inbox').toEqual([]);

  await page.getByTestId('conversation-row').filter({ hasText: 'Ольга' }).click();
  await expect(page.getByRole('region', { name: /Ольга/ }).getByTestId('message').first()).toBeVisible();
  expect(await serious(page), 'conversation').toEqual([]);

  await page.getByRole('button', { name: '+ Add account' }).click();
  await page.getByRole('dialog').getByRole('button', { name: /ChatApp/ }).click();
  expect(await serious(page), 'add account').toEqual([]);
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Settings' }).click();
  expect(await serious(page), 'settings').toEqual([]);
});
