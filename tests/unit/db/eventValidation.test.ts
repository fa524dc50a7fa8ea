import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../main/core/core.node.ts';
import { shopCore } from '../../helpers/core.ts';

const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

const message = (id: string, patch: Record<string, unknown> = {}, chat = 'c1') => ({
  kind: 'message' as const,
  line: 'a/L',
  chat: { id: chat },
  message: {
    ids: { provider: id },
    direction: 'in' as const,
    origin: 'contact' as const,
    type: 'text' as const,
    text: `text ${id}`,
    time: Date.now(),
    ...patch,
  },
});

describe('events are checked where they enter the cache', () => {
  it('quarantines each bad event with its reason and applies the rest of the batch', async () => {
    const core = shopCore(cores, [{ providerLineId: 'L', messenger: 'whatsapp' }]);
    const bad = [
      message('nan', { time: Number.NaN }),
      message('inf', { time: Number.POSITIVE_INFINITY }),
      message('future', { time: Date.now() + 400 * 24 * 3600 * 1000 }),
      message('ancient', { time: 5 }),
      message('', {}),
      message('empty-chat', {}, ''),
      message('huge', { text: 'x'.repeat(200_000) }),
      message('kind', { type: 'hologram' }),
      { kind: 'status', line: 'a/L', ref: { provider: 'm1' }, status: { tick: 'teleported' } },
      { kind: 'conversation', line: 'a/L', chat: { id: 'c1' }, unread: -4 },
    ];
    for (const event of [message('m1'), ...bad, message('m2')]) core.ingest(event as never);
    await core.queue.flushed();

    const { items } = await core.call('conversations.list', { limit: 10 });
    expect(items).toHaveLength(1);
    const page = await core.call('messages.page', { conversationId: items[0]!.id, limit: 10 });
    expect(page.items.map((m) => m.text)).toEqual(['text m1', 'text m2']);
    const reasons = core.cache.quarantine.list(null).map((q) => q.reason);
    expect(reasons).toHaveLength(bad.length);
    expect(reasons.join('\n')).toMatch(/message\.time is not a date/);
    expect(reasons.join('\n')).toMatch(/more than 30 days in the future/);
    expect(reasons.join('\n')).toMatch(/before the year 2000/);
    expect(reasons.join('\n')).toMatch(/chat\.id is empty/);
    expect(reasons.join('\n')).toMatch(/longer than 100000 characters/);
  });
});
