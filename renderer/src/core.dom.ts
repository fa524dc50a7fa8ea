import { connectToCore } from './ipc/client.dom.ts';
import { createConversationController } from './store/conversation.dom.ts';
import { bindWorkspace, setScope } from './store/workspace.dom.ts';
import { bindWebNotifications } from './webNotifications.dom.ts';

/** The renderer's one connection to the core, and what is kept live from it. */
export const client = connectToCore();
bindWorkspace(client);
export const conversation = createConversationController(client);
bindWebNotifications(client, conversation);

// The desktop shell points at something: a clicked notification or link, an account in the tray.
client.on('ui.open', (target) => {
  if ('accountId' in target) void setScope(client, target.accountId);
  else if (target.messageId !== undefined)
    void conversation.openAt(target.conversationId, target.messageId);
  else void conversation.open(target.conversationId);
});
