import { SwitchboardError } from '../../../shared/ipc/errors.std.ts';
import { say, words } from '../../../shared/words/coreWords.std.ts';
import type { Core } from '../core.node.ts';
import { replayCoreEvents } from '../quarantineReplay.node.ts';
import type { DomainHandlers } from './handlerTypes.node.ts';

/** Webhook accounts' receiver addresses and registration, and the quarantine of what was not understood. */
export const webhookHandlers = (
  core: Core,
): DomainHandlers<
  | 'webhooks.info'
  | 'webhooks.register'
  | 'webhooks.reissue'
  | 'webhooks.test'
  | 'quarantine.list'
  | 'quarantine.replay'
> => ({
  'webhooks.info': async ({ accountId }) => {
    core.accounts.require(accountId);
    const sink = core.connections.connection(accountId)?.webhook;
    if (!sink) throw new SwitchboardError('invalid_request', words('webhook.notWebhookAccount'));
    const registered = sink.registered ? await sink.registered().catch(() => null) : null;
    return {
      localUrl: core.webhooks.localUrl(accountId),
      publicUrl: core.webhooks.publicUrl(accountId),
      registered,
      gapWarning: say(words('webhook.gapWarning'), 'en')!,
    };
  },
  'webhooks.register': ({ accountId, replaceForeign }) => {
    core.accounts.require(accountId);
    return core.webhooks.register(accountId, replaceForeign);
  },
  'webhooks.reissue': ({ accountId }) => {
    core.accounts.require(accountId);
    return core.webhooks.reissue(accountId);
  },
  'webhooks.test': ({ accountId }) => {
    core.accounts.require(accountId);
    return core.webhooks.test(accountId);
  },
  'quarantine.list': ({ accountId, limit }) => ({
    total: core.cache.quarantine.count(accountId ?? null),
    items: core.cache.quarantine
      .list(accountId ?? null, limit)
      .map(({ raw, lineId: _line, ...item }) => ({ ...item, size: raw.length })),
  }),
  'quarantine.replay': async ({ accountId }) => {
    core.accounts.require(accountId);
    const own = replayCoreEvents(core.cache, (event) => core.queue.push(event), accountId);
    const hooks = await core.webhooks.replay(accountId);
    if (own.applied) await core.queue.settled();
    return { applied: own.applied + hooks.applied, kept: own.kept + hooks.kept };
  },
});
