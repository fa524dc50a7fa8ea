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
    const core = Core.open({ dataDir, registry: new ProviderRegistry().register(maytapiPlugin), settings, secrets });
    cleanups.push(() => core.close());
    await core.startAccounts();
    settings.set({ webhook: { bindAddress: '127.0.0.1', port: core.webhooks.port!, publicBaseUrl: `http://127.0.0.1:${core.webhooks.port}` } });
    return core;
  };
  const core = await open();
  const account = await core.call('accounts.add', { provider: 'maytapi', label: 'Hosted', config: sim.accountConfig(), secrets: { apiKey: sim.options.apiKey } });
  await until(() => core.connections.state(account.id).state === 'online', 'online');
  await core.call('webhooks.register', { accountId: account.id, replaceForeign: false });
  return { sim, core, account, open };
}

describe('the webhook secret', () => {
  it('survives an account update that changes its config and secrets', async () => {
    const { sim, core, account } = await setUp();
    const before = (await core.call('webhooks.info', { accountId: account.id })).publicUrl;
    await core.call('accounts.update', { id: account.id, config: sim.accountConfig(), secrets: { apiKey: sim.options.apiKey } });
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
    await until(() => next.connections.state(account.id).state === 'online', 'online after restart');
    expect((await next.call('webhooks.info', { accountId: account.id })).publicUrl).toBe(before!.replace(/:\d+\//, `:${next.webhooks.port}/`));
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
