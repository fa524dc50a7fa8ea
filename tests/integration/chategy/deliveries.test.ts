import { afterEach, describe, expect, it } from 'vitest';
import fixture from '../../fixtures/chategy/callback.json' with { type: 'json' };
import { pollTimings } from '../../../main/providers/chategy/poller.node.ts';
import { startChategy, until, type Env } from './harness.ts';

/**
 * How a Chategy delivery ends when no receipt webhook says so: the final status POSTed to the
 * send's `callback_url`, and polling as the fallback; and how a cascade to SMS ends.
 */
const cleanups: (() => Promise<void>)[] = [];
const saved = { ...pollTimings };
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  Object.assign(pollTimings, saved);
});

async function whatsAppChat(env: Env, accountId: string, from: string) {
  expect((await env.sim.receiveWhatsApp(from, 'Hi')).status).toBe(200);
  return until(() => env.conversation(accountId, 'whatsapp', `${from}@c.us`), 'conversation');
}

const statusOf = async (env: Env, conversationId: number, id: number) =>
  (await env.messages(conversationId)).find((m) => m.id === id)?.status;

describe('Chategy delivery callbacks', () => {
  it('passes the account’s webhook address as callback_url, and applies the final status POSTed there', async () => {
    // Polls far in the future: only the callback can settle the message within the test.
    Object.assign(pollTimings, { firstMs: 600_000, whatsAppFirstMs: 600_000 });
    const env = await startChategy(cleanups, { sessions: { tdlib: 3 }, stepMs: 20 });
    const account = await env.add();
    const { publicUrl } = await env.core.call('webhooks.info', { accountId: account.id });
    expect((await env.sim.receiveFlat('tdlib', 5550001, 'Привет')).status).toBe(200);
    const chat = await until(
      () => env.conversation(account.id, 'tdlib', '5550001'),
      'the Telegram chat',
    );
    const sent = await env.core.call('messages.send', {
      conversationId: chat.id,
      clientRef: 'cg-callback-1',
      text: 'Заказ отправлен',
    });
    await until(() => env.sim.deliveries.list.length === 1, 'the delivery');
    expect(env.sim.deliveries.list[0]!.callbackUrl).toBe(publicUrl);
    await until(
      async () => (await statusOf(env, chat.id, sent.id))?.tick === 'delivered',
      'delivered from the callback',
    );
    // The simulator notes a POST once its answer is in, a moment after the core applied it.
    const callback = await until(
      () => env.sim.posted.find((p) => 'delivery' in (p.body as object)),
      'the callback noted',
    );
    expect(callback).toMatchObject({
      url: publicUrl,
      status: 200,
      body: { delivery: { status: { status_id: 2, dispatch_routing: 'tdlib' } } },
    });
    expect(env.core.cache.quarantine.list(account.id)).toEqual([]);
  });

  it('reads the seed’s own callback sample (no type) through the webhook sink', async () => {
    Object.assign(pollTimings, { firstMs: 600_000, whatsAppFirstMs: 600_000 });
    const env = await startChategy(cleanups, { sessions: { whatsapp: 1 }, stepMs: 0 });
    const account = await env.add();
    const chat = await whatsAppChat(env, account.id, '995555551001');
    const sent = await env.core.call('messages.send', {
      conversationId: chat.id,
      clientRef: 'cg-callback-2',
      text: 'A long text',
    });
    const delivery = await until(() => env.sim.deliveries.list[0], 'the delivery');
    const { publicUrl } = await env.core.call('webhooks.info', { accountId: account.id });
    const body = structuredClone(fixture.sample);
    body.delivery.id = delivery.id;
    expect((await env.sim.postTo(publicUrl!, body)).status).toBe(200);
    const status = await until(async () => {
      const s = await statusOf(env, chat.id, sent.id);
      return s?.tick === 'failed' ? s : undefined;
    }, 'failed from the callback');
    expect(status).toMatchObject({ tick: 'failed', code: 26, reason: 'The message is too long.' });
    expect(env.core.cache.quarantine.list(account.id)).toEqual([]);
  });
});

