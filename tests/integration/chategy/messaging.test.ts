import { afterEach, describe, expect, it } from 'vitest';
import { timeouts } from '../../../main/providers/chategy/api.node.ts';
import { startChategy, until, type Env } from './harness.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  timeouts.requestMs = 30_000;
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function whatsAppChat(env: Env, accountId: string, from = '995555558974') {
  expect((await env.sim.receiveWhatsApp(from, 'Hello, is my order ready?')).status).toBe(200);
  return until(() => env.conversation(accountId, 'whatsapp', `${from}@c.us`), 'conversation');
}

describe('Chategy messages', () => {
  it('sends a WhatsApp reply: one row that takes the echo, then sent → delivered → read from status webhooks', async () => {
    const env = await startChategy(cleanups, { sessions: { whatsapp: 1 } });
    const account = await env.add();
    const chat = await whatsAppChat(env, account.id);
    expect(chat).toMatchObject({
      unread: 1,
      title: 'Customer 8974',
      lastMessage: { text: 'Hello, is my order ready?' },
    });
    const incoming = (await env.messages(chat.id))[0]!;

    const sent = await env.core.call('messages.send', {
      conversationId: chat.id,
      clientRef: 'cg-wa-000001',
      text: 'Yes, it ships today.',
      replyTo: incoming.id,
    });
    await until(
      async () =>
        (await env.messages(chat.id)).find((m) => m.id === sent.id)?.status?.tick === 'read',
      'read',
    );
    const rows = await env.messages(chat.id);
    expect(rows.filter((m) => m.direction === 'out')).toHaveLength(1);
    expect(rows[1]).toMatchObject({ origin: 'this_app', text: 'Yes, it ships today.' });

    const request = env.sim.requests.find((r) => r.path === '/api/v1/delivery')!;
    expect(request.params).toMatchObject({
      phone: '995555558974',
      external_id: 'cg-wa-000001',
      dispatch_routing: ['whatsapp'],
      simulate_typing: 'false',
      text: 'Yes, it ships today.',
    });
    expect(request.params.reply_to_message_id).toMatch(/^false_995555558974@c\.us_3B/);
    expect(request.checksum).toMatch(/^[0-9a-f]{64}$/);
    // A receipt that arrives late never takes the blue ticks back.
    const delivery = env.sim.deliveries.list[0]!;
    expect(
      (
        await env.sim.post('whatsapp_status_msg', {
          ...env.sim.instance(),
          delivery_id: delivery.id,
          message_status: {
            id: delivery.messageId,
            status: 'received',
            chat_id: '995555558974@c.us',
          },
        })
      ).status,
    ).toBe(200);
    expect((await env.messages(chat.id)).find((m) => m.id === sent.id)?.status).toEqual({
      tick: 'read',
    });
  });

  it('shows messages typed on the phone as outgoing', async () => {
    const env = await startChategy(cleanups, { sessions: { whatsapp: 1 } });
    const account = await env.add();
    const chat = await whatsAppChat(env, account.id);
    await env.sim.post('whatsapp_incoming_msg', {
      customer_id: 813,
      new_message: {
        message: {
          id: 'true_995555558974@c.us_2A7B9368F38D549F6339',
          timestamp: 1764081041,
          type: 'text',
          text: 'Typed on the phone',
          reply_to_message_id: null,
        },
        direction: 'outgoing',
        sender_id: '996453558974@c.us',
        chat_id: '995555558974@c.us',
        chat_phone: '995555558974',
        sender_name: 'Тестовый',
      },
      delivery_id: null,
    });
    const rows = await env.messages(chat.id);
    expect(rows.find((m) => m.text === 'Typed on the phone')).toMatchObject({
      direction: 'out',
      origin: 'phone',
      text: 'Typed on the phone',
      status: { tick: 'sent' },
    });
    expect((await env.core.call('conversations.get', { id: chat.id })).title).toBe('Customer 8974');
  });

  it('sends on Telegram and polls the delivery until a final status, then stops', async () => {
    const env = await startChategy(cleanups, { sessions: { tdlib: 3 } });
    const account = await env.add();
    await env.sim.receiveFlat('tdlib', 379163707, 'Привет! Есть в наличии?', {
      name: 'mdyageleva',
      typeCase: 'FormattedText',
      messageId: 49283072,
    });
    const chat = await until(
      () => env.conversation(account.id, 'tdlib', '379163707'),
      'telegram chat',
    );
    const sent = await env.core.call('messages.send', {
      conversationId: chat.id,
      clientRef: 'cg-tg-000001',
      text: 'Да, есть.',
    });
    await until(
      async () =>
        (await env.messages(chat.id)).find((m) => m.id === sent.id)?.status?.tick === 'read',
      'read by polling',
    );
    const polls = () =>
      env.sim.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/api/v1/delivery/'))
        .length;
    const settled = polls();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(polls()).toBe(settled);
    const rows = await env.messages(chat.id);
    expect(rows.filter((m) => m.direction === 'out')).toHaveLength(1);
    expect(env.sim.requests.find((r) => r.path === '/api/v1/delivery')?.params).toMatchObject({
      tdlib_user_id: '379163707',
      dispatch_routing: ['tdlib'],
    });
  });

  it('resumes polling after a restart for messages still short of read', async () => {
    const env = await startChategy(cleanups, { sessions: { max: 2 }, stepMs: 150 });
    const account = await env.add();
    await env.sim.receiveFlat('max', '41588932', 'Можно самовывозом?', {
      messageId: '117033084582515339',
    });
    const chat = (await until(() => env.conversation(account.id, 'max', '41588932'), 'MAX chat'))!;
    const sent = await env.core.call('messages.send', {
      conversationId: chat.id,
      clientRef: 'cg-max-restart',
      text: 'Да, с 10 до 20.',
    });
    await until(() => env.sim.deliveries.list.length === 1, 'accepted');
    await env.core.close();
    await until(
      () => env.sim.deliveries.list[0]!.statusId === 16,
      'read at Chategy while Switchboard was closed',
    );
    const core = await env.reopen();
    await until(
      async () =>
        (await core.call('messages.page', { conversationId: chat.id, limit: 10 })).items.find(
          (m) => m.id === sent.id,
        )?.status?.tick === 'read',
      'read after the restart',
    );
    expect(env.sim.requests.find((r) => r.path === '/api/v1/delivery')?.params).toMatchObject({
      max_user_id: '41588932',
      dispatch_routing: ['max'],
    });
  });

  it('never delivers a retried send twice: a timeout, the retry answered 409, one delivery and one row', async () => {
    const env = await startChategy(cleanups, { sessions: { whatsapp: 1 }, responseDelayMs: 600 });
    const account = await env.add();
    const chat = await whatsAppChat(env, account.id);
    timeouts.requestMs = 150;
    const sent = await env.core.call('messages.send', {
      conversationId: chat.id,
      clientRef: 'cg-wa-timeout1',
      text: 'Your invoice is attached.',
    });
    await until(
      () => env.sim.requests.filter((r) => r.path === '/api/v1/delivery').length >= 1,
      'first attempt',
    );
    await until(
      async () => (await env.messages(chat.id)).find((m) => m.id === sent.id)?.sendError,
      'the timeout is shown',
    );
    await env.core.call('messages.retry', { id: sent.id });
    await until(
      () => env.sim.requests.filter((r) => r.path === '/api/v1/delivery').length >= 2,
      'the retry',
    );
    await until(async () => {
      const row = (await env.messages(chat.id)).find((m) => m.id === sent.id);
      return row?.status?.tick === 'read' && !row.sendError;
    }, 'accepted on retry, and read');
    const attempts = env.sim.requests.filter((r) => r.path === '/api/v1/delivery');
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(new Set(attempts.map((a) => a.checksum)).size).toBe(1);
    expect(env.sim.deliveries.list).toHaveLength(1);
    const rows = await env.messages(chat.id);
    expect(rows.filter((m) => m.direction === 'out')).toHaveLength(1);
    expect(rows.find((m) => m.id === sent.id)?.sendError).toBeUndefined();
  });

  it('sends a file as multipart with its caption; refuses a type Chategy does not take, in words', async () => {
    const env = await startChategy(cleanups, { sessions: { whatsapp: 1 } });
    const account = await env.add();
    const chat = await whatsAppChat(env, account.id);
    const pdf = Buffer.from('%PDF-1.4 invoice');
    const sent = await env.core.call('messages.send', {
      conversationId: chat.id,
      clientRef: 'cg-file-00001',
      text: 'Invoice',
      attachment: {
        fileName: 'invoice.pdf',
        mime: 'application/pdf',
        size: pdf.length,
        dataBase64: pdf.toString('base64'),
      },
    });
    await until(
      async () =>
        (await env.messages(chat.id)).find((m) => m.id === sent.id)?.status?.tick === 'read',
      'file read',
    );
    expect(env.sim.deliveries.list[0]).toMatchObject({
      file: { name: 'invoice.pdf', mime: 'application/pdf', size: pdf.length },
      caption: 'Invoice',
    });
    expect(env.sim.requests.find((r) => r.path === '/api/v1/send_file')?.params).toMatchObject({
      file_name: 'invoice.pdf',
      type: 'document',
      caption: 'Invoice',
      customer_id: '813',
    });

    const exe = Buffer.from('MZ');
    const refused = await env.core.call('messages.send', {
      conversationId: chat.id,
      clientRef: 'cg-file-00002',
      attachment: {
        fileName: 'setup.exe',
        mime: 'application/x-msdownload',
        size: exe.length,
        dataBase64: exe.toString('base64'),
      },
    });
    const failed = await until(
      async () =>
        (await env.messages(chat.id)).find(
          (m) => m.id === refused.id && m.status?.tick === 'failed',
        ),
      'refused',
    );
    expect(failed.status).toMatchObject({
      tick: 'failed',
      reason: expect.stringContaining('does not send application/x-msdownload files'),
    });
    // The same reason travels as words, so the UI says it in the user's language.
    expect(failed.status).toMatchObject({
      reasonWords: { key: 'chategy.fileTypeRefused', params: { mime: 'application/x-msdownload' } },
    });
    expect(failed.sendError).toMatchObject({ words: { key: 'chategy.fileTypeRefused' } });
    expect(env.sim.deliveries.list).toHaveLength(1);
  });

  it('refuses an oversized upload with a clear error and keeps everything it had', async () => {
    const env = await startChategy(cleanups, { sessions: { whatsapp: 1 } });
    const account = await env.add();
    const chat = await whatsAppChat(env, account.id);
    const big = Buffer.alloc(100 * 1024 * 1024 + 1);
    const reply = await env.core.handle('messages.send', {
      conversationId: chat.id,
      clientRef: 'cg-big-000001',
      attachment: {
        fileName: 'video.mp4',
        mime: 'video/mp4',
        size: big.length,
        dataBase64: big.toString('base64'),
      },
    });
    expect(reply).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_request',
        message:
          '“video.mp4” is 100.1 MB, over the 100 MB limit for a file you can send. Share a link to it instead.',
      },
    });
    expect(env.sim.requests.filter((r) => r.path === '/api/v1/send_file')).toHaveLength(0);
    expect((await env.messages(chat.id)).map((m) => m.text)).toEqual(['Hello, is my order ready?']);
    const next = await env.core.call('messages.send', {
      conversationId: chat.id,
      clientRef: 'cg-after-big1',
      text: 'Sending a link instead.',
    });
    await until(
      async () =>
        (await env.messages(chat.id)).find((m) => m.id === next.id)?.status?.tick === 'read',
      'the next send works',
    );
  }, 30_000);

  it('deletes for everyone only once delivered, with Chategy’s reasons in words', async () => {
    const env = await startChategy(cleanups, { sessions: { whatsapp: 1 }, stepMs: 150 });
    const account = await env.add();
    const chat = await whatsAppChat(env, account.id);
    const sent = await env.core.call('messages.send', {
      conversationId: chat.id,
      clientRef: 'cg-del-000001',
      text: 'Wrong chat, sorry',
    });
    await until(() => env.sim.deliveries.list.length === 1, 'accepted');
    expect(await env.core.handle('messages.deleteForEveryone', { id: sent.id })).toMatchObject({
      ok: false,
      error: {
        message: expect.stringContaining(
          'The message can be deleted for everyone only once it is delivered.',
        ),
      },
    });
    await until(
      async () =>
        ['delivered', 'read'].includes(
          (await env.messages(chat.id)).find((m) => m.id === sent.id)?.status?.tick ?? '',
        ),
      'delivered',
    );
    await env.core.call('messages.deleteForEveryone', { id: sent.id });
    expect((await env.messages(chat.id)).find((m) => m.id === sent.id)).toMatchObject({
      deleted: true,
    });
  });

  it('follows a cascade: WhatsApp cannot deliver, SMS does; the WhatsApp failure is not final', async () => {
    const env = await startChategy(cleanups, {
      sessions: { whatsapp: 1 },
      notOnWhatsApp: ['995555550000'],
    });
    const account = await env.add({ smsFallback: 'yes' });
    const chat = await whatsAppChat(env, account.id, '995555550000');
    const sent = await env.core.call('messages.send', {
      conversationId: chat.id,
      clientRef: 'cg-cascade-01',
      text: 'Your code is 4411',
    });
    await until(
      () =>
        env.sim.posted.some(
          (p) =>
            (p.body.payload.message_status as { status?: string } | undefined)?.status === 'failed',
        ),
      'WhatsApp failed',
    );
    await until(
      async () =>
        (await env.messages(chat.id)).find((m) => m.id === sent.id)?.status?.tick === 'delivered',
      'delivered by SMS',
    );
    expect(env.sim.deliveries.list[0]).toMatchObject({
      routing: ['whatsapp', 'sms'],
      channel: 'sms',
      statusId: 2,
    });
  });

  it('fails for good without a fallback, with the reason shown', async () => {
    const env = await startChategy(cleanups, {
      sessions: { whatsapp: 1 },
      notOnWhatsApp: ['995555550000'],
    });
    const account = await env.add();
    const chat = await whatsAppChat(env, account.id, '995555550000');
    const sent = await env.core.call('messages.send', {
      conversationId: chat.id,
      clientRef: 'cg-nofallbk1',
      text: 'Hello?',
    });
    const failed = await until(
      async () =>
        (await env.messages(chat.id)).find((m) => m.id === sent.id && m.status?.tick === 'failed'),
      'failed',
    );
    expect(failed.status).toMatchObject({
      tick: 'failed',
      reason: 'WhatsApp could not send the message.',
    });
  });
});
