import { z } from 'zod';

/**
 * What the core says to users (refusals, failures, reasons), in every language of the UI.
 * An error carries its key and values across the contract, so the renderer says it in the
 * user's language; the English text is also the message, for logs and older pages.
 */
const CATALOG = {
  // The providers: reaching them, and what they refuse.
  'provider.unreachable': {
    en: '{provider} could not be reached at {host}{detail}.',
    ru: '{provider} недоступен по адресу {host}{detail}.',
  },
  'provider.refused': {
    en: '{provider} could not be reached at {host}: the connection was refused.',
    ru: '{provider} недоступен по адресу {host}: соединение отклонено.',
  },
  'provider.unknownHost': {
    en: '{provider} could not be reached at {host}: the host name is unknown.',
    ru: '{provider} недоступен по адресу {host}: такого имени хоста нет.',
  },
  'provider.noAnswer': {
    en: '{provider} could not be reached at {host}: no answer in time.',
    ru: '{provider} недоступен по адресу {host}: нет ответа вовремя.',
  },
  'provider.timeout': {
    en: '{provider} did not answer within {seconds} s.',
    ru: '{provider} не ответил за {seconds} с.',
  },
  'provider.notJson': {
    en: '{provider} answered with something other than JSON. Is the API address right?',
    ru: '{provider} ответил не в формате JSON. Адрес API указан верно?',
  },
  'provider.serverError': {
    en: '{provider} answered {status}; it will be tried again.',
    ru: '{provider} ответил кодом {status}; попробуем ещё раз.',
  },
  'chatapp.credentialsRefused': {
    en: 'ChatApp refused the email, password or app id{detail}. Check them and sign in again.',
    ru: 'ChatApp не принял email, пароль или app id{detail}. Проверьте их и войдите снова.',
  },
  'chatapp.signInExpired': {
    en: 'ChatApp no longer accepts this account’s sign-in. Sign in again.',
    ru: 'ChatApp больше не принимает вход этого аккаунта. Войдите снова.',
  },
  'chatapp.channelRefused': {
    en: 'ChatApp refused the channel sign-in. Sign in again.',
    ru: 'ChatApp отказал во входе в канал. Войдите снова.',
  },
  'chatapp.channelUnreachable': {
    en: 'ChatApp’s channel sign-in could not be reached.',
    ru: 'Вход в канал ChatApp недоступен.',
  },
  'maytapi.tokenRefused': {
    en: 'Maytapi refused the API token (or the product id). Check both in the Maytapi console.',
    ru: 'Maytapi не принял API-токен (или product id). Проверьте оба в консоли Maytapi.',
  },
  'multiwa.keyRefused': {
    en: 'MultiWA refused the API key (or JWT). Check it in MultiWA’s admin UI.',
    ru: 'MultiWA не принял API-ключ (или JWT). Проверьте его в админке MultiWA.',
  },
  'multiwa.profileForbidden': {
    en: 'This API key may not use that profile.',
    ru: 'Этому API-ключу нельзя работать с этим профилем.',
  },
  'multiwa.socketSilent': {
    en: 'MultiWA’s real-time socket did not answer (tried Socket.IO and the documented WebSocket).',
    ru: 'Сокет MultiWA не ответил (пробовали Socket.IO и WebSocket из документации).',
  },
  'chategy.tokenRefused': {
    en: 'Chategy refused the token (401). Copy the client token again from the personal account.',
    ru: 'Chategy не принял токен (401). Скопируйте клиентский токен из личного кабинета заново.',
  },
  'chategy.developerKeyMissing': {
    en: 'This needs the developer API key, which this account does not have.',
    ru: 'Для этого нужен API-ключ разработчика, а у аккаунта его нет.',
  },

  // Sends a provider refuses before trying.
  'chategy.lineCannotSend': {
    en: 'This line cannot send through Chategy.',
    ru: 'Через Chategy с этой линии отправлять нельзя.',
  },
  'chategy.noGroups': {
    en: 'Chategy cannot send to WhatsApp groups; only to single contacts.',
    ru: 'Chategy не отправляет в группы WhatsApp — только отдельным контактам.',
  },
  'chategy.fileTooLarge': {
    en: '“{name}” is {size} MB; Chategy takes files up to 100 MB.',
    ru: '«{name}» весит {size} МБ; Chategy принимает файлы до 100 МБ.',
  },
  'chategy.fileTypeRefused': {
    en: 'Chategy does not send {mime} files. It takes PDF, Word, Excel, PowerPoint, ZIP and 7z documents, JPEG, PNG and WebP images, MP4 video, audio and vCards.',
    ru: 'Chategy не отправляет файлы {mime}. Он принимает документы PDF, Word, Excel, PowerPoint, ZIP и 7z, изображения JPEG, PNG и WebP, видео MP4, аудио и vCard.',
  },
  'chategy.fileTypeUnknown': {
    en: 'Chategy does not send this kind of file. It takes PDF, Word, Excel, PowerPoint, ZIP and 7z documents, JPEG, PNG and WebP images, MP4 video, audio and vCards.',
    ru: 'Chategy не отправляет такие файлы. Он принимает документы PDF, Word, Excel, PowerPoint, ZIP и 7z, изображения JPEG, PNG и WebP, видео MP4, аудио и vCard.',
  },
  'maytapi.imagesOnly': {
    en: 'Maytapi takes files from a computer only as images under 1 MB; larger files and documents need a web link.',
    ru: 'Maytapi принимает файлы с компьютера только как изображения до 1 МБ; для больших файлов и документов нужна ссылка.',
  },

  // Signing lines in and out.
  'login.linkingPhone': { en: 'Linking the phone…', ru: 'Привязываем телефон…' },
  'login.preparingQr': { en: 'Preparing the QR code…', ru: 'Готовим QR-код…' },
  'login.fetchingQr': { en: 'Fetching the QR code…', ru: 'Получаем QR-код…' },
  'login.waitingQr': { en: 'Waiting for the QR code…', ru: 'Ждём QR-код…' },
  'login.notSignedIn': {
    en: 'Not signed in. Start signing in to show a QR code.',
    ru: 'Вход не выполнен. Начните вход, чтобы показать QR-код.',
  },
  'login.phoneReconnecting': {
    en: 'The session lost its internet connection and is reconnecting…',
    ru: 'Сессия потеряла связь с интернетом и переподключается…',
  },
  'login.sessionStarting': {
    en: 'The phone’s session is starting…',
    ru: 'Сессия телефона запускается…',
  },
  'login.connectingTelegram': { en: 'Connecting to Telegram…', ru: 'Подключаемся к Telegram…' },
  'login.notSignedInChategy': { en: 'Not signed in at Chategy.', ru: 'Не подключено в Chategy.' },
  'login.signedOutHere': {
    en: 'Signed out from Switchboard.',
    ru: 'Выход выполнен из Switchboard.',
  },
  'login.signedOutByPhone': {
    en: 'WhatsApp signed this device out (on the phone, or after a long time offline).',
    ru: 'WhatsApp отключил это устройство (с телефона или после долгого отсутствия связи).',
  },
  'login.phoneDisabled': {
    en: 'This phone is disabled in the Maytapi console.',
    ru: 'Этот телефон отключён в консоли Maytapi.',
  },
  'login.licenseInactive': {
    en: 'The ChatApp license is not active.',
    ru: 'Лицензия ChatApp не активна.',
  },
  'login.qrExpired': {
    en: 'The QR code expired unscanned. Restart the session to get a new one.',
    ru: 'QR-код истёк, его не отсканировали. Перезапустите сессию, чтобы получить новый.',
  },
  'login.phoneOffline': {
    en: 'The phone is offline or out of battery; WhatsApp cannot reach it.',
    ru: 'Телефон не в сети или разряжен; WhatsApp не может до него достучаться.',
  },
  'login.telegramBlocked': {
    en: 'Telegram blocked this account.',
    ru: 'Telegram заблокировал этот аккаунт.',
  },
  'login.maxSuspended': { en: 'MAX suspended this account.', ru: 'MAX приостановил этот аккаунт.' },
  'login.whatsappRefused': { en: 'WhatsApp refused the session.', ru: 'WhatsApp отклонил сессию.' },
  'chategy.whatsappByQr': {
    en: 'WhatsApp at Chategy signs in by QR code.',
    ru: 'WhatsApp в Chategy подключается по QR-коду.',
  },
  'chategy.phoneAndCode': {
    en: 'Telegram and MAX at Chategy sign in with a phone number and a code.',
    ru: 'Telegram и MAX в Chategy подключаются по номеру телефона и коду.',
  },
  'chategy.signedInInCabinet': {
    en: 'This line is signed in from Chategy’s personal account.',
    ru: 'Эта линия подключается в личном кабинете Chategy.',
  },
  'chategy.telegramNotSignedOut': {
    en: 'Chategy did not sign Telegram out. Try again.',
    ru: 'Chategy не выполнил выход из Telegram. Попробуйте ещё раз.',
  },
  'chategy.whatsappLogoutOnPhone': {
    en: 'Chategy cannot sign WhatsApp out from here. On the phone open WhatsApp → Linked devices and log the Chategy device out.',
    ru: 'Отсюда Chategy не может отключить WhatsApp. На телефоне откройте WhatsApp → Связанные устройства и отключите устройство Chategy.',
  },
  'chategy.maxNoPassword': {
    en: 'MAX at Chategy has no password step.',
    ru: 'У MAX в Chategy нет шага с паролем.',
  },

  // The core's own refusals.
  'account.gone': { en: 'This account no longer exists.', ru: 'Этого аккаунта больше нет.' },
  'line.gone': { en: 'This line no longer exists.', ru: 'Этой линии больше нет.' },
  'conversation.gone': { en: 'This conversation no longer exists.', ru: 'Этого чата больше нет.' },
  'message.gone': { en: 'This message no longer exists.', ru: 'Этого сообщения больше нет.' },
  'message.uploadGone': {
    en: 'The upload of “{name}” is no longer here. Attach the file again.',
    ru: 'Загрузки «{name}» больше нет. Прикрепите файл снова.',
  },
  'message.uploadTooLarge': {
    en: 'The file is over the {limit} limit for a file you can send.',
    ru: 'Файл больше {limit} — столько отправить нельзя.',
  },
  'message.notSaved': {
    en: 'The message could not be saved. It was not sent.',
    ru: 'Сообщение не удалось сохранить. Оно не отправлено.',
  },
  'message.retryNotOurs': {
    en: 'Only messages sent from this app can be retried.',
    ru: 'Повторить можно только сообщения, отправленные из этого приложения.',
  },
  'message.fileTooLarge': {
    en: '“{name}” is {size}, over the {limit} limit for a file you can send. Share a link to it instead.',
    ru: '«{name}» весит {size}, а отправить можно не больше {limit}. Поделитесь ссылкой на него.',
  },
  'message.notAtProvider': {
    en: 'This message has not reached the provider yet.',
    ru: 'Это сообщение ещё не дошло до провайдера.',
  },
  'message.deleteNotOwn': {
    en: 'Only your own messages can be deleted for everyone.',
    ru: 'Удалить у всех можно только свои сообщения.',
  },
  'message.deleteUnsupported': {
    en: 'This provider cannot delete messages for everyone.',
    ru: 'Этот провайдер не умеет удалять сообщения у всех.',
  },
  'message.deleteFailed': {
    en: 'The message was not deleted: {detail}',
    ru: 'Сообщение не удалено: {detail}',
  },
  'message.reactUnsupported': {
    en: 'This provider does not support reactions.',
    ru: 'Этот провайдер не поддерживает реакции.',
  },
  'message.reactNotYet': {
    en: 'This message has not reached WhatsApp yet; react once it has a tick.',
    ru: 'Сообщение ещё не дошло до WhatsApp; поставьте реакцию, когда появится галочка.',
  },
  'message.reactFailed': {
    en: 'The reaction was not sent: {detail}',
    ru: 'Реакция не отправлена: {detail}',
  },
  'line.signedInAtProvider': {
    en: 'This line is signed in at the provider, not in Switchboard.',
    ru: 'Эта линия подключается у провайдера, а не в Switchboard.',
  },
  'line.addedInConsole': {
    en: 'Lines of this provider are added in its own console.',
    ru: 'Линии этого провайдера добавляются в его собственной консоли.',
  },
  'login.methodUnsupported': {
    en: 'This line cannot sign in by {method}.',
    ru: 'Эта линия не умеет входить способом «{method}».',
  },
  'secrets.notChoosable': {
    en: 'Where passwords and tokens are kept can be chosen only in the desktop app, on a computer without a keyring.',
    ru: 'Где хранить пароли и токены, можно выбрать только в приложении для компьютера без связки ключей.',
  },
  'account.settingsIncomplete': {
    en: 'This account’s saved settings are incomplete or no longer valid ({detail}). Open the account and enter them again.',
    ru: 'Сохранённые настройки аккаунта неполны или устарели ({detail}). Откройте аккаунт и введите их заново.',
  },
  'settings.damaged': {
    en: 'The settings file was damaged. Switchboard kept every setting it could read (the webhook address included) and put back the defaults for: {reset}. The damaged file is kept at {file}.',
    ru: 'Файл настроек был повреждён. Switchboard сохранил все настройки, которые удалось прочитать (включая адрес вебхуков), и вернул значения по умолчанию для: {reset}. Повреждённый файл сохранён: {file}.',
  },
  'message.maybeSent': {
    en: 'Switchboard stopped while this message was being sent, and this provider cannot tell whether it arrived. It may have been sent: send it again?',
    ru: 'Switchboard остановился во время отправки, а этот провайдер не может сказать, дошло ли сообщение. Возможно, оно уже отправлено: отправить ещё раз?',
  },
  'demo.notRunning': { en: 'The demo workspace is not running.', ru: 'Демо сейчас не запущено.' },
  'demo.notDemoLine': { en: 'This is not a demo line.', ru: 'Это не демо-линия.' },
  'webhook.notWebhookAccount': {
    en: 'This account does not receive events by webhook.',
    ru: 'Этот аккаунт получает события не через вебхук.',
  },
  'webhook.cannotSet': {
    en: 'This provider’s webhook cannot be set from Switchboard.',
    ru: 'Вебхук этого провайдера нельзя задать из Switchboard.',
  },
  'webhook.needPublic': {
    en: 'Set the public address first: a desktop behind a router needs a reverse proxy or tunnel that reaches this computer.',
    ru: 'Сначала укажите публичный адрес: компьютеру за роутером нужен обратный прокси или туннель до него.',
  },
  'webhook.foreign': {
    en: 'The provider already sends events to {previous}, which may belong to another system (a CRM). Switchboard left it unchanged; confirm to replace it.',
    ru: 'Провайдер уже шлёт события на {previous} — возможно, это другая система (CRM). Switchboard его не тронул; подтвердите, чтобы заменить.',
  },
  'webhook.testFailed': {
    en: 'A test event sent to {url} did not come back. Check that the public address forwards to this computer.',
    ru: 'Тестовое событие, отправленное на {url}, не вернулось. Проверьте, что публичный адрес ведёт на этот компьютер.',
  },
  'webhook.bindFailed': {
    en: 'Switchboard could not receive webhooks on {address} ({detail}). It keeps using {previous}.',
    ru: 'Switchboard не смог принимать вебхуки на {address} ({detail}). Остаётся прежний адрес {previous}.',
  },
} as const;

export type WordKey = keyof typeof CATALOG;
export type Language = 'en' | 'ru';

export const Words = z.object({
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type Words = { key: WordKey; params: Record<string, string | number> };

export function words(key: WordKey, params: Record<string, string | number> = {}): Words {
  return { key, params };
}

export function isWordKey(key: string): key is WordKey {
  return Object.hasOwn(CATALOG, key);
}

/** The words in a language; null for a key this build does not know (an older page, a newer core). */
export function say(
  w: { key: string; params: Record<string, string | number> },
  language: Language,
): string | null {
  if (!isWordKey(w.key)) return null;
  return CATALOG[w.key][language].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in w.params ? String(w.params[name]) : whole,
  );
}

/** For the test that every key is said in every language with the same placeholders. */
export const WORD_CATALOG: Readonly<Record<WordKey, Record<Language, string>>> = CATALOG;