describe('Chategy WhatsApp deliveries without receipts', () => {
  it('polls a WhatsApp delivery when no webhook and no callback comes: a number not on WhatsApp fails instead of keeping its clock', async () => {
    Object.assign(pollTimings, { whatsAppFirstMs: 30 });
    const env = await startChategy(cleanups, {
      sessions: { whatsapp: 1 },
      stepMs: 20,
      notOnWhatsApp: ['995555551002'],
      whatsAppReceipts: false,
      sendCallbacks: false,
    });
    const account = await env.add();
    const chat = await whatsAppChat(env, account.id, '995555551002');
    const sent = await env.core.call('messages.send', {
      conversationId: chat.id,
      clientRef: 'cg-poll-wa-01',
      text: 'Hello?',
    });
    const status = await until(async () => {
      const s = await statusOf(env, chat.id, sent.id);
      return s?.tick === 'failed' ? s : undefined;
    }, 'failed from the poll');
    expect(status).toMatchObject({ code: 44, reason: 'This number is not on WhatsApp.' });
  });

  it('polls a WhatsApp delivery deleted at Chategy before it went: it shows as deleted', async () => {
    Object.assign(pollTimings, { whatsAppFirstMs: 30 });
    const env = await startChategy(cleanups, {
      sessions: { whatsapp: 1 },
      stepMs: 0,
      whatsAppReceipts: false,
      sendCallbacks: false,
    });
    const account = await env.add();
    const chat = await whatsAppChat(env, account.id, '995555551003');
    const sent = await env.core.call('messages.send', {
      conversationId: chat.id,
      clientRef: 'cg-poll-wa-02',
      text: 'Cancelled order',
    });
    env.sim.deliveries.remove(await until(() => env.sim.deliveries.list[0], 'the delivery'));
    await until(
      async () => (await env.messages(chat.id)).find((m) => m.id === sent.id)?.deleted,
      'deleted from the poll',
    );
  });

  it('stops polling a WhatsApp delivery once its receipt webhook says delivered', async () => {
    Object.assign(pollTimings, { whatsAppFirstMs: 30, maxMs: 30 });
    const env = await startChategy(cleanups, {
      sessions: { whatsapp: 1 },
      stepMs: 20,
      sendCallbacks: false,
    });
    const account = await env.add();
    const chat = await whatsAppChat(env, account.id, '995555551004');
    const sent = await env.core.call('messages.send', {
      conversationId: chat.id,
      clientRef: 'cg-poll-wa-03',
      text: 'Thanks!',
    });
    await until(
      async () => (await statusOf(env, chat.id, sent.id))?.tick === 'read',
      'read from the webhooks',
    );
    const polls = () =>
      env.sim.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/api/v1/delivery/'))
        .length;
    const before = polls();
    await new Promise((r) => setTimeout(r, 300));
    expect(polls()).toBe(before);
  });
});

describe('Chategy cascades', () => {
  it('ends a WhatsApp-then-SMS cascade as delivered by SMS, and says so', async () => {
    const env = await startChategy(cleanups, {
      sessions: { whatsapp: 1 },
      stepMs: 20,
      notOnWhatsApp: ['995555551005'],
      sendCallbacks: false,
    });
    const account = await env.add({ smsFallback: 'yes' });
    const chat = await whatsAppChat(env, account.id, '995555551005');
    const sent = await env.core.call('messages.send', {
      conversationId: chat.id,
      clientRef: 'cg-cascade-02',
      text: 'Your code is 5120',
    });
    await until(
      async () => (await statusOf(env, chat.id, sent.id))?.tick === 'delivered',
      'delivered',
    );
    expect(await statusOf(env, chat.id, sent.id)).toEqual({ tick: 'delivered', via: 'sms' });
  });

  it('lets a delivered-by-SMS callback lift a WhatsApp failure already shown', async () => {
    Object.assign(pollTimings, { firstMs: 600_000, whatsAppFirstMs: 600_000 });
    const env = await startChategy(cleanups, { sessions: { whatsapp: 1 }, stepMs: 0 });
    const account = await env.add({ smsFallback: 'yes' });
    const chat = await whatsAppChat(env, account.id, '995555551006');
    const sent = await env.core.call('messages.send', {
      conversationId: chat.id,
      clientRef: 'cg-cascade-03',
      text: 'Your code is 7781',
    });
    const delivery = await until(() => env.sim.deliveries.list[0], 'the delivery');
    // The WhatsApp failure reaches a core that is not watching the cascade (say, it restarted).
    await env.sim.post('message_status', {
      ...env.sim.instance(),
      delivery_id: null,
      message_status: {
        id: delivery.messageId,
        status: 'failed',
        chat_id: `${delivery.recipient}@c.us`,
        chat_lid: null,
      },
    });
    await env.sim.post('whatsapp_incoming_msg', {
      ...env.sim.instance(),
      new_message: {
        message: {
          id: delivery.messageId,
          timestamp: Math.floor(Date.now() / 1000),
          type: 'text',
          text: 'Your code is 7781',
        },
        direction: 'outgoing',
        chat_id: `${delivery.recipient}@c.us`,
        sender_id: '995598464533@c.us',
      },
      delivery_id: delivery.id,
    });
    const { publicUrl } = await env.core.call('webhooks.info', { accountId: account.id });
    await until(
      async () => (await statusOf(env, chat.id, sent.id))?.tick === 'failed',
      'failed on WhatsApp',
    );
    await env.sim.postTo(publicUrl!, {
      delivery: {
        sender_name: 'CHATEGY.IO',
        id: delivery.id,
        status: { status_id: 2, description: 'Delivered', dispatch_routing: 'sms' },
      },
    });
    await until(
      async () => (await statusOf(env, chat.id, sent.id))?.tick === 'delivered',
      'delivered by SMS',
    );
    expect(await statusOf(env, chat.id, sent.id)).toEqual({ tick: 'delivered', via: 'sms' });
  });
});
