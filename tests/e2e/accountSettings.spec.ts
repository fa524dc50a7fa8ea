import { expect, test } from '@playwright/test';
import { MemorySecretStore } from '../../main/core/secretStore.node.ts';
import { ProviderRegistry } from '../../main/providers/registry.node.ts';
import { maytapiPlugin } from '../../main/providers/maytapi/plugin.node.ts';
import { MaytapiSimulator } from '../../main/providers/maytapi/simulator/simulator.node.ts';
import { useHeadlessCore } from '../helpers/headless.ts';

/** A webhook account as its user sets it up: the public address, registering it at Maytapi over a CRM's hook, a round-trip test; then removing the account. */
let sim: MaytapiSimulator;
let accountId: string;
const headless = useHeadlessCore(
  async (core) => {
    sim = await new MaytapiSimulator({}).start();
    await core.startAccounts();
    accountId = (
      await core.call('accounts.add', {
        provider: 'maytapi',
        label: 'Hosted shop',
        config: sim.accountConfig(),
        secrets: { apiKey: sim.options.apiKey },
      })
    ).id;
    // Another system (a CRM) already owns the webhook at Maytapi.
    sim.webhook = 'https://crm.example.com/maytapi-hook';
    return () => sim.stop();
  },
  { registry: new ProviderRegistry().register(maytapiPlugin), secrets: new MemorySecretStore() },
);

test('sets the public address, registers it over a CRM’s hook only when confirmed, tests the round trip, then removes the account', async ({
  page,
}) => {
  await page.goto(headless.url());
  const core = headless.core();
  const sidebar = page.getByRole('navigation', { name: 'Accounts' });

  // The public address: here the local receiver stands in for a tunnel to it.
  await sidebar.getByRole('button', { name: 'Settings', exact: true }).click();
  const settings = page.getByRole('dialog');
  await settings.getByLabel('Public address').fill('not a url');
  await settings.getByLabel('Port (0: any free port)').fill('70000');
  await settings.getByRole('button', { name: 'Apply' }).click();
  await expect(settings.getByText('Enter an address starting with https://')).toBeVisible();
  await expect(settings.getByText('A port is a whole number from 0 to 65535.')).toBeVisible();
  await settings.getByLabel('Port (0: any free port)').fill(String(core.webhooks.port));
  await settings.getByLabel('Public address').fill(`http://127.0.0.1:${core.webhooks.port}/`);
  await settings.getByRole('button', { name: 'Apply' }).click();
  await expect(settings.getByRole('button', { name: '✓ Apply' })).toBeVisible();
  expect(core.settings.get().webhook.publicBaseUrl).toBe(`http://127.0.0.1:${core.webhooks.port}`);
  await page.screenshot({ path: 'test-results/e2e/screens/settings-webhooks.png' });
  await settings.getByRole('button', { name: 'Close' }).click();

  await sidebar.getByRole('button', { name: 'Manage Hosted shop' }).click();
  const dialog = page.getByRole('dialog', { name: 'Hosted shop' });
  await expect(dialog.getByTestId('webhook-registered')).toHaveText(
    'https://crm.example.com/maytapi-hook',
  );
  await expect(dialog.getByTestId('webhook-public')).toContainText(
    `http://127.0.0.1:${core.webhooks.port}/hooks/${accountId}/`,
  );
  await dialog.getByRole('button', { name: 'Set it at the provider' }).click();
  await expect(dialog.getByRole('alert')).toContainText(
    'already sends events to https://crm.example.com/maytapi-hook',
  );
  expect(sim.webhook).toBe('https://crm.example.com/maytapi-hook');
  await dialog.getByRole('button', { name: 'Replace it anyway' }).click();
  await expect(dialog.getByRole('status')).toContainText(
    'The provider now sends events to http://127.0.0.1:',
  );
  expect(sim.webhook).toContain(`/hooks/${accountId}/`);
  await expect(dialog.getByTestId('webhook-registered')).toHaveText(sim.webhook!);
  await dialog.getByRole('button', { name: 'Send a test event' }).click();
  await expect(dialog.getByRole('status')).toContainText(
    /A test event came back through the public address in \d+ ms/,
  );
  await page.screenshot({ path: 'test-results/e2e/screens/account-webhook.png' });

  // Mute the whole account: every line, as the sidebar then shows.
  await dialog.getByRole('checkbox', { name: 'Mute notifications from all its lines' }).check();
  await expect
    .poll(() =>
      core.cache.accounts
        .lines()
        .filter((l) => l.accountId === accountId)
        .every((l) => l.muted),
    )
    .toBe(true);
  await expect(
    dialog.getByRole('checkbox', { name: 'Mute notifications from all its lines' }),
  ).toBeChecked();

  await dialog.getByRole('button', { name: 'Remove this account…' }).click();
  await expect(dialog.getByRole('alertdialog')).toContainText(
    'Remove “Hosted shop” from Switchboard?',
  );
  await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(sidebar).not.toContainText('Hosted shop');
  expect((await core.call('accounts.list', {})).accounts).toEqual([]);
});
