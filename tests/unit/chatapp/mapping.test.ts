import { describe, expect, it } from 'vitest';
import seeds from '../../fixtures/chatapp/seeds.json';
import { mapLineEvent } from '../../../main/providers/chatapp/mapping.node.ts';
import { lineOfChannel } from '../../../main/providers/chatapp/wire.node.ts';

const context = { appId: 'app_123_1' };
const TG = '1229:telegram';

describe('ChatApp mapping of the seed payloads', () => {
  it('reads the wrapped (seed000) message: numeric id, chat, sender, seconds to ms', () => {
    const { events, rejected } = mapLineEvent('message', TG, seeds.seed000.message, context);
    expect(rejected).toEqual([]);
    expect(events).toEqual([
      {
        kind: 'message',
        line: TG,
        chat: {
          id: 'private-1480005234h1360003129730259258',
          kind: 'private',
          title: 'Test Test',
          phone: '7000000000',
          avatarUrl: expect.stringContaining('GetDialogPhoto'),
        },
        message: {
          ids: { provider: '696' },
          direction: 'in',
          origin: 'contact',
          type: 'text',
          text: 'Test',
          time: 1637319282000,
          sender: { id: '1480675234', name: 'Test Test', phone: '7000000000' },
        },
      },
    ]);
  });

  it('maps delivered (seed000) and failed (seed001) receipts by message id', () => {
    expect(mapLineEvent('messageStatus', TG, seeds.seed000.messageStatus, context).events).toEqual([
      { kind: 'status', line: TG, ref: { provider: '42213' }, status: { tick: 'delivered' } },
    ]);
    expect(mapLineEvent('messageStatus', TG, seeds.seed001.messageStatus, context).events).toEqual([
      {
        kind: 'status',
        line: TG,
        ref: { provider: 'wamid...' },
        status: { tick: 'failed', reason: 'The messenger did not deliver this message.' },
      },
    ]);
  });

  it('maps tags, the 24-hour window, chat status, deletions and reactions', () => {
    expect(mapLineEvent('chatTag', TG, seeds.seed000.chatTag, context).events[0]).toEqual({
      kind: 'tag',
      line: TG,
      chat: { id: 'group-54911000655' },
      tag: { id: '29', name: 'test 1', color: '#123df55' },
      op: 'add',
    });
    expect(
      mapLineEvent('chatConversation', TG, seeds.seed000.chatConversation, context).events[0],
    ).toEqual({
      kind: 'conversation',
      line: TG,
      chat: { id: '70000000000' },
      meta: { window: { kind: 'BIC', startsAt: 1644500500000, endsAt: 1644586900000 } },
    });
    expect(
      mapLineEvent('chatStatus', TG, seeds.seed001.chatStatus, context).events[0],
    ).toMatchObject({ meta: { open: false } });
    expect(
      mapLineEvent('messageDestroy', TG, seeds.seed001.messageDestroy, context).events[0],
    ).toEqual({ kind: 'deleted', line: TG, ref: { provider: '1252' } });
    // The seed's emoji was lost on the page: an empty reaction is a removal.
    expect(
      mapLineEvent('messageReaction', TG, seeds.seed001.messageReaction, context).events[0],
    ).toMatchObject({ kind: 'reaction', emoji: null });
    expect(
      mapLineEvent(
        'messageReaction',
        TG,
        { data: [{ id: 'wamid.1', reaction: '👍', action: 'react' }] },
        context,
      ).events[0],
    ).toMatchObject({ emoji: '👍', from: 'contact' });
  });

  it('accepts the abbreviated seed001 items that name no chat, and applies nothing it would have to guess', () => {
    for (const event of ['message', 'messageSystem', 'chatTag', 'chatConversation'] as const) {
      const { events, rejected, skipped } = mapLineEvent(event, TG, seeds.seed001[event], context);
      expect(events).toEqual([]);
      expect(rejected).toEqual([]);
      expect(skipped[0]?.reason).toMatch(new RegExp(`^${event}: .*names no chat`));
    }
    // Without the chat and without what the item is about, it is not that event at all.
    expect(mapLineEvent('chatTag', TG, { data: [{ type: 'add' }] }, context).rejected).toHaveLength(
      1,
    );
  });

  it('counts every item of a batched data array, and refuses what is neither envelope', () => {
    const item = (id: number) => ({
      id,
      side: 'in',
      time: 1,
      type: 'text',
      message: { text: `m${id}` },
      chat: { id: 'c' },
    });
    expect(
      mapLineEvent('message', TG, { data: [item(1), item(2), item(3)], meta: {} }, context).events,
    ).toHaveLength(3);
    expect(
      mapLineEvent('message', TG, { payload: { data: 'nope' } }, context).rejected[0]?.reason,
    ).toMatch(/neither/);
    expect(mapLineEvent('message', TG, null, context).rejected).toHaveLength(1);
    expect(mapLineEvent('typing', TG, { data: [] }, context).rejected[0]?.reason).toBe(
      'unknown event "typing"',
    );
  });

  it('tells this app’s own sends from other API clients and the phone', () => {
    const out = (fromApi: boolean, app: string | null) => ({
      data: [
        {
          id: 'x',
          side: 'out',
          fromMe: true,
          fromApi,
          fromApp: app ? { id: app } : null,
          time: 1,
          type: 'text',
          message: { text: 'hi' },
          chat: { id: 'c' },
        },
      ],
    });
    const origin = (raw: unknown) =>
      (mapLineEvent('message', TG, raw, context).events[0] as { message: { origin: string } })
        .message.origin;
    expect(origin(out(true, 'app_123_1'))).toBe('this_app');
    expect(origin(out(true, 'app_999_1'))).toBe('api_other');
    expect(origin(out(false, null))).toBe('phone');
  });

  it('reads the line from a channel name', () => {
    expect(lineOfChannel('private-v1.licenses.1229.messengers.grWhatsApp')).toBe('1229:grWhatsApp');
    expect(lineOfChannel('private-v1.companies.2224')).toBeNull();
  });
});
