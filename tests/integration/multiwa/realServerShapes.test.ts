import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../../../main/core/core.node.ts';
import { MemorySettingsStore } from '../../../main/core/settingsStore.node.ts';
import { ProviderRegistry } from '../../../main/providers/registry.node.ts';
import { multiWaPlugin } from '../../../main/providers/multiwa/plugin.node.ts';
import { rawOptions } from '../../../main/providers/multiwa/connection.node.ts';
import { MultiWaSimulator } from '../../../main/providers/multiwa/simulator/simulator.node.ts';
import { tempDir } from '../../helpers/cache.ts';
import { until } from '../chatapp/harness.ts';

/**
 * What MultiWA's real source does beyond our first reading of it: the RealtimeGateway's
 * envelopes on the Socket.IO `message` event, the quoted id as a column of the message row,
 * whatsapp-web.js's own message types, and acknowledgements that come more than once.
 */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  delete rawOptions.pingIntervalMs;
});

async function start(mode: 'socketio' | 'raw') {
  const sim = await new MultiWaSimulator({ protocols: [mode], ackStepMs: 0 }).start();
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
    label: 'Gateway',
    config: sim.accountConfig(mode),
    secrets: { apiKey: sim.options.apiKey },
  });
  await until(() => core.connections.state(account.id).state === 'online', 'online');
  const conversation = async (jid: string, profileId = 'profile-sales') => {
    core.queue.flushNow();
    return (
      await core.call('conversations.list', { lineId: `${account.id}/${profileId}`, limit: 500 })
    ).items.find((c) => c.providerChatId === jid);
  };
  const messages = async (conversationId: number) => {
    core.queue.flushNow();
    return (await core.call('messages.page', { conversationId, limit: 500 })).items;
  };
  const quarantined = () => core.cache.quarantine.list(null).map((q) => q.reason);
  return { sim, core, account, conversation, messages, quarantined };
}

describe('MultiWA Socket.IO: the RealtimeGateway on the same namespace', () => {
  it('takes the connect acknowledgement of every connection without a quarantine row', async () => {
    const env = await start('socketio');
    env.sim.receive('profile-sales', '6285550000001@c.us', 'before the drop');
    await until(() => env.conversation('6285550000001@c.us'), 'the first message');
    for (let i = 0; i < 3; i += 1) {
      env.sim.dropSockets();
      await until(() => env.core.connections.state(env.account.id).state !== 'online', 'the drop');
      await until(
        () => env.core.connections.state(env.account.id).state === 'online',
        'back online',
        20_000,
      );
    }
    env.sim.receive('profile-sales', '6285550000001@c.us', 'after three reconnects');
    await until(
      async () =>
        (await env.conversation('6285550000001@c.us'))?.lastMessage?.text ===
        'after three reconnects',
      'the live message',
    );
    expect(env.quarantined()).toEqual([]);
  });

  it('applies documented-protocol envelopes that arrive on `message`, and ignores pong and error replies', async () => {
    const env = await start('socketio');
    const now = new Date().toISOString();
    env.sim.emitSocketIo('message', {
      type: 'pong',
      payload: { timestamp: now },
      requestId: 'ping_1',
    });
    env.sim.emitSocketIo('message', { type: 'error', payload: { error: 'Unknown message type' } });
    env.sim.emitSocketIo('message', {
      type: 'event',
      payload: {
        event: 'message.received',
        profileId: 'profile-sales',
        data: {
          id: 'false_6285550000002@c.us_3EB0AA',
          from: '6285550000002@c.us',
          body: 'via the envelope',
          type: 'chat',
          timestamp: now,
          hasMedia: false,
        },
        timestamp: now,
      },
    });
    env.sim.emitSocketIo('message', {
      type: 'event',
      payload: {
        event: 'session.status',
        profileId: 'profile-support',
        data: { status: 'connected', phone: '6281234500002' },
        timestamp: now,
      },
    });
    const chat = await until(() => env.conversation('6285550000002@c.us'), 'the enveloped message');
    expect(chat.lastMessage).toMatchObject({ text: 'via the envelope', direction: 'in' });
    await until(
      () =>
        env.core.cache.accounts.line(`${env.account.id}/profile-support`)?.login.state ===
        'authorized',
      'the enveloped status',
    );
    expect(env.quarantined()).toEqual([]);
  });

  it('quarantines an envelope it cannot read, with the reason, and keeps going', async () => {
    const env = await start('socketio');
    env.sim.emitSocketIo('message', {
      type: 'event',
      payload: { event: 'message.received', data: { id: 'x' } },
    });
    env.sim.emitSocketIo('message', {
      type: 'event',
      payload: { event: 'teleport', profileId: 'profile-sales', data: {} },
    });
    await until(() => env.quarantined().length === 2, 'two rows');
    expect(env.quarantined()).toEqual(
      expect.arrayContaining([
        expect.stringContaining('names no profile'),
        expect.stringContaining('unknown event "teleport"'),
      ]),
    );
  });
});

