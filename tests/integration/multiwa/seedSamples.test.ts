import { afterEach, describe, expect, it } from 'vitest';
import fixture from '../../fixtures/multiwa/seed003.json' with { type: 'json' };
import { Core } from '../../../main/core/core.node.ts';
import { MemorySettingsStore } from '../../../main/core/settingsStore.node.ts';
import { ProviderRegistry } from '../../../main/providers/registry.node.ts';
import { multiWaPlugin } from '../../../main/providers/multiwa/plugin.node.ts';
import { MultiWaSimulator } from '../../../main/providers/multiwa/simulator/simulator.node.ts';
import { tempDir } from '../../helpers/cache.ts';
import { until } from '../chatapp/harness.ts';

/** Seed 003's samples, verbatim, through the real connection on both of MultiWA's sockets. */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const PROFILE = {
  id: 'profile-123',
  name: 'seed',
  displayName: 'Seed profile',
  phoneNumber: null,
  status: 'disconnected' as const,
  accountId: 'acc-1',
  expectedPhone: '628123456789',
};

async function start(mode: 'socketio' | 'raw') {
  const sim = await new MultiWaSimulator({ protocols: [mode], profiles: [{ ...PROFILE }] }).start();
  const core = Core.open({
    dataDir: tempDir(),
    registry: new ProviderRegistry().register(multiWaPlugin),
    settings: new MemorySettingsStore(),
  });
  cleanups.push(async () => {
    await core.close();
    await sim.stop();
  });
  const account = await core.call('accounts.add', {
    provider: 'multiwa',
    label: 'Seed',
    config: sim.accountConfig(mode),
    secrets: { apiKey: sim.options.apiKey },
  });
  await until(() => core.connections.state(account.id).state === 'online', 'online');
  const send = (frame: unknown) =>
    mode === 'raw'
      ? sim.sendRawFrame(PROFILE.id, JSON.stringify(frame))
      : sim.emitSocketIo('message', frame);
  return { sim, core, account, send };
}

describe.each(['raw', 'socketio'] as const)('MultiWA seed 003 samples over %s', (mode) => {
  it('applies every server-to-client sample and quarantines none', async () => {
    const env = await start(mode);
    for (const frame of Object.values(fixture.serverToClient)) env.send(frame);
    const line = `${env.account.id}/${PROFILE.id}`;
    await until(
      () => env.core.cache.accounts.line(line)?.login.state === 'authorized',
      'session.status connected',
    );
    expect(env.core.cache.accounts.line(line)).toMatchObject({ phone: '628123456789' });
    const chat = await until(async () => {
      env.core.queue.flushNow();
      return (await env.core.call('conversations.list', { lineId: line, limit: 10 })).items.find(
        (c) => c.providerChatId === '628123456789@c.us',
      );
    }, 'the message.received chat');
    expect(chat.lastMessage).toMatchObject({
      text: 'Hello!',
      direction: 'in',
      type: 'text',
      time: Date.parse('2026-02-05T10:00:00.000Z'),
    });
    expect(env.core.cache.quarantine.list(null)).toEqual([]);
  });
});

describe('MultiWA seed 003: what the client sends', () => {
  it('subscribes in the documented shape', async () => {
    const env = await start('raw');
    const shape = (frame: unknown): unknown =>
      frame && typeof frame === 'object' && !Array.isArray(frame)
        ? Object.fromEntries(
            Object.entries(frame).map(([k, v]) => [k, k === 'events' ? 'array' : shape(v)]),
          )
        : typeof frame;
    const subscribe = env.sim.rawReceived.find(
      (f) => (f as { type?: string }).type === 'subscribe',
    );
    expect(shape(subscribe)).toEqual(shape(fixture.clientToServer.subscribe));
    expect((subscribe as { payload: { profileId: string } }).payload.profileId).toBe(PROFILE.id);
  });
});
