import type { ConnectionState } from '../../shared/model/connection.std.ts';

/**
 * The few words the shell itself says (tray menu, close-to-tray hint), in the language the
 * user picked in Settings. The renderer's strings live in its own i18n layer.
 */
const en = {
  show: 'Show Switchboard',
  hide: 'Hide Switchboard',
  unread: (n: number) =>
    n === 0 ? 'No unread messages' : n === 1 ? '1 unread message' : `${n} unread messages`,
  mute: 'Mute notifications',
  muteHour: 'For 1 hour',
  muteTomorrow: 'Until tomorrow',
  unmute: (until: string) => `Unmute (muted until ${until})`,
  accounts: 'Accounts',
  noAccounts: 'No accounts yet',
  quit: 'Quit Switchboard',
  state: {
    connecting: 'connecting…',
    online: 'online',
    reconnecting: 'reconnecting…',
    auth_error: 'sign-in needed',
    offline: 'offline',
  } satisfies Record<ConnectionState['state'], string>,
  stillRunningTitle: 'Switchboard is still running',
  stillRunningBody:
    'It keeps receiving messages in the tray. To quit, choose “Quit Switchboard” from the tray menu. You can turn this off in Settings.',
};

type ShellStrings = typeof en;

const ru: ShellStrings = {
  show: 'Показать Switchboard',
  hide: 'Скрыть Switchboard',
  unread: (n) => (n === 0 ? 'Нет непрочитанных' : `Непрочитанных: ${n}`),
  mute: 'Без уведомлений',
  muteHour: 'На 1 час',
  muteTomorrow: 'До завтра',
  unmute: (until) => `Включить уведомления (выключены до ${until})`,
  accounts: 'Аккаунты',
  noAccounts: 'Аккаунтов пока нет',
  quit: 'Выйти из Switchboard',
  state: {
    connecting: 'подключение…',
    online: 'в сети',
    reconnecting: 'переподключение…',
    auth_error: 'нужен вход',
    offline: 'не в сети',
  },
  stillRunningTitle: 'Switchboard продолжает работать',
  stillRunningBody:
    'Сообщения по-прежнему приходят, значок в трее. Чтобы выйти, выберите «Выйти из Switchboard» в меню трея. Это можно отключить в настройках.',
};

export function shellStrings(language: 'en' | 'ru'): ShellStrings {
  return language === 'ru' ? ru : en;
}
