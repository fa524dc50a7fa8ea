import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SendFailure } from '../../main/providers/plugin.node.ts';
import { onlineRecordingCore, until } from '../helpers/recordingCore.ts';

async function chatWithFailedSend(text: string, attachment = false) {
  const { core, plugin } = await onlineRecordingCore();
  plugin.context!.emit({
    kind: 'message',
    line: 'line-1',
    chat: { id: 'c1', title: 'Bob' },
    message: {
      ids: { provider: 'in-1' },
      direction: 'in',
      origin: 'contact',
      type: 'text',
      text: 'hi',
      time: Date.now() - 60_000,
    },
  });
  await core.queue.flushed();
  const conversationId = (await core.call('conversations.list', { limit: 1 })).items[0]!.id;
  plugin.failures.push(new SendFailure('Number is not on WhatsApp', false));
  const failed = await core.call('messages.send', {
    conversationId,
    clientRef: 'client-ref-discard',
    text,
    ...(attachment
      ? {
          attachment: {
            fileName: 'note.txt',
            mime: 'text/plain',
            size: 5,
            dataBase64: Buffer.from('hello').toString('base64'),
          },
        }
      : {}),
  });
  await until(() => core.cache.outbox.byMessage(failed.id)?.state === 'failed', 'failed send');
  return { core, plugin, conversationId, failed };
}

