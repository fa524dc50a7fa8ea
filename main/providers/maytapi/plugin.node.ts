import { SwitchboardError } from '../../../shared/ipc/errors.std.ts';
import { ProviderAuthError, ProviderUnavailable } from '../errors.node.ts';
import type { AccountInput, ProviderConnection, ProviderContext, ProviderPlugin } from '../plugin.node.ts';
import { MaytapiApi } from './api.node.ts';
import { FIELDS, configOf, parseAccount } from './config.node.ts';
import { MaytapiConnection } from './connection.node.ts';

/** Maytapi: hosted WhatsApp; phones are lines, QR by polling, events only by webhook, no history. */
export const maytapiPlugin: ProviderPlugin = {
  descriptor: { kind: 'maytapi', displayName: 'Maytapi', loginMethods: ['qr'], realtime: 'webhook', history: false, fields: FIELDS },
  parseAccount,
  async verify(input: AccountInput) {
    const config = configOf(input.config);
    try {
      await new MaytapiApi(config.apiBase, config.productId, input.secrets.apiKey ?? '').phones();
    } catch (error) {
      if (error instanceof ProviderAuthError) throw new SwitchboardError('auth', error.message, [{ path: 'apiKey', message: error.message }]);
      if (error instanceof ProviderUnavailable) throw new SwitchboardError('unavailable', error.message, [{ path: 'apiBase', message: error.message }]);
      throw new SwitchboardError('provider', error instanceof Error ? error.message : String(error));
    }
    return {};
  },
  connect(context: ProviderContext): ProviderConnection {
    return new MaytapiConnection(context);
  },
};
