import fs from 'node:fs';
import path from 'node:path';
import type { Settings as LoginItemSettings } from 'electron';

/** Started by the OS at login: open in the tray, not in the user's face. */
export const HIDDEN_ARG = '--hidden';

export interface LoginItemHost {
  platform: NodeJS.Platform;
  setLoginItemSettings(settings: LoginItemSettings): void;
  /** What the OS should start: the AppImage when run from one, else the executable. */
  executable: string;
  /** XDG autostart directory (Linux). */
  autostartDir: string;
}

export function autostartFile(host: Pick<LoginItemHost, 'autostartDir'>): string {
  return path.join(host.autostartDir, 'switchboard.desktop');
}

/**
 * Follows the "start at login" setting. macOS and Windows have an API for it; Linux
 * desktops read XDG autostart entries, which Electron does not write.
 */
export function applyStartAtLogin(enabled: boolean, host: LoginItemHost): void {
  if (host.platform !== 'linux') {
    host.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_ARG] });
    return;
  }
  const file = autostartFile(host);
  if (!enabled) {
    fs.rmSync(file, { force: true });
    return;
  }
  fs.mkdirSync(host.autostartDir, { recursive: true });
  fs.writeFileSync(file, desktopEntry(host.executable));
}

function desktopEntry(executable: string): string {
  // Desktop Entry Exec quoting: double quotes around the path, with \ " ` $ escaped.
  const quoted = `"${executable.replace(/[\\"`$]/g, (c) => `\\${c}`)}"`;
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Switchboard',
    `Exec=${quoted} ${HIDDEN_ARG}`,
    'Icon=switchboard',
    'X-GNOME-Autostart-enabled=true',
    'Terminal=false',
    '',
  ].join('\n');
}

export function xdgAutostartDir(env: NodeJS.ProcessEnv, home: string): string {
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'autostart');
}
