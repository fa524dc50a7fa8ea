import type { ProviderWords } from '../../../shared/i18n/catalog.std.ts';

/** What chategy says to users, in every language; merged into the catalog by the registry. */
export const chategyWords = {
  en: {
    'chategy.tokenRefused':
      'Chategy refused the token (401). Copy the client token again from the personal account.',
    'chategy.developerKeyMissing':
      'This needs the developer API key, which this account does not have.',
    'chategy.lineCannotSend': 'This line cannot send through Chategy.',
    'chategy.noGroups': 'Chategy cannot send to WhatsApp groups; only to single contacts.',
    'chategy.fileTooLarge': '“{name}” is {size} MB; Chategy takes files up to 100 MB.',
    'chategy.fileTypeRefused':
      'Chategy does not send {mime} files. It takes PDF, Word, Excel, PowerPoint, ZIP and 7z documents, JPEG, PNG and WebP images, MP4 video, audio and vCards.',
    'chategy.fileTypeUnknown':
      'Chategy does not send this kind of file. It takes PDF, Word, Excel, PowerPoint, ZIP and 7z documents, JPEG, PNG and WebP images, MP4 video, audio and vCards.',
    'chategy.whatsappByQr': 'WhatsApp at Chategy signs in by QR code.',
    'chategy.phoneAndCode': 'Telegram and MAX at Chategy sign in with a phone number and a code.',
    'chategy.signedInInCabinet': 'This line is signed in from Chategy’s personal account.',
    'chategy.telegramNotSignedOut': 'Chategy did not sign Telegram out. Try again.',
    'chategy.whatsappLogoutOnPhone':
      'Chategy cannot sign WhatsApp out from here. On the phone open WhatsApp → Linked devices and log the Chategy device out.',
    'chategy.maxNoPassword': 'MAX at Chategy has no password step.',
  },
  ru: {
    'chategy.tokenRefused':
      'Chategy не принял токен (401). Скопируйте клиентский токен из личного кабинета заново.',
    'chategy.developerKeyMissing': 'Для этого нужен API-ключ разработчика, а у аккаунта его нет.',
    'chategy.lineCannotSend': 'Через Chategy с этой линии отправлять нельзя.',
    'chategy.noGroups': 'Chategy не отправляет в группы WhatsApp — только отдельным контактам.',
    'chategy.fileTooLarge': '«{name}» весит {size} МБ; Chategy принимает файлы до 100 МБ.',
    'chategy.fileTypeRefused':
      'Chategy не отправляет файлы {mime}. Он принимает документы PDF, Word, Excel, PowerPoint, ZIP и 7z, изображения JPEG, PNG и WebP, видео MP4, аудио и vCard.',
    'chategy.fileTypeUnknown':
      'Chategy не отправляет такие файлы. Он принимает документы PDF, Word, Excel, PowerPoint, ZIP и 7z, изображения JPEG, PNG и WebP, видео MP4, аудио и vCard.',
    'chategy.whatsappByQr': 'WhatsApp в Chategy подключается по QR-коду.',
    'chategy.phoneAndCode': 'Telegram и MAX в Chategy подключаются по номеру телефона и коду.',
    'chategy.signedInInCabinet': 'Эта линия подключается в личном кабинете Chategy.',
    'chategy.telegramNotSignedOut': 'Chategy не выполнил выход из Telegram. Попробуйте ещё раз.',
    'chategy.whatsappLogoutOnPhone':
      'Отсюда Chategy не может отключить WhatsApp. На телефоне откройте WhatsApp → Связанные устройства и отключите устройство Chategy.',
    'chategy.maxNoPassword': 'У MAX в Chategy нет шага с паролем.',
  },
} as const satisfies ProviderWords;
