import { expect, test } from '@playwright/test';
import { Core } from '../../main/core/core.node.ts';
import { startBridge, type Bridge } from '../../main/bridge/wsBridge.node.ts';
import { MemorySettingsStore } from '../../main/core/settingsStore.node.ts';
import { createRegistry } from '../../main/providers/builtins.node.ts';
import { ChatAppSimulator } from '../../main/providers/chatapp/simulator/simulator.node.ts';
import { tempDir } from '../helpers/cache.ts';

let core: Core;
let bridge: Bridge;
let sim: ChatAppSimulator;

test.beforeAll(async () => {
  sim = await new ChatAppSimulator({ statusStepMs: 100 }).start();
  core = Core.open({ dataDir: tempDir(), registry: createRegistry(), settings: new MemorySettingsStore() });
  await core.startAccounts();
  bridge = await startBridge({ core, port: 0, token: 'add-account', staticDir: 'dist/renderer' });
});

test.afterAll(async () => {
  await bridge.close();
  await core.close();
  await sim.stop();
});

test('adds a ChatApp account through the form: a wrong password first, then the lines come online', async ({ page }) => {
  await page.goto(bridge.url);
  await page.getByRole('button', { name: '+ Add account' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: /ChatApp/ }).click();
  const config = sim.accountConfig();
  await dialog.getByLabel('Email *').fill(config.email!);
  await dialog.getByLabel('App ID *').fill(config.appId!);
  await dialog.getByText('Advanced: server addresses').click();
  for (const [label, key] of [['API address *', 'apiBase'], ['Socket host *', 'socketHost'], ['Socket port *', 'socketPort'], ['Socket uses TLS *', 'socketTls'], ['Channel sign-in address *', 'authEndpoint']] as const) {
    await dialog.getByLabel(label).fill(config[key]!);
  }
  await dialog.getByLabel('Password *').fill('not the password');
  await dialog.getByRole('button', { name: 'Check and save' }).click();
  await expect(dialog.getByRole('alert')).toContainText('refused the email, password or app id');
  await expect(dialog.getByLabel('Password *')).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: 'test-results/e2e/add-account-error.png' });

  await dialog.getByLabel('Password *').fill(sim.options.password);
  await dialog.getByRole('button', { name: 'Check and save' }).click();
  await expect(dialog).toHaveCount(0);
  const sidebar = page.getByRole('navigation', { name: 'Accounts' });
  await expect(sidebar).toContainText('ChatApp');
  await expect(sidebar.getByText('Online')).toBeVisible({ timeout: 15_000 });
  await expect(sidebar).toContainText('Shop WhatsApp');
});
