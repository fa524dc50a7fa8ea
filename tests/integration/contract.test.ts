import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../../main/core/core.node.ts';
import { ProviderRegistry } from '../../main/providers/registry.node.ts';
import { SendFailure } from '../../main/providers/plugin.node.ts';
import { MemorySettingsStore } from '../../main/core/settingsStore.node.ts';
import { RecordingPlugin } from '../helpers/recordingPlugin.ts';
import { tempDir } from '../helpers/cache.ts';

const cores: Core[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()));
});

function openCore() {
  const plugin = new RecordingPlugin();
  const core = Core.open({
    dataDir: tempDir(),
    registry: new ProviderRegistry().register(plugin),
    settings: new MemorySettingsStore(),
  });
  cores.push(core);
  return { core, plugin };
}

const until = async (check: () => boolean | Promise<boolean>, what: string) => {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe('the IPC contract at the core boundary', () => {
  it('answers an unknown method with a typed error', async () => {
    const { core } = openCore();
    expect(await core.handle('accounts.drop', {})).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'unknown_method' }),
    });
    expect(await core.handle(42, {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_method' },
    });
  });

  it.each([
    ['conversations.list', { limit: 'ten' }],
    ['conversations.list', { limit: 100000 }],
    ['messages.page', { conversationId: 1, before: 5, after: 6, limit: 10 }],
    ['messages.send', { conversationId: 1, clientRef: 'abcdefgh', text: '   ' }],
    ['accounts.add', { provider: 'icq', label: 'x', config: {}, secrets: {} }],
    ['settings.set', { theme: 'purple' }],
    ['app.info', { unexpected: true }],
    ['search', null],
  ])('rejects malformed %s params with field issues', async (method, params) => {
    const { core } = openCore();
    const reply = await core.handle(method, params);
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.code).toBe('invalid_request');
      expect(reply.error.issues?.length).toBeGreaterThan(0);
    }
  });

  it('refuses wrong credentials in words and saves nothing', async () => {
    const { core } = openCore();
    const reply = await core.handle('accounts.add', {
      provider: 'multiwa',
      label: 'Shop',
      config: {},
      secrets: { apiKey: 'bad' },
    });
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'auth', message: 'The server refused this API key.' },
    });
    expect((await core.call('accounts.list', {})).accounts).toHaveLength(0);
  });

  it('adds an account, keeps its secrets out of the cache, and shows its line online', async () => {
    const { core } = openCore();
    const events: string[] = [];
    core.on((event) => events.push(event));
    const account = await core.call('accounts.add', {
      provider: 'multiwa',
      label: 'Shop',
      config: { baseUrl: 'http://x' },
      secrets: { apiKey: 'good-key' },
    });
    expect(core.secrets.get(account.id)).toEqual({ apiKey: 'good-key', token: 'issued-token' });
    const raw = JSON.stringify(core.cache.db.prepare('SELECT * FROM accounts').all());
    expect(raw).not.toContain('good-key');
    await until(
      async () => (await core.call('accounts.list', {})).accounts[0]?.connection.state === 'online',
      'online',
    );
    const { lines } = await core.call('accounts.list', {});
    expect(lines).toMatchObject([
      { providerLineId: 'line-1', title: 'Support', login: { state: 'authorized' } },
    ]);
    expect(events).toEqual(expect.arrayContaining(['accounts.changed', 'connection.changed']));
  });

  it('sends once per clientRef, links the provider ids, and lets receipts tick the same row to read', async () => {
    const { core, plugin } = openCore();
    const account = await core.call('accounts.add', {
      provider: 'multiwa',
      label: 'Shop',
      config: {},
      secrets: { apiKey: 'good-key' },
    });
    await until(() => core.connections.state(account.id).state === 'online', 'online');
    plugin.context!.emit({
      kind: 'message',
      line: 'line-1',
      chat: { id: '79001234567@c.us', title: 'Anna' },
      message: {
        ids: { provider: 'in-1' },
        direction: 'in',
        origin: 'contact',
        type: 'text',
        text: 'Is the blue one in stock?',
        time: Date.now(),
      },
    });
    await core.queue.flushed();
    const conversation = (await core.call('conversations.list', { limit: 10 })).items[0]!;
    expect(conversation.unread).toBe(1);

    const pushed: number[] = [];
    core.on((event, payload) => {
      if (event === 'messages.upserted')
        pushed.push(...(payload as { messages: { id: number }[] }).messages.map((m) => m.id));
    });
    const sent = await core.call('messages.send', {
      conversationId: conversation.id,
      clientRef: 'client-ref-0001',
      text: 'Yes, it is!',
    });
    expect(sent.status).toEqual({ tick: 'pending' });
    const again = await core.call('messages.send', {
      conversationId: conversation.id,
      clientRef: 'client-ref-0001',
      text: 'Yes, it is!',
    });
    expect(again.id).toBe(sent.id);
    await until(() => plugin.sent.length === 1, 'the provider send');
    await until(
      async () =>
        (await core.call('messages.page', { conversationId: conversation.id, limit: 10 })).items.at(
          -1,
        )?.status?.tick === 'sent',
      'sent tick',
    );

    for (const tick of ['read', 'delivered'] as const) {
      plugin.context!.emit({
        kind: 'status',
        line: 'line-1',
        ref: { provider: 'wamid.1' },
        status: { tick },
      });
    }
    plugin.context!.emit({
      kind: 'message',
      line: 'line-1',
      chat: { id: '79001234567@c.us' },
      message: {
        ids: { internal: 'rec-1' },
        direction: 'out',
        origin: 'api_other',
        type: 'text',
        text: 'Yes, it is!',
        time: Date.now(),
      },
    });
    await core.queue.flushed();
    const page = await core.call('messages.page', { conversationId: conversation.id, limit: 10 });
    expect(page.items).toHaveLength(2);
    expect(page.items[1]).toMatchObject({
      id: sent.id,
      origin: 'this_app',
      status: { tick: 'read' },
    });
    expect(plugin.sent).toHaveLength(1);
    expect(pushed).toContain(sent.id);
    expect((await core.call('conversations.get', { id: conversation.id })).unread).toBe(0);
  });

  it('keeps a send that failed for a passing reason in the outbox and marks a permanent failure with its reason', async () => {
    const { core, plugin } = openCore();
    const account = await core.call('accounts.add', {
      provider: 'multiwa',
      label: 'Shop',
      config: {},
      secrets: { apiKey: 'good-key' },
    });
    await until(() => core.connections.state(account.id).state === 'online', 'online');
    plugin.context!.emit({
      kind: 'conversation',
      line: 'line-1',
      chat: { id: 'c1', title: 'Bob' },
    });
    await core.queue.flushed();
    const conversationId = (await core.call('conversations.list', { limit: 1 })).items[0]!.id;

    plugin.failures.push(new SendFailure('Daily limit reached', true, 60_000));
    const queued = await core.call('messages.send', {
      conversationId,
      clientRef: 'client-ref-0002',
      text: 'hello',
    });
    await until(() => plugin.sent.length === 1, 'first attempt');
    await until(() => core.cache.outbox.byMessage(queued.id)?.state === 'queued', 'requeue');
    expect(core.cache.outbox.byMessage(queued.id)).toMatchObject({
      lastError: 'Daily limit reached',
    });
    const waiting = (await core.call('messages.page', { conversationId, limit: 10 })).items.find(
      (m) => m.id === queued.id,
    );
    expect(waiting).toMatchObject({
      status: { tick: 'pending' },
      sendError: { message: 'Daily limit reached', retryAt: expect.any(Number) },
    });

    // Another chat: in this one, later messages wait behind the one put off, in the order typed.
    plugin.context!.emit({
      kind: 'conversation',
      line: 'line-1',
      chat: { id: 'c2', title: 'Carol' },
    });
    await core.queue.flushed();
    const other = (await core.call('conversations.list', { limit: 5 })).items.find(
      (c) => c.providerChatId === 'c2',
    )!.id;
    plugin.failures.push(new SendFailure('Number is not on WhatsApp', false, undefined, 44));
    const failed = await core.call('messages.send', {
      conversationId: other,
      clientRef: 'client-ref-0003',
      text: 'hi',
    });
    await until(
      async () =>
        (await core.call('messages.page', { conversationId: other, limit: 10 })).items.find(
          (m) => m.id === failed.id,
        )?.status?.tick === 'failed',
      'failed tick',
    );
    const row = (await core.call('messages.page', { conversationId: other, limit: 10 })).items.find(
      (m) => m.id === failed.id,
    );
    expect(row?.status).toEqual({ tick: 'failed', reason: 'Number is not on WhatsApp', code: 44 });

    const retried = await core.call('messages.retry', { id: failed.id });
    expect(retried.status).toEqual({ tick: 'pending' });
    await until(
      () => plugin.sent.filter((s) => s.clientRef === 'client-ref-0003').length === 2,
      'retry attempt',
    );
    expect(
      plugin.sent.filter((s) => s.clientRef === 'client-ref-0003').map((s) => s.attempt),
    ).toEqual([1, 2]);
  });

  it('quarantines events for a line the provider never listed instead of failing the batch', async () => {
    const { core, plugin } = openCore();
    await core.call('accounts.add', {
      provider: 'multiwa',
      label: 'Shop',
      config: {},
      secrets: { apiKey: 'good-key' },
    });
    await until(() => plugin.context !== undefined, 'connect');
    plugin.context!.emit({
      kind: 'message',
      line: 'ghost',
      chat: { id: 'c' },
      message: {
        ids: { provider: 'x' },
        direction: 'in',
        origin: 'contact',
        type: 'text',
        text: 'boo',
        time: 1,
      },
    });
    expect(core.cache.quarantine.list(null)[0]).toMatchObject({
      source: 'core',
      reason: expect.stringContaining('ghost'),
    });
  });
});
