/** English strings; keys are shared with every other language. */
export const en = {
  'app.title': 'Switchboard',
  'core.connecting': 'Connecting to Switchboard…',
  'core.offline': 'Switchboard’s core is offline. Showing what was loaded; reconnecting…',
  'sidebar.label': 'Accounts',
  'sidebar.allAccounts': 'All accounts',
  'sidebar.noAccounts': 'No accounts yet.',
  'account.demo': 'Demo',
  'connection.connecting': 'Connecting…',
  'connection.online': 'Online',
  'connection.reconnecting': 'Reconnecting in {seconds} s',
  'connection.auth_error': 'Sign-in needed',
  'connection.offline': 'Offline',
  'conversations.label': 'Conversations',
  'conversations.empty': 'No conversations yet.',
  'conversations.you': 'You: {text}',
  'conversations.unread': '{count} unread',
  'message.deleted': 'This message was deleted',
  'message.media': 'Attachment',
  'error.generic': 'Something went wrong: {message}',
} as const;

export type MessageKey = keyof typeof en;
