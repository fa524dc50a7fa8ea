import { afterEach, describe, expect, it } from 'vitest';
import { TG, WA, startChatApp, until } from './harness.ts';

let env: Awaited<ReturnType<typeof startChatApp>>;
afterEach(async () => env?.close());

const WA_CHANNEL = 'private-v1.licenses.1229.messengers.grWhatsApp';
const TG_CHANNEL = 'private-v1.licenses.1229.messengers.telegram';

async function connected(options: Parameters<typeof startChatApp>[0] = {}) {
  env = await startChatApp(options);
  const account = await env.addAccount();
  await env.online(account.id);
  await until(
    () =>
      env.sim.pusher.subscribers(WA_CHANNEL) === 1 && env.sim.pusher.subscribers(TG_CHANNEL) === 1,
    'line subscriptions',
  );
  return account;
}

describe('ChatApp: signing in', () => {
  it('refuses a wrong password on the form and saves nothing', async () => {
    env = await startChatApp();
    const reply = await env.core.handle('accounts.add', {
      provider: 'chatapp',
      label: 'Shop',
      config: env.sim.accountConfig(),
      secrets: { password: 'wrong' },
    });
    expect(reply).toMatchObject({
      ok: false,
      error: {
        code: 'auth',
        message: expect.stringContaining('refused the email, password or app id'),
        issues: [{ path: 'password' }],
      },
    });
    expect((await env.core.call('accounts.list', {})).accounts).toEqual([]);
  });

  it('explains a form with a bad address before calling anyone', async () => {
    env = await startChatApp();
    const reply = await env.core.handle('accounts.add', {
      provider: 'chatapp',
      label: 'Shop',
      config: { ...env.sim.accountConfig(), apiBase: 'api.chatapp.online', email: 'nope' },
      secrets: { password: 'x' },
    });
    expect(reply).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_request',
        issues: expect.arrayContaining([
          expect.objectContaining({ path: 'apiBase' }),
          expect.objectContaining({ path: 'email' }),
        ]),
      },
    });
    expect(env.sim.calls.get('POST /v1/tokens')).toBeUndefined();
  });

  it('says plainly when the API host cannot be reached', async () => {
    env = await startChatApp();
    const reply = await env.core.handle('accounts.add', {
      provider: 'chatapp',
      label: 'Shop',
      config: { ...env.sim.accountConfig(), apiBase: 'http://127.0.0.1:1' },
      secrets: { password: 'x' },
    });
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringContaining('could not be reached') },
    });
  });

  it('lists one line per license × messenger, each online, with the tokens kept as secrets', async () => {
    const account = await connected();
    const { lines } = await env.core.call('accounts.list', {});
    expect(lines.map((l) => [l.providerLineId, l.messenger, l.login.state])).toEqual([
      [WA, 'whatsapp', 'authorized'],
      [TG, 'telegram', 'authorized'],
    ]);
    expect(JSON.parse(env.core.secrets.get(account.id)!.tokens!)).toMatchObject({
      accessToken: expect.stringMatching(/^\$2y\$10\$/),
    });
    expect(env.sim.calls.get('POST /v1/tokens')).toBe(1);
  });

  it('refreshes an expired access token and retries once, without logging in again', async () => {
    const account = await connected();
    await env.sim.receive(WA, '79001112233@c.us', 'hi', { live: false });
    const conversation = await until(async () => {
      await env.sim.receive(WA, '79001112233@c.us', 'ping');
      return env.conversationOf(account.id, WA, '79001112233@c.us');
    }, 'conversation');
    env.sim.expireAccessTokens();
    const sent = await env.core.call('messages.send', {
      conversationId: conversation.id,
      clientRef: 'refresh-0001',
      text: 'after expiry',
    });
    await until(
      async () =>
        (await env.messages(conversation.id)).find((m) => m.id === sent.id)?.status?.tick ===
        'read',
      'read',
    );
    expect(env.sim.calls.get('POST /v1/tokens/refresh')).toBe(1);
    expect(env.sim.calls.get('POST /v1/tokens')).toBe(1);

    // Channel auth after a reconnect uses the refreshed token too.
    env.sim.expireAccessTokens();
    env.sim.pusher.dropAll();
    await until(() => env.sim.pusher.subscribers(WA_CHANNEL) === 1, 're-subscription');
    expect(env.sim.calls.get('POST /v1/tokens/refresh')).toBe(2);
  });

  it('logs in again only when the refresh token is dead, and shows "sign-in needed" when that fails', async () => {
    const account = await connected();
    env.sim.revokeAllTokens();
    env.sim.pusher.dropAll();
    await until(
      () => env.sim.pusher.subscribers(WA_CHANNEL) === 1,
      're-subscription after re-login',
    );
    expect(env.sim.calls.get('POST /v1/tokens')).toBe(2);

    env.sim.options.password = 'changed by the owner';
    env.sim.revokeAllTokens();
    env.sim.pusher.dropAll();
    const state = await until(() => {
      const s = env.core.connections.state(account.id);
      return s.state === 'auth_error' ? s : undefined;
    }, 'auth error');
    expect(state.reason).toMatch(/sign in again|refused/i);
  });
});

