import type { ProviderWords } from '../../../shared/i18n/catalog.std.ts';

/** What multiwa says to users, in every language; merged into the catalog by the registry. */
export const multiwaWords = {
  en: {
    'multiwa.keyRefused': 'MultiWA refused the API key (or JWT). Check it in MultiWA’s admin UI.',
    'multiwa.profileForbidden': 'This API key may not use that profile.',
    'multiwa.socketSilent':
      'MultiWA’s real-time socket did not answer (tried Socket.IO and the documented WebSocket).',
  },
  ru: {
    'multiwa.keyRefused': 'MultiWA не принял API-ключ (или JWT). Проверьте его в админке MultiWA.',
    'multiwa.profileForbidden': 'Этому API-ключу нельзя работать с этим профилем.',
    'multiwa.socketSilent':
      'Сокет MultiWA не ответил (пробовали Socket.IO и WebSocket из документации).',
  },
} as const satisfies ProviderWords;
