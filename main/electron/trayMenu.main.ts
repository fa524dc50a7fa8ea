import type { MenuItemConstructorOptions } from 'electron';
import type { ConnectionState } from '../../shared/model/connection.std.ts';
import { doNotDisturb } from '../../shared/model/settings.std.ts';
import { shellStrings } from './shellStrings.main.ts';

export interface TrayView {
  language: 'en' | 'ru';
  windowVisible: boolean;
  unread: number;
  doNotDisturbUntil: number;
  accounts: { id: string; label: string; state: ConnectionState['state'] }[];
}

export interface TrayActions {
  toggleWindow(): void;
  muteUntil(epochMs: number): void;
  openAccount(accountId: string): void;
  quit(): void;
}

/** The tray menu, as data, so a test can read it item by item. */
export function trayMenu(
  view: TrayView,
  actions: TrayActions,
  now: number,
): MenuItemConstructorOptions[] {
  const s = shellStrings(view.language);
  const muted = view.doNotDisturbUntil > now;
  const until = new Date(view.doNotDisturbUntil).toLocaleString(view.language, {
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
  return [
    {
      id: 'toggle',
      label: view.windowVisible ? s.hide : s.show,
      click: () => actions.toggleWindow(),
    },
    { id: 'unread', label: s.unread(view.unread), enabled: false },
    { type: 'separator' },
    muted
      ? { id: 'unmute', label: s.unmute(until), click: () => actions.muteUntil(0) }
      : {
          id: 'mute',
          label: s.mute,
          submenu: [
            {
              id: 'mute-hour',
              label: s.muteHour,
              click: () => actions.muteUntil(doNotDisturb.forAnHour(Date.now())),
            },
            {
              id: 'mute-tomorrow',
              label: s.muteTomorrow,
              click: () => actions.muteUntil(doNotDisturb.untilTomorrow(Date.now())),
            },
          ],
        },
    {
      id: 'accounts',
      label: s.accounts,
      submenu: view.accounts.length
        ? view.accounts.map((a) => ({
            id: `account-${a.id}`,
            label: `${a.label} — ${s.state(a.state)}`,
            click: () => actions.openAccount(a.id),
          }))
        : [{ id: 'no-accounts', label: s.noAccounts, enabled: false }],
    },
    { type: 'separator' },
    { id: 'quit', label: s.quit, click: () => actions.quit() },
  ];
}

/** Tooltip text: the app name and, when there is any, the unread count. */
export function trayTooltip(view: Pick<TrayView, 'language' | 'unread'>): string {
  return view.unread
    ? `Switchboard — ${shellStrings(view.language).unread(view.unread)}`
    : 'Switchboard';
}