describe('discarding a send that never reached the provider', () => {
  it('removes the row, its outbox entry, its search hit and its file, and says so to the page', async () => {
    const { core, plugin, conversationId, failed } = await chatWithFailedSend(
      'quarterly invoice',
      true,
    );
    const file = JSON.parse(core.cache.outbox.byMessage(failed.id)!.request).attachment
      .file as string;
    expect(fs.existsSync(file)).toBe(true);
    await until(
      async () => (await core.call('search', { query: 'quarterly', limit: 10 })).hits.length === 1,
      'indexed',
    );
    const removed: unknown[] = [];
    const off = core.bus.onEvent('messages.removed', (payload) => removed.push(payload));

    await core.call('messages.discard', { id: failed.id });
    off();

    expect(removed).toEqual([{ conversationId, ids: [failed.id] }]);
    const page = await core.call('messages.page', { conversationId, limit: 10 });
    expect(page.items.map((m) => m.text)).toEqual(['hi']);
    expect(core.cache.outbox.byMessage(failed.id)).toBeUndefined();
    expect(fs.existsSync(file)).toBe(false);
    const chat = await core.call('conversations.get', { id: conversationId });
    expect(chat.lastMessage?.text).toBe('hi');
    await until(
      async () => (await core.call('search', { query: 'quarterly', limit: 10 })).hits.length === 0,
      'gone from search',
    );
    // It is gone for good: a retry finds nothing, and nothing more was sent.
    await expect(core.call('messages.retry', { id: failed.id })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(plugin.sent).toHaveLength(1);
  });

  it('refuses a message that reached the provider, or one that is not ours', async () => {
    const { core, plugin, conversationId, failed } = await chatWithFailedSend('first');
    const sent = await core.call('messages.send', {
      conversationId,
      clientRef: 'client-ref-accepted',
      text: 'second',
    });
    await until(() => core.cache.outbox.byMessage(sent.id)?.state === 'accepted', 'accepted');
    await expect(core.call('messages.discard', { id: sent.id })).rejects.toMatchObject({
      code: 'invalid_request',
    });
    const incoming = (await core.call('messages.page', { conversationId, limit: 10 })).items.find(
      (m) => m.direction === 'in',
    )!;
    await expect(core.call('messages.discard', { id: incoming.id })).rejects.toMatchObject({
      code: 'invalid_request',
    });
    const texts = (await core.call('messages.page', { conversationId, limit: 10 })).items.map(
      (m) => m.text,
    );
    expect(texts).toEqual(['hi', 'first', 'second']);

    // The provider took it, then reported it failed: it did not go, so it may be removed.
    plugin.context!.emit({
      kind: 'status',
      line: 'line-1',
      ref: { provider: 'wamid.1' },
      status: { tick: 'failed', reason: 'Not delivered' },
    });
    await core.queue.flushed();
    await core.call('messages.discard', { id: sent.id });
    await core.call('messages.discard', { id: failed.id });
    const left = (await core.call('messages.page', { conversationId, limit: 10 })).items;
    expect(left.map((m) => m.text)).toEqual(['hi']);
  });

  it('never sends a message discarded after the round that would send it had begun', async () => {
    const { core, plugin } = await chatWithFailedSend('one');
    for (const id of ['c2', 'c3'])
      plugin.context!.emit({ kind: 'conversation', line: 'line-1', chat: { id, title: id } });
    await core.queue.flushed();
    const chats = (await core.call('conversations.list', { limit: 10 })).items;
    const chat = (id: string) => chats.find((c) => c.providerChatId === id)!.id;
    const gate = () => {
      let open!: () => void;
      const promise = new Promise<void>((r) => (open = r));
      return { promise, open };
    };
    // A slow send holds the round; two more chats' sends are due together in the next one.
    const first = gate();
    plugin.hold = first.promise;
    await core.call('messages.send', {
      conversationId: chat('c1'),
      clientRef: 'client-ref-slow-1',
      text: 'two',
    });
    await until(() => plugin.sent.length === 2, 'the slow send in flight');
    await core.call('messages.send', {
      conversationId: chat('c2'),
      clientRef: 'client-ref-next-2',
      text: 'to c2',
    });
    const doomed = await core.call('messages.send', {
      conversationId: chat('c3'),
      clientRef: 'client-ref-next-3',
      text: 'to c3',
    });
    const second = gate();
    plugin.hold = second.promise;
    first.open();
    await until(() => plugin.sent.length === 3, 'the next round under way');
    // The round read both entries before its first send; the second is given up meanwhile.
    await core.call('messages.discard', { id: doomed.id });
    second.open();
    await until(
      () => core.cache.outbox.byClientRef('client-ref-next-2')?.state === 'accepted',
      'c2 accepted',
    );
    await new Promise((r) => setTimeout(r, 100));
    expect(plugin.sent.map((s) => s.text)).toEqual(['one', 'two', 'to c2']);
  });
});

describe('trying a failed message again', () => {
  it('sends again one the provider took and then reported failed', async () => {
    const { core, plugin, conversationId } = await chatWithFailedSend('first');
    const sent = await core.call('messages.send', {
      conversationId,
      clientRef: 'client-ref-later-failed',
      text: 'second',
    });
    await until(() => core.cache.outbox.byMessage(sent.id)?.state === 'accepted', 'accepted');
    plugin.context!.emit({
      kind: 'status',
      line: 'line-1',
      ref: { provider: 'wamid.1' },
      status: { tick: 'failed', reason: 'Not delivered' },
    });
    await core.queue.flushed();

    const retried = await core.call('messages.retry', { id: sent.id });
    expect(retried.status).toEqual({ tick: 'pending' });
    await until(
      () => plugin.sent.filter((s) => s.clientRef === 'client-ref-later-failed').length === 2,
      'sent again',
    );
    await until(
      async () =>
        (await core.call('messages.page', { conversationId, limit: 10 })).items.find(
          (m) => m.id === sent.id,
        )?.status?.tick === 'sent',
      'sent tick',
    );
  });
});

describe('an account whose sends fail', () => {
  it('says so beside its connection until its sends go again', async () => {
    const { core, plugin, conversationId, failed } = await chatWithFailedSend('first');
    const accounts = () => core.call('accounts.list', {}).then((l) => l.accounts[0]!);
    expect(await accounts()).toMatchObject({
      connection: { state: 'online' },
      sending: { unsent: 1, reason: 'Number is not on WhatsApp' },
    });

    // A passing failure counts too: the message waits, and the account says why.
    const changes: number[] = [];
    const off = core.bus.onEvent('accounts.changed', (l) =>
      changes.push(l.accounts[0]!.sending?.unsent ?? 0),
    );
    plugin.failures.push(new SendFailure('Daily limit reached', true, 60_000));
    const waiting = await core.call('messages.send', {
      conversationId,
      clientRef: 'client-ref-limit-01',
      text: 'later',
    });
    await until(
      () => core.cache.outbox.byMessage(waiting.id)?.lastError === 'Daily limit reached',
      'put off',
    );
    expect((await accounts()).sending).toMatchObject({ unsent: 2, reason: 'Daily limit reached' });

    await core.call('messages.discard', { id: waiting.id });
    await core.call('messages.retry', { id: failed.id });
    await until(() => core.cache.outbox.byMessage(failed.id)?.state === 'accepted', 'sent');
    expect((await accounts()).sending).toBeUndefined();
    off();
    expect(changes.at(-1)).toBe(0);
    expect(changes).toContain(2);
  });
});
