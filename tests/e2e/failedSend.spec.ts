import { expect, test, type Page } from '@playwright/test';
import { MemorySecretStore } from '../../main/core/secretStore.node.ts';
import { ProviderRegistry } from '../../main/providers/registry.node.ts';
import { chategyPlugin } from '../../main/providers/chategy/plugin.node.ts';
import { ChategySimulator } from '../../main/providers/chategy/simulator/simulator.node.ts';
import { useHeadlessCore } from '../helpers/headless.ts';

/**
 * A send that fails has a way out, as in WhatsApp: try again, take the text back to change
 * it, or delete it. Against Chategy's simulator, where a number that is not on WhatsApp takes
 * the send and then reports it failed.
 */
let sim: ChategySimulator;
const headless = useHeadlessCore(
  async (core) => {
    sim = await new ChategySimulator({
      sessions: { whatsapp: 1 },
      notOnWhatsApp: ['995555550000'],
      stepMs: 50,
    }).start();
    await core.startAccounts();
    const port = core.webhooks.port!;
    await core.call('settings.set', {
      webhook: { bindAddress: '127.0.0.1', port, publicBaseUrl: `http://127.0.0.1:${port}` },
    });
    const { id } = await core.call('accounts.add', {
      provider: 'chategy',
      label: 'Courier desk',
      config: sim.accountConfig(),
      secrets: {
        token: sim.token,
        idempotencyKey: sim.options.idempotencyKey,
        developerKey: sim.options.developerKey,
      },
    });
    await expect.poll(() => core.connections.state(id).state).toBe('online');
    await core.call('webhooks.register', { accountId: id, replaceForeign: false });
    await sim.receiveWhatsApp('995555550000', 'Where is my parcel?');
    return () => sim.stop();
  },
  { registry: new ProviderRegistry().register(chategyPlugin), secrets: new MemorySecretStore() },
);

async function failedBubble(page: Page, text: string) {
  await page.goto(headless.url());
  await page.getByTestId('conversation-row').filter({ hasText: 'Customer 0000' }).click();
  const view = page.getByRole('region', { name: 'Customer 0000' });
  const composer = view.getByRole('textbox', { name: 'Message' });
  await composer.fill(text);
  await composer.press('Enter');
  const row = view.locator('.bubble-row').filter({ hasText: text });
  await expect(row.getByRole('alert')).toBeVisible({ timeout: 15_000 });
  return { view, composer, row };
}

test('Edit takes a failed message back to the composer and out of the chat', async ({ page }) => {
  const { view, composer, row } = await failedBubble(page, 'Tomorrow at 10, sorry');
  await row.getByRole('button', { name: 'Edit' }).click();
  await expect(row).toHaveCount(0);
  await expect(composer).toHaveValue('Tomorrow at 10, sorry');
  await expect(composer).toBeFocused();
  await composer.fill('Tomorrow at 11, sorry');
  await composer.press('Enter');
  await expect(view.locator('.bubble-row').filter({ hasText: 'Tomorrow at 11' })).toHaveCount(1);
  await page.reload();
  await expect(page.getByText('Tomorrow at 10, sorry')).toHaveCount(0);
});

test('Delete asks, then removes a failed message for good', async ({ page }) => {
  const { row } = await failedBubble(page, 'Wrong parcel number');
  await row.getByRole('button', { name: 'Delete' }).click();
  await expect(row.getByText('Delete this unsent message? It will not be sent.')).toBeVisible();
  await row.getByRole('button', { name: 'Delete' }).last().click();
  await expect(row).toHaveCount(0);
  await page.reload();
  await page.getByTestId('conversation-row').filter({ hasText: 'Customer 0000' }).click();
  await expect(page.getByRole('region', { name: 'Customer 0000' })).toContainText(
    'Where is my parcel?',
  );
  await expect(page.getByText('Wrong parcel number')).toHaveCount(0);
});
