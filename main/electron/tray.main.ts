import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron';
import type { ShellView } from '../coreHost/shellView.node.ts';
import { trayMenu, trayTooltip, type TrayActions, type TrayView } from './trayMenu.main.ts';

export interface TrayDeps {
  tray: Pick<Tray, 'setContextMenu' | 'setToolTip' | 'setImage' | 'setTitle' | 'on' | 'destroy'>;
  buildMenu(template: MenuItemConstructorOptions[]): Menu;
  /** The plain icon, and the icon carrying a count (1–9, then 9+). */
  icons: { idle: NativeImage; count(n: number): NativeImage };
  windowVisible(): boolean;
  platform: NodeJS.Platform;
}

/**
 * Keeps the tray icon, tooltip and menu in step with the core: unread count, do-not-disturb,
 * each account's connection. Rebuilt at most once per `delayMs`, since bursts change them often.
 */
export function bindTray(
  core: Pick<ShellView, 'settings' | 'unreadTotal' | 'accounts' | 'onChange'>,
  deps: TrayDeps,
  actions: TrayActions,
  delayMs = 250,
) {
  let timer: NodeJS.Timeout | undefined;
  let lastUnread = -1;
  const view = (): TrayView => {
    const settings = core.settings();
    return {
      language: settings.language,
      windowVisible: deps.windowVisible(),
      // The core's count, kept from its `unread.changed` events rather than recounted here.
      unread: core.unreadTotal(),
      doNotDisturbUntil: settings.doNotDisturbUntil,
      accounts: core.accounts(),
    };
  };
  const refresh = () => {
    timer = undefined;
    const v = view();
    deps.tray.setContextMenu(deps.buildMenu(trayMenu(v, actions, Date.now())));
    deps.tray.setToolTip(trayTooltip(v));
    if (v.unread !== lastUnread) {
      // macOS shows the count as text beside the menu-bar icon; elsewhere the icon carries it.
      if (deps.platform === 'darwin') deps.tray.setTitle(v.unread ? String(v.unread) : '');
      else deps.tray.setImage(v.unread ? deps.icons.count(v.unread) : deps.icons.idle);
      lastUnread = v.unread;
    }
  };
  const schedule = () => {
    if (!timer) timer = setTimeout(refresh, delayMs);
  };
  refresh();
  // Linux and Windows users expect a left click on the tray icon to show or hide the window.
  if (deps.platform !== 'darwin') deps.tray.on('click', () => actions.toggleWindow());
  const off = core.onChange(schedule);
  return {
    /** The window was shown or hidden: the first item says the opposite now. */
    refresh: schedule,
    dispose() {
      off();
      clearTimeout(timer);
      deps.tray.destroy();
    },
  };
}
