import { expect, test } from '@playwright/test';
import { MemorySecretStore } from '../../main/core/secretStore.node.ts';
import { ProviderRegistry } from '../../main/providers/registry.node.ts';
import { maytapiPlugin } from '../../main/providers/maytapi/plugin.node.ts';
import { MaytapiSimulator } from '../../main/providers/maytapi/simulator/simulator.node.ts';
import { useHeadlessCore } from '../helpers/headless.ts';

/** Delete for everyone, against Maytapi's simulator: our own message, once it has a tick, after asking. */
let sim: MaytapiSimulator;
const headless = useHeadlessCore(
  async (core) => {
    sim = await new MaytapiSimulator({}).start();
    await core.startAccounts();
    const port = core.webhooks.port!;
    await core.call('settings.set', {
      webhook: { bindAddress: '127.0.0.1', port, publicBaseUrl: `http://127.0.0.1:${port}` },
    });
    const { id } = await core.call('accounts.add', {
      provider: 'maytapi',
      label: 'Hosted shop',
      config: sim.accountConfig(),
      secrets: { apiKey: sim.options.apiKey },
    });
    await expect.poll(() => core.connections.state(id).state).toBe('online');
    await core.call('webhooks.register', { accountId: id, replaceForeign: false });
    await sim.receive('10101', '905551112233', 'Is the sofa still available?');
    return () => sim.stop();
  },
  { registry: new ProviderRegistry().register(maytapiPlugin), secrets: new MemorySecretStore() },
);

test('deletes a sent message for everyone after confirming, and it shows as deleted', async ({
  page,
}) => {
  await page.goto(headless.url());
  await page.getByTestId('conversation-row').filter({ hasText: 'Customer 2233' }).click();
  const view = page.getByRole('region', { name: 'Customer 2233' });
  await view.getByRole('textbox', { name: 'Message' }).fill('Sorry, wrong chat');
  await view.getByRole('textbox', { name: 'Message' }).press('Enter');
  const mine = view.locator('.bubble-row').filter({ hasText: 'Sorry, wrong chat' });
  await expect(mine.getByRole('img', { name: /Sent|Delivered|Read/ })).toBeVisible({
    timeout: 20_000,
  });
  await mine.hover();
  await mine.getByRole('button', { name: 'Delete for everyone' }).click();
  await expect(mine.getByRole('alertdialog')).toContainText(
    'Delete this message for everyone in the chat?',
  );
  await mine.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
  await expect(
    view.locator('.bubble-row').filter({ hasText: 'This message was deleted' }),
  ).toHaveCount(1);
  await expect(view.locator('.bubble-row').filter({ hasText: 'Sorry, wrong chat' })).toHaveCount(0);
  // The customer's message cannot be deleted for everyone: no such action on it.
  const theirs = view.locator('.bubble-row').filter({ hasText: 'Is the sofa still available?' });
  await theirs.hover();
  await expect(theirs.getByRole('button', { name: 'Delete for everyone' })).toHaveCount(0);
});

test('an account whose send Maytapi refuses says "Sending fails" until the send is dealt with', async ({
  page,
}) => {
  await page.goto(headless.url());
  const account = page.locator('.sidebar-account-head').filter({ hasText: 'Hosted shop' });
  await expect(account).toContainText('Online');
  await page.getByTestId('conversation-row').filter({ hasText: 'Customer 2233' }).click();
  const view = page.getByRole('region', { name: 'Customer 2233' });
  // Maytapi takes files from a computer only as small images: a document fails for good.
  await view.getByTestId('file-input').setInputFiles({
    name: 'contract.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4 contract'),
  });
  await view.getByRole('button', { name: 'Send' }).click();
  const failed = view.locator('.bubble-row').filter({ hasText: 'contract.pdf' });
  await expect(failed.getByRole('alert')).toContainText('images under 1 MB', { timeout: 15_000 });
  await expect(account).toContainText('Sending fails');
  await expect(account.locator('.badge-sending_fails')).toHaveAttribute(
    'title',
    /^1 message not sent: Maytapi takes files/,
  );
  // A file cannot be edited back into the composer; it can be deleted.
  await expect(failed.getByRole('button', { name: 'Edit' })).toHaveCount(0);
  await failed.getByRole('button', { name: 'Delete' }).click();
  await failed.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
  await expect(failed).toHaveCount(0);
  await expect(account).toContainText('Online');
});
