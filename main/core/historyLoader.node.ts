import type { Cache } from '../db/cache.node.ts';
import type { Connections } from './connections.node.ts';
import type { EventBus } from './eventBus.node.ts';
import { createLogger } from '../log/logger.node.ts';

const log = createLogger('history');

/**
 * Fetches older messages from providers that keep history, when the user scrolls past
 * what the cache holds. One fetch per conversation at a time; a conversation whose
 * provider has nothing older is not asked again this session.
 */
export class HistoryLoader {
  readonly #inflight = new Set<number>();
  readonly #exhausted = new Set<number>();

  constructor(
    private readonly cache: Cache,
    private readonly connections: Connections,
    private readonly bus: EventBus,
  ) {}

  /** Starts a fetch if the provider can; returns whether one is running. */
  request(conversationId: number): boolean {
    if (this.#inflight.has(conversationId)) return true;
    if (this.#exhausted.has(conversationId)) return false;
    const chat = this.cache.conversations.lineOf(conversationId);
    const line = chat ? this.cache.accounts.line(chat.lineId) : undefined;
    const history = line ? this.connections.connection(line.accountId)?.history : undefined;
    if (!chat || !line || !history) return false;
    const oldest = this.cache.reader.oldestMessage(conversationId);
    const ids = oldest ? this.cache.reader.refsOf(chat.lineId, oldest.id) : undefined;
    const before = oldest ? { time: oldest.time, ...(ids ? { ids } : {}) } : null;
    this.#inflight.add(conversationId);
    history
      .loadOlder(line.providerLineId, chat.providerChatId, before)
      .then(({ more }) => {
        if (!more) this.#exhausted.add(conversationId);
        this.bus.emit('messages.invalidated', { conversationId });
      })
      .catch((error: unknown) =>
        log.warn(`older messages of conversation ${conversationId} could not be fetched`, {
          error: String(error),
        }),
      )
      .finally(() => this.#inflight.delete(conversationId));
    return true;
  }
}
