import { randomUUID } from 'node:crypto';
import type { Result } from '../../shared/ipc/contract.std.ts';
import { SwitchboardError } from '../../shared/ipc/errors.std.ts';
import type { Account } from '../../shared/model/entities.std.ts';
import { words } from '../../shared/words/coreWords.std.ts';
import type { Cache } from '../db/cache.node.ts';
import type { AccountRecord } from '../db/accountsRepo.node.ts';
import type { ProviderRegistry } from '../providers/registry.node.ts';
import type { Connections } from './connections.node.ts';
import type { EventBus } from './eventBus.node.ts';
import type { SecretStore } from './secretStore.node.ts';

const VERIFY_TIMEOUT_MS = 20_000;

export interface AccountInput {
  provider: AccountRecord['provider'];
  label: string;
  config: Record<string, string>;
  secrets: Record<string, string>;
}

export interface AccountsDeps {
  cache: Cache;
  registry: ProviderRegistry;
  secrets: SecretStore;
  connections: Connections;
  bus: EventBus;
  /** Everything queued is written (a removed account's last events land before it goes). */
  flushed(): Promise<void>;
  /** A webhook account gets the secret of its receiver path. */
  ensureWebhookSecret(accountId: string): void;
}

/**
 * Adding, changing and removing accounts: the one path for a user's request and for the
 * demo workspace alike. Whoever changes the accounts announces it here (`accounts.changed`).
 */
export class Accounts {
  constructor(private readonly deps: AccountsDeps) {}

  list(): Result<'accounts.list'> {
    const { cache } = this.deps;
    return {
      accounts: cache.accounts.list().map((r) => this.dto(r)),
      lines: cache.accounts.lines(),
    };
  }

  dto(record: AccountRecord): Account {
    const sending = this.deps.cache.outbox.troubleOf(record.id);
    return {
      id: record.id,
      provider: record.provider,
      label: record.label,
      config: record.config,
      demo: record.demo,
      connection: this.deps.connections.state(record.id),
      ...(sending ? { sending } : {}),
      createdAt: record.createdAt,
    };
  }

  require(id: string): AccountRecord {
    const record = this.deps.cache.accounts.get(id);
    if (!record) throw new SwitchboardError('not_found', words('account.gone'));
    return record;
  }

  announce(): void {
    this.deps.bus.emit('accounts.changed', this.list());
  }

  /** How many unsent each account had when last said: a send's change is announced only when that moves. */
  readonly #unsentSaid = new Map<string, number>();

  /** A send of this line changed state: the account's "sending fails" is said again if it moved. */
  sendingMayHaveChanged(lineId: string): void {
    const accountId = this.deps.cache.accounts.line(lineId)?.accountId;
    if (accountId === undefined) return;
    const unsent = this.deps.cache.outbox.troubleOf(accountId)?.unsent ?? 0;
    if ((this.#unsentSaid.get(accountId) ?? 0) === unsent) return;
    this.#unsentSaid.set(accountId, unsent);
    this.announce();
  }

  /** Checks the credentials with the provider, keeps them, and connects. */
  async add(
    input: AccountInput,
    options: { demo?: boolean; createdAt?: number } = {},
  ): Promise<Account> {
    const { cache, secrets, connections } = this.deps;
    const verified = await this.#verify(input.provider, input);
    const record: AccountRecord = {
      id: randomUUID(),
      provider: input.provider,
      label: input.label,
      config: verified.config,
      demo: options.demo ?? false,
      createdAt: options.createdAt ?? Date.now(),
    };
    // Secrets first: an account row without its secrets would be a broken account.
    secrets.set(record.id, verified.secrets);
    try {
      cache.accounts.add(record);
    } catch (error) {
      secrets.delete(record.id);
      throw error;
    }
    if (this.deps.registry.get(input.provider).descriptor.realtime === 'webhook')
      this.deps.ensureWebhookSecret(record.id);
    connections.start(record);
    this.announce();
    return this.dto(record);
  }

  /** A new label, or new settings and secrets (checked first, then the account reconnects). */
  async update(
    id: string,
    change: { label?: string; config?: Record<string, string>; secrets?: Record<string, string> },
  ): Promise<Account> {
    const { cache, secrets, connections } = this.deps;
    const record = this.require(id);
    const changesConnection = change.config !== undefined || change.secrets !== undefined;
    if (changesConnection) {
      const verified = await this.#verify(record.provider, {
        config: { ...(record.config as Record<string, string>), ...change.config },
        secrets: { ...secrets.get(id), ...change.secrets },
      });
      await connections.stop(id);
      secrets.set(id, verified.secrets);
      cache.accounts.update(id, change.label ?? record.label, verified.config);
    } else {
      cache.accounts.update(id, change.label ?? record.label, record.config);
    }
    const updated = this.require(id);
    if (changesConnection) connections.start(updated);
    this.announce();
    return this.dto(updated);
  }

  /** Disconnects and forgets these accounts, their history and secrets. */
  async remove(ids: string[]): Promise<void> {
    const { cache, secrets, connections } = this.deps;
    for (const id of ids) {
      await connections.stop(id);
      await this.deps.flushed();
      cache.accounts.remove(id);
      secrets.delete(id);
    }
    this.announce();
    this.deps.bus.emit('conversations.invalidated', {});
  }

  async #verify(
    provider: AccountRecord['provider'],
    input: { config: Record<string, string>; secrets: Record<string, string> },
  ) {
    const plugin = this.deps.registry.get(provider);
    const normalized = plugin.parseAccount(input);
    const verified = await plugin.verify(normalized, AbortSignal.timeout(VERIFY_TIMEOUT_MS));
    return { config: normalized.config, secrets: { ...normalized.secrets, ...verified.secrets } };
  }
}
