import { z } from 'zod';

export const ProviderKind = z.enum(['chatapp', 'maytapi', 'multiwa', 'chategy']);
export type ProviderKind = z.infer<typeof ProviderKind>;

export const Messenger = z.enum([
  'whatsapp',
  'whatsapp_cloud',
  'telegram',
  'telegram_bot',
  'max',
  'vk_ok',
  'sms',
]);
export type Messenger = z.infer<typeof Messenger>;

/** Local ids are opaque strings for accounts and lines, integers for cached rows. */
export const AccountId = z.string().min(1).max(64);
export const LineId = z.string().min(1).max(200);
export const ConversationId = z.number().int().positive();
/**
 * A message's local id doubles as its sort key: time in ms × 1000 plus a tie-breaker,
 * so keyset pages and "newest search hits first" are plain rowid order.
 */
export const MessageId = z.number().int().positive();
