import type { Cache } from '../db/cache.node.ts';
import type { EventBus } from './eventBus.node.ts';
import type { SettingsStore } from './settingsStore.node.ts';
import { notificationText, shouldNotify, summaryText } from './notificationRules.std.ts';

/** A burst in one conversation within this window becomes one notification. */
export const GROUP_WINDOW_MS = 1500;

/**
 * Turns new incoming messages into `notification` events, following the rules (mute, do
 * not disturb, the conversation on screen) and grouping bursts per conversation. The
 * Electron shell shows them natively; the browser UI may too.
 */
export class Notifier {
  focusedConversationId: number | null = null;
  /** Per conversation, what arrived in the current window. */
  readonly #pending = new Map<number, { messageId: number; count: number }>();
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly cache: Cache,
    private readonly settings: SettingsStore,
    private readonly bus: EventBus,
  ) {}

  /**
   * Called for every committed batch, so it stays cheap: settings once per batch, grouping in
   * memory, one timer, and the lookups (line, mute, texts) only when the window closes.
   */
  onIncoming(items: readonly { conversationId: number; messageId: number }[]): void {
    if (items.length === 0) return;
    const settings = this.settings.get();
    if (!settings.notifications.enabled || settings.doNotDisturbUntil > Date.now()) return;
    for (const { conversationId, messageId } of items) {
      if (conversationId === this.focusedConversationId) continue;
      const pending = this.#pending.get(conversationId);
      if (pending) {
        pending.count += 1;
        pending.messageId = messageId;
      } else {
        this.#pending.set(conversationId, { messageId, count: 1 });
      }
    }
    if (this.#pending.size > 0 && !this.#timer) {
      this.#timer = setTimeout(() => this.#fire(), GROUP_WINDOW_MS);
      this.#timer.unref?.();
    }
  }

  close(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending.clear();
  }

  #fire(): void {
    this.#timer = undefined;
    const pending = [...this.#pending].map(([conversationId, entry]) => ({
      conversationId,
      ...entry,
    }));
    this.#pending.clear();
    const settings = this.settings.get();
    const allowed = pending.filter(({ conversationId }) => {
      const chat = this.cache.conversations.lineOf(conversationId);
      const line = chat ? this.cache.accounts.line(chat.lineId) : undefined;
      return (
        line !== undefined &&
        shouldNotify({
          settings,
          now: Date.now(),
          lineMuted: line.muted,
          chatMuted: this.cache.conversations.isMuted(conversationId),
          focusedConversationId: this.focusedConversationId,
          conversationId,
        })
      );
    });
    if (allowed.length === 0) return;
    if (allowed.length > MAX_SEPARATE) {
      // After a reconnect, a wall of notifications helps nobody: one summary instead.
      const newest = allowed.reduce((a, b) => (b.messageId > a.messageId ? b : a));
      const total = allowed.reduce((sum, e) => sum + e.count, 0);
      this.bus.emit('notification', {
        conversationId: newest.conversationId,
        messageId: newest.messageId,
        ...summaryText(settings, total, allowed.length),
        count: total,
      });
      return;
    }
    for (const entry of allowed) {
      const conversation = this.cache.reader.getConversation(entry.conversationId);
      const message = this.cache.reader.getMessages([entry.messageId])[0];
      const line = conversation ? this.cache.accounts.line(conversation.lineId) : undefined;
      if (!conversation || !message || !line) continue;
      const preview = message.text ?? message.media?.fileName ?? '…';
      const { title, body } = notificationText(
        settings,
        conversation.title,
        line.title ?? line.phone ?? line.providerLineId,
        preview,
        entry.count,
      );
      this.bus.emit('notification', {
        conversationId: entry.conversationId,
        messageId: entry.messageId,
        title,
        body,
        count: entry.count,
      });
    }
  }
}

/** More conversations than this in one window are summed up in one notification. */
export const MAX_SEPARATE = 4;
