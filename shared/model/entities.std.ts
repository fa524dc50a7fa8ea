import { z } from 'zod';
import {
  AccountId,
  ConversationId,
  LineId,
  MessageId,
  Messenger,
  ProviderKind,
} from './ids.std.ts';
import { DeliveryStatus } from './delivery.std.ts';
import { LoginState } from './login.std.ts';
import { ConnectionState } from './connection.std.ts';
import { Words } from '../words/coreWords.std.ts';

export const Account = z.object({
  id: AccountId,
  provider: ProviderKind,
  label: z.string(),
  /** Non-secret settings (hosts, ids). Secrets never leave the core. */
  config: z.record(z.string(), z.unknown()),
  demo: z.boolean(),
  connection: ConnectionState,
  /** Its sends fail: how many of ours did not go for an error (failed, or put off), and the latest reason. */
  sending: z
    .object({
      unsent: z.number().int().positive(),
      reason: z.string(),
      reasonWords: Words.optional(),
    })
    .optional(),
  createdAt: z.number(),
});
export type Account = z.infer<typeof Account>;

export const Line = z.object({
  id: LineId,
  accountId: AccountId,
  /** The provider's own name for the line, e.g. ChatApp `licenseId:messengerType`. */
  providerLineId: z.string(),
  messenger: Messenger,
  title: z.string().optional(),
  phone: z.string().optional(),
  login: LoginState,
  muted: z.boolean(),
});
export type Line = z.infer<typeof Line>;

export const ConversationKind = z.enum(['private', 'group', 'broadcast', 'channel']);
export type ConversationKind = z.infer<typeof ConversationKind>;

export const ConversationMeta = z.object({
  tags: z
    .array(z.object({ id: z.string(), name: z.string(), color: z.string().optional() }))
    .optional(),
  /** WhatsApp's 24-hour customer-service window. */
  window: z
    .object({ kind: z.string().optional(), startsAt: z.number().optional(), endsAt: z.number() })
    .optional(),
  open: z.boolean().optional(),
});
export type ConversationMeta = z.infer<typeof ConversationMeta>;

export const MessageType = z.enum([
  'text',
  'image',
  'video',
  'audio',
  'voice',
  'document',
  'sticker',
  'location',
  'contact',
  'poll',
  'call',
  'system',
  'unknown',
]);
export type MessageType = z.infer<typeof MessageType>;

export const Media = z.object({
  url: z.string().optional(),
  urlExpiresAt: z.number().optional(),
  mime: z.string().optional(),
  fileName: z.string().optional(),
  size: z.number().nonnegative().optional(),
  /** Set once the core has a local copy, so the file survives expiring provider links. */
  localPath: z.string().optional(),
});
export type Media = z.infer<typeof Media>;

export const Quoted = z.object({
  providerId: z.string(),
  /** Resolved local message, when we have it cached. */
  messageId: MessageId.optional(),
  preview: z.string().optional(),
  senderName: z.string().optional(),
});
export type Quoted = z.infer<typeof Quoted>;

export const Sender = z.object({
  id: z.string(),
  name: z.string().optional(),
  phone: z.string().optional(),
});
export type Sender = z.infer<typeof Sender>;

export const Direction = z.enum(['in', 'out']);
export type Direction = z.infer<typeof Direction>;

/** Who wrote an outgoing message: us, another API client, the phone itself, or the system. */
export const Origin = z.enum(['this_app', 'api_other', 'phone', 'contact', 'system']);
export type Origin = z.infer<typeof Origin>;

export const Location = z.object({ lat: z.number(), lng: z.number(), name: z.string().optional() });

export const Message = z.object({
  id: MessageId,
  conversationId: ConversationId,
  direction: Direction,
  origin: Origin,
  type: MessageType,
  text: z.string().optional(),
  media: Media.optional(),
  location: Location.optional(),
  quoted: Quoted.optional(),
  sender: Sender.optional(),
  /** Epoch ms. */
  time: z.number(),
  status: DeliveryStatus.optional(),
  edited: z.boolean(),
  deleted: z.boolean(),
  /** Reaction per reacting party id. */
  reactions: z.record(z.string(), z.string()),
  /** A send that has not gone through yet: why, and when it is tried again. */
  sendError: z
    .object({ message: z.string(), words: Words.optional(), retryAt: z.number().optional() })
    .optional(),
});
export type Message = z.infer<typeof Message>;

export const Conversation = z.object({
  id: ConversationId,
  lineId: LineId,
  accountId: AccountId,
  providerChatId: z.string(),
  kind: ConversationKind,
  title: z.string(),
  avatarUrl: z.string().optional(),
  phone: z.string().optional(),
  meta: ConversationMeta,
  unread: z.number().int().nonnegative(),
  /** Muted until then (epoch ms; MUTED_FOREVER: always): no notifications, out of the badge. */
  mutedUntil: z.number().optional(),
  /** The user marked it unread; reading it clears the mark. */
  markedUnread: z.literal(true).optional(),
  /** Sort key of the latest activity; conversation lists page by it. */
  activityKey: z.number(),
  lastMessage: Message.optional(),
});
export type Conversation = z.infer<typeof Conversation>;

export const SearchHit = z.object({
  message: Message,
  conversationId: ConversationId,
  conversationTitle: z.string(),
  /** The matching text with \uE000…\uE001 around each hit; the UI renders them as marks, never as HTML. */
  snippet: z.string(),
});
export type SearchHit = z.infer<typeof SearchHit>;

/** A mute with no end: the latest time a Date can hold. */
export const MUTED_FOREVER = 8_640_000_000_000_000;

export const HIGHLIGHT_START = '\uE000';
export const HIGHLIGHT_END = '\uE001';
