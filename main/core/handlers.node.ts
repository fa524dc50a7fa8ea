import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { methods, MethodName, Result } from '../../shared/ipc/contract.std.ts';
import { replayCoreEvents } from './quarantineReplay.node.ts';
import { SwitchboardError } from '../../shared/ipc/errors.std.ts';
import type { Account } from '../../shared/model/entities.std.ts';
import type { AccountRecord } from '../db/accountsRepo.node.ts';
import type { Core } from './core.node.ts';
import { words } from '../../shared/words/coreWords.std.ts';

type ParamsOf<M extends MethodName> = z.output<(typeof methods)[M]['params']>;
export type Handlers = {
  [M in MethodName]: (params: ParamsOf<M>) => Result<M> | Promise<Result<M>>;
};

const VERIFY_TIMEOUT_MS = 20_000;
/** How long a search waits for the index to take in a burst that is still being indexed. */
const SEARCH_CATCH_UP_MS = 2000;

export function createHandlers(core: Core): Handlers {
  const { cache } = core;

  const accountDto = (record: AccountRecord): Account => ({
    id: record.id,
    provider: record.provider,
    label: record.label,
    config: record.config,
    demo: record.demo,
    connection: core.connections.state(record.id),
    createdAt: record.createdAt,
  });

  const requireAccount = (id: string): AccountRecord => {
    const record = cache.accounts.get(id);
    if (!record) throw new SwitchboardError('not_found', words('account.gone'));
    return record;
  };

  const loginDriver = (lineId: string) => {
    const line = cache.accounts.line(lineId);
    if (!line) throw new SwitchboardError('not_found', words('line.gone'));
    const login = core.connections.connection(line.accountId)?.login;
    if (!login) throw new SwitchboardError('unavailable', words('line.signedInAtProvider'));
    return { login, line: line.providerLineId };
  };

  /** A message with everything needed to act on it at its provider. */
  const target = (id: number) => {
    const message = cache.reader.getMessages([id])[0];
    const chat = message ? cache.conversations.lineOf(message.conversationId) : undefined;
    const line = chat ? cache.accounts.line(chat.lineId) : undefined;
    if (!message || !chat || !line) throw new SwitchboardError('not_found', words('message.gone'));
    return {
      message,
      chat,
      line,
      connection: core.connections.connection(line.accountId),
      ref: cache.reader.refsOf(chat.lineId, id),
    };
  };

  const verify = async (
    provider: AccountRecord['provider'],
    input: { config: Record<string, string>; secrets: Record<string, string> },
  ) => {
    const plugin = core.registry.get(provider);
    const normalized = plugin.parseAccount(input);
    const signal = AbortSignal.timeout(VERIFY_TIMEOUT_MS);
    const verified = await plugin.verify(normalized, signal);
    return { config: normalized.config, secrets: { ...normalized.secrets, ...verified.secrets } };
  };

  const handlers: Handlers = {
    'app.info': () => ({
      version: core.options.version ?? '0.0.0',
      demo: cache.accounts.list().some((a) => a.demo),
      electron: core.options.electron ?? false,
      secrets: core.secrets.storage?.() ?? { where: 'memory', choosable: false },
      problems: core.startupProblems,
      logFile: core.options.logFile ?? null,
    }),
    'providers.list': () => core.registry.descriptors(),
    'accounts.list': () => ({
      accounts: cache.accounts.list().map(accountDto),
      lines: cache.accounts.lines(),
    }),

    'accounts.add': async ({ provider, label, config, secrets }) => {
      const verified = await verify(provider, { config, secrets });
      const record: AccountRecord = {
        id: randomUUID(),
        provider,
        label,
        config: verified.config,
        demo: false,
        createdAt: Date.now(),
      };
      // Secrets first: an account row without its secrets would be a broken account.
      core.secrets.set(record.id, verified.secrets);
      try {
        cache.accounts.add(record);
      } catch (error) {
        core.secrets.delete(record.id);
        throw error;
      }
      if (core.registry.get(provider).descriptor.realtime === 'webhook')
        core.webhooks.ensureSecret(record.id);
      core.connections.start(record);
      core.bus.emit('accounts.changed', handlers['accounts.list']({}) as Result<'accounts.list'>);
      return accountDto(record);
    },

    'accounts.update': async ({ id, label, config, secrets }) => {
      const record = requireAccount(id);
      const nextConfig = { ...(record.config as Record<string, string>), ...config };
      const changesConnection = config !== undefined || secrets !== undefined;
      if (changesConnection) {
        const verified = await verify(record.provider, {
          config: nextConfig,
          secrets: { ...core.secrets.get(id), ...secrets },
        });
        await core.connections.stop(id);
        core.secrets.set(id, verified.secrets);
        cache.accounts.update(id, label ?? record.label, verified.config);
      } else {
        cache.accounts.update(id, label ?? record.label, record.config);
      }
      const updated = requireAccount(id);
      if (changesConnection) core.connections.start(updated);
      core.bus.emit('accounts.changed', handlers['accounts.list']({}) as Result<'accounts.list'>);
      return accountDto(updated);
    },

    'accounts.remove': async ({ id }) => {
      requireAccount(id);
      await core.connections.stop(id);
      await core.queue.flushed();
      cache.accounts.remove(id);
      core.secrets.delete(id);
      core.bus.emit('accounts.changed', handlers['accounts.list']({}) as Result<'accounts.list'>);
      core.bus.emit('conversations.invalidated', {});
      return { ok: true };
    },

    'accounts.workspace': ({ accountId }) => {
      requireAccount(accountId);
      return cache.accounts.workspaceOf(accountId);
    },

    'lines.add': async ({ accountId }) => {
      requireAccount(accountId);
      const connection = core.connections.connection(accountId);
      if (!connection?.addLine)
        throw new SwitchboardError('unavailable', words('line.addedInConsole'));
      await connection.addLine().catch((error: unknown) => {
        throw new SwitchboardError(
          'provider',
          error instanceof Error ? error.message : String(error),
        );
      });
      return { ok: true };
    },

    'webhooks.info': async ({ accountId }) => {
      requireAccount(accountId);
      const sink = core.connections.connection(accountId)?.webhook;
      if (!sink) throw new SwitchboardError('invalid_request', words('webhook.notWebhookAccount'));
      const registered = sink.registered ? await sink.registered().catch(() => null) : null;
      return {
        localUrl: core.webhooks.localUrl(accountId),
        publicUrl: core.webhooks.publicUrl(accountId),
        registered,
        gapWarning:
          'This provider sends events only by webhook: what arrives while Switchboard is closed or unreachable is lost, unless the provider retries.',
      };
    },
    'webhooks.register': ({ accountId, replaceForeign }) => {
      requireAccount(accountId);
      return core.webhooks.register(accountId, replaceForeign);
    },
    'webhooks.reissue': ({ accountId }) => {
      requireAccount(accountId);
      return core.webhooks.reissue(accountId);
    },
    'quarantine.list': ({ accountId, limit }) => ({
      total: cache.quarantine.count(accountId ?? null),
      items: cache.quarantine
        .list(accountId ?? null, limit)
        .map(({ raw, lineId: _line, ...item }) => ({ ...item, size: raw.length })),
    }),
    'quarantine.replay': async ({ accountId }) => {
      requireAccount(accountId);
      const own = replayCoreEvents(cache, (event) => core.queue.push(event), accountId);
      const hooks = await core.webhooks.replay(accountId);
      if (own.applied) await core.queue.settled();
      return { applied: own.applied + hooks.applied, kept: own.kept + hooks.kept };
    },
    'webhooks.test': ({ accountId }) => {
      requireAccount(accountId);
      return core.webhooks.test(accountId);
    },

    'lines.setMuted': ({ lineId, muted }) => {
      if (!cache.accounts.setMuted(lineId, muted))
        throw new SwitchboardError('not_found', words('line.gone'));
      core.bus.emit('accounts.changed', handlers['accounts.list']({}) as Result<'accounts.list'>);
      return { ok: true };
    },

    'login.start': ({ lineId, method }) => {
      const { login, line } = loginDriver(lineId);
      if (!login.methods.includes(method)) {
        throw new SwitchboardError('invalid_request', words('login.methodUnsupported', { method }));
      }
      return login.start(line, method);
    },
    'login.submit': ({ lineId, step }) => {
      const { login, line } = loginDriver(lineId);
      return login.submit(line, step);
    },
    'login.cancel': ({ lineId }) => {
      const { login, line } = loginDriver(lineId);
      return login.cancel(line);
    },
    'login.logout': ({ lineId }) => {
      const { login, line } = loginDriver(lineId);
      return login.logout(line);
    },

    // Reads do not flush the ingest queue: during an import that would write the whole
    // backlog before answering. What is queued is pushed to the UI as it commits.
    'conversations.list': (query) => cache.reader.listConversations(query),
    'conversations.get': ({ id }) => {
      const conversation = cache.reader.getConversation(id);
      if (!conversation) throw new SwitchboardError('not_found', words('conversation.gone'));
      return conversation;
    },
    'conversations.markRead': async ({ id }) => {
      // What arrived before the click is read too: wait for it, in slices, without holding the loop.
      await core.queue.flushed();
      const chat = cache.conversations.lineOf(id);
      if (!chat) throw new SwitchboardError('not_found', words('conversation.gone'));
      const conversation = cache.reader.getConversation(id);
      if (cache.ingest.markRead(id)) {
        const updated = cache.reader.getConversation(id);
        if (updated) core.bus.emit('conversations.upserted', { conversations: [updated] });
        // Read receipts to the contact, where the provider sends them; a failure costs nothing locally.
        const line = cache.accounts.line(chat.lineId);
        const connection = line ? core.connections.connection(line.accountId) : undefined;
        const last = conversation?.lastMessage
          ? cache.reader.refsOf(chat.lineId, conversation.lastMessage.id)
          : undefined;
        if (line && last && connection?.markRead) {
          connection
            .markRead(line.providerLineId, chat.providerChatId, last)
            .catch((error: unknown) => {
              console.warn(
                `[core] read receipts for conversation ${id} not sent: ${String(error)}`,
              );
            });
        }
      }
      return { ok: true };
    },

    'messages.page': (query) => {
      if (!cache.conversations.exists(query.conversationId)) {
        throw new SwitchboardError('not_found', words('conversation.gone'));
      }
      const page = cache.reader.messagesPage(query);
      // At the top of what the cache holds: ask the provider for more, if it keeps history.
      if (
        !page.hasOlder &&
        query.after === undefined &&
        core.history.request(query.conversationId)
      ) {
        return { ...page, loadingOlder: true };
      }
      return page;
    },
    'messages.send': (params) => core.sender.send(params),
    'messages.retry': ({ id }) => core.sender.retry(id),
    'messages.deleteForEveryone': async ({ id }) => {
      const { message, chat, line, connection, ref } = target(id);
      if (message.direction !== 'out')
        throw new SwitchboardError('invalid_request', words('message.deleteNotOwn'));
      if (!connection?.deleteForEveryone)
        throw new SwitchboardError('unavailable', words('message.deleteUnsupported'));
      if (!ref?.provider && !ref?.internal)
        throw new SwitchboardError('unavailable', words('message.notAtProvider'));
      try {
        await connection.deleteForEveryone(line.providerLineId, chat.providerChatId, ref);
      } catch (error) {
        throw new SwitchboardError(
          'provider',
          words('message.deleteFailed', {
            detail: error instanceof Error ? error.message : String(error),
          }),
        );
      }
      // Its own write only: the reply shows the deletion without waiting on the backlog.
      core.queue.writeNow([{ kind: 'deleted', line: chat.lineId, ref }], () => undefined);
      return cache.reader.getMessages([id])[0]!;
    },
    'messages.react': async ({ id, emoji }) => {
      const { chat, line, connection, ref } = target(id);
      if (!connection?.react)
        throw new SwitchboardError('unavailable', words('message.reactUnsupported'));
      if (!ref?.provider) throw new SwitchboardError('unavailable', words('message.reactNotYet'));
      try {
        await connection.react(line.providerLineId, chat.providerChatId, ref, emoji);
      } catch (error) {
        throw new SwitchboardError(
          'provider',
          words('message.reactFailed', {
            detail: error instanceof Error ? error.message : String(error),
          }),
        );
      }
      core.queue.writeNow(
        [{ kind: 'reaction', line: chat.lineId, ref, from: 'me', emoji }],
        () => undefined,
      );
      return cache.reader.getMessages([id])[0]!;
    },

    search: async (query) => {
      // A burst still being indexed by the worker: wait a little, so what was shown can be found.
      await cache.search.caughtUp(SEARCH_CATCH_UP_MS);
      return { hits: cache.reader.search(query), indexing: cache.search.indexing() };
    },

    'demo.simulateScan': async ({ lineId }) => {
      if (!core.demo) throw new SwitchboardError('not_found', words('demo.notRunning'));
      await core.demo.simulateScan(lineId).catch(() => {
        throw new SwitchboardError('invalid_request', words('demo.notDemoLine'));
      });
      return { ok: true };
    },
    'demo.remove': async () => {
      const demo = core.demo;
      core.demo = undefined;
      for (const account of cache.accounts.list().filter((a) => a.demo)) {
        await core.connections.stop(account.id);
        await core.queue.flushed();
        cache.accounts.remove(account.id);
        core.secrets.delete(account.id);
      }
      await demo?.stop();
      core.bus.emit('accounts.changed', handlers['accounts.list']({}) as Result<'accounts.list'>);
      core.bus.emit('conversations.invalidated', {});
      return { ok: true };
    },
    'unread.counts': () => core.unread.counts(),
    'secrets.storeWithoutKeyring': ({ allow }) => {
      if (!core.secrets.setStoreWithoutKeyring || !core.secrets.storage?.().choosable)
        throw new SwitchboardError('invalid_request', words('secrets.notChoosable'));
      core.secrets.setStoreWithoutKeyring(allow);
      return core.secrets.storage();
    },
    'ui.focus': ({ conversationId }) => {
      core.notifier.focusedConversationId = conversationId;
      return { ok: true };
    },
    'settings.get': () => core.settings.get(),
    'settings.set': async (patch) => {
      const before = core.settings.get();
      const next = core.settings.set(patch);
      const moved =
        next.webhook.bindAddress !== before.webhook.bindAddress ||
        next.webhook.port !== before.webhook.port;
      if (moved) {
        // The receiver moves now; if the new place is taken, the old one stays in use and in the settings.
        await core.webhooks.stop();
        try {
          await core.webhooks.start();
        } catch (error) {
          core.settings.set({ webhook: before.webhook });
          await core.webhooks.start().catch(() => undefined);
          throw new SwitchboardError(
            'unavailable',
            words('webhook.bindFailed', {
              address: `${next.webhook.bindAddress}:${next.webhook.port}`,
              detail: error instanceof Error ? error.message : String(error),
              previous: `${before.webhook.bindAddress}:${core.webhooks.port ?? before.webhook.port}`,
            }),
          );
        }
      }
      const saved = core.settings.get();
      core.bus.emit('settings.changed', saved);
      return saved;
    },
  };
  return handlers;
}
