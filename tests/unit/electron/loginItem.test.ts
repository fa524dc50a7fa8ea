import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  HIDDEN_ARG,
  applyStartAtLogin,
  autostartFile,
  xdgAutostartDir,
} from '../../../main/electron/loginItem.main.ts';
import { tempDir } from '../../helpers/cache.ts';

describe('start at login', () => {
  it('writes and removes an XDG autostart entry on Linux that opens in the tray', () => {
    const dir = path.join(tempDir(), 'autostart');
    const host = {
      platform: 'linux' as const,
      setLoginItemSettings: vi.fn(),
      executable: '/home/me/Apps/Switchboard "beta".AppImage',
      autostartDir: dir,
    };
    applyStartAtLogin(true, host);
    const entry = fs.readFileSync(autostartFile(host), 'utf8');
    expect(entry).toContain('[Desktop Entry]');
    expect(entry).toContain(`Exec="/home/me/Apps/Switchboard \\"beta\\".AppImage" ${HIDDEN_ARG}`);
    applyStartAtLogin(false, host);
    expect(fs.existsSync(autostartFile(host))).toBe(false);
    applyStartAtLogin(false, host);
    expect(host.setLoginItemSettings).not.toHaveBeenCalled();
  });

  it('uses the OS login items on macOS and Windows', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const host = {
        platform,
        setLoginItemSettings: vi.fn(),
        executable: 'x',
        autostartDir: '/nonexistent',
      };
      applyStartAtLogin(true, host);
      applyStartAtLogin(false, host);
      expect(host.setLoginItemSettings.mock.calls).toEqual([
        [{ openAtLogin: true, args: [HIDDEN_ARG] }],
        [{ openAtLogin: false, args: [HIDDEN_ARG] }],
      ]);
    }
  });

  it('follows XDG_CONFIG_HOME', () => {
    expect(xdgAutostartDir({ XDG_CONFIG_HOME: '/cfg' }, '/home/me')).toBe(
      path.join('/cfg', 'autostart'),
    );
    expect(xdgAutostartDir({}, '/home/me')).toBe(path.join('/home/me', '.config', 'autostart'));
  });
});
