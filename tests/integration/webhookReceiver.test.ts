import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../../main/core/core.node.ts';
import { MemorySettingsStore } from '../../main/core/settingsStore.node.ts';
import { tempDir } from '../helpers/cache.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => (socket.destroy(), resolve(true)));
    socket.on('error', () => resolve(false));
  });

describe('the webhook receiver’s address', () => {
  it('moves when the settings change, and stays where it was when the new port is taken', async () => {
    const core = Core.open({ dataDir: tempDir(), settings: new MemorySettingsStore() });
    cleanups.push(() => core.close());
    await core.startAccounts();
    const first = core.webhooks.port!;
    expect(await listening(first)).toBe(true);

    const free = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const saved = await core.call('settings.set', {
      webhook: { bindAddress: '127.0.0.1', port: free, publicBaseUrl: 'https://hooks.example.com' },
    });
    expect(saved.webhook).toEqual({
      bindAddress: '127.0.0.1',
      port: free,
      publicBaseUrl: 'https://hooks.example.com',
    });
    expect(core.webhooks.port).toBe(free);
    expect(await listening(free)).toBe(true);
    expect(await listening(first)).toBe(false);

    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
    const taken = (blocker.address() as net.AddressInfo).port;
    const before = core.webhooks.port!;
    const refused = await core.handle('settings.set', {
      webhook: {
        bindAddress: '127.0.0.1',
        port: taken,
        publicBaseUrl: 'https://hooks.example.com',
      },
    });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'unavailable',
        message: expect.stringContaining(`could not receive webhooks on 127.0.0.1:${taken}`),
      },
    });
    expect(core.settings.get().webhook.port).toBe(free);
    expect(core.webhooks.port).toBe(before);
    expect(await listening(before)).toBe(true);
  });
});
