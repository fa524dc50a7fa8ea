import { SwitchboardError } from '../../../shared/ipc/errors.std.ts';
import { words } from '../../../shared/words/coreWords.std.ts';
import type { Core } from '../core.node.ts';
import type { DomainHandlers } from './handlerTypes.node.ts';
import { detailOf, messageTarget } from './lookups.node.ts';

/** A conversation's messages: paging (with history from the provider), sending and acting on one. */
export const messageHandlers = (
  core: Core,
): DomainHandlers<
  | 'messages.page'
  | 'messages.send'
  | 'messages.retry'
  | 'messages.discard'
  | 'messages.deleteForEveryone'
  | 'messages.react'
> => ({
  'messages.page': (query) => {
    if (!core.cache.conversations.exists(query.conversationId))
      throw new SwitchboardError('not_found', words('conversation.gone'));
    const page = core.cache.reader.messagesPage(query);
    // At the top of what the cache holds: ask the provider for more, if it keeps history.
    if (!page.hasOlder && query.after === undefined && core.history.request(query.conversationId))
      return { ...page, loadingOlder: true };
    return page;
  },
  'messages.send': (params) => core.sender.send(params),
  'messages.retry': ({ id }) => core.sender.retry(id),
  'messages.discard': ({ id }) => {
    core.sender.discard(id);
    return { ok: true };
  },
  'messages.deleteForEveryone': async ({ id }) => {
    const { message, chat, line, connection, ref } = messageTarget(core, id);
    if (message.direction !== 'out')
      throw new SwitchboardError('invalid_request', words('message.deleteNotOwn'));
    if (!connection?.deleteForEveryone)
      throw new SwitchboardError('unavailable', words('message.deleteUnsupported'));
    if (!ref?.provider && !ref?.internal)
      throw new SwitchboardError('unavailable', words('message.notAtProvider'));
    try {
      await connection.deleteForEveryone(line.providerLineId, chat.providerChatId, ref);
    } catch (error) {
      throw new SwitchboardError(
        'provider',
        words('message.deleteFailed', { detail: detailOf(error) }),
      );
    }
    // Its own write only: the reply shows the deletion without waiting on the backlog.
    core.queue.writeNow([{ kind: 'deleted', line: chat.lineId, ref }], () => undefined);
    return core.cache.reader.getMessages([id])[0]!;
  },
  'messages.react': async ({ id, emoji }) => {
    const { chat, line, connection, ref } = messageTarget(core, id);
    if (!connection?.react)
      throw new SwitchboardError('unavailable', words('message.reactUnsupported'));
    if (!ref?.provider) throw new SwitchboardError('unavailable', words('message.reactNotYet'));
    try {
      await connection.react(line.providerLineId, chat.providerChatId, ref, emoji);
    } catch (error) {
      throw new SwitchboardError(
        'provider',
        words('message.reactFailed', { detail: detailOf(error) }),
      );
    }
    core.queue.writeNow(
      [{ kind: 'reaction', line: chat.lineId, ref, from: 'me', emoji }],
      () => undefined,
    );
    return core.cache.reader.getMessages([id])[0]!;
  },
});
