import { afterEach, describe, expect, it } from 'vitest';
import { WA, startChatApp, until } from './harness.ts';

let env: Awaited<ReturnType<typeof startChatApp>>;
afterEach(async () => env?.close());

describe('ChatApp smoke', () => {
  it('adds an account, receives, sends to read', async () => {
    env = await startChatApp();
    const account = await env.addAccount();
    await env.online(account.id);
    await until(
      () => env.sim.pusher.subscribers('private-v1.licenses.1229.messengers.grWhatsApp') === 1,
      'subscription',
    );
    await env.sim.receive(WA, '79001112233@c.us', 'Hello, do you deliver today?', { name: 'Anna' });
    const conversation = await until(
      () => env.conversationOf(account.id, WA, '79001112233@c.us'),
      'conversation',
    );
    expect(conversation.unread).toBe(1);
    const sent = await env.core.call('messages.send', {
      conversationId: conversation.id,
      clientRef: 'ref-000001',
      text: 'Yes, until 8 pm',
    });
    await until(
      async () =>
        (await env.messages(conversation.id)).find((m) => m.id === sent.id)?.status?.tick ===
        'read',
      'read ticks',
    );
    expect(await env.messages(conversation.id)).toHaveLength(2);
  });
});
