import type { ProviderWords } from '../../../shared/i18n/catalog.std.ts';

/** What multiwa says to users, in every language; merged into the catalog by the registry. */
export const multiwaWords = {
  en: {
    'multiwa.keyRefused': 'MultiWA refused the API key (or JWT). Check it in MultiWA’s admin UI.',
    'multiwa.profileForbidden': 'This API key may not use that profile.',
    'multiwa.socketSilent':
      'MultiWA’s real-time socket did not answer (tried Socket.IO and the documented WebSocket).',
    'multiwa.dailyLimit':
      'Daily sending limit reached ({count}/{limit}). Switchboard will send it after {at, time, short} on {at, date, medium}.',
    'multiwa.dailyLimitNoTime':
      'Daily sending limit reached ({count}/{limit}). Switchboard will send it when the limit resets.',
    'multiwa.rateLimited': 'MultiWA is rate-limiting; Switchboard will try again shortly.',
  },
  ru: {
    'multiwa.keyRefused': 'MultiWA не принял API-ключ (или JWT). Проверьте его в админке MultiWA.',
    'multiwa.profileForbidden': 'Этому API-ключу нельзя работать с этим профилем.',
    'multiwa.socketSilent':
      'Сокет MultiWA не ответил (пробовали Socket.IO и WebSocket из документации).',
    'multiwa.dailyLimit':
      'Достигнут дневной лимит отправки ({count}/{limit}). Switchboard отправит сообщение после {at, time, short}, {at, date, medium}.',
    'multiwa.dailyLimitNoTime':
      'Достигнут дневной лимит отправки ({count}/{limit}). Switchboard отправит сообщение, когда лимит обновится.',
    'multiwa.rateLimited':
      'MultiWA ограничивает частоту запросов; Switchboard скоро попробует снова.',
  },
} as const satisfies ProviderWords;
