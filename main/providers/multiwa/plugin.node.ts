import { SwitchboardError } from '../../../shared/ipc/errors.std.ts';
import type {
  AccountInput,
  ProviderConnection,
  ProviderContext,
  ProviderPlugin,
} from '../plugin.node.ts';
import { MultiWaApi } from './api.node.ts';
import { ProviderAuthError, ProviderRequestError, ProviderUnavailable } from '../errors.node.ts';
import { FIELDS, configOf, parseAccount } from './config.node.ts';
import { MultiWaConnection } from './connection.node.ts';
import { multiwaWords } from './words.std.ts';

/** MultiWA: a self-hosted WhatsApp gateway; each profile is a line, signed in by QR. */
export const multiWaPlugin: ProviderPlugin = {
  descriptor: {
    kind: 'multiwa',
    words: multiwaWords,
    displayName: 'MultiWA',
    loginMethods: ['qr'],
    realtime: 'socket',
    capabilities: {
      react: true,
      deleteForEveryone: false,
      edit: false,
      markRead: true,
      history: true,
      addLine: false,
      newChat: false,
      templates: false,
    },
    fields: FIELDS,
  },

  parseAccount,

  async verify(input: AccountInput) {
    const config = configOf(input.config);
    const api = new MultiWaApi(config.baseUrl, {
      ...(input.secrets.apiKey ? { apiKey: input.secrets.apiKey } : {}),
      ...(input.secrets.jwt ? { jwt: input.secrets.jwt } : {}),
    });
    try {
      await api.profiles();
    } catch (error) {
      if (error instanceof ProviderAuthError)
        throw new SwitchboardError('auth', error.message, [
          { path: 'apiKey', message: error.message },
        ]);
      if (error instanceof ProviderUnavailable)
        throw new SwitchboardError(
          'unavailable',
          `${error.message} Check the address and that the server is running.`,
          [{ path: 'baseUrl', message: error.message }],
        );
      if (error instanceof ProviderRequestError)
        throw new SwitchboardError('provider', error.message, [
          { path: 'baseUrl', message: error.message },
        ]);
      throw error;
    }
    return {};
  },

  connect(context: ProviderContext): ProviderConnection {
    return new MultiWaConnection(context);
  },
};
