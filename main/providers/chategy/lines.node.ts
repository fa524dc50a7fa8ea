import type { Messenger } from '../../../shared/model/ids.std.ts';

/**
 * One Chategy account (client token) carries up to three messenger identities. Each is a
 * line; its id is the `dispatch_routing` channel a send to it uses. The bots only appear
 * once someone writes to them.
 */
export const LINES = {
  whatsapp: { messenger: 'whatsapp', routing: 'whatsapp', title: 'WhatsApp' },
  tdlib: { messenger: 'telegram', routing: 'tdlib', title: 'Telegram' },
  max: { messenger: 'max', routing: 'max', title: 'MAX' },
  telegram_bot: { messenger: 'telegram_bot', routing: 'telegram', title: 'Telegram bot' },
  max_bot: { messenger: 'max', routing: 'max_bot', title: 'MAX bot' },
} as const satisfies Record<string, { messenger: Messenger; routing: string; title: string }>;

export type LineKey = keyof typeof LINES;

export function isLine(value: string): value is LineKey {
  return Object.hasOwn(LINES, value);
}

/** Lines signed in from Switchboard; the bots are configured in Chategy's cabinet. */
export const PERSONAL_LINES = ['whatsapp', 'tdlib', 'max'] as const;

/**
 * Telegram and MAX number messages per chat, so the chat goes into our id; WhatsApp ids
 * are global already. `rawId` undoes it for `reply_to_message_id`.
 */
export function messageIdOf(line: LineKey, chatId: string, id: string): string {
  return line === 'whatsapp' ? id : `${chatId}:${id}`;
}

export function rawId(line: string, id: string): string {
  return line === 'whatsapp' ? id : id.slice(id.indexOf(':') + 1);
}
