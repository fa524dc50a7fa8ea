import { describe, expect, it } from 'vitest';
import { onlineRecordingCore, until } from '../helpers/recordingCore.ts';
import { MUTED_FOREVER } from '../../shared/model/entities.std.ts';

async function twoChats() {
  const { core, plugin } = await onlineRecordingCore();
  let n = 0;
  const write = (chat: string, text: string) =>
    plugin.context!.emit({
      kind: 'message',
      line: 'line-1',
      chat: { id: chat, title: chat },
      message: {
        ids: { provider: `m-${++n}` },
        direction: 'in',
        origin: 'contact',
        type: 'text',
        text,
        time: Date.now() - 10_000 + n,
      },
    });
  write('anna', 'hello');
  write('boris', 'hi');
  write('boris', 'are you there?');
  await core.queue.flushed();
  const chats = (await core.call('conversations.list', { limit: 5 })).items;
  const id = (title: string) => chats.find((c) => c.title === title)!.id;
  return { core, write, anna: id('anna'), boris: id('boris') };
}

describe('muting one chat', () => {
  it('takes it out of the badge and the notifications until the mute ends', async () => {
    const { core, write, boris } = await twoChats();
    expect((await core.call('unread.counts', {})).total).toBe(3);
    const notified: number[] = [];
    core.bus.onEvent('notification', (n) => notified.push(n.conversationId));

    await core.call('conversations.setMuted', { id: boris, until: MUTED_FOREVER });
    expect(await core.call('conversations.get', { id: boris })).toMatchObject({
      mutedUntil: MUTED_FOREVER,
      unread: 2,
    });
    expect((await core.call('unread.counts', {})).total).toBe(1);
    write('boris', 'hello??');
    write('anna', 'thanks');
    await core.queue.flushed();
    await until(() => notified.length > 0, 'a notification');
    await new Promise((r) => setTimeout(r, 300));
    expect(notified.every((id) => id !== boris)).toBe(true);

    // A mute that has ended counts again, as if it had never been set.
    await core.call('conversations.setMuted', { id: boris, until: Date.now() - 1 });
    const back = await core.call('conversations.get', { id: boris });
    expect(back.mutedUntil).toBeUndefined();
    expect((await core.call('unread.counts', {})).total).toBe(5);
    await core.call('conversations.setMuted', { id: boris, until: null });
    expect((await core.call('conversations.get', { id: boris })).mutedUntil).toBeUndefined();
  });
});

describe('marking a chat unread', () => {
  it('shows it as unread until it is read again, in the list filter and the counts', async () => {
    const { core, anna } = await twoChats();
    await core.call('conversations.markRead', { id: anna });
    expect((await core.call('conversations.get', { id: anna })).unread).toBe(0);
    const before = (await core.call('unread.counts', {})).total;

    await core.call('conversations.markUnread', { id: anna });
    expect(await core.call('conversations.get', { id: anna })).toMatchObject({
      unread: 0,
      markedUnread: true,
    });
    expect((await core.call('unread.counts', {})).total).toBe(before + 1);
    const unreadOnly = await core.call('conversations.list', { limit: 5, unreadOnly: true });
    expect(unreadOnly.items.map((c) => c.id)).toContain(anna);

    await core.call('conversations.markRead', { id: anna });
    expect((await core.call('conversations.get', { id: anna })).markedUnread).toBeUndefined();
    expect((await core.call('unread.counts', {})).total).toBe(before);
  });
});
