import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/model/settings.std.ts';
import { notificationText, shouldNotify } from '../../main/core/notificationRules.std.ts';
import { Notifier, GROUP_WINDOW_MS } from '../../main/core/notifier.node.ts';
import { EventBus } from '../../main/core/eventBus.node.ts';
import { MemorySettingsStore } from '../../main/core/settingsStore.node.ts';
import { cacheWithLine, incoming } from '../helpers/cache.ts';

const base = {
  settings: DEFAULT_SETTINGS,
  now: 1000,
  lineMuted: false,
  focusedConversationId: null,
  conversationId: 7,
};
const with_ = (patch: Partial<Settings>): Settings => ({ ...DEFAULT_SETTINGS, ...patch });

describe('notification rules', () => {
  it('notifies by default, and not for muted lines, do-not-disturb, disabled notifications or the conversation on screen', () => {
    expect(shouldNotify(base)).toBe(true);
    expect(shouldNotify({ ...base, lineMuted: true })).toBe(false);
    expect(shouldNotify({ ...base, settings: with_({ doNotDisturbUntil: 2000 }) })).toBe(false);
    expect(shouldNotify({ ...base, settings: with_({ doNotDisturbUntil: 500 }) })).toBe(true);
    expect(
      shouldNotify({
        ...base,
        settings: with_({ notifications: { enabled: false, sound: true, showPreview: true } }),
      }),
    ).toBe(false);
    expect(shouldNotify({ ...base, focusedConversationId: 7 })).toBe(false);
    expect(shouldNotify({ ...base, focusedConversationId: 8 })).toBe(true);
  });

  it('titles with contact and line, hides the text when previews are off, and counts bursts in Russian properly', () => {
    expect(
      notificationText(DEFAULT_SETTINGS, 'Anna', 'Shop WhatsApp', 'Is it in stock?', 1),
    ).toEqual({ title: 'Anna · Shop WhatsApp', body: 'Is it in stock?' });
    const hidden = with_({ notifications: { enabled: true, sound: true, showPreview: false } });
    expect(notificationText(hidden, 'Anna', 'Shop', 'secret', 1).body).toBe('New message');
    const ru = with_({
      language: 'ru',
      notifications: { enabled: true, sound: true, showPreview: false },
    });
    expect([1, 2, 5, 11, 21, 22].map((n) => notificationText(ru, 'А', 'Б', '', n).body)).toEqual([
      'Новое сообщение',
      '2 новых сообщения',
      '5 новых сообщений',
      '11 новых сообщений',
      '21 новое сообщение',
      '22 новых сообщения',
    ]);
  });
});

describe('the notifier', () => {
  afterEach(() => vi.useRealTimers());

  it('groups a burst in one conversation into one notification, and skips the focused one', () => {
    vi.useFakeTimers();
    const { cache, lineId } = cacheWithLine();
    const bus = new EventBus();
    const seen: unknown[] = [];
    bus.on((event, payload) => event === 'notification' && seen.push(payload));
    const notifier = new Notifier(cache, new MemorySettingsStore(), bus);
    const burst = cache.ingest.applyBatch(
      [1, 2, 3].map((i) => incoming(lineId, 'c1', `m${i}`, 1_700_000_000_000 + i, `part ${i}`)),
    );
    const other = cache.ingest.applyBatch([
      incoming(lineId, 'c2', 'x1', 1_700_000_000_100, 'elsewhere'),
    ]);
    notifier.focusedConversationId = other.incoming[0]!.conversationId;
    notifier.onIncoming([...burst.incoming, ...other.incoming]);
    vi.advanceTimersByTime(GROUP_WINDOW_MS + 10);
    expect(seen).toEqual([
      {
        conversationId: burst.incoming[0]!.conversationId,
        messageId: burst.incoming[2]!.messageId,
        title: 'Chat c1 · 1229:grWhatsApp',
        body: '3 new messages: part 3',
        count: 3,
      },
    ]);
  });
});

describe('the notifier after a reconnect', () => {
  afterEach(() => vi.useRealTimers());

  it('sums up a burst across many conversations in one notification', () => {
    vi.useFakeTimers();
    const { cache, lineId } = cacheWithLine();
    const bus = new EventBus();
    const seen: { body: string; count: number }[] = [];
    bus.on(
      (event, payload) =>
        event === 'notification' && seen.push(payload as { body: string; count: number }),
    );
    const notifier = new Notifier(cache, new MemorySettingsStore(), bus);
    const events = Array.from({ length: 30 }, (_, i) =>
      incoming(lineId, `chat${i % 10}`, `m${i}`, 1_700_000_000_000 + i, `hello ${i}`),
    );
    notifier.onIncoming(cache.ingest.applyBatch(events).incoming);
    vi.advanceTimersByTime(GROUP_WINDOW_MS + 10);
    expect(seen).toEqual([
      expect.objectContaining({
        title: 'Switchboard',
        body: '30 new messages in 10 chats',
        count: 30,
      }),
    ]);
  });
});

describe('the notifier and muted lines', () => {
  afterEach(() => vi.useRealTimers());

  it('stays silent for a muted line and while do-not-disturb is on', () => {
    vi.useFakeTimers();
    const { cache, lineId } = cacheWithLine();
    const bus = new EventBus();
    const seen: unknown[] = [];
    bus.on((event, payload) => event === 'notification' && seen.push(payload));
    const settings = new MemorySettingsStore();
    const notifier = new Notifier(cache, settings, bus);
    cache.accounts.setMuted(lineId, true);
    notifier.onIncoming(
      cache.ingest.applyBatch([incoming(lineId, 'c1', 'm1', 1_700_000_000_000, 'shh')]).incoming,
    );
    vi.advanceTimersByTime(GROUP_WINDOW_MS + 10);
    cache.accounts.setMuted(lineId, false);
    settings.set({ doNotDisturbUntil: Date.now() + 60_000 });
    notifier.onIncoming(
      cache.ingest.applyBatch([incoming(lineId, 'c1', 'm2', 1_700_000_001_000, 'still shh')])
        .incoming,
    );
    vi.advanceTimersByTime(GROUP_WINDOW_MS + 10);
    expect(seen).toEqual([]);
  });
});
