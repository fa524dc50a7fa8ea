import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../main/core/core.node.ts';
import { shopCore, customerSays } from '../../helpers/core.ts';

const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

describe('a send', () => {
  it('is one transaction: when its outbox entry cannot be written, no orphan clock is left behind', async () => {
    const core = shopCore(cores, [{ providerLineId: 'L', messenger: 'whatsapp' }]);
    customerSays(core, 'L', 'c1', 'in-1', 'hello?');
    await core.queue.flushed();
    const [conversation] = (await core.call('conversations.list', { limit: 5 })).items;
    const add = core.cache.outbox.add;
    // The process dies between the two writes, as a crash or a full disk would make it.
    core.cache.outbox.add = () => {
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    };
    const refused = await core.handle('messages.send', {
      conversationId: conversation!.id,
      clientRef: 'tx-send-00001',
      text: 'on my way',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'storage' } });
    core.cache.outbox.add = add;
    const page = await core.call('messages.page', { conversationId: conversation!.id, limit: 10 });
    expect(page.items.map((m) => m.text)).toEqual(['hello?']);
    // The same request again goes through whole, on one row.
    const sent = await core.call('messages.send', {
      conversationId: conversation!.id,
      clientRef: 'tx-send-00001',
      text: 'on my way',
    });
    expect(core.cache.outbox.byMessage(sent.id)).toMatchObject({
      state: 'queued',
      clientRef: 'tx-send-00001',
    });
    expect(
      (await core.call('messages.page', { conversationId: conversation!.id, limit: 10 })).items.map(
        (m) => m.text,
      ),
    ).toEqual(['hello?', 'on my way']);
  });

  it('does not wait for a queued backlog before answering', async () => {
    const core = shopCore(cores, [{ providerLineId: 'L', messenger: 'whatsapp' }]);
    customerSays(core, 'L', 'c1', 'in-1', 'hello?');
    await core.queue.flushed();
    const [conversation] = (await core.call('conversations.list', { limit: 5 })).items;
    for (let i = 0; i < 5000; i++)
      customerSays(core, 'L', `other-${i % 50}`, `bulk-${i}`, `bulk ${i}`);
    const pendingBefore = core.queue.pending;
    await core.call('messages.send', {
      conversationId: conversation!.id,
      clientRef: 'tx-send-00002',
      text: 'first',
    });
    expect(pendingBefore).toBe(5000);
    expect(core.queue.pending).toBe(5000);
  });
});