describe.each(['bare', 'wrapped'] as const)('ChatApp: every event, %s envelope', (envelope) => {
  it('lands each event in the cache', async () => {
    const account = await connected({ envelope, statusStepMs: 0 });
    const wa = env.sim.line(WA);
    const chatId = '79005550101@c.us';
    const incoming = await env.sim.receive(WA, chatId, 'Do you have white roses?', {
      name: 'Мария',
    });
    const conversation = await until(
      () => env.conversationOf(account.id, WA, chatId),
      'conversation',
    );
    expect(conversation).toMatchObject({
      title: 'Мария',
      unread: 1,
      lastMessage: { text: 'Do you have white roses?' },
    });

    // A message typed on the phone, then its receipts.
    const chat = env.sim.state.chat(wa, chatId);
    const fromPhone = env.sim.state.newMessage(wa, chat, {
      side: 'out',
      text: 'Yes, 25 of them',
      time: env.sim.nowS(),
    });
    await env.sim.publish(wa, 'message', [fromPhone]);
    for (const type of ['sent', 'delivered', 'viewed'])
      await env.sim.publish(wa, 'messageStatus', [
        { id: fromPhone.id, type, time: env.sim.nowS() },
      ]);
    await env.sim.publish(wa, 'messageSystem', [
      {
        id: 'sys-1',
        type: 'system',
        message: { text: 'Set responsible Test Testov [685]' },
        chat: { id: chatId },
      },
    ]);
    await env.sim.publish(wa, 'messageReaction', [
      { id: incoming.id, reaction: '❤️', action: 'react' },
    ]);
    await env.sim.publish(wa, 'messageDestroy', [{ id: fromPhone.id, time: env.sim.nowS() }]);
    await env.sim.publish(wa, 'chatTag', [
      { type: 'add', tag: { id: 29, name: 'VIP', color: '#ff0000' }, chat: { id: chatId } },
      { type: 'add', tag: { id: 30, name: 'Wholesale' }, chat: { id: chatId } },
    ]);
    await env.sim.publish(wa, 'chatTag', [
      { type: 'destroy', tag: { id: 30, name: 'Wholesale' }, chat: { id: chatId } },
    ]);
    await env.sim.publish(wa, 'chatConversation', [
      {
        conversation: { id: 'ccb637d1', type: 'BIC', startTime: 1644500500, endTime: 1644586900 },
        chat: { id: chatId },
      },
    ]);
    await env.sim.publish(wa, 'chatStatus', [{ type: 'close', chat: { id: chatId } }]);
    await env.sim.publishRaw(env.sim.companyChannel(), 'employeeStatus', {
      data: [{ id: 685, status: 'online' }],
    });
    await env.sim.publishRaw(env.sim.userChannel(), 'quickResponseList', {
      data: [
        { id: 1, text: 'Hello!' },
        { id: 2, text: 'Thanks!' },
      ],
    });
    await env.sim.publishRaw(env.sim.userChannel(), 'quickResponse', {
      data: [{ id: 2, text: 'Thank you!', action: 'update' }],
    });

    const rows = await until(async () => {
      const list = await env.messages(conversation.id);
      return list.length === 3 && list.some((m) => m.deleted) ? list : undefined;
    }, 'all message events');
    expect(rows.map((m) => [m.direction, m.origin, m.type, m.deleted])).toEqual([
      ['in', 'contact', 'text', false],
      ['out', 'phone', 'text', true],
      ['in', 'system', 'system', false],
    ]);
    expect(rows[0]?.reactions).toEqual({ contact: '❤️' });
    expect(rows[1]?.status).toEqual({ tick: 'read' });
    expect(rows[2]?.text).toBe('Set responsible Test Testov [685]');

    const meta = await until(async () => {
      const c = await env.core.call('conversations.get', { id: conversation.id });
      return c.meta.open === false ? c.meta : undefined;
    }, 'conversation metadata');
    expect(meta).toEqual({
      tags: [{ id: '29', name: 'VIP', color: '#ff0000' }],
      window: { kind: 'BIC', startsAt: 1644500500000, endsAt: 1644586900000 },
      open: false,
    });

    const workspace = await until(async () => {
      const w = await env.core.call('accounts.workspace', { accountId: account.id });
      return (w['chatapp.quickResponses'] as { text: string }[] | undefined)?.some(
        (q) => q.text === 'Thank you!',
      )
        ? w
        : undefined;
    }, 'workspace data');
    expect(workspace).toMatchObject({
      'chatapp.employeeStatus': [{ id: 685, status: 'online' }],
      'chatapp.quickResponses': [
        { id: 1, text: 'Hello!' },
        { id: 2, text: 'Thank you!' },
      ],
    });
    expect(env.core.cache.quarantine.list(account.id)).toEqual([]);
  });
});

