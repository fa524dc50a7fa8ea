import { test } from '@playwright/test';
import { Core, type CoreOptions } from '../../main/core/core.node.ts';
import { startBridge, type Bridge } from '../../main/bridge/wsBridge.node.ts';
import { MemorySettingsStore } from '../../main/core/settingsStore.node.ts';
import { tempDir } from './cache.ts';

/**
 * For the tests of one file: a headless core, prepared by `setup` (accounts, seeded history,
 * simulators; it may return their teardown), serving the built renderer over its bridge, as
 * browser mode does.
 */
export function useHeadlessCore(
  setup: (core: Core) => Promise<void | (() => Promise<void>)> | void,
  options: Partial<CoreOptions> = {},
) {
  let core: Core | undefined;
  let bridge: Bridge | undefined;
  let teardown: (() => Promise<void>) | undefined;
  test.beforeAll(async () => {
    core = Core.open({ dataDir: tempDir(), settings: new MemorySettingsStore(), ...options });
    teardown = (await setup(core)) ?? undefined;
    await core.queue.flushed();
    bridge = await startBridge({ core, port: 0, token: 'e2e-token', staticDir: 'dist/renderer' });
  });
  test.afterAll(async () => {
    await bridge?.close();
    await core?.close();
    await teardown?.();
  });
  return {
    core: () => core!,
    bridge: () => bridge!,
    url: () => bridge!.url,
  };
}

/** An account with one authorized line, for seeding. */
export function addShop(
  core: Core,
  id: string,
  label: string,
  line = { providerLineId: 'L', messenger: 'whatsapp' as const, title: `${label} WhatsApp` },
): void {
  core.cache.accounts.add({
    id,
    provider: 'chatapp',
    label,
    config: {},
    demo: false,
    createdAt: 1,
  });
  core.cache.accounts.upsertLine(id, { ...line, login: { state: 'authorized' } });
}
