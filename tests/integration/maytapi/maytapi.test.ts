import { afterEach, describe, expect, it } from 'vitest';
import { maytapiPlugin } from '../../../main/providers/maytapi/plugin.node.ts';
import { timings } from '../../../main/providers/maytapi/connection.node.ts';
import {
  MaytapiSimulator,
  type MaytapiSimulatorOptions,
} from '../../../main/providers/maytapi/simulator/simulator.node.ts';
import { openTestCore } from '../../helpers/core.ts';
import { until } from '../chatapp/harness.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start(options: MaytapiSimulatorOptions = {}) {
  const sim = await new MaytapiSimulator(options).start();
  cleanups.push(() => sim.stop());
  const { core, settings, logins } = await openTestCore(maytapiPlugin, cleanups, {
    webhooks: true,
  });
  const add = async () => {
    const account = await core.call('accounts.add', {
      provider: 'maytapi',
      label: 'Hosted',
      config: sim.accountConfig(),
      secrets: { apiKey: sim.options.apiKey },
    });
    await until(() => core.connections.state(account.id).state === 'online', 'online');
    await core.call('webhooks.register', { accountId: account.id, replaceForeign: false });
    return account;
  };
  const conversation = async (accountId: string, phone: string, chatId: string) => {
    core.queue.flushNow();
    return (
      await core.call('conversations.list', { lineId: `${accountId}/${phone}`, limit: 100 })
    ).items.find((c) => c.providerChatId === chatId);
  };
  const messages = async (conversationId: number) =>
    (await core.call('messages.page', { conversationId, limit: 100 })).items;
  return { sim, core, settings, logins, add, conversation, messages };
}

