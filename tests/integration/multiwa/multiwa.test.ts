import { say } from '../../../shared/words/coreWords.std.ts';
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../../../main/core/core.node.ts';
import { MemorySettingsStore } from '../../../main/core/settingsStore.node.ts';
import { ProviderRegistry } from '../../../main/providers/registry.node.ts';
import { multiWaPlugin } from '../../../main/providers/multiwa/plugin.node.ts';
import { rawOptions } from '../../../main/providers/multiwa/connection.node.ts';
import {
  MultiWaSimulator,
  type MultiWaSimulatorOptions,
} from '../../../main/providers/multiwa/simulator/simulator.node.ts';
import type { LoginState } from '../../../shared/model/login.std.ts';
import { tempDir } from '../../helpers/cache.ts';
import { until } from '../chatapp/harness.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  delete rawOptions.pingIntervalMs;
  delete rawOptions.pongTimeoutMs;
});

async function start(mode: 'socketio' | 'raw', options: MultiWaSimulatorOptions = {}) {
  const sim = await new MultiWaSimulator({ protocols: [mode], ...options }).start();
  const core = Core.open({
    dataDir: tempDir(),
    registry: new ProviderRegistry().register(multiWaPlugin),
    settings: new MemorySettingsStore(),
  });
  cleanups.push(async () => {
    await core.close();
    await sim.stop();
  });
  const logins: { lineId: string; state: LoginState }[] = [];
  core.on((event, payload) => {
    if (event === 'login.changed') logins.push(payload as { lineId: string; state: LoginState });
  });
  const add = (apiKey = sim.options.apiKey, config = sim.accountConfig('auto')) =>
    core.call('accounts.add', {
      provider: 'multiwa',
      label: 'Gateway',
      config,
      secrets: { apiKey },
    });
  const conversation = async (accountId: string, profileId: string, jid: string) => {
    core.queue.flushNow();
    return (
      await core.call('conversations.list', { lineId: `${accountId}/${profileId}`, limit: 500 })
    ).items.find((c) => c.providerChatId === jid);
  };
  const messages = async (conversationId: number) =>
    (await core.call('messages.page', { conversationId, limit: 500 })).items;
  const online = (accountId: string) =>
    until(() => core.connections.state(accountId).state === 'online', 'online');
  return { sim, core, logins, add, conversation, messages, online };
}

describe('MultiWA: adding a server', () => {
  it('refuses a wrong API key in words, and saves nothing', async () => {
    const env = await start('socketio');
    const reply = await env.core.handle('accounts.add', {
      provider: 'multiwa',
      label: 'x',
      config: env.sim.accountConfig(),
      secrets: { apiKey: 'nope' },
    });
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'auth', message: expect.stringContaining('refused the API key') },
    });
    expect((await env.core.call('accounts.list', {})).accounts).toEqual([]);
  });

  it('says so when the address is not a MultiWA server', async () => {
    const env = await start('socketio');
    const other = http.createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>router login</html>'),
    );
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', () => r()));
    cleanups.push(() => new Promise((r) => other.close(() => r())));
    const reply = await env.core.handle('accounts.add', {
      provider: 'multiwa',
      label: 'x',
      config: { baseUrl: `http://127.0.0.1:${(other.address() as { port: number }).port}` },
      secrets: { apiKey: 'k' },
    });
    expect(reply).toMatchObject({
      ok: false,
      error: {
        code: 'provider',
        message: expect.stringContaining('does not look like a MultiWA server'),
      },
    });
  });

  it('asks for a key and a proper address before calling anyone', async () => {
    const env = await start('socketio');
    const reply = await env.core.handle('accounts.add', {
      provider: 'multiwa',
      label: 'x',
      config: { baseUrl: 'wa.example.com' },
      secrets: {},
    });
    expect(reply).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_request',
        issues: expect.arrayContaining([
          expect.objectContaining({ path: 'baseUrl' }),
          expect.objectContaining({ path: 'apiKey' }),
        ]),
      },
    });
  });
});

