import { NO_CAPABILITIES } from '../../shared/ipc/providers.std.ts';
import { SwitchboardError } from '../../shared/ipc/errors.std.ts';
import type { ProviderKind } from '../../shared/model/ids.std.ts';
import type {
  ProviderConnection,
  ProviderContext,
  ProviderPlugin,
  SendRequest,
  SendResult,
} from '../../main/providers/plugin.node.ts';
import type { SendFailure } from '../../main/providers/plugin.node.ts';

/**
 * A provider plug-in for exercising the core's own paths (accounts, outbox, ids, events)
 * independent of any wire protocol. Real providers are tested against their simulators.
 */
export class RecordingPlugin implements ProviderPlugin {
  readonly sent: SendRequest[] = [];
  context: ProviderContext | undefined;
  /** The next sends fail this way, in order. */
  failures: SendFailure[] = [];
  /** While set, a send waits for it before answering (a slow provider). */
  hold: Promise<void> | undefined;
  #counter = 0;

  constructor(readonly kind: ProviderKind = 'multiwa') {}

  get descriptor() {
    return {
      kind: this.kind,
      displayName: 'Recording',
      loginMethods: [],
      realtime: 'socket' as const,
      capabilities: NO_CAPABILITIES,
      words: { en: {}, ru: {} },
      fields: [
        { key: 'apiKey', label: 'API key', kind: 'secret' as const, required: true, secret: true },
      ],
    };
  }

  parseAccount(input: { config: Record<string, string>; secrets: Record<string, string> }) {
    if (!input.secrets.apiKey)
      throw new SwitchboardError('invalid_request', 'Enter the API key.', [
        { path: 'apiKey', message: 'Required' },
      ]);
    return input;
  }

  async verify(input: { secrets: Record<string, string> }) {
    if (input.secrets.apiKey !== 'good-key')
      throw new SwitchboardError('auth', 'The server refused this API key.');
    return { secrets: { token: 'issued-token' } };
  }

  connect(context: ProviderContext): ProviderConnection {
    this.context = context;
    return {
      start: async () => {
        context.emit({
          kind: 'line',
          line: {
            providerLineId: 'line-1',
            messenger: 'whatsapp',
            title: 'Support',
            login: { state: 'authorized' },
          },
        });
        context.emit({ kind: 'connection', state: { state: 'online' } });
      },
      stop: async () => {},
      send: async (request): Promise<SendResult> => {
        this.sent.push(request);
        if (this.hold) await this.hold;
        const failure = this.failures.shift();
        if (failure) throw failure;
        this.#counter += 1;
        return { ids: { provider: `wamid.${this.#counter}`, internal: `rec-${this.#counter}` } };
      },
    };
  }
}
