import { verifyFailure } from '../errors.node.ts';
import type {
  AccountInput,
  ProviderConnection,
  ProviderContext,
  ProviderPlugin,
} from '../plugin.node.ts';
import { MaytapiApi } from './api.node.ts';
import { FIELDS, configOf, parseAccount } from './config.node.ts';
import { MaytapiConnection } from './connection.node.ts';
import { maytapiWords } from './words.std.ts';

/** Maytapi: hosted WhatsApp; phones are lines, QR by polling, events only by webhook, no history. */
export const maytapiPlugin: ProviderPlugin = {
  descriptor: {
    kind: 'maytapi',
    words: maytapiWords,
    displayName: 'Maytapi',
    loginMethods: ['qr'],
    realtime: 'webhook',
    capabilities: {
      react: true,
      deleteForEveryone: true,
      edit: false,
      markRead: false,
      history: false,
      addLine: true,
      newChat: false,
      templates: false,
    },
    fields: FIELDS,
  },
  parseAccount,
  async verify(input: AccountInput) {
    const config = configOf(input.config);
    try {
      await new MaytapiApi(config.apiBase, config.productId, input.secrets.apiKey ?? '').phones();
    } catch (error) {
      throw verifyFailure(error, { secret: 'apiKey', address: 'apiBase' });
    }
    return {};
  },
  connect(context: ProviderContext): ProviderConnection {
    return new MaytapiConnection(context);
  },
};