describe.each(['socketio', 'raw'] as const)('MultiWA over %s', (mode) => {
  it('lists each profile as a line and logs one in by QR, through a QR refresh, to connected', async () => {
    const env = await start(mode, { qrRotateMs: 150 });
    const account = await env.add();
    await env.online(account.id);
    const { lines } = await env.core.call('accounts.list', {});
    expect(lines.map((l) => [l.providerLineId, l.login.state])).toEqual([
      ['profile-sales', 'authorized'],
      ['profile-support', 'logged_out'],
    ]);

    const support = `${account.id}/profile-support`;
    expect(await env.core.call('login.start', { lineId: support, method: 'qr' })).toMatchObject({
      state: 'connecting',
    });
    const qrs = await until(() => {
      const seen = env.logins
        .filter((l) => l.lineId === support && l.state.state === 'qr')
        .map((l) => (l.state as Extract<LoginState, { state: 'qr' }>).qr);
      return seen.length >= 2 ? seen : undefined;
    }, 'two QR codes');
    // Socket.IO carries a PNG data URL, the documented protocol the raw string.
    expect(qrs[0]!.kind).toBe(mode === 'socketio' ? 'image' : 'raw');
    expect(qrs[0]).not.toEqual(qrs[1]);
    if (qrs[1]!.kind === 'raw') expect(qrs[1]!.value).toBe(env.sim.currentQr('profile-support'));

    env.sim.reconnecting('profile-support', 1);
    await until(
      () =>
        env.logins.some(
          (l) =>
            l.lineId === support &&
            l.state.state === 'connecting' &&
            l.state.detail === 'Reconnecting (1/3)',
        ),
      'reconnecting (1/3)',
    );
    env.sim.scan('profile-support');
    await until(
      () => env.core.cache.accounts.line(support)?.login.state === 'authorized',
      'connected',
    );
    expect(env.core.cache.accounts.line(support)).toMatchObject({
      login: { state: 'authorized', phone: '6281234500002' },
      phone: '6281234500002',
    });

    expect(await env.core.call('login.logout', { lineId: support })).toMatchObject({
      state: 'logged_out',
    });
    expect(env.sim.state.profile('profile-support')?.status).toBe('disconnected');
  });

  it('shows the reason when the wrong phone scans the QR', async () => {
    const env = await start(mode, { qrRotateMs: 5000 });
    const account = await env.add();
    await env.online(account.id);
    const support = `${account.id}/profile-support`;
    await env.core.call('login.start', { lineId: support, method: 'qr' });
    await until(() => env.sim.currentQr('profile-support'), 'a QR');
    env.sim.scan('profile-support', { phone: '6289999999999' });
    const state = await until(() => {
      const s = env.core.cache.accounts.line(support)?.login;
      return s?.state === 'error' ? s : undefined;
    }, 'error state');
    expect(state.reason).toContain('does not match expected');
  });

  it('stores an incoming message once, and takes a send through its acks to read on one row', async () => {
    const env = await start(mode);
    const account = await env.add();
    await env.online(account.id);
    const jid = '6281111111111@c.us';
    env.sim.receive('profile-sales', jid, 'Halo, ready stock?', { name: 'Budi' });
    const conversation = await until(
      () => env.conversation(account.id, 'profile-sales', jid),
      'conversation',
    );
    expect(conversation).toMatchObject({ unread: 1, lastMessage: { text: 'Halo, ready stock?' } });

    const sent = await env.core.call('messages.send', {
      conversationId: conversation.id,
      clientRef: `mwa-${mode}-000001`,
      text: 'Ready, kak!',
    });
    await until(
      async () =>
        (await env.messages(conversation.id)).find((m) => m.id === sent.id)?.status?.tick ===
        'read',
      'read ticks',
    );
    const rows = await env.messages(conversation.id);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({
      id: sent.id,
      direction: 'out',
      origin: 'this_app',
      status: { tick: 'read' },
    });
  });

  it('reconnects after a server restart and gap-fills without loss or duplicates', async () => {
    const env = await start(mode, { ackStepMs: 0 });
    const account = await env.add();
    await env.online(account.id);
    const jid = '6282222222222@c.us';
    env.sim.receive('profile-sales', jid, 'one');
    const conversation = await until(
      () => env.conversation(account.id, 'profile-sales', jid),
      'conversation',
    );
    const port = env.sim.port;
    await env.sim.stop();
    await until(
      () => env.core.connections.state(account.id).state === 'reconnecting',
      'reconnecting',
    );
    for (const text of ['two', 'three'])
      env.sim.receive('profile-sales', jid, text, { live: false });
    await env.sim.start(port);
    await env.online(account.id);
    const texts = await until(
      async () => {
        const list = (await env.messages(conversation.id)).map((m) => m.text);
        return list.length >= 3 ? list : undefined;
      },
      'gap-fill',
      30_000,
    );
    expect(texts).toEqual(['one', 'two', 'three']);
  }, 45_000);

  it('quarantines a malformed frame and keeps going', async () => {
    const env = await start(mode);
    const account = await env.add();
    await env.online(account.id);
    if (mode === 'raw') {
      env.sim.sendRawFrame('profile-sales', '{broken');
      env.sim.sendRawFrame(
        'profile-sales',
        JSON.stringify({
          type: 'event',
          payload: {
            event: 'message.received',
            profileId: 'profile-sales',
            data: { body: 'no id' },
          },
        }),
      );
    } else {
      env.sim.emitSocketIo('message', { type: 'message:received', message: { id: 'x' } });
      env.sim.emitSocketIo('message:ack', { status: 'read' });
    }
    env.sim.receive('profile-sales', '6283333333333@c.us', 'after the bad frames');
    await until(
      () => env.conversation(account.id, 'profile-sales', '6283333333333@c.us'),
      'a good message after bad frames',
    );
    expect(env.core.cache.quarantine.list(account.id).length).toBe(2);
    expect(env.core.connections.state(account.id).state).toBe('online');
  });

  it('quarantines a message whose timestamp is not a date, and stays responsive', async () => {
    const env = await start(mode);
    const account = await env.add();
    await env.online(account.id);
    const bad = env.sim.receive('profile-sales', '6284444444444@c.us', 'when?', { live: false });
    const conversation = env.sim.state.conversation('profile-sales', '6284444444444@c.us');
    const broken = { ...bad, timestamp: 'yesterday' };
    if (mode === 'raw') {
      env.sim.sendRawFrame(
        'profile-sales',
        JSON.stringify({
          type: 'event',
          payload: {
            event: 'message.received',
            profileId: 'profile-sales',
            data: {
              id: bad.messageId,
              from: conversation.jid,
              body: 'when?',
              type: 'chat',
              timestamp: 'yesterday',
            },
          },
        }),
      );
    } else {
      env.sim.emitSocketIo('message', { type: 'message:received', message: broken, conversation });
    }
    env.sim.receive('profile-sales', '6283333333333@c.us', 'after the bad time');
    await until(
      () => env.conversation(account.id, 'profile-sales', '6283333333333@c.us'),
      'a good message after the bad time',
    );
    expect(
      env.core.cache.quarantine
        .list(account.id)
        .map((q) => q.reason)
        .join('\n'),
    ).toMatch(/time is not a date/);
    expect(await env.core.call('accounts.list', {})).toMatchObject({
      accounts: [{ id: account.id }],
    });
  });

  it('shows a daily-limit refusal on the message and keeps it in the outbox', async () => {
    const env = await start(mode, { dailyLimit: 0 });
    const account = await env.add();
    await env.online(account.id);
    env.sim.receive('profile-sales', '6284444444444@c.us', 'hi');
    const conversation = await until(
      () => env.conversation(account.id, 'profile-sales', '6284444444444@c.us'),
      'conversation',
    );
    const sent = await env.core.call('messages.send', {
      conversationId: conversation.id,
      clientRef: `limit-${mode}-0001`,
      text: 'over the limit',
    });
    const row = await until(
      async () =>
        (await env.messages(conversation.id)).find((m) => m.id === sent.id && m.sendError),
      'send error',
    );
    expect(row).toMatchObject({
      status: { tick: 'pending' },
      sendError: {
        message: expect.stringContaining('Daily sending limit reached'),
        retryAt: expect.any(Number),
      },
    });
    expect(env.core.cache.outbox.byMessage(sent.id)?.state).toBe('queued');
    // Said in the user's language and clock, not as the core's English with Node's en-US time.
    const words = row!.sendError!.words!;
    expect(words).toMatchObject({ key: 'multiwa.dailyLimit', params: { at: expect.any(Number) } });
    const russian = say(words, 'ru')!;
    expect(russian).toContain('Достигнут дневной лимит отправки');
    expect(russian).not.toMatch(/AM|PM/);
    expect(russian).toMatch(/\b\d{2}:\d{2}\b/);
  });
});

