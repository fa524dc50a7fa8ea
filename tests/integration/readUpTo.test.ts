import { describe, expect, it } from 'vitest';
import { RecordingPlugin } from '../helpers/recordingPlugin.ts';
import { onlineRecordingCore, until } from '../helpers/recordingCore.ts';
import type { MessageRef } from '../../shared/model/events.std.ts';

/** A plugin that also records the read receipts it is asked to send. */
class ReceiptPlugin extends RecordingPlugin {
  readonly receipts: MessageRef[] = [];
  override connect(context: Parameters<RecordingPlugin['connect']>[0]) {
    const connection = super.connect(context);
    return {
      ...connection,
      markRead: async (_line: string, _chat: string, ref: MessageRef) => {
        this.receipts.push(ref);
      },
    };
  }
}

describe('reading a chat as far as it was seen', () => {
  it('counts the rest as unread and sends read receipts up to that message only', async () => {
    const { core, plugin } = await onlineRecordingCore(new ReceiptPlugin());
    for (let i = 0; i < 10; i++)
      plugin.context!.emit({
        kind: 'message',
        line: 'line-1',
        chat: { id: 'c1', title: 'Olga' },
        message: {
          ids: { provider: `in-${i}` },
          direction: 'in',
          origin: 'contact',
          type: 'text',
          text: `question ${i}`,
          time: Date.now() - 60_000 + i,
        },
      });
    await core.queue.flushed();
    const chat = (await core.call('conversations.list', { limit: 1 })).items[0]!;
    expect(chat.unread).toBe(10);
    const ids = (
      await core.call('messages.page', { conversationId: chat.id, limit: 20 })
    ).items.map((m) => m.id);

    await core.call('conversations.markRead', { id: chat.id, upTo: ids[3]! });
    expect((await core.call('conversations.get', { id: chat.id })).unread).toBe(6);
    await until(() => plugin.receipts.length === 1, 'receipt');
    expect(plugin.receipts[0]).toMatchObject({ provider: 'in-3' });

    // Seeing less than before reads nothing more, and takes nothing back.
    await core.call('conversations.markRead', { id: chat.id, upTo: ids[1]! });
    expect((await core.call('conversations.get', { id: chat.id })).unread).toBe(6);

    await core.call('conversations.markRead', { id: chat.id, upTo: ids[9]! });
    expect((await core.call('conversations.get', { id: chat.id })).unread).toBe(0);
    await until(() => plugin.receipts.length === 2, 'second receipt');
    expect(plugin.receipts[1]).toMatchObject({ provider: 'in-9' });

    // A new message after what was read counts as one unread.
    plugin.context!.emit({
      kind: 'message',
      line: 'line-1',
      chat: { id: 'c1' },
      message: {
        ids: { provider: 'in-10' },
        direction: 'in',
        origin: 'contact',
        type: 'text',
        text: 'are you there?',
        time: Date.now(),
      },
    });
    await core.queue.flushed();
    expect((await core.call('conversations.get', { id: chat.id })).unread).toBe(1);
  });
});

describe('a provider’s own unread count', () => {
  it('is cleared by seeing the newest message, and kept while older ones are seen', async () => {
    const { core, plugin } = await onlineRecordingCore(new ReceiptPlugin());
    for (const i of [0, 1])
      plugin.context!.emit({
        kind: 'message',
        line: 'line-1',
        chat: { id: 'c9', title: 'Ivan' },
        message: {
          ids: { provider: `h-${i}` },
          direction: 'in',
          origin: 'contact',
          type: 'text',
          text: `older ${i}`,
          time: Date.now() - 60_000 + i,
        },
        historical: true,
      });
    // The chat list says 7 unread, more than the cache holds.
    plugin.context!.emit({ kind: 'conversation', line: 'line-1', chat: { id: 'c9' }, unread: 7 });
    await core.queue.flushed();
    const chat = (await core.call('conversations.list', { limit: 1 })).items[0]!;
    expect(chat.unread).toBe(7);
    const [first, newest] = (
      await core.call('messages.page', { conversationId: chat.id, limit: 5 })
    ).items.map((m) => m.id);
    await core.call('conversations.markRead', { id: chat.id, upTo: first! });
    expect((await core.call('conversations.get', { id: chat.id })).unread).toBe(1);
    await core.call('conversations.markRead', { id: chat.id, upTo: newest! });
    expect((await core.call('conversations.get', { id: chat.id })).unread).toBe(0);
  });
});
