import type { ConnectionState } from '../../shared/model/connection.std.ts';
import { t, type Language } from '../../shared/i18n/catalog.std.ts';

/**
 * The few words the shell itself says (tray menu, close-to-tray hint), from the one catalog
 * (`shell.*` keys), in the language the user picked in Settings.
 */
export function shellStrings(language: Language) {
  const say = (key: Parameters<typeof t>[1], values?: Record<string, string | number>) =>
    t(language, key, values);
  return {
    show: say('shell.show'),
    hide: say('shell.hide'),
    unread: (count: number) => say('shell.unread', { count }),
    mute: say('shell.mute'),
    muteHour: say('shell.muteHour'),
    muteTomorrow: say('shell.muteTomorrow'),
    unmute: (until: string) => say('shell.unmute', { until }),
    accounts: say('shell.accounts'),
    noAccounts: say('shell.noAccounts'),
    quit: say('shell.quit'),
    state: (state: ConnectionState['state']) => say(`shell.state.${state}`),
    stillRunningTitle: say('shell.stillRunningTitle'),
    stillRunningBody: say('shell.stillRunningBody'),
  };
}
