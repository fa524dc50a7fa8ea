import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core.node.ts';
import { customerSays, shopCore } from '../helpers/core.ts';

/** A big backlog is written in slices: the event loop turns between them, and a request that writes only its own row does not wait for the rest. */
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

describe('a backlog of 40,000 events', () => {
  it('lets the event loop turn between slices, so timers and requests run while it is written', async () => {
    const core = shopCore(cores, [{ providerLineId: 'wa', messenger: 'whatsapp' }]);
    for (let i = 0; i < 40_000; i += 1)
      customerSays(core, 'wa', `chat-${i % 400}`, `m-${i}`, `backlog message ${i}`);
    const pendingWhenTimerRan = await new Promise<number>((resolve) =>
      setTimeout(() => resolve(core.queue.pending), 1),
    );
    expect(pendingWhenTimerRan).toBeGreaterThan(0);
    expect(pendingWhenTimerRan).toBeLessThan(40_000);
    await core.queue.flushed();
    expect(core.cache.db.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(40_000);
  });

  it('lets a request that needs the backlog (mark as read) wait for it without holding the loop', async () => {
    const core = shopCore(cores, [{ providerLineId: 'wa', messenger: 'whatsapp' }]);
    customerSays(core, 'wa', 'vip', 'first', 'Can I order 3?');
    await core.queue.flushed();
    const conversation = (await core.call('conversations.list', { limit: 1 })).items[0]!;
    for (let i = 0; i < 40_000; i += 1)
      customerSays(core, 'wa', i % 2 ? 'vip' : `chat-${i % 400}`, `m-${i}`, `backlog message ${i}`);
    let pendingWhenTimerRan = -1;
    setTimeout(() => (pendingWhenTimerRan = core.queue.pending), 0);
    await core.call('conversations.markRead', { id: conversation.id });
    // The timer ran while the request was waiting: the backlog was not written in one go.
    expect(pendingWhenTimerRan).toBeGreaterThan(0);
    expect(core.queue.pending).toBe(0);
    expect((await core.call('conversations.get', { id: conversation.id })).unread).toBe(0);
  });
});
