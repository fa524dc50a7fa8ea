import fs from 'node:fs';
import type { SecretStore } from '../../main/core/secretStore.node.ts';

/**
 * For the chaos runs only: secrets in a plain JSON file, so a core killed with SIGKILL comes
 * back signed in, as the desktop app's keychain-backed store does. Never used by the app.
 */
export class FileSecretStore implements SecretStore {
  readonly persistent = true;

  constructor(private readonly file: string) {}

  #all(): Record<string, Record<string, string>> {
    try {
      return JSON.parse(fs.readFileSync(this.file, 'utf8')) as Record<
        string,
        Record<string, string>
      >;
    } catch {
      return {};
    }
  }

  get(accountId: string): Record<string, string> | undefined {
    return this.#all()[accountId];
  }

  set(accountId: string, secrets: Record<string, string>): void {
    const all = this.#all();
    all[accountId] = { ...secrets };
    fs.writeFileSync(this.file, JSON.stringify(all));
  }

  delete(accountId: string): void {
    const all = this.#all();
    delete all[accountId];
    fs.writeFileSync(this.file, JSON.stringify(all));
  }
}