describe('ChatApp: ticks and sending', () => {
  it('never downgrades a tick when receipts arrive late or out of order', async () => {
    const account = await connected({ statusStepMs: 0 });
    const wa = env.sim.line(WA);
    const chat = env.sim.state.chat(wa, '79005550102@c.us');
    const message = env.sim.state.newMessage(wa, chat, {
      side: 'out',
      text: 'Order #42 is on its way',
      time: env.sim.nowS(),
    });
    await env.sim.publish(wa, 'message', [message]);
    for (const type of ['viewed', 'delivered', 'sent', 'delivered'])
      await env.sim.publish(wa, 'messageStatus', [{ id: message.id, type }]);
    await env.sim.publish(wa, 'messageStatus', [
      { id: message.id, type: 'failed', error: { code: 131, message: 'late failure' } },
    ]);
    const conversation = await until(
      () => env.conversationOf(account.id, WA, chat.id),
      'conversation',
    );
    await new Promise((r) => setTimeout(r, 100));
    expect((await env.messages(conversation.id))[0]?.status).toEqual({ tick: 'read' });
  });

  it('reconciles a send into one row: clock at once, then the echo and receipts on the same row up to read', async () => {
    const account = await connected({ statusStepMs: 40 });
    await env.sim.receive(TG, 'private-77', 'Can I pay by card?', { name: 'Ivan' });
    const conversation = await until(
      () => env.conversationOf(account.id, TG, 'private-77'),
      'conversation',
    );
    const ticks: string[] = [];
    let sentId = 0;
    env.core.on((event, payload) => {
      if (event !== 'messages.upserted') return;
      for (const m of (payload as { messages: { id: number; status?: { tick: string } }[] })
        .messages) {
        if (m.id === sentId && m.status && ticks.at(-1) !== m.status.tick)
          ticks.push(m.status.tick);
      }
    });
    const sent = await env.core.call('messages.send', {
      conversationId: conversation.id,
      clientRef: 'send-0000001',
      text: 'Yes, any card',
    });
    sentId = sent.id;
    expect(sent.status).toEqual({ tick: 'pending' });
    await until(
      async () =>
        (await env.messages(conversation.id)).find((m) => m.id === sent.id)?.status?.tick ===
        'read',
      'read',
    );
    const rows = (await env.messages(conversation.id)).filter((m) => m.direction === 'out');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: sent.id, origin: 'this_app', text: 'Yes, any card' });
    expect(env.sim.sent).toHaveLength(1);
    expect(ticks).toContain('read');
    expect(ticks.indexOf('read')).toBe(ticks.length - 1);
  });

  it('keeps one row when the echo of a send arrives before the send’s HTTP reply', async () => {
    const account = await connected({ statusStepMs: 0, echoBeforeReplyMs: 150 });
    await env.sim.receive(TG, 'private-78', 'Is it in stock?', { name: 'Pyotr' });
    const conversation = await until(
      () => env.conversationOf(account.id, TG, 'private-78'),
      'conversation',
    );
    const sent = await env.core.call('messages.send', {
      conversationId: conversation.id,
      clientRef: 'send-echo-001',
      text: 'Yes, two left',
    });
    await until(() => env.sim.sent.length === 1, 'the send reached ChatApp');
    await until(
      async () => {
        const out = (await env.messages(conversation.id)).filter((m) => m.direction === 'out');
        return out.length === 1 && out[0]!.status?.tick !== 'pending' ? out : undefined;
      },
      'one outgoing row, past pending',
      10_000,
    );
    const out = (await env.messages(conversation.id)).filter((m) => m.direction === 'out');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ id: sent.id, text: 'Yes, two left', status: { tick: 'sent' } });
    expect(env.core.cache.outbox.byMessage(sent.id)?.state).toBe('accepted');
  });

  it('sends a file with its caption, and a reply that quotes the message', async () => {
    const account = await connected({ statusStepMs: 0 });
    const question = await env.sim.receive(WA, '79005550103@c.us', 'Send me the price list please');
    const conversation = await until(
      () => env.conversationOf(account.id, WA, '79005550103@c.us'),
      'conversation',
    );
    const [quotedRow] = await env.messages(conversation.id);
    const pdf = Buffer.from('%PDF-1.4 price list').toString('base64');
    await env.core.call('messages.send', {
      conversationId: conversation.id,
      clientRef: 'file-0000001',
      text: 'Here it is',
      attachment: { fileName: 'prices.pdf', mime: 'application/pdf', size: 19, dataBase64: pdf },
      replyTo: quotedRow!.id,
    });
    await until(() => env.sim.sent.length === 1, 'file upload');
    expect(env.sim.sent[0]).toMatchObject({
      type: 'document',
      message: {
        caption: 'Here it is',
        file: { name: 'prices.pdf', mime: 'application/pdf', size: 19 },
      },
      quotedMessage: { id: question.id },
    });
    const row = await until(
      async () =>
        (await env.messages(conversation.id)).find((m) => m.direction === 'out' && m.media?.url),
      'echo with the file link',
    );
    expect(row).toMatchObject({
      type: 'document',
      text: 'Here it is',
      media: { fileName: 'prices.pdf' },
      quoted: { providerId: question.id },
    });
  });
});

