import type { SecretStore } from '../core/secretStore.node.ts';
import type { SecretStorage } from '../../shared/model/settings.std.ts';

/** The slice of Electron's `safeStorage` this module uses (a test passes a fake). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: `basic_text` means no keyring, the "encryption" is a hard-coded password. */
  getSelectedStorageBackend?(): string;
}

/** The slice of electron-store used here. */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  /** Every key (electron-store's `store`), to forget all stored secrets at once. */
  readonly store?: Record<string, unknown>;
}

export type SecretProtection = 'os' | 'basic_text' | 'none';

/** How well this computer can protect secrets: the OS keychain, Chromium's fixed key, or nothing. */
export function protectionOf(
  safe: SafeStorageLike,
  platform: NodeJS.Platform = process.platform,
): SecretProtection {
  if (!safe.isEncryptionAvailable()) return 'none';
  if (platform === 'linux' && safe.getSelectedStorageBackend?.() === 'basic_text')
    return 'basic_text';
  return 'os';
}

/**
 * Account secrets encrypted with `safeStorage` and kept in electron-store, as element-desktop
 * does. Where the OS has no real secret store (`basic_text`: a fixed key anyone can read)
 * secrets are written only if the user opted in; until then they stay in memory, like the
 * headless core's, and the account asks to sign in again after a restart.
 */
export class SafeSecretStore implements SecretStore {
  readonly #memory = new Map<string, Record<string, string>>();

  constructor(
    private readonly store: KeyValueStore,
    private readonly safe: SafeStorageLike,
    private readonly allowWeak: () => boolean,
    private readonly platform: NodeJS.Platform = process.platform,
    /** Remembers the user's choice for `basic_text` (see setStoreWithoutKeyring). */
    private readonly rememberWeak: (allow: boolean) => void = () => undefined,
  ) {}

  storage(): SecretStorage {
    const protection = this.protection;
    if (protection === 'os') return { where: 'keychain', choosable: false };
    if (protection === 'none') return { where: 'memory', choosable: false };
    return { where: this.allowWeak() ? 'weak' : 'memory', choosable: true };
  }

  /**
   * The user changed their mind about storing without a keyring: what is in memory is written
   * now (no sign-in lost), or everything written is deleted from disk and kept in memory.
   */
  setStoreWithoutKeyring(allow: boolean): void {
    if (this.protection !== 'basic_text') return;
    // Whatever is on disk is read into memory first: switching either way loses no sign-in.
    const stored = this.#storedIds();
    for (const accountId of stored) this.get(accountId);
    this.rememberWeak(allow);
    if (allow) {
      for (const [accountId, secrets] of this.#memory)
        this.store.set(
          keyOf(accountId),
          this.safe.encryptString(JSON.stringify(secrets)).toString('base64'),
        );
      return;
    }
    for (const accountId of stored) this.store.delete(keyOf(accountId));
  }

  /** Every account's secrets, for a core in its own process (it cannot reach safeStorage). */
  entries(): Record<string, Record<string, string>> {
    const ids = new Set([...this.#memory.keys(), ...this.#storedIds()]);
    const entries: Record<string, Record<string, string>> = {};
    for (const id of ids) {
      const secrets = this.get(id);
      if (secrets) entries[id] = secrets;
    }
    return entries;
  }

  /** Accounts with secrets on disk. electron-store nests dotted keys; a plain map keeps them flat. */
  #storedIds(): string[] {
    const nested = this.store.get(PREFIX.slice(0, -1));
    const ids = new Set(nested && typeof nested === 'object' ? Object.keys(nested) : []);
    for (const key of Object.keys(this.store.store ?? {}))
      if (key.startsWith(PREFIX)) ids.add(key.slice(PREFIX.length));
    return [...ids];
  }

  get protection(): SecretProtection {
    return protectionOf(this.safe, this.platform);
  }

  get persistent(): boolean {
    const protection = this.protection;
    return protection === 'os' || (protection === 'basic_text' && this.allowWeak());
  }

  get(accountId: string): Record<string, string> | undefined {
    const held = this.#memory.get(accountId);
    if (held) return { ...held };
    const stored = this.store.get(keyOf(accountId));
    if (typeof stored !== 'string' || this.protection === 'none') return undefined;
    try {
      const secrets = JSON.parse(this.safe.decryptString(Buffer.from(stored, 'base64'))) as Record<
        string,
        string
      >;
      this.#memory.set(accountId, secrets);
      return { ...secrets };
    } catch {
      // Encrypted under another OS user or keyring: unreadable, so the account signs in again.
      return undefined;
    }
  }

  set(accountId: string, secrets: Record<string, string>): void {
    this.#memory.set(accountId, { ...secrets });
    if (!this.persistent) return;
    this.store.set(
      keyOf(accountId),
      this.safe.encryptString(JSON.stringify(secrets)).toString('base64'),
    );
  }

  delete(accountId: string): void {
    this.#memory.delete(accountId);
    this.store.delete(keyOf(accountId));
  }
}

const PREFIX = 'secrets.';
const keyOf = (accountId: string) => `${PREFIX}${accountId}`;
