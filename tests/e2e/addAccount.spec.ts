import { expect, test } from '@playwright/test';
import { createRegistry } from '../../main/providers/builtins.node.ts';
import { ChatAppSimulator } from '../../main/providers/chatapp/simulator/simulator.node.ts';
import { useHeadlessCore } from '../helpers/headless.ts';

let sim: ChatAppSimulator;
const headless = useHeadlessCore(
  async (core) => {
    sim = await new ChatAppSimulator({ statusStepMs: 100 }).start();
    await core.startAccounts();
    return () => sim.stop();
  },
  { registry: createRegistry() },
);

test('adds a ChatApp account through the form: a wrong password first, then the lines come online', async ({
  page,
}) => {
  await page.goto(headless.url());
  await page.getByRole('button', { name: 'Add account' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: /ChatApp/ }).click();
  const config = sim.accountConfig();
  await dialog.getByLabel('Email *').fill(config.email!);
  await dialog.getByLabel('App ID *').fill(config.appId!);
  await dialog.getByText('Advanced: server addresses').click();
  for (const [label, key] of [
    ['API address *', 'apiBase'],
    ['Socket host *', 'socketHost'],
    ['Socket port *', 'socketPort'],
    ['Channel sign-in address *', 'authEndpoint'],
  ] as const) {
    await dialog.getByLabel(label).fill(config[key]!);
  }
  // The simulator's socket is plain: the TLS switch goes off.
  const tls = dialog.getByRole('switch', { name: 'Socket uses TLS' });
  await expect(tls).toBeChecked();
  expect(config.socketTls).toBe('false');
  await dialog.locator('label', { hasText: 'Socket uses TLS' }).click();
  await expect(tls).not.toBeChecked();
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
