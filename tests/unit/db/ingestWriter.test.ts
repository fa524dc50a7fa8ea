import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CacheEvent } from '../../../main/db/ingestWriter.node.ts';
import type { DeliveryStatus } from '../../../shared/model/delivery.std.ts';
import { tickRank } from '../../../shared/model/delivery.std.ts';
import { cacheWithLine, incoming } from '../../helpers/cache.ts';

const T0 = 1_700_000_000_000;
const count = (cache: ReturnType<typeof cacheWithLine>['cache'], table: string) =>
  cache.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('ingest: idempotent upserts', () => {
  it('stores the same provider event once, however often and in however many batches it arrives', () => {
    const { cache, lineId } = cacheWithLine();
    const event = incoming(lineId, 'c1', 'wamid.1', T0, 'hello');
    cache.ingest.applyBatch([event, event]);
    cache.ingest.applyBatch([event]);
    expect(count(cache, 'messages')).toBe(1);
    expect(cache.reader.listConversations({ limit: 10 }).items[0]?.unread).toBe(1);
  });

  it('merges an echo carrying a second id into the optimistic row instead of adding a row', () => {
    const { cache, lineId } = cacheWithLine();
    const optimistic: CacheEvent = {
      kind: 'message',
      line: lineId,
      chat: { id: 'c1' },
      message: {
        ids: { clientRef: 'ref-1' },
        direction: 'out',
        origin: 'this_app',
        type: 'text',
        text: 'hi',
        time: T0,
        status: { tick: 'pending' },
      },
    };
    const echo: CacheEvent = {
      kind: 'message',
      line: lineId,
      chat: { id: 'c1' },
      message: {
        ids: { provider: 'wamid.9', clientRef: 'ref-1' },
        direction: 'out',
        origin: 'api_other',
        type: 'text',
        text: 'hi',
        time: T0 + 900,
        status: { tick: 'sent' },
      },
    };
    const lateEcho: CacheEvent = {
      ...echo,
      message: { ...echo.message, ids: { provider: 'wamid.9' } },
    };
    cache.ingest.applyBatch([optimistic]);
    cache.ingest.applyBatch([echo, lateEcho]);
    const page = cache.reader.messagesPage({ conversationId: 1, limit: 10 });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ origin: 'this_app', status: { tick: 'sent' }, time: T0 });
  });

  it('merges two rows that turn out to be one message: an echo that came before the send reply', () => {
    const { cache, lineId } = cacheWithLine();
    const optimistic: CacheEvent = {
      kind: 'message',
      line: lineId,
      chat: { id: 'c1' },
      message: {
        ids: { clientRef: 'ref-2' },
        direction: 'out',
        origin: 'this_app',
        type: 'text',
        text: 'on its way',
        time: T0,
        status: { tick: 'pending' },
      },
    };
    // The echo knows only the provider's ids: a second row, for now.
    const echo: CacheEvent = {
      kind: 'message',
      line: lineId,
      chat: { id: 'c1' },
      message: {
        ids: { provider: 'wamid.20', internal: 'rec-20' },
        direction: 'out',
        origin: 'api_other',
        type: 'text',
        text: 'on its way',
        time: T0 + 300,
        status: { tick: 'delivered' },
      },
    };
    cache.ingest.applyBatch([optimistic]);
    const optimisticId = cache.reader.messageIdByAlias(lineId, 'c:ref-2')!;
    cache.db
      .prepare(
        "INSERT INTO outbox (message_id, line_id, client_ref, request, state, created_at) VALUES (?, ?, 'ref-2', '{}', 'accepted', 1)",
      )
      .run(optimisticId, lineId);
    cache.ingest.applyBatch([echo]);
    expect(count(cache, 'messages')).toBe(2);
    // The send's reply names both: one message.
    const reply = cache.ingest.applyBatch([
      {
        kind: 'status',
        line: lineId,
        ref: { provider: 'wamid.20', clientRef: 'ref-2' },
        status: { tick: 'sent' },
      },
    ]);
    expect(count(cache, 'messages')).toBe(1);
    const [only] = cache.reader.messagesPage({ conversationId: 1, limit: 10 }).items;
    expect(only).toMatchObject({
      id: optimisticId,
      origin: 'this_app',
      text: 'on its way',
      status: { tick: 'delivered' },
    });
    for (const alias of ['c:ref-2', 'p:wamid.20', 'i:rec-20'])
      expect(cache.reader.messageIdByAlias(lineId, alias)).toBe(optimisticId);
    expect(cache.db.prepare('SELECT message_id FROM outbox').pluck().get()).toBe(optimisticId);
    expect(cache.reader.listConversations({ limit: 10 }).items[0]?.lastMessage?.id).toBe(
      optimisticId,
    );
    expect(reply.removed.get(1)?.size).toBe(1);
  });

  it('applies a receipt that overtook its message once the message arrives', () => {
    const { cache, lineId } = cacheWithLine();
    cache.ingest.applyBatch([
      { kind: 'status', line: lineId, ref: { provider: 'm1' }, status: { tick: 'read' } },
    ]);
    cache.ingest.applyBatch([
      {
        ...incoming(lineId, 'c1', 'm1', T0, 'mine'),
        message: {
          ids: { provider: 'm1' },
          direction: 'out',
          origin: 'phone',
          type: 'text',
          text: 'mine',
          time: T0,
          status: { tick: 'sent' },
        },
      },
    ]);
    expect(cache.reader.messagesPage({ conversationId: 1, limit: 10 }).items[0]?.status).toEqual({
      tick: 'read',
    });
    expect(count(cache, 'early_events')).toBe(0);
  });

  it('records reactions, deletion and edits on the target message', () => {
    const { cache, lineId } = cacheWithLine();
    cache.ingest.applyBatch([incoming(lineId, 'c1', 'm1', T0, 'price?')]);
    cache.ingest.applyBatch([
      { kind: 'reaction', line: lineId, ref: { provider: 'm1' }, from: 'me', emoji: '👍' },
      { kind: 'edited', line: lineId, ref: { provider: 'm1' }, text: 'price, please?' },
    ]);
    let message = cache.reader.messagesPage({ conversationId: 1, limit: 1 }).items[0];
    expect(message).toMatchObject({
      text: 'price, please?',
      edited: true,
      reactions: { me: '👍' },
    });
    // The index follows the edit: the new word is found, and exactly one hit remains.
    expect(cache.reader.search({ query: 'please', limit: 5 })).toHaveLength(1);
    expect(cache.reader.search({ query: 'price', limit: 5 })).toHaveLength(1);
    cache.ingest.applyBatch([
      { kind: 'reaction', line: lineId, ref: { provider: 'm1' }, from: 'me', emoji: null },
      { kind: 'deleted', line: lineId, ref: { provider: 'm1' } },
    ]);
    message = cache.reader.messagesPage({ conversationId: 1, limit: 1 }).items[0];
    expect(message).toMatchObject({ deleted: true, reactions: {} });
    expect(message?.text).toBeUndefined();
    expect(cache.reader.search({ query: 'price', limit: 5 })).toHaveLength(0);
  });
});

