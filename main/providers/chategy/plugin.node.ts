import { SwitchboardError } from '../../../shared/ipc/errors.std.ts';
import { verifyFailure } from '../errors.node.ts';
import type {
  AccountInput,
  ProviderConnection,
  ProviderContext,
  ProviderPlugin,
} from '../plugin.node.ts';
import { ChategyApi } from './api.node.ts';
import { FIELDS, configOf, parseAccount } from './config.node.ts';
import { ChategyConnection } from './connection.node.ts';
import { chategyWords } from './words.std.ts';

/** Chategy (ChatPush, PushSMS, JetAPI): WhatsApp, Telegram and MAX per token; webhooks in, REST out. */
export const chategyPlugin: ProviderPlugin = {
  descriptor: {
    kind: 'chategy',
    words: chategyWords,
    displayName: 'Chategy',
    loginMethods: ['qr', 'phone'],
    realtime: 'webhook',
    capabilities: {
      react: false,
      deleteForEveryone: true,
      edit: false,
      markRead: false,
      history: false,
      addLine: false,
      newChat: false,
      templates: false,
    },
    fields: FIELDS,
  },
  parseAccount,
  async verify(input: AccountInput) {
    const config = configOf(input.config);
    try {
      // The token names its customer; the account endpoint confirms the server agrees.
      const account = await new ChategyApi(config.apiBase, config.developerBase, {
        token: input.secrets.token ?? '',
      }).account();
      if (account.customer_id != null && account.customer_id !== config.customerId) {
        throw new SwitchboardError(
          'auth',
          `This token belongs to customer ${config.customerId}, but Chategy answered for ${account.customer_id}.`,
          [{ path: 'token', message: 'The token does not match the account' }],
        );
      }
    } catch (error) {
      throw verifyFailure(error, { secret: 'token', address: 'apiBase' });
    }
    return {};
  },
  connect(context: ProviderContext): ProviderConnection {
    return new ChategyConnection(context);
  },
};
