import fs from 'node:fs';
import path from 'node:path';
import {
  isMethodName,
  methods,
  type MethodName,
  type Params,
} from '../../shared/ipc/contract.std.ts';
import { request } from './endpoint.node.ts';
import type { Reply } from '../../shared/ipc/wire.std.ts';
import { SwitchboardError, issuesOf, type IpcError } from '../../shared/ipc/errors.std.ts';
import { say, words } from '../../shared/words/coreWords.std.ts';
import type { Message } from '../../shared/model/entities.std.ts';
import { openCache, type Cache } from '../db/cache.node.ts';
import { damagedCacheError, isDamaged, toStorageError } from '../db/storageError.node.ts';
import type { BatchResult, CacheEvent } from '../db/ingestWriter.node.ts';
import { ProviderRegistry } from '../providers/registry.node.ts';
import { Connections } from './connections.node.ts';
import { Accounts } from './accounts.node.ts';
import { EventBus, type CoreListener } from './eventBus.node.ts';
import { IngestQueue } from './ingestQueue.node.ts';
import { createHandlers, type Handlers } from './handlers.node.ts';
import { createLogger } from '../log/logger.node.ts';
import { MemorySecretStore, type SecretStore } from './secretStore.node.ts';
import { JsonSettingsStore, type SettingsStore } from './settingsStore.node.ts';
import { Sender } from './sender.node.ts';
import { HistoryLoader } from './historyLoader.node.ts';
import { WebhookService } from '../webhooks/webhookService.node.ts';
import { Notifier } from './notifier.node.ts';
import { UnreadCounter } from './unreadCounter.node.ts';
import { MediaFetcher } from './mediaFetcher.node.ts';
import { replayCoreEvents } from './quarantineReplay.node.ts';
import { mediaDirOf } from './mediaFiles.node.ts';

export interface CoreOptions {
  dataDir: string;
  registry?: ProviderRegistry;
  secrets?: SecretStore;
  settings?: SettingsStore;
  electron?: boolean;
  version?: string;
  /** Where the log is written, for Settings to show; null where there is none. */
  logFile?: string | null;
}

/** Beyond this many rows, a change is announced as "reload" rather than pushed row by row. */
const PUSH_LIMIT = 200;
const log = createLogger('core');
/** Below this size SQLite's quick check costs tens of ms at start; larger caches are checked when a read fails. */
const QUICK_CHECK_MAX_BYTES = 64 * 1024 * 1024;

/**
 * The headless heart of Switchboard: provider connections, the cache, and the typed
 * contract the renderer talks to. Runs under plain Node; Electron only carries it.
 */
export class Core {
  readonly bus = new EventBus();
  readonly registry: ProviderRegistry;
  readonly secrets: SecretStore;
  readonly settings: SettingsStore;
  readonly queue: IngestQueue;
  readonly connections: Connections;
  readonly accounts: Accounts;
  readonly sender: Sender;
  readonly history: HistoryLoader;
  readonly media: MediaFetcher;
  readonly webhooks: WebhookService;
  readonly notifier: Notifier;
  readonly unread: UnreadCounter;
  /** Problems found while starting, said to every page that asks for app.info. */
  readonly startupProblems: IpcError[] = [];
  /** Set while the demo workspace runs. */
  demo: { simulateScan(lineId: string): Promise<void>; stop(): Promise<void> } | undefined;
  readonly #handlers: Handlers;
  #closed = false;

