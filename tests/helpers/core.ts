import { Core } from '../../main/core/core.node.ts';
import { MemorySettingsStore } from '../../main/core/settingsStore.node.ts';
import { MemorySecretStore } from '../../main/core/secretStore.node.ts';
import { ProviderRegistry } from '../../main/providers/registry.node.ts';
import type { ProviderPlugin } from '../../main/providers/plugin.node.ts';
import type { LoginState } from '../../shared/model/login.std.ts';
import { tempDir } from './cache.ts';

/**
 * A core with one provider plug-in, recording login changes. With `webhooks`, the receiver's
 * "public" address is the local receiver itself, so a simulator reaches it directly.
 */
export async function openTestCore(
  plugin: ProviderPlugin,
  cleanups: (() => Promise<void>)[],
  options: { webhooks?: boolean } = {},
) {
  const settings = new MemorySettingsStore();
  const secrets = new MemorySecretStore();
  const dataDir = tempDir();
  const open = () =>
    Core.open({ dataDir, registry: new ProviderRegistry().register(plugin), settings, secrets });
  const core = open();
  cleanups.push(() => core.close());
  await core.startAccounts();
  if (options.webhooks)
    settings.set({
      webhook: {
        bindAddress: '127.0.0.1',
        port: core.webhooks.port!,
        publicBaseUrl: `http://127.0.0.1:${core.webhooks.port}`,
      },
    });
  const logins: { lineId: string; state: LoginState }[] = [];
  core.on((event, payload) => {
    if (event === 'login.changed') logins.push(payload as { lineId: string; state: LoginState });
  });
  /** The same data folder and secrets in a new core, as after quitting and starting again. */
  const reopen = async () => {
    const next = open();
    cleanups.push(() => next.close());
    await next.startAccounts();
    return next;
  };
  return { core, settings, logins, reopen };
}

/**
 * A core with no provider plug-ins and one account ("Shop", id `a`) with these lines, for
 * the core's own logic (badge, tray, unread, notifications). Closed by the caller's list.
 */
export function shopCore(
  cores: Core[],
  lines: { providerLineId: string; messenger: string; title?: string }[],
): Core {
  const core = Core.open({ dataDir: tempDir(), settings: new MemorySettingsStore() });
  cores.push(core);
  core.cache.accounts.add({
    id: 'a',
    provider: 'chatapp',
    label: 'Shop',
    config: {},
    demo: false,
    createdAt: 1,
  });
  for (const line of lines)
    core.cache.accounts.upsertLine(
      'a',
      line as Parameters<typeof core.cache.accounts.upsertLine>[1],
    );
  return core;
}

/** A customer writes on line `a/<line>` in chat `chat`. */
export function customerSays(
  core: Core,
  line: string,
  chat: string,
  id: string,
  text = 'hi',
  title?: string,
): void {
  core.ingest({
    kind: 'message',
    line: `a/${line}`,
    chat: { id: chat, ...(title ? { title } : {}) },
    message: {
      ids: { provider: id },
      direction: 'in',
      origin: 'contact',
      type: 'text',
      text,
      time: Date.now(),
    },
  });
}
