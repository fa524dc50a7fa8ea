import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../../../main/core/core.node.ts';
import { MemorySettingsStore } from '../../../main/core/settingsStore.node.ts';
import { MemorySecretStore } from '../../../main/core/secretStore.node.ts';
import { ProviderRegistry } from '../../../main/providers/registry.node.ts';
import { multiWaPlugin } from '../../../main/providers/multiwa/plugin.node.ts';
import { maytapiPlugin } from '../../../main/providers/maytapi/plugin.node.ts';
import { MultiWaSimulator } from '../../../main/providers/multiwa/simulator/simulator.node.ts';
import { MaytapiSimulator } from '../../../main/providers/maytapi/simulator/simulator.node.ts';
import type { ProviderPlugin } from '../../../main/providers/plugin.node.ts';
import { tempDir } from '../../helpers/cache.ts';
import { until } from '../chatapp/harness.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The same data folder and secrets across a "crash": the first core is closed mid-send. */
function cores(plugin: ProviderPlugin) {
  const dataDir = tempDir();
  const secrets = new MemorySecretStore();
  const settings = new MemorySettingsStore();
  return async () => {
    const core = Core.open({
      dataDir,
      registry: new ProviderRegistry().register(plugin),
      settings,
      secrets,
    });
    cleanups.push(() => core.close());
    await core.startAccounts();
    return core;
  };
}

const outgoing = async (core: Core, conversationId: number) =>
  (await core.call('messages.page', { conversationId, limit: 50 })).items.filter(
    (m) => m.direction === 'out',
  );

/** A MultiWA account online in a first core, with one chat a customer opened. */
async function multiWaChat(jid: string, text: string) {
  const sim = await new MultiWaSimulator({ protocols: ['socketio'], ackStepMs: 0 }).start();
  cleanups.push(() => sim.stop());
  const open = cores(multiWaPlugin);
  const first = await open();
  const account = await first.call('accounts.add', {
    provider: 'multiwa',
    label: 'Gateway',
    config: sim.accountConfig('socketio'),
    secrets: { apiKey: sim.options.apiKey },
  });
  await until(() => first.connections.state(account.id).state === 'online', 'online');
  sim.receive('profile-sales', jid, text);
  const conversation = await until(
    async () => (await first.call('conversations.list', { limit: 10 })).items[0],
    'conversation',
  );
  return { sim, open, first, account, conversation };
}

describe('a send in flight when the core stops', () => {
  it('is found in MultiWA’s history after the restart and linked, not sent twice', async () => {
    const { sim, open, first, account, conversation } = await multiWaChat(
      '6285555555555@c.us',
      'Do you ship to Bali?',
    );

    sim.stallSendReplies = true;
    const sent = await first.call('messages.send', {
      conversationId: conversation.id,
      clientRef: 'crash-send-001',
      text: 'Yes, in 3 days',
    });
    const sentToProvider = () =>
      [...sim.state.messages.values()]
        .flat()
        .filter((m) => m.direction === 'outgoing' && m.content.text === 'Yes, in 3 days').length;
    await until(() => sentToProvider() === 1, 'the send reached MultiWA');
    await first.close();
    sim.stallSendReplies = false;

    const second = await open();
    await until(
      () => second.cache.outbox.byMessage(sent.id)?.state === 'accepted',
      'the interrupted send reconciled',
      15_000,
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(sentToProvider()).toBe(1);
    const rows = await outgoing(second, conversation.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: sent.id, text: 'Yes, in 3 days' });
    expect(
      second.cache.reader.refsOf(`${account.id}/profile-sales`, sent.id)?.provider,
    ).toBeTruthy();
  }, 40_000);

  it('is sent again after the restart when MultiWA never got it', async () => {
    const { sim, open, first, account, conversation } = await multiWaChat(
      '6285555555556@c.us',
      'Hello?',
    );
    // The app dies just as the attempt starts, before the request leaves.
    await first.connections.stop(account.id);
    const sent = await first.call('messages.send', {
      conversationId: conversation.id,
      clientRef: 'crash-send-002',
      text: 'Hi there',
    });
    first.cache.outbox.startAttempt(sent.id, Date.now());
    await first.close();

    const second = await open();
    await until(
      () => second.cache.outbox.byMessage(sent.id)?.state === 'accepted',
      'resent',
      15_000,
    );
    expect(
      [...sim.state.messages.values()]
        .flat()
        .filter((m) => m.direction === 'outgoing' && m.content.text === 'Hi there'),
    ).toHaveLength(1);
    expect(await outgoing(second, conversation.id)).toHaveLength(1);
  }, 40_000);

  it('asks the user on Maytapi, which has no history: “may have been sent: send again?”', async () => {
    const sim = await new MaytapiSimulator().start();
    cleanups.push(() => sim.stop());
    const open = cores(maytapiPlugin);
    const first = await open();
    const account = await first.call('accounts.add', {
      provider: 'maytapi',
      label: 'Hosted',
      config: sim.accountConfig(),
      secrets: { apiKey: sim.options.apiKey },
    });
    await until(() => first.connections.state(account.id).state === 'online', 'online');
    first.ingest({
      kind: 'message',
      line: `${account.id}/10101`,
      chat: { id: '905550001234@c.us' },
      message: {
        ids: { provider: 'in-1' },
        direction: 'in',
        origin: 'contact',
        type: 'text',
        text: 'Price?',
        time: Date.now(),
      },
    });
    const conversation = await until(
      async () => (await first.call('conversations.list', { limit: 10 })).items[0],
      'conversation',
    );
    await first.connections.stop(account.id);
    const sent = await first.call('messages.send', {
      conversationId: conversation.id,
      clientRef: 'crash-send-003',
      text: '120 TL',
    });
    first.cache.outbox.startAttempt(sent.id, Date.now());
    const sentBefore = sim.sent.length;
    await first.close();

    const second = await open();
    const failed = await until(
      async () =>
        (await outgoing(second, conversation.id)).find((m) => m.status?.tick === 'failed'),
      'the question to the user',
      15_000,
    );
    expect(failed.status).toMatchObject({ reasonWords: { key: 'message.maybeSent' } });
    expect(sim.sent.length).toBe(sentBefore);
    await second.call('messages.retry', { id: sent.id });
    await until(() => sim.sent.length === sentBefore + 1, 'sent again when the user says so');
  }, 40_000);
});
