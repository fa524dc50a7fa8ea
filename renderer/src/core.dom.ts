import { connectToCore } from './ipc/client.dom.ts';
import { createConversationController } from './store/conversation.dom.ts';
import { bindWorkspace } from './store/workspace.dom.ts';

/** The renderer's one connection to the core, and what is kept live from it. */
export const client = connectToCore();
bindWorkspace(client);
export const conversation = createConversationController(client);
