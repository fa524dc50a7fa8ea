import { expect, test } from '@playwright/test';
import { Core } from '../../main/core/core.node.ts';
import { startBridge, type Bridge } from '../../main/bridge/wsBridge.node.ts';
import { MemorySettingsStore } from '../../main/core/settingsStore.node.ts';
import { lineIdOf } from '../../main/db/accountsRepo.node.ts';
import { tempDir } from '../helpers/cache.ts';

/**
 * The minimal page in Chromium, against the headless core over its WebSocket bridge.
 * Everything on screen was written through the core's ingest path.
 */
let core: Core;
let bridge: Bridge;
const line = lineIdOf('acc', 'L1');

test.beforeAll(async () => {
  core = Core.open({ dataDir: tempDir(), settings: new MemorySettingsStore() });
  bridge = await startBridge({ core, port: 0, token: 'e2e-token', staticDir: 'dist/renderer' });
  core.cache.accounts.add({
    id: 'acc',
    provider: 'chatapp',
    label: 'Flower shop',
    config: {},
    demo: false,
    createdAt: 1,
  });
  core.cache.accounts.upsertLine('acc', {
    providerLineId: 'L1',
    messenger: 'whatsapp',
    title: '+7 900 000-00-00',
  });
  core.ingest({
    kind: 'message',
    line,
    chat: { id: '79001112233@c.us', title: 'Мария' },
    message: {
      ids: { provider: 'm1' },
      direction: 'in',
      origin: 'contact',
      type: 'text',
      text: 'Здравствуйте! Розы есть?',
      time: Date.now() - 60_000,
    },
  });
  await core.queue.flushed();
});

test.afterAll(async () => {
  await bridge.close();
  await core.close();
});

test('lists accounts and conversations from the core, and follows live updates', async ({
  page,
}) => {
  await page.goto(bridge.url);
  await expect(page.getByRole('navigation', { name: 'Accounts' })).toContainText('Flower shop');
  const row = page.getByTestId('conversation-row').filter({ hasText: 'Мария' });
  await expect(row).toContainText('Здравствуйте! Розы есть?');
  await expect(row.getByLabel('1 unread')).toBeVisible();
  await expect(page).not.toHaveURL(/token=/);

  core.ingest({
    kind: 'message',
    line,
    chat: { id: '79005556677@c.us', title: 'Ivan' },
    message: {
      ids: { provider: 'm2' },
      direction: 'in',
      origin: 'contact',
      type: 'text',
      text: 'Is the shop open today?',
      time: Date.now(),
    },
  });
  const rows = page.getByTestId('conversation-row');
  await expect(rows.first()).toContainText('Is the shop open today?');
  await expect(rows).toHaveCount(2);
  await page.screenshot({ path: 'test-results/e2e/minimal-page.png' });
});

test('refuses a page without the token, and says how to open Switchboard', async ({ page }) => {
  await page.goto(bridge.url.replace(/#.*/, ''));
  await expect(
    page.getByRole('heading', { name: 'Open Switchboard from its address' }),
  ).toBeVisible();
  await expect(page.getByTestId('conversation-row')).toHaveCount(0);
});

test('refuses a page with a wrong token', async ({ page }) => {
  await page.goto(bridge.url.replace(/#.*/, '#token=not-the-token'));
  await expect(page.getByRole('status')).toContainText(/offline|Connecting/);
  await expect(page.getByTestId('conversation-row')).toHaveCount(0);
});
