import { expect, test } from '@playwright/test';
import { MemorySecretStore } from '../../main/core/secretStore.node.ts';
import { ProviderRegistry } from '../../main/providers/registry.node.ts';
import { multiWaPlugin } from '../../main/providers/multiwa/plugin.node.ts';
import { MultiWaSimulator } from '../../main/providers/multiwa/simulator/simulator.node.ts';
import { useHeadlessCore } from '../helpers/headless.ts';

/** MultiWA reacts but cannot delete for everyone: the message offers the one and not the other. */
let sim: MultiWaSimulator;
const headless = useHeadlessCore(
  async (core) => {
    sim = await new MultiWaSimulator({ protocols: ['socketio'], ackStepMs: 20 }).start();
    await core.startAccounts();
    const { id } = await core.call('accounts.add', {
      provider: 'multiwa',
      label: 'Gateway',
      config: sim.accountConfig('socketio'),
      secrets: { apiKey: sim.options.apiKey },
    });
    await expect.poll(() => core.connections.state(id).state).toBe('online');
    sim.receive('profile-sales', '6285550009999@c.us', 'Do you have size 42?', { name: 'Budi' });
    return () => sim.stop();
  },
  { registry: new ProviderRegistry().register(multiWaPlugin), secrets: new MemorySecretStore() },
);

test('offers only what the provider can do: react, but not delete for everyone, on MultiWA', async ({
  page,
}) => {
  await page.goto(headless.url());
  await page.getByTestId('conversation-row').filter({ hasText: 'Budi' }).click();
  const view = page.getByRole('region', { name: 'Budi' });
  await view.getByRole('textbox', { name: 'Message' }).fill('Yes, in black');
  await view.getByRole('textbox', { name: 'Message' }).press('Enter');
  const mine = view.locator('.bubble-row').filter({ hasText: 'Yes, in black' });
  await expect(mine.getByRole('img', { name: /Sent|Delivered|Read/ })).toBeVisible({
    timeout: 20_000,
  });
  await mine.hover();
  await expect(mine.getByRole('button', { name: 'Reply' })).toBeVisible();
  await expect(mine.getByRole('button', { name: 'React' })).toBeVisible();
  await expect(mine.getByRole('button', { name: 'Delete for everyone' })).toHaveCount(0);
});
