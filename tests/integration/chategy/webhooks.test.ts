import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startChategy, until } from './harness.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('Chategy webhooks through the ingress', () => {
  it('takes every webhook type into the cache', async () => {
    const env = await startChategy(cleanups, {
      sessions: { whatsapp: 1, tdlib: 3, max: 2 },
      payloadShape: 'flat',
    });
    const account = await env.add();
    const now = Math.floor(Date.now() / 1000);
    const { id: firstId } = await env.sim.receiveWhatsApp('995555558974', 'Hi there');
    await env.sim.receiveWhatsApp('995555558974', '', {
      file: {
        mime: 'image/jpeg',
        url: 'https://production-docs.storage.yandexcloud.net/a/1764069615_media.jpg?X-Amz-Expires=172800',
        caption: 'the box',
      },
      replyTo: firstId,
    });
    await env.sim.receiveFlat('tdlib', 379163707, 'Telegram hello', {
      typeCase: 'FormattedText',
      messageId: 11,
    });
    await env.sim.receiveFlat('tdlib', 379163707, 'Telegram again', {
      typeCase: 'formattedText',
      messageId: 12,
      replyTo: 11,
    });
    await env.sim.receiveFlat('max', '41588932', 'MAX hello', { messageId: '117033084582515339' });
    await env.sim.receiveFlat('telegram_bot', '995598464533', 'Bot hello', { messageId: 7 });
    for (const [type, payload] of [
      [
        'tdlib_call',
        {
          customer_id: 813,
          call: {
            id: 9,
            is_video: true,
            reason: 'callDiscardReasonMissed',
            state: 'callStateDiscarded',
          },
          chat_id: 379163707,
          chat_type: 'person',
          direction: 'incoming',
          sender_id: 379163707,
          sender_name: 'mdyageleva',
        },
      ],
      [
        'whatsapp_call',
        {
          customer_id: 813,
          incoming_call: {
            call: {
              id: '280F899CBF131466501CDA1B608',
              timestamp: now,
              type: 'video',
              is_group: false,
            },
            direction: 'incoming',
            sender_id: '995555558974@c.us',
            chat_id: '995555558974@c.us',
            chat_phone: '995555558974',
          },
        },
      ],
      [
        'whatsapp_log_out',
        {
          customer_id: 813,
          email: 'shop@example.com',
          phone: '+995598464533',
          status: { status_id: 1, description: 'disconnected' },
        },
      ],
    ] as const) {
      expect((await env.sim.post(type, payload)).status).toBe(200);
    }

    const wa = (await until(
      () => env.conversation(account.id, 'whatsapp', '995555558974@c.us'),
      'whatsapp chat',
    ))!;
    const waRows = await env.messages(wa.id);
    expect(waRows.map((m) => [m.type, m.text])).toEqual([
      ['text', 'Hi there'],
      ['image', 'the box'],
      ['call', 'Incoming video call'],
    ]);
    expect(waRows[1]).toMatchObject({
      quoted: { preview: 'Hi there', senderName: 'Customer 8974' },
      media: { mime: 'image/jpeg', fileName: '1764069615_media.jpg' },
    });
    expect(waRows[1]!.media?.urlExpiresAt).toBeGreaterThan(Date.now() + 47 * 3600_000);
    const tg = (await env.conversation(account.id, 'tdlib', '379163707'))!;
    expect((await env.messages(tg.id)).map((m) => [m.type, m.text])).toEqual([
      ['text', 'Telegram hello'],
      ['text', 'Telegram again'],
      ['call', 'Video: Missed call'],
    ]);
    expect((await env.messages(tg.id))[1]).toMatchObject({ quoted: { preview: 'Telegram hello' } });
    expect(await env.conversation(account.id, 'max', '41588932')).toMatchObject({
      lastMessage: { text: 'MAX hello' },
    });
    expect(await env.conversation(account.id, 'telegram_bot', '995598464533')).toMatchObject({
      lastMessage: { text: 'Bot hello' },
    });
    const { lines } = await env.core.call('accounts.list', {});
    expect(lines.find((l) => l.providerLineId === 'telegram_bot')).toMatchObject({
      messenger: 'telegram_bot',
      title: 'Telegram bot',
    });
    expect(env.core.cache.accounts.line(`${account.id}/whatsapp`)?.login.state).toBe('logged_out');
    expect(env.core.cache.quarantine.list(account.id)).toEqual([]);
  });

  it('copies media behind expiring links into the data folder while they work', async () => {
    const env = await startChategy(cleanups, { sessions: { whatsapp: 1 } });
    const account = await env.add();
    const photo = Buffer.from('\xff\xd8\xff\xe0 a small jpeg', 'latin1');
    await env.sim.receiveWhatsApp('995555558974', '', {
      file: {
        mime: 'image/jpeg',
        url: env.sim.hostFile('1764069615_media.jpg', 'image/jpeg', photo),
        caption: 'the box',
      },
    });
    const chat = (await until(
      () => env.conversation(account.id, 'whatsapp', '995555558974@c.us'),
      'chat',
    ))!;
    await env.core.media.idle();
    const [row] = await env.messages(chat.id);
    expect(row!.media).toMatchObject({
      mime: 'image/jpeg',
      fileName: '1764069615_media.jpg',
      localPath: expect.stringMatching(/media[\\/]\d+-1764069615_media\.jpg$/),
    });
    expect(fs.readFileSync(row!.media!.localPath!)).toEqual(photo);
    // The link dies after 48 h; the copy does not.
    env.sim.files.clear();
    expect((await fetch(row!.media!.url!)).status).toBe(404);
    expect(fs.existsSync(row!.media!.localPath!)).toBe(true);
  });

  it('keeps read when a late "received" arrives, under both status event names', async () => {
    const env = await startChategy(cleanups, { sessions: { whatsapp: 1 }, stepMs: 0 });
    const account = await env.add();
    await env.sim.receiveWhatsApp('995555558974', 'Hi');
    const chat = (await until(
      () => env.conversation(account.id, 'whatsapp', '995555558974@c.us'),
      'chat',
    ))!;
    const sent = await env.core.call('messages.send', {
      conversationId: chat.id,
      clientRef: 'cg-mono-00001',
      text: 'Order #1 confirmed',
    });
    await until(() => env.sim.deliveries.list.length === 1, 'delivery');
    const delivery = env.sim.deliveries.list[0]!;
    await env.sim.webhookFor(delivery, 'echo');
    const status = (type: string, value: string) =>
      env.sim.post(type, {
        customer_id: 813,
        delivery_id: null,
        message_status: { id: delivery.messageId, status: value, chat_id: '995555558974@c.us' },
      });
    const tick = async () => (await env.messages(chat.id)).find((m) => m.id === sent.id)?.status;
    await status('message_status', 'read');
    expect(await tick()).toEqual({ tick: 'read' });
    await status('whatsapp_status_msg', 'received');
    await status('whatsapp_status_msg', 'sent');
    expect(await tick()).toEqual({ tick: 'read' });
    await status('message_status', 'failed');
    expect(await tick()).toEqual({ tick: 'read' });
  });

  it('answers a malformed webhook 200 and quarantines it; a good one right after is stored; a wrong secret is 404', async () => {
    const env = await startChategy(cleanups, { sessions: { whatsapp: 1 } });
    const account = await env.add();
    const url = env.sim.webhooks[0]!.url;
    expect(
      (await env.sim.postTo(url, '{"type": "whatsapp_incoming_msg", "payload": {')).status,
    ).toBe(200);
    expect(
      (
        await env.sim.postTo(url, {
          type: 'whatsapp_incoming_msg',
          payload: { customer_id: 813, new_message: { direction: 'incoming' } },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await env.sim.postTo(url, {
          type: 'whatsapp_incoming_msg',
          payload: {
            customer_id: 4242,
            new_message: {
              message: { id: 'x', text: 'not ours' },
              direction: 'incoming',
              chat_id: '1@c.us',
            },
          },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await env.sim.postTo(url.replace(/\/[^/]+$/, '/wrong-secret-000000000'), {
          type: 'whatsapp_log_in',
          payload: {},
        })
      ).status,
    ).toBe(404);
    await env.sim.receiveWhatsApp('995555558974', 'Still here');
    expect(
      await until(() => env.conversation(account.id, 'whatsapp', '995555558974@c.us'), 'stored'),
    ).toMatchObject({ lastMessage: { text: 'Still here' } });
    const quarantined = env.core.cache.quarantine.list(account.id);
    expect(quarantined.map((q) => q.reason).sort()).toEqual([
      'the body is not JSON',
      'webhook for Chategy customer 4242, not this account (813)',
      expect.stringContaining('whatsapp_incoming_msg not understood: new_message.message'),
    ]);
  });
});
