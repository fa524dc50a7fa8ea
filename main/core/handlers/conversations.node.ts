import { SwitchboardError } from '../../../shared/ipc/errors.std.ts';
import { words } from '../../../shared/words/coreWords.std.ts';
import { createLogger } from '../../log/logger.node.ts';
import type { Core } from '../core.node.ts';
import type { DomainHandlers } from './handlerTypes.node.ts';

const log = createLogger('conversations');

/**
 * The conversation list and reading. Reads do not flush the ingest queue: during an import
 * that would write the whole backlog before answering; what is queued is pushed as it commits.
 */
export const conversationHandlers = (
  core: Core,
): DomainHandlers<
  | 'conversations.list'
  | 'conversations.get'
  | 'conversations.markRead'
  | 'conversations.setMuted'
  | 'conversations.markUnread'
> => ({
  'conversations.list': (query) => core.cache.reader.listConversations(query),
  'conversations.get': ({ id }) => {
    const conversation = core.cache.reader.getConversation(id);
    if (!conversation) throw new SwitchboardError('not_found', words('conversation.gone'));
    return conversation;
  },
  'conversations.setMuted': ({ id, until }) => {
    if (!core.cache.conversations.exists(id))
      throw new SwitchboardError('not_found', words('conversation.gone'));
    core.cache.conversations.setMutedUntil(id, until);
    return announce(core, id);
  },
  'conversations.markUnread': ({ id }) => {
    if (!core.cache.conversations.exists(id))
      throw new SwitchboardError('not_found', words('conversation.gone'));
    core.cache.conversations.markUnread(id);
    return announce(core, id);
  },
  'conversations.markRead': async ({ id, upTo }) => {
    const { cache } = core;
    // What arrived before the click is read too: wait for it, in slices, without holding the loop.
    await core.queue.flushed();
    const chat = cache.conversations.lineOf(id);
    if (!chat) throw new SwitchboardError('not_found', words('conversation.gone'));
    const conversation = cache.reader.getConversation(id);
    // A message of another chat (a stale page) reads nothing here.
    const readTo =
      upTo === undefined
        ? conversation?.lastMessage?.id
        : cache.reader.getMessages([upTo])[0]?.conversationId === id
          ? upTo
          : undefined;
    if (upTo !== undefined && readTo === undefined) return { ok: true };
    if (!cache.ingest.markRead(id, upTo)) return { ok: true };
    const updated = cache.reader.getConversation(id);
    if (updated) core.bus.emit('conversations.upserted', { conversations: [updated] });
    // Read receipts to the contact, where the provider sends them; a failure costs nothing locally.
    const line = cache.accounts.line(chat.lineId);
    const connection = line ? core.connections.connection(line.accountId) : undefined;
    // The receipt names the last message read: the contact sees ticks only as far as that.
    const last = readTo !== undefined ? cache.reader.refsOf(chat.lineId, readTo) : undefined;
    if (line && last && connection?.markRead) {
      connection
        .markRead(line.providerLineId, chat.providerChatId, last)
        .catch((error: unknown) => {
          log.warn(`read receipts for conversation ${id} not sent`, { error: String(error) });
        });
    }
    return { ok: true };
  },
});

/** The chat as it is now, told to every window (the list, the badge) and returned. */
function announce(core: Core, id: number) {
  const conversation = core.cache.reader.getConversation(id);
  if (!conversation) throw new SwitchboardError('not_found', words('conversation.gone'));
  core.bus.emit('conversations.upserted', { conversations: [conversation] });
  return conversation;
}