describe('MultiWA: the documented keep-alive', () => {
  it('treats a missing pong as a dead link and reconnects', async () => {
    rawOptions.pingIntervalMs = 100;
    rawOptions.pongTimeoutMs = 150;
    const env = await start('raw');
    const account = await env.add();
    await env.online(account.id);
    env.sim.pongs = false;
    const down = await until(() => {
      const s = env.core.connections.state(account.id);
      return s.state === 'reconnecting' ? s : undefined;
    }, 'dead link noticed');
    expect(down.reason).toContain('no pong');
    env.sim.pongs = true;
    await env.online(account.id);
  });

  it('sends replies, media and marks a chat read through REST', async () => {
    const env = await start('socketio', { ackStepMs: 0, sendReply: 'docs' });
    const account = await env.add();
    await env.online(account.id);
    const question = env.sim.receive('profile-sales', '6285555555555@c.us', 'Photo please');
    const conversation = await until(
      () => env.conversation(account.id, 'profile-sales', '6285555555555@c.us'),
      'conversation',
    );
    // The chat can be listed (a profile's chat sync) a moment before its message is written.
    const quoted = await until(
      async () => (await env.messages(conversation.id)).find((m) => m.text === 'Photo please'),
      'the question written',
    );
    await env.core.call('messages.send', {
      conversationId: conversation.id,
      clientRef: 'photo-000001',
      text: 'Here',
      replyTo: quoted.id,
      attachment: {
        fileName: 'shoe.png',
        mime: 'image/png',
        size: 4,
        dataBase64: Buffer.from('PNG!').toString('base64'),
      },
    });
    const sent = await until(
      () => [...env.sim.state.messages.values()].flat().find((m) => m.direction === 'outgoing'),
      'the send',
    );
    expect(sent).toMatchObject({
      type: 'image',
      content: { caption: 'Here', mimetype: 'image/png', filename: 'shoe.png' },
      quotedMessageId: question.messageId,
    });
    await env.core.call('messages.send', {
      conversationId: conversation.id,
      clientRef: 'place-000001',
      location: { lat: -6.2, lng: 106.8, name: 'Toko Sepatu' },
    });
    await until(
      () => [...env.sim.state.messages.values()].flat().some((m) => m.type === 'location'),
      'the location',
    );

    const reacted = await env.core.call('messages.react', { id: quoted.id, emoji: '👍' });
    expect(reacted.reactions).toEqual({ me: '👍' });
    expect(env.sim.reactions).toEqual([{ messageId: question.messageId, emoji: '👍' }]);
    await env.core.call('messages.react', { id: quoted.id, emoji: null });
    expect(env.sim.reactions.at(-1)).toEqual({ messageId: question.messageId, emoji: '' });

    // Reading the chat in Switchboard sends WhatsApp read receipts through MultiWA.
    env.sim.receive('profile-sales', '6285555555555@c.us', 'And the price?');
    await until(
      async () =>
        (await env.conversation(account.id, 'profile-sales', '6285555555555@c.us'))?.unread === 1,
      'unread',
    );
    await env.core.call('conversations.markRead', { id: conversation.id });
    const last = [...env.sim.state.messages.values()]
      .flat()
      .filter((m) => m.direction === 'incoming')
      .at(-1)!;
    await until(() => env.sim.markedRead.length === 1, 'mark-read');
    expect(env.sim.markedRead).toEqual([
      { profileId: 'profile-sales', chatId: '6285555555555@c.us', messageIds: [last.messageId] },
    ]);
  });

  it('falls back to REST for the QR when none comes over the socket', async () => {
    const env = await start('socketio', { pushQr: false, qrRotateMs: 60_000 });
    const account = await env.add();
    await env.online(account.id);
    const support = `${account.id}/profile-support`;
    await env.core.call('login.start', { lineId: support, method: 'qr' });
    const state = await until(
      () => {
        const s = env.core.cache.accounts.line(support)?.login;
        return s?.state === 'qr' ? s : undefined;
      },
      'the QR from REST',
      10_000,
    );
    expect(state.qr).toEqual({ kind: 'raw', value: env.sim.currentQr('profile-support') });
  });
});