describe('MultiWA message rows as schema.prisma has them', () => {
  it('reads the quoted id from the row, live and in history, and sends replies that the server stores there', async () => {
    const env = await start('socketio');
    const jid = '6285550000003@c.us';
    const question = env.sim.receive('profile-sales', jid, 'Do you ship to Bali?');
    const followUp = env.sim.receive('profile-sales', jid, 'I mean Denpasar', {
      quotedMessageId: question.messageId,
    });
    const chat = await until(() => env.conversation(jid), 'the chat');
    const [first, second] = await until(async () => {
      const rows = await env.messages(chat.id);
      return rows.length === 2 ? rows : undefined;
    }, 'both messages');
    expect(second!.quoted).toMatchObject({
      providerId: question.messageId,
      messageId: first!.id,
      preview: 'Do you ship to Bali?',
    });

    await env.core.call('messages.send', {
      conversationId: chat.id,
      clientRef: 'mwa-quote-reply-1',
      text: 'Yes',
      replyTo: second!.id,
    });
    const stored = await until(
      () => [...env.sim.state.messages.values()].flat().find((m) => m.direction === 'outgoing'),
      'the reply at the server',
    );
    expect(stored.quotedMessageId).toBe(followUp.messageId);
    expect(stored.content).not.toHaveProperty('quotedMessageId');

    // A second device opens the same history: the quote comes from the REST rows.
    const again = Core.open({
      dataDir: tempDir(),
      registry: new ProviderRegistry().register(multiWaPlugin),
      settings: new MemorySettingsStore(),
    });
    cleanups.push(() => again.close());
    const account = await again.call('accounts.add', {
      provider: 'multiwa',
      label: 'Second',
      config: env.sim.accountConfig('socketio'),
      secrets: { apiKey: env.sim.options.apiKey },
    });
    const history = await until(async () => {
      again.queue.flushNow();
      const c = (
        await again.call('conversations.list', { lineId: `${account.id}/profile-sales`, limit: 10 })
      ).items.find((x) => x.providerChatId === jid);
      if (!c) return undefined;
      const rows = (await again.call('messages.page', { conversationId: c.id, limit: 10 })).items;
      return rows.length === 3 ? rows : undefined;
    }, 'the history on the second device');
    expect(history[1]!.quoted).toMatchObject({
      providerId: question.messageId,
      preview: 'Do you ship to Bali?',
    });
    expect(history[2]!.quoted).toMatchObject({ messageId: history[1]!.id });
  });

  it('shows whatsapp-web.js call_log as a call and gp2 as a system row, not as unknown', async () => {
    const env = await start('socketio');
    env.sim.receive('profile-sales', '6285550000004@c.us', '', { type: 'call_log' });
    env.sim.receive('profile-sales', '120363000000000001@g.us', '', {
      type: 'gp2',
      name: 'Resellers',
    });
    const call = await until(() => env.conversation('6285550000004@c.us'), 'the call');
    const group = await until(() => env.conversation('120363000000000001@g.us'), 'the group');
    expect(call.lastMessage).toMatchObject({ type: 'call', direction: 'in' });
    expect(group.lastMessage).toMatchObject({ type: 'system', origin: 'system' });
    expect(group.unread).toBe(0);
  });
});

describe('MultiWA documented socket: one socket per profile', () => {
  it('syncs each profile once when its own socket comes up, not every profile per socket', async () => {
    const env = await start('raw');
    const lists = () => env.sim.requests.filter((r) => r === 'GET /api/v1/conversations').length;
    await until(() => lists() >= 2, 'the first sync of both profiles');
    // Both links are up by now; a sync started by the second link would show within this.
    await new Promise((r) => setTimeout(r, 400));
    expect(lists()).toBe(2);
    expect(env.quarantined()).toEqual([]);
  });
});

describe('MultiWA documented socket: repeated acknowledgements', () => {
  it('runs the after-connect sync once and keeps one ping timer when "subscribed" comes again', async () => {
    rawOptions.pingIntervalMs = 60;
    const env = await start('raw');
    const lists = () => env.sim.requests.filter((r) => r === 'GET /api/v1/conversations').length;
    await until(() => lists() >= 2, 'the first sync of both profiles');
    const before = lists();
    const subscribed = (profileId: string) =>
      JSON.stringify({
        type: 'ack',
        payload: { action: 'subscribed', profileId, events: ['*'] },
        requestId: 'sub_again',
      });
    const connected = JSON.stringify({
      type: 'ack',
      payload: {
        message: 'Connected to MultiWA WebSocket API',
        clientId: 'c1',
        timestamp: new Date().toISOString(),
      },
    });
    for (let i = 0; i < 5; i += 1) {
      env.sim.sendRawFrame('profile-sales', subscribed('profile-sales'));
      env.sim.sendRawFrame('profile-sales', connected);
    }
    // Pings from both profiles' links: two per interval. A leaked timer per ack would add five more.
    const pingsAt = env.sim.pings;
    await new Promise((r) => setTimeout(r, 60 * 10));
    expect(lists()).toBe(before);
    expect(env.sim.pings - pingsAt).toBeLessThanOrEqual(2 * 11);
    expect(env.quarantined()).toEqual([]);
  });
});
