import type { ConnectionState } from '../../shared/model/connection.std.ts';
import type { ProviderEvent } from '../../shared/model/events.std.ts';
import type { Cache } from '../db/cache.node.ts';
import type { AccountRecord } from '../db/accountsRepo.node.ts';
import { reasonOf } from '../providers/errors.node.ts';
import { lineIdOf } from '../db/accountsRepo.node.ts';
import type { CacheEvent } from '../db/ingestWriter.node.ts';
import type { ProviderRegistry } from '../providers/registry.node.ts';
import type { ProviderConnection, ProviderContext } from '../providers/plugin.node.ts';
import type { EventBus } from './eventBus.node.ts';
import type { SecretStore } from './secretStore.node.ts';
import { createLogger } from '../log/logger.node.ts';
import { say, words } from '../../shared/words/coreWords.std.ts';

/** A zod refusal of saved settings as "email, apiKey", anything else as its message. */
function settingsProblem(error: unknown): string {
  const issues = (error as { issues?: { path: PropertyKey[] }[] } | null)?.issues;
  if (Array.isArray(issues) && issues.length)
    return `${[...new Set(issues.map((i) => i.path.join('.') || 'settings'))].join(', ')}`;
  return error instanceof Error ? error.message : String(error);
}

interface Runtime {
  connection: ProviderConnection;
  abort: AbortController;
  state: ConnectionState;
  lines: Set<string>;
  /** Lines the provider has listed since this connection started. */
  announced: Set<string>;
}

export interface ConnectionsDeps {
  cache: Cache;
  registry: ProviderRegistry;
  secrets: SecretStore;
  bus: EventBus;
  enqueue(event: CacheEvent): void;
  flushed(): Promise<void>;
  webhookUrlOf(accountId: string): string | null;
  announceAccounts(): void;
  /** A line was listed for the first time since the connection started: what waited for it may apply now. */
  lineListed(accountId: string, line: string): void;
}

const OFFLINE: ConnectionState = { state: 'offline' };

/** The live provider connection of each account, and the translation of its events into the cache. */
export class Connections {
  readonly #runtimes = new Map<string, Runtime>();
  /** Accounts whose plug-in refused their saved settings, with the state that says so. */
  readonly #unstartable = new Map<string, ConnectionState>();
  /** While an account's quarantine is replayed: its refusals are collected, not stored again. */
  readonly #collecting = new Map<string, string[]>();

  constructor(private readonly deps: ConnectionsDeps) {}

  state(accountId: string): ConnectionState {
    return this.#runtimes.get(accountId)?.state ?? this.#unstartable.get(accountId) ?? OFFLINE;
  }

  connection(accountId: string): ProviderConnection | undefined {
    return this.#runtimes.get(accountId)?.connection;
  }

  start(record: AccountRecord): void {
    if (this.#runtimes.has(record.id) || !this.deps.registry.has(record.provider)) return;
    const plugin = this.deps.registry.get(record.provider);
    const abort = new AbortController();
    const lines = new Set(
      this.deps.cache.accounts
        .lines()
        .filter((l) => l.accountId === record.id)
        .map((l) => l.providerLineId),
    );
    const context = this.#context(record, abort.signal);
    let connection: ProviderConnection;
    try {
      connection = plugin.connect(context);
    } catch (error) {
      // A saved account whose settings the plug-in no longer accepts (an older version's,
      // a hand-made data folder): it stays listed, offline, saying why; the rest start.
      const detail = settingsProblem(error);
      createLogger(`account ${record.id}`).warn('cannot start', { error: detail });
      const said = words('account.settingsIncomplete', { detail });
      const state: ConnectionState = {
        state: 'offline',
        reason: say(said, 'en') ?? detail,
        reasonWords: said,
      };
      this.#unstartable.set(record.id, state);
      this.deps.bus.emit('connection.changed', { accountId: record.id, state });
      return;
    }
    const runtime: Runtime = {
      connection,
      abort,
      state: { state: 'connecting' },
      lines,
      announced: new Set(),
    };
    this.#runtimes.set(record.id, runtime);
    this.deps.bus.emit('connection.changed', { accountId: record.id, state: runtime.state });
    runtime.connection.start().catch((error: unknown) => {
      this.#setState(record.id, { state: 'offline', ...reasonOf(error) });
    });
  }

  async stop(accountId: string): Promise<void> {
    this.#unstartable.delete(accountId);
    const runtime = this.#runtimes.get(accountId);
    if (!runtime) return;
    this.#runtimes.delete(accountId);
    runtime.abort.abort();
    try {
      await runtime.connection.stop();
    } catch (error) {
      createLogger(`account ${accountId}`).warn('stop failed', { error: String(error) });
    }
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.#runtimes.keys()].map((id) => this.stop(id)));
  }

  /** Runs `work` (a replay of quarantined input) with the account's refusals collected instead of stored. */
  collectingRefusals<T>(accountId: string, work: () => T): { value: T; refusals: string[] } {
    const refusals: string[] = [];
    this.#collecting.set(accountId, refusals);
    try {
      return { value: work(), refusals };
    } finally {
      this.#collecting.delete(accountId);
    }
  }

  #setState(accountId: string, state: ConnectionState): void {
    const runtime = this.#runtimes.get(accountId);
    if (!runtime) return;
    runtime.state = state;
    this.deps.bus.emit('connection.changed', { accountId, state });
  }

