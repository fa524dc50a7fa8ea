import type { SecretStorage } from '../../shared/model/settings.std.ts';

/**
 * Where account secrets (passwords, tokens, API keys) live. The Electron shell backs it
 * with safeStorage + electron-store; the headless core keeps them in memory only, so no
 * secret ever reaches the disk in plaintext.
 */
export interface SecretStore {
  get(accountId: string): Record<string, string> | undefined;
  set(accountId: string, secrets: Record<string, string>): void;
  delete(accountId: string): void;
  /** Whether secrets survive a restart. */
  readonly persistent: boolean;
  /** Where they are kept, for Settings; absent means memory, not choosable. */
  storage?(): SecretStorage;
  /** Where the OS has no keyring: store secrets anyway (readable by anyone who reads the files), or not. */
  setStoreWithoutKeyring?(allow: boolean): void;
}

export class MemorySecretStore implements SecretStore {
  readonly persistent = false;
  readonly #byAccount = new Map<string, Record<string, string>>();

  get(accountId: string): Record<string, string> | undefined {
    const secrets = this.#byAccount.get(accountId);
    return secrets ? { ...secrets } : undefined;
  }

  set(accountId: string, secrets: Record<string, string>): void {
    this.#byAccount.set(accountId, { ...secrets });
  }

  delete(accountId: string): void {
    this.#byAccount.delete(accountId);
  }

  /** The accounts with secrets here. */
  ids(): string[] {
    return [...this.#byAccount.keys()];
  }
}