describe('ChatApp: connection trouble and bad input', () => {
  it('quarantines malformed and unknown events and keeps the connection', async () => {
    const account = await connected();
    env.sim.pusher.sendRaw(
      WA_CHANNEL,
      JSON.stringify({ event: 'message', channel: WA_CHANNEL, data: '{not json' }),
    );
    await env.sim.publishRaw(WA_CHANNEL, 'message', { data: [{ id: 5, side: 'in' }] });
    await env.sim.publishRaw(WA_CHANNEL, 'message', { nothing: true });
    await env.sim.publishRaw(WA_CHANNEL, 'chatTyping', { data: [] });
    await env.sim.receive(WA, '79005550104@c.us', 'still here?');
    await until(
      () => env.conversationOf(account.id, WA, '79005550104@c.us'),
      'a valid message after the bad ones',
    );
    const reasons = env.core.cache.quarantine.list(account.id).map((q) => q.reason);
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^message: neither/),
        'unknown event "chatTyping"',
      ]),
    );
    expect(env.core.connections.state(account.id).state).toBe('online');
  });

  it('after the server dies mid-stream and comes back, has every message exactly once', async () => {
    const account = await connected({ statusStepMs: 0 });
    const chatId = '79005550105@c.us';
    for (const text of ['one', 'two']) await env.sim.receive(WA, chatId, text);
    const conversation = await until(
      () => env.conversationOf(account.id, WA, chatId),
      'conversation',
    );
    await until(async () => (await env.messages(conversation.id)).length === 2, 'live messages');

    const port = env.sim.port;
    await env.sim.stop();
    const down = await until(() => {
      const s = env.core.connections.state(account.id);
      return s.state === 'reconnecting' ? s : undefined;
    }, 'reconnecting');
    expect(down.nextAttemptAt).toBeGreaterThanOrEqual(Date.now() - 50);
    for (const text of ['three', 'four', 'five'])
      await env.sim.receive(WA, chatId, text, { live: false });
    await env.sim.receive(WA, '79005550106@c.us', 'a new chat while you were away', {
      live: false,
    });
    await env.sim.start(port);

    await env.online(account.id);
    const texts = await until(
      async () => {
        const list = (await env.messages(conversation.id)).map((m) => m.text);
        return list.length >= 5 ? list : undefined;
      },
      'gap-fill',
      30_000,
    );
    expect(texts).toEqual(['one', 'two', 'three', 'four', 'five']);
    const other = await until(
      () => env.conversationOf(account.id, WA, '79005550106@c.us'),
      'the new chat',
    );
    expect(other.unread).toBe(1);
    expect((await env.core.call('conversations.get', { id: conversation.id })).unread).toBe(5);
  }, 60_000);

  it('gap-fills a chat even when a live message for it arrives first after the reconnect', async () => {
    const account = await connected({ statusStepMs: 0 });
    const chatId = '79005550107@c.us';
    // ChatApp's times are whole seconds, and the reconnect takes less than one: the outage's
    // messages are dated apart, as they would be over a real outage.
    await env.sim.receive(WA, chatId, 'one', { time: env.sim.nowS() - 30 });
    const conversation = await until(
      () => env.conversationOf(account.id, WA, chatId),
      'conversation',
    );
    const port = env.sim.port;
    await env.sim.stop();
    await until(
      () => env.core.connections.state(account.id).state === 'reconnecting',
      'reconnecting',
    );
    for (const [i, text] of ['two', 'three'].entries())
      await env.sim.receive(WA, chatId, text, { live: false, time: env.sim.nowS() - 20 + i });
    env.sim.chatListDelayMs = 400;
    await env.sim.start(port);
    await env.online(account.id);
    await until(() => env.sim.pusher.subscribers(WA_CHANNEL) === 1, 'subscribed again');
    await env.sim.receive(WA, chatId, 'four');
    const texts = await until(
      async () => {
        const list = (await env.messages(conversation.id)).map((m) => m.text);
        return list.length >= 4 ? list : undefined;
      },
      'gap-fill behind the live message',
      20_000,
    );
    expect(texts).toEqual(['one', 'two', 'three', 'four']);
  }, 60_000);

  it('tries the gap-fill again when the first request after the reconnect is cut off', async () => {
    const account = await connected({ statusStepMs: 0 });
    const chatId = '79005550108@c.us';
    await env.sim.receive(WA, chatId, 'before', { time: env.sim.nowS() - 30 });
    const conversation = await until(
      () => env.conversationOf(account.id, WA, chatId),
      'conversation',
    );
    const port = env.sim.port;
    await env.sim.stop();
    await until(
      () => env.core.connections.state(account.id).state === 'reconnecting',
      'reconnecting',
    );
    await env.sim.receive(WA, chatId, 'during the outage', {
      live: false,
      time: env.sim.nowS() - 10,
    });
    env.sim.resetChatListTimes = 2;
    await env.sim.start(port);
    const texts = await until(
      async () => {
        const list = (await env.messages(conversation.id)).map((m) => m.text);
        return list.length >= 2 ? list : undefined;
      },
      'the outage’s message, after the retried gap-fill',
      20_000,
    );
    expect(texts).toEqual(['before', 'during the outage']);
    expect(env.sim.resetChatListTimes).toBe(0);
  }, 60_000);

  it('loads older pages from ChatApp when the user scrolls past the cache', async () => {
    env = await startChatApp({ statusStepMs: 0 });
    const wa = env.sim.line(WA);
    const chat = env.sim.state.chat(wa, '79005550107@c.us', 'Long story');
    for (let i = 0; i < 120; i++)
      env.sim.state.newMessage(wa, chat, {
        side: i % 3 ? 'in' : 'out',
        text: `history ${i}`,
        time: 1_700_000_000 + i * 60,
      });
    const account = await env.addAccount();
    const conversation = await until(
      async () => {
        const c = await env.conversationOf(account.id, WA, chat.id);
        return c?.lastMessage?.text === 'history 119' ? c : undefined;
      },
      'first sync',
      20_000,
    );
    expect(conversation.unread).toBe(chat.unread);
    const first = await env.core.call('messages.page', {
      conversationId: conversation.id,
      limit: 50,
    });
    expect(first.items.map((m) => m.text)).toEqual(
      Array.from({ length: 30 }, (_, i) => `history ${90 + i}`),
    );
    // Reaching the top of the cache asks ChatApp for the page before it, until there is none.
    expect(first.loadingOlder).toBe(true);
    await until(
      async () => {
        const page = await env.core.call('messages.page', {
          conversationId: conversation.id,
          limit: 500,
        });
        return page.items.length === 120 && !page.loadingOlder;
      },
      'the whole history',
      20_000,
    );
    const texts = (await env.messages(conversation.id)).map((m) => m.text);
    expect(texts).toEqual(Array.from({ length: 120 }, (_, i) => `history ${i}`));
  }, 60_000);
});
