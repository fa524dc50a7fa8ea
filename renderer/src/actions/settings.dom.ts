import type { Settings } from '../../../shared/model/settings.std.ts';
import type { CoreClient } from '../ipc/client.dom.ts';
import { useWorkspace } from '../store/workspace.dom.ts';

/** Settings: shown at once, confirmed (or corrected) by the core's settings.changed. */
export const settingsActions = (client: CoreClient) => ({
  change: (patch: Partial<Settings>) => {
    const settings = useWorkspace.getState().settings;
    if (settings) useWorkspace.setState({ settings: { ...settings, ...patch } });
    return client.call('settings.set', patch);
  },
  applyWebhook: async (webhook: Settings['webhook']) =>
    void (await client.call('settings.set', { webhook })),
  storeWithoutKeyring: async (allow: boolean) => {
    const secrets = await client.call('secrets.storeWithoutKeyring', { allow });
    useWorkspace.setState((s) => (s.app ? { app: { ...s.app, secrets } } : {}));
  },
});
