import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../../../main/core/core.node.ts';
import { MemorySettingsStore } from '../../../main/core/settingsStore.node.ts';
import { MemorySecretStore } from '../../../main/core/secretStore.node.ts';
import { ProviderRegistry } from '../../../main/providers/registry.node.ts';
import { maytapiPlugin } from '../../../main/providers/maytapi/plugin.node.ts';
import { MaytapiSimulator } from '../../../main/providers/maytapi/simulator/simulator.node.ts';
import { tempDir } from '../../helpers/cache.ts';
import { until } from '../chatapp/harness.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setUp() {
  const sim = await new MaytapiSimulator().start();
  cleanups.push(() => sim.stop());
  const dataDir = tempDir();
  const settings = new MemorySettingsStore();
  const open = async (secrets = new MemorySecretStore()) => {
    const core = Core.open({
      dataDir,
      registry: new ProviderRegistry().register(maytapiPlugin),
      settings,
      secrets,
    });
    cleanups.push(() => core.close());
    await core.startAccounts();
    settings.set({
      webhook: {
        bindAddress: '127.0.0.1',
        port: core.webhooks.port!,
        publicBaseUrl: `http://127.0.0.1:${core.webhooks.port}`,
      },
    });
    return core;
  };
  const core = await open();
  const account = await core.call('accounts.add', {
    provider: 'maytapi',
    label: 'Hosted',
    config: sim.accountConfig(),
    secrets: { apiKey: sim.options.apiKey },
  });
  await until(() => core.connections.state(account.id).state === 'online', 'online');
  await core.call('webhooks.register', { accountId: account.id, replaceForeign: false });
  return { sim, core, account, open };
}

describe('the webhook secret', () => {
  it('survives an account update that changes its config and secrets', async () => {
    const { sim, core, account } = await setUp();
    const before = (await core.call('webhooks.info', { accountId: account.id })).publicUrl;
    await core.call('accounts.update', {
      id: account.id,
      config: sim.accountConfig(),
      secrets: { apiKey: sim.options.apiKey },
    });
    await until(() => core.connections.state(account.id).state === 'online', 'online again');
    expect((await core.call('webhooks.info', { accountId: account.id })).publicUrl).toBe(before);
    expect((await sim.receive('10101', '905550002222', 'after the update')).status).toBe(200);
  });

  it('survives a headless restart, whose secrets live in memory only', async () => {
    const { sim, core, account, open } = await setUp();
    const before = (await core.call('webhooks.info', { accountId: account.id })).publicUrl;
    await core.close();
    const secrets = new MemorySecretStore();
    secrets.set(account.id, { apiKey: sim.options.apiKey });
    const next = await open(secrets);
    await until(
      () => next.connections.state(account.id).state === 'online',
      'online after restart',
    );
    expect((await next.call('webhooks.info', { accountId: account.id })).publicUrl).toBe(
      before!.replace(/:\d+\//, `:${next.webhooks.port}/`),
    );
  });

  it('can be issued again and registered without removing the account', async () => {
    const { sim, core, account } = await setUp();
    const old = sim.webhook;
    const reissued = await core.call('webhooks.reissue', { accountId: account.id });
    expect(reissued.url).not.toBe(old);
    expect(sim.webhook).toBe(reissued.url);
    expect((await fetch(old!, { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await sim.receive('10101', '905550003333', 'on the new address')).status).toBe(200);
  });
});

describe('webhooks that arrive before their phone is listed', () => {
  it('are parked and applied once the phone list has loaded', async () => {
    const { sim, core, account, open } = await setUp();
    await core.close();
    const secrets = new MemorySecretStore();
    secrets.set(account.id, { apiKey: sim.options.apiKey });
    sim.listPhonesDelayMs = 600;
    const next = await open(secrets);
    // Point the simulator at the new receiver (the port moved with the restart), then write while the phones load.
    sim.webhook = next.webhooks.localUrl(account.id);
    const early = await sim.receive('10101', '905550004444', 'early bird');
    expect(early.status).toBe(200);
    await until(() => next.connections.state(account.id).state === 'online', 'online');
    const conversation = await until(
      async () =>
        (await next.call('conversations.list', { limit: 10 })).items.find(
          (c) => c.providerChatId === '905550004444@c.us',
        ),
      'the early message applied',
    );
    expect(conversation.lastMessage?.text).toBe('early bird');
    expect((await next.call('quarantine.list', { accountId: account.id, limit: 100 })).total).toBe(
      0,
    );
  });

  it('stay listed with their reason when they can never apply, and a replay tries again', async () => {
    const { sim, core, account } = await setUp();
    await sim.post({
      type: 'message',
      phone_id: '99999',
      product_id: sim.options.productId,
      message: { type: 'text', text: 'x', id: 'm1', fromMe: false },
      user: { id: '1@c.us', phone: '1' },
      conversation: '1@c.us',
      receiver: '1',
      timestamp: 1,
    });
    const listed = await core.call('quarantine.list', { accountId: account.id, limit: 100 });
    expect(listed.items[0]).toMatchObject({
      source: 'webhook',
      reason: expect.stringContaining('99999'),
      replays: 0,
    });
    expect(await core.call('quarantine.replay', { accountId: account.id })).toEqual({
      applied: 0,
      kept: 1,
    });
    expect(
      (await core.call('quarantine.list', { accountId: account.id, limit: 100 })).items[0],
    ).toMatchObject({ replays: 1 });
  });
});
