import { afterEach, describe, expect, it } from 'vitest';
import seeds from '../../fixtures/chatapp/seeds.json' with { type: 'json' };
import { MAX_SOCKET_FRAME_CHARS } from '../../../main/providers/chatapp/frameCap.node.ts';
import { startChatApp, until } from './harness.ts';

/** Every socket sample of the ChatApp seeds, verbatim, through the real connection. */
let env: Awaited<ReturnType<typeof startChatApp>>;
afterEach(async () => env?.close());

const TG_CHANNEL = 'private-v1.licenses.1229.messengers.telegram';
const TG = '1229:telegram';

async function connected() {
  env = await startChatApp({ statusStepMs: 0 });
  const account = await env.addAccount();
  await env.online(account.id);
  await until(() => env.sim.pusher.subscribers(TG_CHANNEL) === 1, 'the Telegram line subscribed');
  return account;
}

describe('ChatApp seed samples over the socket', () => {
  it('applies seed000’s full samples and accepts seed001’s abbreviated ones without quarantine or guesses', async () => {
    const account = await connected();
    for (const [event, body] of Object.entries(seeds.seed000))
      await env.sim.publishRaw(TG_CHANNEL, event, body);
    const chat = await until(
      () => env.conversationOf(account.id, TG, 'private-1480005234h1360003129730259258'),
      'the seed000 chat',
    );
    expect(chat).toMatchObject({
      title: 'Test Test',
      lastMessage: { text: 'Test', direction: 'in' },
    });

    for (const [event, body] of Object.entries(seeds.seed001))
      await env.sim.publishRaw(TG_CHANNEL, event, body);
    // A marker after them: once it is in, everything before it on the socket has been read.
    await env.sim.receive(TG, 'after-the-samples', 'marker');
    await until(() => env.conversationOf(account.id, TG, 'after-the-samples'), 'the marker');
    const { items } = await env.core.call('conversations.list', {
      lineId: `${account.id}/${TG}`,
      limit: 50,
    });
    // Only the chats the samples name exist; seed001's chat-less message, system row, tag and
    // window created nothing.
    // (A receipt names its chat too, but a receipt creates no chat.)
    const named = [seeds.seed000, seeds.seed001].flatMap((seed) =>
      Object.entries(seed)
        .filter(([event]) => event !== 'messageStatus')
        .flatMap(([, body]) =>
          [...JSON.stringify(body).matchAll(/"chat":\{"id":"([^"]+)"/g)].map((m) => m[1]),
        ),
    );
    expect(items.map((c) => c.providerChatId).sort()).toEqual(
      [...new Set([...named, 'after-the-samples'])].sort(),
    );
    expect((await env.messages(chat.id)).map((m) => m.text)).toEqual(['Test']);
    expect(env.core.cache.quarantine.list(account.id)).toEqual([]);
  });
});

describe('ChatApp socket frame cap', () => {
  it('drops an oversized event unread, notes it (not its body) in quarantine, and gap-fills the line so its message is not lost', async () => {
    const account = await connected();
    // The message really exists at ChatApp (history has it); only its socket frame is huge.
    const big = await env.sim.receive(TG, 'big-sender', 'the real message', { live: false });
    const padding = 'x'.repeat(MAX_SOCKET_FRAME_CHARS + 1024);
    await env.sim.publishRaw(TG_CHANNEL, 'message', {
      data: [{ ...big, message: { text: padding } }],
      meta: {},
    });
    const note = await until(
      () => env.core.cache.quarantine.list(account.id)[0],
      'the quarantine note',
    );
    expect(note.reason).toMatch(/socket event of \d+ KB is over the 512 KB limit/);
    expect(JSON.stringify(note).length).toBeLessThan(4096);
    const chat = await until(async () => {
      const c = await env.conversationOf(account.id, TG, 'big-sender');
      return c?.lastMessage ? c : undefined;
    }, 'the message from the gap-fill');
    expect(chat.lastMessage).toMatchObject({ text: 'the real message' });
    expect(env.core.connections.state(account.id).state).toBe('online');
  });
});
