import type {
  ProviderConnection,
  ProviderContext,
  ProviderPlugin,
  AccountInput,
} from '../plugin.node.ts';
import { SwitchboardError } from '../../../shared/ipc/errors.std.ts';
import { FIELDS, configOf, parseAccount } from './config.node.ts';
import { ChatAppConnection } from './connection.node.ts';
import { ProviderAuthError, ProviderRequestError, ProviderUnavailable } from '../errors.node.ts';
import { TokenManager } from './tokens.node.ts';
import { chatappWords } from './words.std.ts';

/** ChatApp: token login, lines from licenses, Pusher real-time, REST history and sending. */
export const chatAppPlugin: ProviderPlugin = {
  descriptor: {
    kind: 'chatapp',
    words: chatappWords,
    displayName: 'ChatApp',
    loginMethods: ['token'],
    realtime: 'socket',
    capabilities: {
      react: false,
      deleteForEveryone: false,
      edit: false,
      markRead: false,
      history: true,
      addLine: false,
      newChat: false,
      templates: false,
    },
    fields: FIELDS,
  },

  parseAccount,

  async verify(input: AccountInput): Promise<{ secrets?: Record<string, string> }> {
    const config = configOf(input.config);
    let saved: string | undefined;
    const tokens = new TokenManager(
      config.apiBase,
      { email: config.email, password: input.secrets.password ?? '', appId: config.appId },
      { load: () => undefined, save: (t) => (saved = JSON.stringify(t)) },
    );
    try {
      await tokens.login();
    } catch (error) {
      if (error instanceof ProviderAuthError)
        throw new SwitchboardError('auth', error.message, [
          { path: 'password', message: error.message },
        ]);
      if (error instanceof ProviderUnavailable)
        throw new SwitchboardError(
          'unavailable',
          `${error.message}. Check the API address and your connection.`,
          [{ path: 'apiBase', message: error.message }],
        );
      if (error instanceof ProviderRequestError)
        throw new SwitchboardError('provider', error.message, [
          { path: 'apiBase', message: error.message },
        ]);
      throw error;
    }
    return saved ? { secrets: { tokens: saved } } : {};
  },

  connect(context: ProviderContext): ProviderConnection {
    return new ChatAppConnection(context);
  },
};
