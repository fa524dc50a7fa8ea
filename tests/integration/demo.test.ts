import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../../main/core/core.node.ts';
import { MemorySettingsStore } from '../../main/core/settingsStore.node.ts';
import { createRegistry } from '../../main/providers/builtins.node.ts';
import { demoHostOf, openDemo, startDemo } from '../../main/demo/demoWorkspace.node.ts';
import { MemorySecretStore } from '../../main/core/secretStore.node.ts';
import { tempDir } from '../helpers/cache.ts';
import { until } from './chatapp/harness.ts';

const cores: Core[] = [];

/** Each call starts a core with the demo on the same data folder and secrets, as after a restart. */
function startsOn(dataDir: string) {
  const secrets = new MemorySecretStore();
  return async () => {
    const core = Core.open({
      dataDir,
      registry: createRegistry(),
      settings: new MemorySettingsStore(),
      secrets,
    });
    cores.push(core);
    await core.startAccounts();
    await openDemo(core, { pace: [60_000, 60_000] });
    return core;
  };
}
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

describe('the demo workspace', () => {
  it('comes alive: demo accounts online, customers writing, QR login by simulated scan, a reply read, a notification', async () => {
    const core = Core.open({
      dataDir: tempDir(),
      registry: createRegistry(),
      settings: new MemorySettingsStore(),
    });
    cores.push(core);
    const notifications: unknown[] = [];
    core.on((event, payload) => event === 'notification' && notifications.push(payload));
    await core.startAccounts();
    await openDemo(core, { pace: [40, 80], autoScanMs: 60_000 });

    const { accounts } = await until(
      async () => {
        const list = await core.call('accounts.list', {});
        return list.accounts.length === 4 &&
          list.accounts.every((a) => a.connection.state === 'online')
          ? list
          : undefined;
      },
      'four demo accounts online',
      20_000,
    );
    expect(accounts.map((a) => [a.label, a.demo])).toEqual([
      ['Demo · ChatApp', true],
      ['Demo · MultiWA', true],
      ['Demo · Maytapi', true],
      ['Demo · Chategy', true],
    ]);
    expect((await core.call('app.info', {})).demo).toBe(true);

    await until(
      async () => (await core.call('conversations.list', { limit: 50 })).items.length >= 8,
      'conversations from all four providers',
      20_000,
    );
    const chategy = accounts.find((a) => a.provider === 'chategy')!;
    await until(
      async () =>
        (await core.call('conversations.list', { accountId: chategy.id, limit: 50 })).items
          .map((c) => c.lineId.split('/')[1])
          .sort()
          .join() === 'max,tdlib',
      'Telegram and MAX chats',
      20_000,
    );
    const whatsApp = `${chategy.id}/whatsapp`;
    await core.call('login.start', { lineId: whatsApp, method: 'qr' });
    await until(() => core.cache.accounts.line(whatsApp)?.login.state === 'qr', 'a Chategy QR');
    await core.call('demo.simulateScan', { lineId: whatsApp });
    await until(
      () => core.cache.accounts.line(whatsApp)?.login.state === 'authorized',
      'Chategy WhatsApp connected',
    );
    await until(() => notifications.length > 0, 'a notification');

    const multiwa = accounts.find((a) => a.provider === 'multiwa')!;
    const support = `${multiwa.id}/profile-support`;
    await core.call('login.start', { lineId: support, method: 'qr' });
    await until(() => core.cache.accounts.line(support)?.login.state === 'qr', 'a QR');
    await core.call('demo.simulateScan', { lineId: support });
    await until(() => core.cache.accounts.line(support)?.login.state === 'authorized', 'connected');

    // ChatApp's simulator pushes every receipt; some others are polled on a growing interval.
    const chatapp = accounts.find((a) => a.provider === 'chatapp')!;
    const conversation = (
      await core.call('conversations.list', { accountId: chatapp.id, limit: 50 })
    ).items.find((c) => c.lastMessage?.direction === 'in')!;
    const sent = await core.call('messages.send', {
      conversationId: conversation.id,
      clientRef: 'demo-reply-01',
      text: 'Thanks, on it!',
    });
    await until(
      async () =>
        (
          await core.call('messages.page', { conversationId: conversation.id, limit: 50 })
        ).items.find((m) => m.id === sent.id)?.status?.tick === 'read',
      'read ticks',
      20_000,
    );

    await core.call('demo.remove', {});
    expect((await core.call('accounts.list', {})).accounts).toEqual([]);
    expect((await core.call('conversations.list', { limit: 10 })).items).toEqual([]);
  }, 60_000);

  it('stays away when a real account exists', async () => {
    const core = Core.open({
      dataDir: tempDir(),
      registry: createRegistry(),
      settings: new MemorySettingsStore(),
    });
    cores.push(core);
    core.cache.accounts.add({
      id: 'real',
      provider: 'chatapp',
      label: 'Mine',
      config: {},
      demo: false,
      createdAt: 1,
    });
    expect(await startDemo(demoHostOf(core))).toBeNull();
  });

  it('comes back online after a restart: the saved demo accounts get the new simulators’ addresses', async () => {
    const open = startsOn(tempDir());
    const allOnline = (core: Core) => async () => {
      const { accounts } = await core.call('accounts.list', {});
      return accounts.length === 4 && accounts.every((a) => a.connection.state === 'online');
    };
    const first = await open();
    await until(allOnline(first), 'online on the first start', 20_000);
    const ids = (await first.call('accounts.list', {})).accounts.map((a) => a.id);
    await first.close();

    const second = await open();
    // The same four accounts, not new ones, each connected to this run's simulators.
    await until(allOnline(second), 'online again after the restart', 20_000);
    expect((await second.call('accounts.list', {})).accounts.map((a) => a.id)).toEqual(ids);
  }, 60_000);

  it('keeps the demo accounts still there running after a restart once a real account exists, and adds none back', async () => {
    const open = startsOn(tempDir());
    const first = await open();
    const { accounts } = await first.call('accounts.list', {});
    const maytapi = accounts.find((a) => a.provider === 'maytapi')!;
    await first.call('accounts.remove', { id: maytapi.id });
    // A real account, as the user added it (its provider need not be reachable here).
    first.cache.accounts.add({
      id: 'real',
      provider: 'chatapp',
      label: 'Mine',
      config: {},
      demo: false,
      createdAt: 1,
    });
    await first.close();

    const second = await open();
    expect(second.demo).toBeDefined();
    await until(
      async () => {
        const demo = (await second.call('accounts.list', {})).accounts.filter((a) => a.demo);
        return demo.length === 3 && demo.every((a) => a.connection.state === 'online');
      },
      'the three demo accounts kept are online again, the removed one not back',
      20_000,
    );
  }, 60_000);
});
