import type { ProviderWords } from '../../../shared/i18n/catalog.std.ts';

/** What chatapp says to users, in every language; merged into the catalog by the registry. */
export const chatappWords = {
  en: {
    'chatapp.credentialsRefused':
      'ChatApp refused the email, password or app id{detail}. Check them and sign in again.',
    'chatapp.signInExpired': 'ChatApp no longer accepts this account’s sign-in. Sign in again.',
    'chatapp.channelRefused': 'ChatApp refused the channel sign-in. Sign in again.',
    'chatapp.channelUnreachable': 'ChatApp’s channel sign-in could not be reached.',
  },
  ru: {
    'chatapp.credentialsRefused':
      'ChatApp не принял email, пароль или app id{detail}. Проверьте их и войдите снова.',
    'chatapp.signInExpired': 'ChatApp больше не принимает вход этого аккаунта. Войдите снова.',
    'chatapp.channelRefused': 'ChatApp отказал во входе в канал. Войдите снова.',
    'chatapp.channelUnreachable': 'Вход в канал ChatApp недоступен.',
  },
} as const satisfies ProviderWords;