describe('ingest: messages sharing a timestamp', () => {
  it('keeps 1,500 messages of one second unique, in arrival order, and idempotent on replay', () => {
    const { cache, lineId } = cacheWithLine();
    const events = Array.from({ length: 1500 }, (_, i) =>
      incoming(lineId, 'c1', `s${i}`, T0, `n${i}`),
    );
    cache.ingest.applyBatch(events.slice(0, 700));
    cache.ingest.applyBatch(events.slice(700));
    cache.ingest.applyBatch(events);
    const ids = cache.db.prepare('SELECT id FROM messages ORDER BY id').pluck().all() as number[];
    expect(ids).toHaveLength(1500);
    const texts = cache.db.prepare('SELECT text FROM messages ORDER BY id').pluck().all();
    expect(texts).toEqual(events.map((e) => e.message.text));
    expect(cache.reader.listConversations({ limit: 1 }).items[0]?.lastMessage?.text).toBe('n1499');
  });

  it('refuses a message that carries no id at all', () => {
    const { cache, lineId } = cacheWithLine();
    const event = incoming(lineId, 'c1', 'x', T0, 'no id');
    event.message.ids = {};
    expect(() => cache.ingest.applyBatch([event])).toThrow(/without any provider id/);
    expect(count(cache, 'messages')).toBe(0);
  });
});

describe('ingest: ordering with whole-second provider times', () => {
  it('sorts a live message stamped in the current second by its arrival, and history by its own time', () => {
    const { cache, lineId } = cacheWithLine();
    const sentAt = T0 + 500;
    cache.ingest.applyBatch([
      {
        kind: 'message',
        line: lineId,
        chat: { id: 'c1' },
        message: {
          ids: { clientRef: 'mine' },
          direction: 'out',
          origin: 'this_app',
          type: 'text',
          text: 'sent first',
          time: sentAt,
        },
        receivedAt: sentAt,
      },
    ]);
    // The reply is stamped T0 (whole second) but arrived after our send.
    cache.ingest.applyBatch([
      { ...incoming(lineId, 'c1', 'r1', T0, 'answered after'), receivedAt: T0 + 900 },
    ]);
    // A history page with the same stamp keeps its place.
    cache.ingest.applyBatch([
      {
        ...incoming(lineId, 'c1', 'h1', T0, 'older, from history'),
        historical: true,
        receivedAt: T0 + 950,
      },
    ]);
    const page = cache.reader.messagesPage({ conversationId: 1, limit: 10 }).items;
    expect(page.map((m) => m.text)).toEqual([
      'older, from history',
      'sent first',
      'answered after',
    ]);
    expect(page[2]?.time).toBe(T0);
  });
});