describe('Maytapi', () => {
  it('refuses a wrong API token in words', async () => {
    const env = await start();
    const reply = await env.core.handle('accounts.add', {
      provider: 'maytapi',
      label: 'x',
      config: env.sim.accountConfig(),
      secrets: { apiKey: 'wrong' },
    });
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'auth', message: expect.stringContaining('refused the API token') },
    });
  });

  it('lists phones as lines and registers its webhook with receipts turned on', async () => {
    const env = await start();
    const account = await env.add();
    const { lines } = await env.core.call('accounts.list', {});
    expect(lines.map((l) => [l.providerLineId, l.login.state])).toEqual([
      ['10101', 'authorized'],
      ['10102', 'logged_out'],
    ]);
    const info = await env.core.call('webhooks.info', { accountId: account.id });
    expect(info.registered).toBe(info.publicUrl);
    expect(info.publicUrl).toMatch(/\/hooks\/[\w-]+\/[\w-]{16,}$/);
    expect(info.gapWarning).toMatch(/lost/);
    expect(env.sim.ackPreference).toBe(true);
    expect(await env.core.call('webhooks.test', { accountId: account.id })).toMatchObject({
      ok: true,
    });
  });

  it('refuses to replace a webhook that another system registered, unless told to', async () => {
    const env = await start();
    env.sim.webhook = 'https://crm.example.com/maytapi-hook';
    const account = await env.core.call('accounts.add', {
      provider: 'maytapi',
      label: 'Hosted',
      config: env.sim.accountConfig(),
      secrets: { apiKey: env.sim.options.apiKey },
    });
    await until(() => env.core.connections.state(account.id).state === 'online', 'online');
    const refused = await env.core.handle('webhooks.register', {
      accountId: account.id,
      replaceForeign: false,
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'provider', message: expect.stringContaining('crm.example.com') },
    });
    expect(env.sim.webhook).toBe('https://crm.example.com/maytapi-hook');
    const replaced = await env.core.call('webhooks.register', {
      accountId: account.id,
      replaceForeign: true,
    });
    expect(replaced.previous).toBe('https://crm.example.com/maytapi-hook');
    expect(env.sim.webhook).toBe(replaced.url);
  });

  it('logs a phone in by QR: polls the status, refreshes the image, and turns active on scan', async () => {
    Object.assign(timings, { loginPollMs: 40, qrRefreshMs: 80 });
    const env = await start({ qrRotateMs: 100 });
    const account = await env.add();
    const line = `${account.id}/10102`;
    await env.core.call('login.start', { lineId: line, method: 'qr' });
    const images = await until(() => {
      const seen = new Set(
        env.logins
          .filter((l) => l.lineId === line && l.state.state === 'qr')
          .map((l) => (l.state as { qr: { dataUrl: string } }).qr.dataUrl),
      );
      return seen.size >= 2 ? [...seen] : undefined;
    }, 'two different QR images');
    expect(images[0]).toMatch(/^data:image\/png;base64,/);
    await env.sim.scan('10102');
    await until(() => env.core.cache.accounts.line(line)?.login.state === 'authorized', 'active');
    Object.assign(timings, { loginPollMs: 3000, qrRefreshMs: 5000 });
  });

  it.each(['spec', 'seed'] as const)(
    'takes every webhook type, with %s-shaped acks',
    async (ackShape) => {
      const env = await start({ ackShape, ackBatchMs: 30, ackStepMs: 10 });
      const account = await env.add();
      const chat = '905551112233@c.us';
      expect((await env.sim.receive('10101', '905551112233', 'Merhaba, sipariş?')).status).toBe(
        200,
      );
      const conversation = await until(
        () => env.conversation(account.id, '10101', chat),
        'conversation',
      );
      expect(conversation).toMatchObject({ unread: 1, lastMessage: { text: 'Merhaba, sipariş?' } });

      const sent = await env.core.call('messages.send', {
        conversationId: conversation.id,
        clientRef: `mt-${ackShape}-0001`,
        text: 'Kargoda!',
      });
      await until(
        async () =>
          (await env.messages(conversation.id)).find((m) => m.id === sent.id)?.status?.tick ===
          'read',
        'read ticks from batched acks',
      );
      expect(
        (await env.messages(conversation.id)).filter((m) => m.direction === 'out'),
      ).toHaveLength(1);

      const own = env.sim.sent.length;
      const phoneMessage = {
        product_id: env.sim.options.productId,
        phone_id: '10101',
        type: 'message',
        message: {
          id: 'true_905551112233@c.us_PHONE1',
          type: 'image',
          url: 'https://cdn.maytapi.example/a.jpg',
          caption: 'from the phone',
          mime: 'image/jpeg',
          fromMe: true,
        },
        user: { id: '905301234567@c.us', name: 'Shop' },
        conversation: chat,
        timestamp: Math.floor(Date.now() / 1000),
        quoted: { id: sent.id.toString(), text: 'Kargoda!' },
      };
      for (const body of [
        phoneMessage,
        {
          product_id: env.sim.options.productId,
          phone_id: '10101',
          type: 'message',
          message: { id: 'loc1', type: 'location', payload: '41.0082,28.9784', fromMe: false },
          user: { name: 'Ali' },
          conversation: chat,
          timestamp: Math.floor(Date.now() / 1000),
        },
        {
          product_id: env.sim.options.productId,
          phone_id: '10101',
          type: 'message',
          message: {
            id: 'vc1',
            type: 'vcard',
            vcardList: [{ displayName: 'Ayşe', vcard: 'BEGIN:VCARD' }],
            fromMe: false,
          },
          conversation: chat,
          timestamp: Math.floor(Date.now() / 1000),
        },
        {
          product_id: env.sim.options.productId,
          phone_id: '10101',
          type: 'message',
          message: { id: 'info1', type: 'info', subtype: 'add', participant: '905550000000@c.us' },
          conversation: '12036302@g.us',
          conversation_name: 'Toptan',
          timestamp: Math.floor(Date.now() / 1000),
        },
        {
          product_id: env.sim.options.productId,
          phone_id: '10101',
          type: 'message_edit',
          message: { id: 'loc1', text: 'edited caption' },
        },
        ackShape === 'seed'
          ? [{ ackType: 'deleted', chatId: chat, msgId: 'vc1' }]
          : {
              type: 'ack',
              product_id: env.sim.options.productId,
              data: [
                { ackType: 'deleted', ackCode: 5, chatId: chat, msgId: 'vc1', phone_id: '10101' },
              ],
            },
        {
          product_id: env.sim.options.productId,
          phone_id: '10101',
          type: 'live_event',
          conversation: chat,
          data: { event: 'closed' },
        },
        {
          product_id: env.sim.options.productId,
          phone_id: '10102',
          type: 'status',
          status: 'phone-error',
        },
        {
          product_id: env.sim.options.productId,
          phone_id: '10101',
          type: 'error',
          message: 'Instance restarted',
        },
      ]) {
        expect((await env.sim.post(body)).status).toBe(200);
      }
      const rows = await env.messages(conversation.id);
      expect(rows.map((m) => [m.direction, m.origin, m.type])).toEqual([
        ['in', 'contact', 'text'],
        ['out', 'this_app', 'text'],
        ['out', 'phone', 'image'],
        ['in', 'contact', 'location'],
        ['in', 'contact', 'contact'],
      ]);
      expect(rows[2]).toMatchObject({
        text: 'from the phone',
        media: { url: 'https://cdn.maytapi.example/a.jpg', mime: 'image/jpeg' },
      });
      expect(rows[3]).toMatchObject({ location: { lat: 41.0082, lng: 28.9784 }, edited: true });
      expect(rows[4]).toMatchObject({ deleted: true });
      expect((await env.core.call('conversations.get', { id: conversation.id })).meta.open).toBe(
        false,
      );
      const group = await until(
        () => env.conversation(account.id, '10101', '12036302@g.us'),
        'group',
      );
      expect(group).toMatchObject({
        title: 'Toptan',
        kind: 'group',
        lastMessage: { type: 'system', text: '905550000000@c.us added' },
      });
      expect(env.core.cache.accounts.line(`${account.id}/10102`)?.login).toMatchObject({
        state: 'error',
        reason: expect.stringContaining('offline'),
      });
      expect(await env.core.call('accounts.workspace', { accountId: account.id })).toMatchObject({
        'maytapi.lastError': { message: 'Instance restarted' },
      });
      expect(env.sim.sent.length).toBe(own);
      expect(env.core.cache.quarantine.list(account.id)).toEqual([]);
    },
  );

  it('answers a wrong secret with 404 and stores nothing; quarantines garbage and answers 200', async () => {
    const env = await start();
    const account = await env.add();
    const good = env.sim.webhook!;
    env.sim.webhook = good.replace(/[\w-]+$/, 'x'.repeat(32));
    expect((await env.sim.receive('10101', '905550000001', 'forged')).status).toBe(404);
    env.sim.webhook = `${good.split('/hooks/')[0]}/hooks/someone-else/${'y'.repeat(32)}`;
    expect((await env.sim.receive('10101', '905550000001', 'forged')).status).toBe(404);
    expect(env.core.cache.db.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(0);
    expect(env.core.cache.quarantine.list(null)).toEqual([]);

    env.sim.webhook = good;
    expect((await env.sim.post('{"type": "message", "phone_id": ')).status).toBe(200);
    expect(
      (await env.sim.post({ type: 'message', phone_id: '10101', message: { type: 'text' } }))
        .status,
    ).toBe(200);
    expect((await env.sim.post({ type: 'teleport' })).status).toBe(200);
    const reasons = env.core.cache.quarantine.list(account.id).map((q) => q.reason);
    expect(reasons).toHaveLength(3);
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringContaining('unknown webhook type'),
        expect.stringContaining('message webhook not understood'),
      ]),
    );
    const big = await fetch(good, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', pad: 'x'.repeat(2 * 1024 * 1024) }),
    }).catch(() => undefined);
    expect(big?.status ?? 413).toBe(413);
  });

  it.each(['GET', 'POST'] as const)(
    'adds a phone, replies with a quote and a location, and logs out (%s logout)',
    async (logoutMethod) => {
      const env = await start({ ackStepMs: 0, logoutMethod });
      const account = await env.add();
      await env.core.call('lines.add', { accountId: account.id });
      await until(
        async () => (await env.core.call('accounts.list', {})).lines.length === 3,
        'the new phone as a line',
      );

      await env.sim.receive('10101', '905556667788', 'Where is the shop?');
      const conversation = await until(
        () => env.conversation(account.id, '10101', '905556667788@c.us'),
        'conversation',
      );
      const question = (await env.messages(conversation.id))[0]!;
      await env.core.call('messages.send', {
        conversationId: conversation.id,
        clientRef: `mt-reply-${logoutMethod}`,
        text: 'Here:',
        replyTo: question.id,
      });
      await env.core.call('messages.send', {
        conversationId: conversation.id,
        clientRef: `mt-place-${logoutMethod}`,
        location: { lat: 41.03, lng: 28.98, name: 'Istiklal 12' },
      });
      await until(() => env.sim.sent.length === 2, 'both sends');
      expect(env.sim.sent[0]).toMatchObject({
        type: 'text',
        message: 'Here:',
        reply_to: expect.stringContaining('905556667788'),
      });
      expect(env.sim.sent[1]).toMatchObject({
        type: 'location',
        latitude: 41.03,
        longitude: 28.98,
        text: 'Istiklal 12',
      });

      expect(await env.core.call('login.logout', { lineId: `${account.id}/10101` })).toMatchObject({
        state: 'logged_out',
      });
      expect(env.sim.phones[0]?.status).toBe('qr-code');
    },
  );

  it('answers 503, not 200, while the event cannot be stored, so the provider sends it again', async () => {
    const env = await start();
    const account = await env.add();
    const db = env.core.cache.db;
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    const refused = await env.sim.receive(
      '10101',
      '905557770000',
      `during a full disk ${'x'.repeat(90_000)}`,
    );
    expect(refused.status).toBe(503);
    db.pragma('max_page_count = 1073741823');
    await until(
      async () => (await env.conversation(account.id, '10101', '905557770000@c.us'))?.lastMessage,
      'the queued event written once there is room',
    );
    expect((await env.sim.receive('10101', '905557770000', 'retry')).status).toBe(200);
  });

  it('sends an image under 1 MB inline, refuses larger files in words, and reacts and deletes', async () => {
    const env = await start({ ackStepMs: 0 });
    const account = await env.add();
    await env.sim.receive('10101', '905551234567', 'photo?');
    const conversation = await until(
      () => env.conversation(account.id, '10101', '905551234567@c.us'),
      'conversation',
    );
    const png = Buffer.alloc(2000, 1).toString('base64');
    await env.core.call('messages.send', {
      conversationId: conversation.id,
      clientRef: 'mt-img-00001',
      text: 'here',
      attachment: { fileName: 'a.png', mime: 'image/png', size: 2000, dataBase64: png },
    });
    await until(() => env.sim.sent.length === 1, 'image send');
    expect(env.sim.sent[0]).toMatchObject({
      type: 'media',
      text: 'here',
      filename: 'a.png',
      message: expect.stringMatching(/^data:image\/png;base64,/),
    });

    const pdf = Buffer.alloc(10, 1).toString('base64');
    const refused = await env.core.call('messages.send', {
      conversationId: conversation.id,
      clientRef: 'mt-pdf-00001',
      attachment: { fileName: 'a.pdf', mime: 'application/pdf', size: 10, dataBase64: pdf },
    });
    const failed = await until(
      async () =>
        (await env.messages(conversation.id)).find(
          (m) => m.id === refused.id && m.status?.tick === 'failed',
        ),
      'refusal',
    );
    expect(failed.status).toMatchObject({ reason: expect.stringContaining('1 MB') });

    const incoming = (await env.messages(conversation.id))[0]!;
    await env.core.call('messages.react', { id: incoming.id, emoji: '🙏' });
    expect(env.sim.sent.at(-1)).toMatchObject({
      type: 'reaction',
      message: '🙏',
      reply_to: expect.stringContaining('false_905551234567'),
    });
    const image = (await env.messages(conversation.id)).find((m) => m.type === 'image')!;
    await until(
      async () =>
        (await env.messages(conversation.id)).find((m) => m.id === image.id)?.status?.tick ===
        'sent',
      'sent',
    );
    const deleted = await env.core.call('messages.deleteForEveryone', { id: image.id });
    expect(deleted.deleted).toBe(true);
    expect(env.sim.sent.at(-1)).toMatchObject({ type: 'delete' });
  });
});
