import { afterEach } from 'vitest';
import { Core } from '../../main/core/core.node.ts';
import { ProviderRegistry } from '../../main/providers/registry.node.ts';
import { MemorySettingsStore } from '../../main/core/settingsStore.node.ts';
import { RecordingPlugin } from './recordingPlugin.ts';
import { tempDir } from './cache.ts';

const cores: Core[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()));
});

/** Polls `check` every 10 ms for up to 3 s. */
export async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * A core with one account on a RecordingPlugin (or a subclass), online, closed after the
 * test. The plugin's line is `line-1`; its context emits what a provider would.
 */
export async function onlineRecordingCore<P extends RecordingPlugin>(
  plugin: P = new RecordingPlugin() as P,
): Promise<{ core: Core; plugin: P; accountId: string }> {
  const core = Core.open({
    dataDir: tempDir(),
    registry: new ProviderRegistry().register(plugin),
    settings: new MemorySettingsStore(),
  });
  cores.push(core);
  const account = await core.call('accounts.add', {
    provider: 'multiwa',
    label: 'Shop',
    config: {},
    secrets: { apiKey: 'good-key' },
  });
  await until(() => core.connections.state(account.id).state === 'online', 'online');
  return { core, plugin, accountId: account.id };
}