  private constructor(
    readonly cache: Cache,
    readonly options: CoreOptions,
  ) {
    this.registry = options.registry ?? new ProviderRegistry();
    this.secrets = options.secrets ?? new MemorySecretStore();
    this.settings =
      options.settings ?? new JsonSettingsStore(path.join(options.dataDir, 'settings.json'));
    const damage = this.settings.damage;
    if (damage) {
      const said = words('settings.damaged', {
        file: damage.keptAt,
        reset: damage.reset.join(', ') || '—',
      });
      this.startupProblems.push({ code: 'storage', message: say(said, 'en')!, words: said });
      log.warn(
        `settings.json was damaged; kept at ${damage.keptAt}; reset: ${damage.reset.join(', ') || 'nothing'}`,
      );
    }
    this.notifier = new Notifier(cache, this.settings, this.bus);
    this.unread = new UnreadCounter(cache.reader, this.bus);
    this.queue = new IngestQueue(cache.ingest, {
      onFlushed: (result) => {
        this.#announce(result);
        this.notifier.onIncoming(result.incoming);
        if (result.media.length) this.media.enqueue(result.media);
      },
      onStorageError: (error) => {
        log.error(error.message);
        this.bus.emit('problem', error.toIpc());
      },
      onInvalid: (event, reason) => {
        const line = (event as { line?: unknown } | null)?.line;
        const lineId = typeof line === 'string' ? line : undefined;
        const accountId = lineId?.split('/')[0];
        cache.quarantine.add({
          source: 'core',
          reason: `not stored: ${reason}`,
          raw: event,
          ...(lineId ? { lineId } : {}),
          ...(accountId ? { accountId } : {}),
        });
        log.warn(`refused a provider event: ${reason}`);
      },
      onRejected: (event, error) => {
        cache.quarantine.add({
          source: 'core',
          reason: `could not store: ${String(error)}`,
          raw: event,
          lineId: event.line,
        });
      },
    });
    this.connections = new Connections({
      cache,
      registry: this.registry,
      secrets: this.secrets,
      bus: this.bus,
      enqueue: (event) => this.queue.push(event),
      flushed: () => this.queue.flushed(),
      webhookUrlOf: (accountId) => this.webhooks.publicUrl(accountId),
      announceAccounts: () => this.accounts.announce(),
      // Webhooks that arrived before their line was listed (parked in the quarantine) apply now.
      lineListed: (accountId) => this.#replaySoon(accountId),
    });
    this.accounts = new Accounts({
      cache,
      registry: this.registry,
      secrets: this.secrets,
      connections: this.connections,
      bus: this.bus,
      flushed: () => this.queue.flushed(),
      ensureWebhookSecret: (accountId) => this.webhooks.ensureSecret(accountId),
    });
    this.sender = new Sender(
      cache,
      this.queue,
      this.connections,
      path.join(options.dataDir, 'outgoing'),
      {
        messageChanged: (id) => {
          const message = cache.reader.getMessages([id])[0];
          if (message)
            this.bus.emit('messages.upserted', {
              conversationId: message.conversationId,
              messages: [message],
            });
        },
        sendingChanged: (lineId) => this.accounts.sendingMayHaveChanged(lineId),
      },
    );
    // Back online: what waited in the outbox goes now, in the order typed.
    this.bus.onEvent(
      'connection.changed',
      ({ accountId, state }) => {
        if (state.state === 'online') this.sender.accountOnline(accountId);
      },
      { passive: true },
    );
    this.history = new HistoryLoader(cache, this.connections, this.bus);
    this.media = new MediaFetcher(cache, this.bus, mediaDirOf(options.dataDir));
    this.webhooks = new WebhookService(
      cache,
      this.connections,
      this.secrets,
      this.settings,
      this.queue,
    );
    this.#handlers = createHandlers(this);
  }

  get dataDir(): string {
    return this.options.dataDir;
  }

  get mediaDir(): string {
    return this.media.dir;
  }

  /** Opens the cache in `dataDir` (created if missing). Storage problems throw StorageError. */
  static open(options: CoreOptions): Core {
    fs.mkdirSync(options.dataDir, { recursive: true });
    const file = path.join(options.dataDir, 'switchboard.sqlite');
    const cache = openCache(file, { warn: (message) => log.warn(message) });
    try {
      const core = new Core(cache, options);
      // The first reads: a damaged page in the accounts shows here, not as a crash later.
      cache.accounts.list();
      cache.accounts.lines();
      if (fs.statSync(file).size <= QUICK_CHECK_MAX_BYTES && isDamaged(cache.db))
        throw damagedCacheError(file);
      return core;
    } catch (error) {
      const damaged = isDamaged(cache.db);
      void cache.close();
      throw damaged ? damagedCacheError(file) : error;
    }
  }

  /** Starts the webhook receiver and the connection of every saved account. */
  async startAccounts(): Promise<void> {
    this.#afterUpgrade();
    try {
      await this.webhooks.start();
    } catch (error) {
      const { bindAddress, port } = this.settings.get().webhook;
      const said = words('webhook.receiverUnavailable', {
        address: `${bindAddress}:${port}`,
        detail: String(error),
      });
      this.bus.emit('problem', { code: 'unavailable', message: say(said, 'en')!, words: said });
    }
    for (const account of this.cache.accounts.list()) this.connections.start(account);
    this.sender.kick();
  }

  on(listener: CoreListener): () => void {
    return this.bus.on(listener);
  }

  /** Enqueues an event as a provider would, with a local line id. For the demo workspace, tests and the benchmark. */
  ingest(event: CacheEvent): void {
    this.queue.push(event);
  }

