import net from 'node:net';
import { expect, test } from '@playwright/test';
import { Core } from '../../main/core/core.node.ts';
import { startBridge, type Bridge } from '../../main/bridge/wsBridge.node.ts';
import { MemorySettingsStore } from '../../main/core/settingsStore.node.ts';
import { MemorySecretStore } from '../../main/core/secretStore.node.ts';
import { createRegistry } from '../../main/providers/builtins.node.ts';
import { lineIdOf } from '../../main/db/accountsRepo.node.ts';
import { tempDir } from '../helpers/cache.ts';

/**
 * The core restarted where the provider cannot be reached (its host refuses connections):
 * the cached history is browsable and searchable, and the banner says what is offline.
 */
let core: Core;
let bridge: Bridge;
let port: number;

test.beforeAll(async () => {
  const dataDir = tempDir();
  const first = Core.open({ dataDir, settings: new MemorySettingsStore() });
  // A loopback address no test server binds (they all use 127.0.0.1), on a port that was just
  // free: nothing listens there, so every connection is refused at once, even while other
  // specs reuse ports.
  port = await new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.2', () => {
      const { port: free } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(free));
    });
  });
  const dead = `http://127.0.0.2:${port}`;
  first.cache.accounts.add({
    id: 'shop',
    provider: 'chatapp',
    label: 'Shop',
    config: {
      email: 'me@shop.example',
      appId: 'app_1_1',
      apiBase: dead,
      socketHost: '127.0.0.2',
      socketPort: String(port),
      socketTls: 'false',
      authEndpoint: `${dead}/broadcasting/auth`,
      appKey: 'key',
    },
    demo: false,
    createdAt: 1,
  });
  first.cache.accounts.upsertLine('shop', {
    providerLineId: '1:grWhatsApp',
    messenger: 'whatsapp',
    title: 'Shop WhatsApp',
    login: { state: 'authorized' },
  });
  const start = Date.now() - 3_600_000;
  ['Hello, is the order ready?', 'Yes, pickup at 6 pm', 'Great, see you then'].forEach((text, i) =>
    first.ingest({
      kind: 'message',
      line: lineIdOf('shop', '1:grWhatsApp'),
      chat: { id: 'olga@c.us', title: 'Olga' },
      message: {
        ids: { provider: `h${i}` },
        direction: i === 1 ? 'out' : 'in',
        origin: i === 1 ? 'phone' : 'contact',
        type: 'text',
        text,
        time: start + i * 60_000,
      },
      historical: true,
    }),
  );
  await first.queue.flushed();
  await first.close();

  const secrets = new MemorySecretStore();
  secrets.set('shop', { password: 'secret' });
  core = Core.open({
    dataDir,
    registry: createRegistry(),
    secrets,
    settings: new MemorySettingsStore(),
  });
  await core.startAccounts();
  bridge = await startBridge({ core, port: 0, token: 'offline', staticDir: 'dist/renderer' });
});

test.afterAll(async () => {
  await bridge?.close();
  await core?.close();
});

test('after a restart with the provider unreachable, history is browsable and searchable and the banner says why', async ({
  page,
}) => {
  await page.goto(bridge.url);
  const banner = page.getByTestId('offline-banner');
  await expect(banner).toContainText('Not connected (1): Shop — reconnecting in', {
    timeout: 20_000,
  });
  await expect(banner).toContainText('history stays here to browse and search');
  await page.getByTestId('conversation-row').filter({ hasText: 'Olga' }).click();
  const view = page.getByRole('region', { name: 'Olga' });
  await expect(view.getByTestId('message')).toHaveCount(3);
  await expect(view.getByTestId('message').last()).toContainText('Great, see you then');
  await page.keyboard.press('Control+k');
  await page.keyboard.type('pickup');
  await expect(page.getByTestId('search-hit')).toContainText('pickup at 6 pm');
  await page.screenshot({ path: 'test-results/e2e/screens/offline-accounts.png' });
  // The reason comes from the core; it is said in the user's language like everything else.
  await expect(banner).toContainText(
    `ChatApp could not be reached at 127.0.0.2:${port}: the connection was refused.`,
  );
  await core.call('settings.set', { language: 'ru' });
  await expect(banner).toContainText(`Нет связи (1): Shop — переподключение через`);
  await expect(banner).toContainText(
    `ChatApp недоступен по адресу 127.0.0.2:${port}: соединение отклонено.`,
  );
  await core.call('settings.set', { language: 'en' });

  // The core itself goes away: what was loaded stays on screen, and the banner says so.
  await bridge.close();
  await expect(page.getByRole('status').filter({ hasText: 'core is offline' })).toBeVisible();
  await expect(view.getByTestId('message').last()).toContainText('Great, see you then');
  await expect(page.getByTestId('conversation-row').filter({ hasText: 'Olga' })).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e/screens/offline-core.png' });
});