describe('ingest: delivery status through the store', () => {
  const statuses: DeliveryStatus[] = [
    { tick: 'sent' },
    { tick: 'delivered' },
    { tick: 'read' },
    { tick: 'read', played: true },
  ];

  it('ends at the highest tick for any shuffle and batching of receipts', () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray(statuses, { minLength: 1 }),
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 4 }),
        (events, cuts) => {
          const { cache, lineId } = cacheWithLine();
          cache.ingest.applyBatch([
            {
              ...incoming(lineId, 'c1', 'm1', T0, 'x'),
              message: {
                ids: { provider: 'm1' },
                direction: 'out',
                origin: 'this_app',
                type: 'text',
                time: T0,
                status: { tick: 'pending' },
              },
            },
          ]);
          const receipts: CacheEvent[] = events.map((status) => ({
            kind: 'status',
            line: lineId,
            ref: { provider: 'm1' },
            status,
          }));
          let rest = receipts;
          for (const cut of cuts) {
            cache.ingest.applyBatch(rest.slice(0, cut));
            rest = rest.slice(cut);
          }
          cache.ingest.applyBatch(rest);
          const stored = cache.reader.messagesPage({ conversationId: 1, limit: 1 }).items[0]
            ?.status;
          const best = Math.max(...events.map((s) => tickRank(s.tick)));
          expect(tickRank(stored!.tick)).toBe(best);
          void cache.close();
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('ingest: conversation counters and previews', () => {
  it('counts live incoming messages as unread, not history, and resets on reply or mark-read', () => {
    const { cache, lineId } = cacheWithLine();
    cache.ingest.applyBatch([
      { ...incoming(lineId, 'c1', 'old', T0 - 1000, 'from history'), historical: true },
      incoming(lineId, 'c1', 'm1', T0, 'one'),
      incoming(lineId, 'c1', 'm2', T0 + 1, 'two'),
    ]);
    let row = cache.reader.listConversations({ limit: 5 }).items[0]!;
    expect(row.unread).toBe(2);
    expect(row.lastMessage?.text).toBe('two');

    expect(cache.ingest.markRead(row.id)).toBe(true);
    expect(cache.reader.listConversations({ limit: 5 }).items[0]?.unread).toBe(0);

    cache.ingest.applyBatch([incoming(lineId, 'c1', 'm3', T0 + 2, 'three')]);
    expect(cache.reader.listConversations({ limit: 5 }).items[0]?.unread).toBe(1);
    cache.ingest.applyBatch([
      {
        kind: 'message',
        line: lineId,
        chat: { id: 'c1' },
        message: {
          ids: { provider: 'r1' },
          direction: 'out',
          origin: 'phone',
          type: 'text',
          text: 'answer',
          time: T0 + 3,
        },
      },
    ]);
    row = cache.reader.listConversations({ limit: 5 }).items[0]!;
    expect(row.unread).toBe(0);
    expect(row.lastMessage).toMatchObject({ text: 'answer', direction: 'out' });
  });

  it('does not let an older back-filled message replace the preview', () => {
    const { cache, lineId } = cacheWithLine();
    cache.ingest.applyBatch([incoming(lineId, 'c1', 'new', T0, 'newest')]);
    cache.ingest.applyBatch([
      { ...incoming(lineId, 'c1', 'older', T0 - 60_000, 'older'), historical: true },
    ]);
    expect(cache.reader.listConversations({ limit: 5 }).items[0]?.lastMessage?.text).toBe('newest');
  });

  it('orders conversations by last activity and pages them without gaps or repeats', () => {
    const { cache, lineId } = cacheWithLine();
    const events = Array.from({ length: 57 }, (_, i) =>
      incoming(lineId, `chat${i}`, `m${i}`, T0 + ((i * 7919) % 57) * 1000, `m${i}`),
    );
    cache.ingest.applyBatch(events);
    const seen: number[] = [];
    let after: { activityKey: number; id: number } | undefined;
    for (;;) {
      const page = cache.reader.listConversations({ limit: 10, ...(after ? { after } : {}) });
      seen.push(...page.items.map((c) => c.activityKey));
      if (!page.next) break;
      after = page.next;
    }
    expect(seen).toHaveLength(57);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
  });

  it("applies the provider's own unread count and conversation metadata", () => {
    const { cache, lineId } = cacheWithLine();
    cache.ingest.applyBatch([
      {
        kind: 'conversation',
        line: lineId,
        chat: { id: 'c1', title: 'Anna' },
        unread: 4,
        meta: { tags: [{ id: '1', name: 'VIP' }], open: true },
      },
    ]);
    const row = cache.reader.listConversations({ limit: 5 }).items[0]!;
    expect(row).toMatchObject({
      title: 'Anna',
      unread: 4,
      meta: { tags: [{ id: '1', name: 'VIP' }], open: true },
    });
  });
});

describe('history pages', () => {
  const { cache, lineId } = cacheWithLine();
  // 250 messages, several in the same millisecond, to exercise the tie-breaker.
  cache.ingest.applyBatch(
    Array.from({ length: 250 }, (_, i) =>
      incoming(lineId, 'c1', `m${i}`, T0 + Math.floor(i / 3), `message ${i}`),
    ),
  );

  it('opens at the newest page, oldest first', () => {
    const page = cache.reader.messagesPage({ conversationId: 1, limit: 50 });
    expect(page.items.map((m) => m.text)).toEqual(
      Array.from({ length: 50 }, (_, i) => `message ${200 + i}`),
    );
    expect(page).toMatchObject({ hasOlder: true, hasNewer: false });
  });

  it('walks back with a keyset cursor to the very first message, without gaps or repeats', () => {
    const texts: string[] = [];
    let before: number | undefined;
    let hasOlder = true;
    while (hasOlder) {
      const page = cache.reader.messagesPage({
        conversationId: 1,
        limit: 50,
        ...(before !== undefined ? { before } : {}),
      });
      texts.unshift(...page.items.map((m) => m.text ?? ''));
      before = page.items[0]?.id;
      hasOlder = page.hasOlder;
    }
    expect(texts).toEqual(Array.from({ length: 250 }, (_, i) => `message ${i}`));
  });

  it('reads messages back by id in the order asked, one or many, skipping ids it does not have', () => {
    const ids = cache.reader.messagesPage({ conversationId: 1, limit: 10 }).items.map((m) => m.id);
    const asked = [ids[7]!, 1, ids[0]!, ids[3]!, ids[9]!, ids[2]!, ids[5]!];
    expect(cache.reader.getMessages(asked).map((m) => m.text)).toEqual([
      'message 247',
      'message 240',
      'message 243',
      'message 249',
      'message 242',
      'message 245',
    ]);
    expect(cache.reader.getMessages([ids[1]!, 2]).map((m) => m.text)).toEqual(['message 241']);
  });

  it('centres a page on a search hit and pages forward from it', () => {
    const target = cache.reader.search({ query: 'message 100', limit: 1 })[0]!;
    expect(target.message.text).toBe('message 100');
    const around = cache.reader.messagesPage({
      conversationId: 1,
      around: target.message.id,
      limit: 10,
    });
    expect(around.items.map((m) => m.text)).toContain('message 100');
    expect(around).toMatchObject({ hasOlder: true, hasNewer: true });
    const next = cache.reader.messagesPage({
      conversationId: 1,
      after: around.items.at(-1)!.id,
      limit: 10,
    });
    expect(next.items[0]?.text).toBe(
      `message ${Number(around.items.at(-1)!.text!.split(' ')[1]) + 1}`,
    );
  });

  it('finds a word while it is still being typed', () => {
    const hits = cache.reader.search({ query: 'messa', limit: 5 });
    expect(hits.map((h) => h.message.text)).toEqual([
      'message 249',
      'message 248',
      'message 247',
      'message 246',
      'message 245',
    ]);
    expect(
      cache.reader.search({ query: 'message 12', limit: 50 }).map((h) => h.message.text),
    ).toContain('message 120');
  });

  it('returns search hits newest first, pages them, and marks the hit', () => {
    const first = cache.reader.search({ query: 'message', limit: 20 });
    expect(first.map((h) => h.message.text)).toEqual(
      Array.from({ length: 20 }, (_, i) => `message ${249 - i}`),
    );
    const second = cache.reader.search({
      query: 'message',
      limit: 20,
      before: first.at(-1)!.message.id,
    });
    expect(second[0]?.message.text).toBe('message 229');
    expect(first[0]?.snippet).toBe('\uE000message\uE001 249');
  });
});
