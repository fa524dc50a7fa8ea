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
export async function openTestCore(plugin: ProviderPlugin, cleanups: (() => Promise<void>)[], options: { webhooks?: boolean } = {}) {
  const settings = new MemorySettingsStore();
  const secrets = new MemorySecretStore();
  const dataDir = tempDir();
  const open = () => Core.open({ dataDir, registry: new ProviderRegistry().register(plugin), settings, secrets });
  const core = open();
  cleanups.push(() => core.close());
  await core.startAccounts();
  if (options.webhooks) settings.set({ webhook: { bindAddress: '127.0.0.1', port: core.webhooks.port!, publicBaseUrl: `http://127.0.0.1:${core.webhooks.port}` } });
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
