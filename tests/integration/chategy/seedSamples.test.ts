import { afterEach, describe, expect, it } from 'vitest';
import webhooks from '../../fixtures/chategy/webhooks.json' with { type: 'json' };
import { startChategy, until } from './harness.ts';

/** Every webhook sample of the Chategy seed, POSTed to the real receiver: ingress → sink → core → cache. */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The samples come from several customers' accounts; each is addressed to this one. */
function addressedTo(sample: unknown, customerId: number): unknown {
  return JSON.parse(JSON.stringify(sample), (key, value: unknown) =>
    key === 'customer_id' ? customerId : value,
  );
}

describe('Chategy seed webhook samples through the receiver', () => {
  it('answers 200 to each, quarantines none, and lands their messages, calls, receipts and sign-ins', async () => {
    const env = await startChategy(cleanups, { sessions: { whatsapp: 1, tdlib: 3 } });
    const account = await env.add();
    const { publicUrl } = await env.core.call('webhooks.info', { accountId: account.id });
    const customerId = Number(account.config.customerId);
    for (const sample of webhooks.samples) {
      expect((await env.sim.postTo(publicUrl!, addressedTo(sample, customerId))).status).toBe(200);
    }
    await until(
      () => env.conversation(account.id, 'whatsapp', '995555558974@c.us'),
      'the WhatsApp chat',
    );
    await until(() => env.conversation(account.id, 'tdlib', '379163707'), 'the Telegram chat');
    env.core.queue.flushNow();
    const chats = (await env.core.call('conversations.list', { accountId: account.id, limit: 50 }))
      .items;
    const rows = (await Promise.all(chats.map((c) => env.messages(c.id)))).flat();
    // Four WhatsApp messages, two Telegram ones and a call on each messenger.
    expect(rows.map((m) => m.type).sort()).toEqual([
      'call',
      'call',
      'document',
      'document',
      'image',
      'text',
      'text',
      'text',
    ]);
    // The last sign-in sample is the log-in: the line ends signed in with that phone.
    expect(env.core.cache.accounts.line(`${account.id}/whatsapp`)?.login).toMatchObject({
      state: 'authorized',
    });
    expect(env.core.cache.quarantine.list(account.id)).toEqual([]);
  });
});
