import Store from 'electron-store';
import type { WindowState } from './windowState.main.ts';

/** What the shell remembers between runs that is not a core setting. */
export interface ShellMemory {
  windowState?: WindowState;
  /** The "still running in the tray" notice was shown once. */
  trayHintShown?: boolean;
}

export function openShellStore(): Store<ShellMemory> {
  return new Store<ShellMemory>({ name: 'shell' });
}
