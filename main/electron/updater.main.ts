export interface UpdaterHost {
  isPackaged: boolean;
  env: NodeJS.ProcessEnv;
  /** electron-updater's autoUpdater, loaded only when an update check will really happen. */
  load(): Promise<{ checkForUpdatesAndNotify(): Promise<unknown>; logger?: unknown }>;
  log(message: string): void;
}

/** Every six hours, as long-running desktop messengers do. */
export const UPDATE_INTERVAL_MS = 6 * 3_600_000;

/**
 * Auto-update through electron-updater from the feed in electron-builder.yml. Off in
 * development (nothing to update from a checkout) and when SWITCHBOARD_DISABLE_UPDATES is set
 * (managed installs). A failed check is logged; the app carries on.
 */
export async function startUpdater(host: UpdaterHost): Promise<(() => void) | null> {
  if (!host.isPackaged) {
    host.log('updates: off in development');
    return null;
  }
  if (host.env.SWITCHBOARD_DISABLE_UPDATES) {
    host.log('updates: turned off by SWITCHBOARD_DISABLE_UPDATES');
    return null;
  }
  const updater = await host.load();
  const check = () =>
    void updater
      .checkForUpdatesAndNotify()
      .catch((error: unknown) => host.log(`updates: check failed: ${String(error)}`));
  check();
  const timer = setInterval(check, UPDATE_INTERVAL_MS);
  timer.unref?.();
  return () => clearInterval(timer);
}

export type AutoUpdater = Awaited<ReturnType<UpdaterHost['load']>>;

/**
 * electron-updater defines `autoUpdater` as a getter on a CommonJS module, which an ES
 * import sees only under `default`. Touching it builds the updater, so only when checking.
 */
export async function importAutoUpdater(): Promise<AutoUpdater> {
  const mod = (await import('electron-updater')) as unknown as {
    default?: { autoUpdater: AutoUpdater };
    autoUpdater?: AutoUpdater;
  };
  const updater = mod.default?.autoUpdater ?? mod.autoUpdater;
  if (!updater) throw new Error('electron-updater has no autoUpdater');
  return updater;
}