  /** The one entry point of the contract, for every transport. Never throws. */
  async handle(method: unknown, params: unknown): Promise<Reply> {
    if (!isMethodName(method)) {
      return {
        ok: false,
        error: { code: 'unknown_method', message: `Unknown request "${String(method)}".` },
      };
    }
    const parsed = methods[method].params.safeParse(params ?? {});
    if (!parsed.success) {
      return {
        ok: false,
        error: {
          code: 'invalid_request',
          message: `Invalid ${method} request.`,
          issues: issuesOf(parsed.error),
        },
      };
    }
    try {
      const handler = this.#handlers[method] as (p: unknown) => unknown;
      return { ok: true, result: await handler(parsed.data) };
    } catch (error) {
      if (error instanceof SwitchboardError) return { ok: false, error: error.toIpc() };
      const storage = toStorageError(error, path.join(this.options.dataDir, 'switchboard.sqlite'));
      if (storage.problem !== 'unknown') {
        log.error(`${method} failed: ${storage.message}`);
        this.bus.emit('problem', storage.toIpc());
        return { ok: false, error: storage.toIpc() };
      }
      log.error(`${method} failed`, {
        error: error instanceof Error ? error.stack : String(error),
      });
      return {
        ok: false,
        error: {
          code: 'internal',
          message: 'Something went wrong inside Switchboard. The details are in the log.',
        },
      };
    }
  }

  /** Typed call for in-process users (tests, the demo, the benchmark). Throws SwitchboardError. */
  call<M extends MethodName>(
    method: M,
    params: Parameters<Handlers[M]>[0],
  ): Promise<Awaited<ReturnType<Handlers[M]>>> {
    return request(this, method, params as Params<M>) as Promise<Awaited<ReturnType<Handlers[M]>>>;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.sender.close();
    this.notifier.close();
    this.unread.close();
    this.media.close();
    await this.demo?.stop();
    await this.webhooks.stop();
    await this.connections.stopAll();
    this.queue.close();
    await this.cache.close();
  }

  /**
   * A version that has not opened this data before may understand what an older one
   * quarantined: every item gets its tries back, the core's own refusals are offered again
   * now, and webhooks as each account lists its lines.
   */
  #afterUpgrade(): void {
    const version = this.options.version ?? '0.0.0';
    const last = this.cache.meta.get('version');
    if (last === version) return;
    this.cache.meta.set('version', version);
    if (last === undefined && this.cache.quarantine.count(null) === 0) return;
    const reset = this.cache.quarantine.resetReplays();
    const outcome = replayCoreEvents(this.cache, (event) => this.queue.push(event), null);
    log.info('a new version: quarantined input offered again', {
      from: last ?? 'unknown',
      to: version,
      reset,
      applied: outcome.applied,
    });
  }

  readonly #replaysDue = new Set<string>();

  /** One replay per account per burst of newly listed lines (a discovery lists them all at once). */
  #replaySoon(accountId: string): void {
    if (this.#replaysDue.has(accountId)) return;
    this.#replaysDue.add(accountId);
    setImmediate(() => {
      this.#replaysDue.delete(accountId);
      if (this.#closed) return;
      this.webhooks
        .replay(accountId)
        .catch((error: unknown) =>
          log.warn('replaying quarantined webhooks failed', { error: String(error) }),
        );
    });
  }

  #announce(result: BatchResult): void {
    if (!this.bus.hasListeners) return;
    const { reader } = this.cache;
    if (result.conversations.size > PUSH_LIMIT) {
      this.bus.emit('conversations.invalidated', {});
    } else if (result.conversations.size > 0) {
      const conversations = [...result.conversations].flatMap(
        (id) => reader.getConversation(id) ?? [],
      );
      this.bus.emit('conversations.upserted', { conversations });
    }
    for (const [conversationId, ids] of result.removed)
      this.bus.emit('messages.removed', { conversationId, ids: [...ids] });
    const pushed: number[] = [];
    for (const [conversationId, ids] of result.messages) {
      if (ids.size > PUSH_LIMIT) this.bus.emit('messages.invalidated', { conversationId });
      else pushed.push(...ids);
    }
    if (pushed.length === 0) return;
    // Read back in one query for the whole batch, then told per conversation.
    const byConversation = new Map<number, Message[]>();
    for (const message of reader.getMessages(pushed)) {
      const list = byConversation.get(message.conversationId);
      if (list) list.push(message);
      else byConversation.set(message.conversationId, [message]);
    }
    for (const [conversationId, messages] of byConversation)
      this.bus.emit('messages.upserted', { conversationId, messages });
  }
}
