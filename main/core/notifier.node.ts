import type { Cache } from '../db/cache.node.ts';
import type { EventBus } from './eventBus.node.ts';
import type { SettingsStore } from './settingsStore.node.ts';
import { notificationText, shouldNotify } from './notificationRules.std.ts';

/** A burst in one conversation within this window becomes one notification. */
export const GROUP_WINDOW_MS = 1500;

/**
 * Turns new incoming messages into `notification` events, following the rules (mute, do
 * not disturb, the conversation on screen) and grouping bursts per conversation. The
 * Electron shell shows them natively; the browser UI may too.
 */
export class Notifier {
  focusedConversationId: number | null = null;
  readonly #pending = new Map<number, { messageId: number; count: number; timer: NodeJS.Timeout }>();

  constructor(
    private readonly cache: Cache,
    private readonly settings: SettingsStore,
    private readonly bus: EventBus,
  ) {}

  onIncoming(items: readonly { conversationId: number; messageId: number }[]): void {
    for (const { conversationId, messageId } of items) {
      const chat = this.cache.conversations.lineOf(conversationId);
      const line = chat ? this.cache.accounts.line(chat.lineId) : undefined;
      if (!line) continue;
      const allowed = shouldNotify({
        settings: this.settings.get(),
        now: Date.now(),
        lineMuted: line.muted,
        focusedConversationId: this.focusedConversationId,
        conversationId,
      });
      if (!allowed) continue;
      const pending = this.#pending.get(conversationId);
      if (pending) {
        pending.count += 1;
        pending.messageId = messageId;
        continue;
      }
      const entry = { messageId, count: 1, timer: setTimeout(() => this.#fire(conversationId), GROUP_WINDOW_MS) };
      entry.timer.unref?.();
      this.#pending.set(conversationId, entry);
    }
  }

  close(): void {
    for (const { timer } of this.#pending.values()) clearTimeout(timer);
    this.#pending.clear();
  }

  #fire(conversationId: number): void {
    const entry = this.#pending.get(conversationId);
    this.#pending.delete(conversationId);
    if (!entry || this.focusedConversationId === conversationId) return;
    const conversation = this.cache.reader.getConversation(conversationId);
    const message = this.cache.reader.getMessages([entry.messageId])[0];
    const line = conversation ? this.cache.accounts.line(conversation.lineId) : undefined;
    if (!conversation || !message || !line) return;
    const preview = message.text ?? message.media?.fileName ?? '…';
    const { title, body } = notificationText(this.settings.get(), conversation.title, line.title ?? line.phone ?? line.providerLineId, preview, entry.count);
    this.bus.emit('notification', { conversationId, messageId: entry.messageId, title, body, count: entry.count });
  }
}
