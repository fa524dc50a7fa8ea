import type { MessageKey } from './en.std.ts';

export const ru: Record<MessageKey, string> = {
  'app.title': 'Switchboard',
  'core.connecting': 'Подключение к Switchboard…',
  'core.offline': 'Ядро Switchboard недоступно. Показано то, что уже загружено; переподключаемся…',
  'sidebar.label': 'Аккаунты',
  'sidebar.allAccounts': 'Все аккаунты',
  'sidebar.noAccounts': 'Аккаунтов пока нет.',
  'account.demo': 'Демо',
  'connection.connecting': 'Подключение…',
  'connection.online': 'В сети',
  'connection.reconnecting': 'Переподключение через {seconds} с',
  'connection.auth_error': 'Нужно войти заново',
  'connection.offline': 'Не в сети',
  'conversations.label': 'Чаты',
  'conversations.empty': 'Чатов пока нет.',
  'conversations.you': 'Вы: {text}',
  'conversations.unread': 'Непрочитанных: {count}',
  'message.deleted': 'Сообщение удалено',
  'message.media': 'Вложение',
  'error.generic': 'Что-то пошло не так: {message}',
};
