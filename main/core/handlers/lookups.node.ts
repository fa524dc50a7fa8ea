import { SwitchboardError } from '../../../shared/ipc/errors.std.ts';
import { words } from '../../../shared/words/coreWords.std.ts';
import type { Core } from '../core.node.ts';

/** A message with everything needed to act on it at its provider. */
export function messageTarget(core: Core, id: number) {
  const { cache } = core;
  const message = cache.reader.getMessages([id])[0];
  const chat = message ? cache.conversations.lineOf(message.conversationId) : undefined;
  const line = chat ? cache.accounts.line(chat.lineId) : undefined;
  if (!message || !chat || !line) throw new SwitchboardError('not_found', words('message.gone'));
  return {
    message,
    chat,
    line,
    connection: core.connections.connection(line.accountId),
    ref: cache.reader.refsOf(chat.lineId, id),
  };
}

/** The provider's words for a failure, as the detail of ours. */
export const detailOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
