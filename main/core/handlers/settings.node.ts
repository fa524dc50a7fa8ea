import { SwitchboardError } from '../../../shared/ipc/errors.std.ts';
import { words } from '../../../shared/words/coreWords.std.ts';
import type { Core } from '../core.node.ts';
import type { DomainHandlers } from './handlerTypes.node.ts';
import { detailOf } from './lookups.node.ts';

/** The app's facts and the user's settings: theme, language, notifications, webhook receiver, secrets. */
export const settingsHandlers = (
  core: Core,
): DomainHandlers<
  | 'app.info'
  | 'settings.get'
  | 'settings.set'
  | 'secrets.storeWithoutKeyring'
  | 'unread.counts'
  | 'ui.focus'
> => ({
  'app.info': () => ({
    version: core.options.version ?? '0.0.0',
    demo: core.cache.accounts.list().some((a) => a.demo),
    electron: core.options.electron ?? false,
    secrets: core.secrets.storage?.() ?? { where: 'memory', choosable: false },
    problems: core.startupProblems,
    logFile: core.options.logFile ?? null,
  }),
  'unread.counts': () => core.unread.counts(),
  'ui.focus': ({ conversationId }) => {
    core.notifier.focusedConversationId = conversationId;
    return { ok: true };
  },
  'secrets.storeWithoutKeyring': ({ allow }) => {
    if (!core.secrets.setStoreWithoutKeyring || !core.secrets.storage?.().choosable)
      throw new SwitchboardError('invalid_request', words('secrets.notChoosable'));
    core.secrets.setStoreWithoutKeyring(allow);
    return core.secrets.storage();
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
            detail: detailOf(error),
            previous: `${before.webhook.bindAddress}:${core.webhooks.port ?? before.webhook.port}`,
          }),
        );
      }
    }
    const saved = core.settings.get();
    core.bus.emit('settings.changed', saved);
    return saved;
  },
});
