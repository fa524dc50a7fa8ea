import type { Message } from '../../../shared/model/entities.std.ts';
import type { CoreClient } from '../ipc/client.dom.ts';

/** What the user does to one message; each is one request, its error shown by the caller. */
export const messageActions = (client: CoreClient) => ({
  retry: (id: number) => client.call('messages.retry', { id }),
  react: (message: Message, emoji: string | null) =>
    client.call('messages.react', { id: message.id, emoji }),
  deleteForEveryone: (message: Message) =>
    client.call('messages.deleteForEveryone', { id: message.id }),
});
