import { z } from 'zod';

/** MultiWA's shapes: REST rows (Prisma models), Socket.IO events, and seed 003's envelopes. */
const Time = z
  .union([z.string(), z.number(), z.date()])
  .transform((v) => (typeof v === 'number' ? (v > 1e12 ? v : v * 1000) : new Date(v).getTime()));

export const Profile = z.looseObject({
  id: z.string().min(1),
  name: z.string().nullish(),
  displayName: z.string().nullish(),
  phoneNumber: z.string().nullish(),
  status: z.string().nullish(),
  accountId: z.string().nullish(),
});
export type Profile = z.infer<typeof Profile>;

export const Content = z.looseObject({
  text: z.string().nullish(),
  caption: z.string().nullish(),
  url: z.string().nullish(),
  mimetype: z.string().nullish(),
  filename: z.string().nullish(),
  latitude: z.number().nullish(),
  longitude: z.number().nullish(),
  name: z.string().nullish(),
  quotedMessageId: z.string().nullish(),
});

export const MessageRow = z.looseObject({
  id: z.string().min(1),
  profileId: z.string().nullish(),
  messageId: z.string().nullish(),
  conversationId: z.string().nullish(),
  direction: z.enum(['incoming', 'outgoing']),
  senderJid: z.string().nullish(),
  senderName: z.string().nullish(),
  type: z.string().nullish(),
  content: z.union([Content, z.string()]).nullish(),
  /** A column of the row in schema.prisma; older builds kept it in content. */
  quotedMessageId: z.string().nullish(),
  status: z.string().nullish(),
  timestamp: Time,
});
export type MessageRow = z.infer<typeof MessageRow>;

export const ConversationRow = z.looseObject({
  id: z.string().min(1),
  profileId: z.string().nullish(),
  jid: z.string().min(1),
  name: z.string().nullish(),
  type: z.string().nullish(),
  lastMessageAt: Time.nullish(),
  unreadCount: z.number().nullish(),
});
export type ConversationRow = z.infer<typeof ConversationRow>;

// Socket.IO gateway (the one MultiWA's engine feeds)
export const QrUpdate = z.looseObject({ profileId: z.string(), qrCode: z.string().min(1) });
export const ConnectionStatus = z.looseObject({
  profileId: z.string(),
  status: z.string(),
  phoneNumber: z.string().nullish(),
  phone: z.string().nullish(),
  reason: z.string().nullish(),
});
export const SocketMessage = z.looseObject({
  type: z.string().optional(),
  message: MessageRow,
  conversation: ConversationRow,
});
export const SocketAck = z.looseObject({
  profileId: z.string().optional(),
  messageId: z.string().min(1),
  status: z.string(),
});

// Seed 003's documented envelope protocol
export const RawFrame = z.looseObject({
  type: z.enum(['ack', 'pong', 'error', 'event']),
  payload: z.unknown().optional(),
  requestId: z.string().optional(),
});
export const RawEvent = z.looseObject({
  event: z.string(),
  profileId: z.string().optional(),
  data: z.unknown(),
  timestamp: z.string().optional(),
});
export const RawReceived = z.looseObject({
  id: z.string().min(1),
  from: z.string().min(1),
  body: z.string().nullish(),
  type: z.string().nullish(),
  timestamp: Time,
  hasMedia: z.boolean().nullish(),
  fromMe: z.boolean().nullish(),
  notifyName: z.string().nullish(),
});
export const RawAck = z.looseObject({
  messageId: z.string().min(1),
  status: z.string().nullish(),
  ack: z.number().nullish(),
});
export const RawQr = z.looseObject({ qr: z.string().min(1) });
export const RawStatus = z.looseObject({
  status: z.string(),
  phone: z.string().nullish(),
  reason: z.string().nullish(),
});

/** The send reply: the code returns the internal record id, the docs a WhatsApp id. */
export const SendReply = z.union([
  z.looseObject({
    messageId: z.string().min(1),
    conversationId: z.string().nullish(),
    status: z.string().nullish(),
  }),
  z.looseObject({
    data: z.looseObject({ messageId: z.string().min(1), status: z.string().nullish() }),
  }),
]);

/** A WhatsApp serialized id (true_628…@c.us_3EB0…, or a bare 3EB0…/BAE5… hex id), not a UUID. */
export function isWhatsAppId(id: string): boolean {
  return !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}

/**
 * A list from any shape MultiWA answers with: a bare array; the documented `{success, data}`;
 * `{items}`; or, as its source code does, `{conversations, total}` and `{messages, hasMore}`.
 */
export function listOf(body: unknown): unknown[] | null {
  if (Array.isArray(body)) return body;
  for (const holder of [body, (body as { data?: unknown } | null)?.data]) {
    if (Array.isArray(holder)) return holder;
    if (!holder || typeof holder !== 'object') continue;
    for (const key of ['items', 'conversations', 'messages'] as const) {
      const list = (holder as Record<string, unknown>)[key];
      if (Array.isArray(list)) return list;
    }
  }
  return null;
}
