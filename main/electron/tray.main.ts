import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron';
import type { Core } from '../core/core.node.ts';
import type { EventPayload } from '../../shared/ipc/contract.std.ts';
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
  core: Pick<Core, 'on' | 'cache' | 'settings' | 'connections' | 'unread'>,
  deps: TrayDeps,
  actions: TrayActions,
  delayMs = 250,
) {
  let timer: NodeJS.Timeout | undefined;
  let lastUnread = -1;
  // The core's count, kept from its `unread.changed` events rather than recounted here.
  let unread = core.unread.counts().total;
  const view = (): TrayView => {
    const settings = core.settings.get();
    return {
      language: settings.language,
      windowVisible: deps.windowVisible(),
      unread,
      doNotDisturbUntil: settings.doNotDisturbUntil,
      accounts: core.cache.accounts
        .list()
        .map((a) => ({ id: a.id, label: a.label, state: core.connections.state(a.id).state })),
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
  const off = core.on((event, payload) => {
    if (event === 'unread.changed') unread = (payload as EventPayload<'unread.changed'>).total;
    if (
      event === 'unread.changed' ||
      event === 'accounts.changed' ||
      event === 'connection.changed' ||
      event === 'settings.changed'
    )
      schedule();
  });
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