  #context(record: AccountRecord, signal: AbortSignal): ProviderContext {
    const { cache, secrets } = this.deps;
    const accountId = record.id;
    const config = Object.fromEntries(
      Object.entries(record.config).map(([k, v]) => [k, String(v)]),
    );
    const log = createLogger(`${record.provider} ${accountId}`);
    return {
      accountId,
      config,
      signal,
      log,
      secrets: {
        get: (key) => secrets.get(accountId)?.[key],
        set: (key, value) => secrets.set(accountId, { ...secrets.get(accountId), [key]: value }),
      },
      emit: (event) => {
        if (!signal.aborted) this.#onEvent(accountId, event);
      },
      flushed: () => this.deps.flushed(),
      quarantine: (source, reason, raw, line) => {
        const collected = this.#collecting.get(accountId);
        if (collected) return void collected.push(reason);
        cache.quarantine.add({
          accountId,
          ...(line ? { lineId: lineIdOf(accountId, line) } : {}),
          source,
          reason,
          raw,
        });
        log.warn(`quarantined ${source} input: ${reason}`);
      },
      cache: {
        lastMessageOf: (line, chatId, before) =>
          cache.reader.lastMessageOf(lineIdOf(accountId, line), chatId, before),
        activeChats: (line, limit) =>
          cache.reader
            .activeChats(lineIdOf(accountId, line), limit)
            .map((c) => ({ chatId: c.providerChatId, lastMessageTime: c.lastMessageTime })),
        unsettledOutgoing: (line, sinceMs, limit) =>
          cache.reader.unsettledOutgoing(lineIdOf(accountId, line), sinceMs, limit),
      },
      webhookUrl: () => this.deps.webhookUrlOf(accountId),
    };
  }

  #onEvent(accountId: string, event: ProviderEvent): void {
    const runtime = this.#runtimes.get(accountId);
    if (!runtime) return;
    switch (event.kind) {
      case 'connection':
        return this.#setState(accountId, event.state);
      case 'line': {
        this.deps.cache.accounts.upsertLine(accountId, event.line);
        runtime.lines.add(event.line.providerLineId);
        this.deps.announceAccounts();
        if (runtime.announced.has(event.line.providerLineId)) return;
        runtime.announced.add(event.line.providerLineId);
        return this.deps.lineListed(accountId, event.line.providerLineId);
      }
      case 'workspace':
        this.deps.cache.accounts.setWorkspace(accountId, event.key, event.value);
        return this.deps.bus.emit('workspace.changed', {
          accountId,
          key: event.key,
          value: event.value,
        });
      case 'login': {
        if (!runtime.lines.has(event.line)) return this.#unknownLine(accountId, event);
        const lineId = lineIdOf(accountId, event.line);
        this.deps.cache.accounts.setLogin(lineId, event.state);
        return this.deps.bus.emit('login.changed', { lineId, state: event.state });
      }
      default:
        if (!runtime.lines.has(event.line)) return this.#unknownLine(accountId, event);
        this.deps.enqueue({ ...event, line: lineIdOf(accountId, event.line) });
    }
  }

  #unknownLine(accountId: string, event: Extract<ProviderEvent, { line: string }>): void {
    this.deps.cache.quarantine.add({
      accountId,
      source: 'core',
      reason: `event for line "${event.line}", which the provider never listed`,
      raw: event,
    });
  }
}
