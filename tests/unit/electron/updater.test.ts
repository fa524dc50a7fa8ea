import { describe, expect, it, vi } from 'vitest';
import { startUpdater } from '../../../main/electron/updater.main.ts';

describe('auto-update', () => {
  it('is off in development and when turned off for managed installs', async () => {
    const load = vi.fn();
    const log = vi.fn();
    expect(await startUpdater({ isPackaged: false, env: {}, load, log })).toBeNull();
    expect(
      await startUpdater({
        isPackaged: true,
        env: { SWITCHBOARD_DISABLE_UPDATES: '1' },
        load,
        log,
      }),
    ).toBeNull();
    expect(load).not.toHaveBeenCalled();
    expect(log.mock.calls.map((c) => c[0])).toEqual([
      'updates: off in development',
      'updates: turned off by SWITCHBOARD_DISABLE_UPDATES',
    ]);
  });

  it('checks when packaged, and a failed check is only logged', async () => {
    const checkForUpdatesAndNotify = vi.fn().mockRejectedValue(new Error('offline'));
    const log = vi.fn();
    const stop = await startUpdater({
      isPackaged: true,
      env: {},
      load: async () => ({ checkForUpdatesAndNotify }),
      log,
    });
    expect(checkForUpdatesAndNotify).toHaveBeenCalledOnce();
    await vi.waitFor(() =>
      expect(log).toHaveBeenCalledWith('updates: check failed: Error: offline'),
    );
    stop?.();
  });

  it('finds electron-updater’s autoUpdater where an ES import of it puts it', async () => {
    const mod = (await import('electron-updater')) as unknown as { default: object };
    // A getter under `default`, as importAutoUpdater expects (reading it needs Electron).
    expect(typeof Object.getOwnPropertyDescriptor(mod.default, 'autoUpdater')?.get).toBe(
      'function',
    );
  });
});
