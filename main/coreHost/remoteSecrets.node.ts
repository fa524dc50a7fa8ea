import type { SecretStore } from '../core/secretStore.node.ts';
import type { SecretStorage } from '../../shared/model/settings.std.ts';
import type { CoreStart, CoreToHost } from './hostFrames.std.ts';

/**
 * The secret store of a core in its own process. Only the host can reach the OS keyring
 * (Electron's safeStorage lives in the main process), so the host hands over every
 * account's secrets at start; the core reads them from memory and sends each change back
 * for the host to keep. Nothing is written to disk here.
 */
export class RemoteSecretStore implements SecretStore {
  readonly #byAccount: Map<string, Record<string, string>>;
  #persistent: boolean;
  #storage: SecretStorage;

  constructor(
    start: CoreStart['secrets'],
    private readonly post: (frame: CoreToHost) => void,
  ) {
    this.#byAccount = new Map(Object.entries(start.entries));
    this.#persistent = start.persistent;
    this.#storage = start.storage ?? { where: 'memory', choosable: false };
  }

  get persistent(): boolean {
    return this.#persistent;
  }

  get(accountId: string): Record<string, string> | undefined {
    const secrets = this.#byAccount.get(accountId);
    return secrets ? { ...secrets } : undefined;
  }

  set(accountId: string, secrets: Record<string, string>): void {
    this.#byAccount.set(accountId, { ...secrets });
    this.post({ type: 'secrets.set', accountId, secrets: { ...secrets } });
  }

  delete(accountId: string): void {
    this.#byAccount.delete(accountId);
    this.post({ type: 'secrets.delete', accountId });
  }

  storage(): SecretStorage {
    return this.#storage;
  }

  /** As the host's keyring store decides it: stored weakly when allowed, else memory only. */
  setStoreWithoutKeyring(allow: boolean): void {
    if (!this.#storage.choosable) return;
    this.#storage = { where: allow ? 'weak' : 'memory', choosable: true };
    this.#persistent = allow;
    this.post({ type: 'secrets.storeWithoutKeyring', allow });
  }
}
