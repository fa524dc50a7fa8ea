import type { Core } from './core.node.ts';
import type { Handlers } from './handlers/handlerTypes.node.ts';
import { accountHandlers } from './handlers/accounts.node.ts';
import { webhookHandlers } from './handlers/webhooks.node.ts';
import { loginHandlers } from './handlers/login.node.ts';
import { conversationHandlers } from './handlers/conversations.node.ts';
import { messageHandlers } from './handlers/messages.node.ts';
import { searchHandlers } from './handlers/search.node.ts';
import { demoHandlers } from './handlers/demo.node.ts';
import { settingsHandlers } from './handlers/settings.node.ts';

export type { Handlers } from './handlers/handlerTypes.node.ts';

/** The contract's requests, answered by domain; each domain is a small file in `handlers/`. */
export function createHandlers(core: Core): Handlers {
  return {
    ...accountHandlers(core),
    ...webhookHandlers(core),
    ...loginHandlers(core),
    ...conversationHandlers(core),
    ...messageHandlers(core),
    ...searchHandlers(core),
    ...demoHandlers(core),
    ...settingsHandlers(core),
  };
}
