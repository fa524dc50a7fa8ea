import type { Message } from '../../../shared/model/entities.std.ts';
import type { CoreClient } from '../ipc/client.dom.ts';
import { deepLinkOf } from '../../../shared/model/deepLink.std.ts';

/**
 * Copies a link that opens this message in Switchboard (`switchboard://conversation/…?message=…`),
 * to paste in a colleague's chat or a ticket. Resolves false where the page may not write
 * to the clipboard.
 */
export async function copyMessageLink(
  message: Pick<Message, 'id' | 'conversationId'>,
): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(
      deepLinkOf({ conversationId: message.conversationId, messageId: message.id }),
    );
    return true;
  } catch {
    return false;
  }
}

/** What the user does to one message; each is one request, its error shown by the caller. */
export const messageActions = (client: CoreClient) => ({
  retry: (id: number) => client.call('messages.retry', { id }),
  /** Gives up a send that never went: it is removed and never sent. */
  discard: (id: number) => client.call('messages.discard', { id }),
  react: (message: Message, emoji: string | null) =>
    client.call('messages.react', { id: message.id, emoji }),
  deleteForEveryone: (message: Message) =>
    client.call('messages.deleteForEveryone', { id: message.id }),
});
