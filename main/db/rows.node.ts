import type {
  Conversation,
  ConversationKind,
  ConversationMeta,
  Message,
  Line,
} from '../../shared/model/entities.std.ts';
import type { DeliveryStatus } from '../../shared/model/delivery.std.ts';
import type { LoginState } from '../../shared/model/login.std.ts';
import type { Messenger } from '../../shared/model/ids.std.ts';
import type { Words } from '../../shared/words/coreWords.std.ts';

/** Rarely-queried message parts, kept as one JSON column so ingest writes one row. */
export interface MessageBody {
  media?: Message['media'];
  location?: Message['location'];
  quoted?: Message['quoted'];
  sender?: Message['sender'];
  reactions?: Record<string, string>;
}

export interface MessageRow {
  id: number;
  conversation_id: number;
  direction: string;
  origin: string;
  type: string;
  text: string | null;
  body: string | null;
  time: number;
  status: string | null;
  edited: number;
  deleted: number;
  outbox_error?: string | null;
  outbox_error_words?: string | null;
  outbox_retry_at?: number | null;
}

/** Message columns, with the outbox's word on sends that are still waiting. */
export const MESSAGE_COLUMNS = `m.id, m.conversation_id, m.direction, m.origin, m.type, m.text, m.body, m.time, m.status,
  m.edited, m.deleted, o.last_error AS outbox_error, o.last_error_words AS outbox_error_words, o.next_attempt_at AS outbox_retry_at`;
export const MESSAGE_FROM = 'messages m LEFT JOIN outbox o ON o.message_id = m.id';

export function parseBody(json: string | null): MessageBody {
  return json ? (JSON.parse(json) as MessageBody) : {};
}

export function messageFromRow(row: MessageRow): Message {
  const body = parseBody(row.body);
  const message: Message = {
    id: row.id,
    conversationId: row.conversation_id,
    direction: row.direction as Message['direction'],
    origin: row.origin as Message['origin'],
    type: row.type as Message['type'],
    time: row.time,
    edited: row.edited === 1,
    deleted: row.deleted === 1,
    reactions: body.reactions ?? {},
  };
  if (row.text !== null && row.deleted === 0) message.text = row.text;
  if (row.status) message.status = JSON.parse(row.status) as DeliveryStatus;
  if (body.media) message.media = body.media;
  if (body.location) message.location = body.location;
  if (body.quoted) message.quoted = body.quoted;
  if (body.sender) message.sender = body.sender;
  if (row.outbox_error) {
    message.sendError = {
      message: row.outbox_error,
      ...(row.outbox_error_words ? { words: JSON.parse(row.outbox_error_words) as Words } : {}),
      ...(row.outbox_retry_at ? { retryAt: row.outbox_retry_at } : {}),
    };
  }
  return message;
}

export interface ConversationRow {
  id: number;
  line_id: string;
  account_id: string;
  provider_chat_id: string;
  kind: string;
  title: string | null;
  avatar_url: string | null;
  phone: string | null;
  meta: string;
  activity_key: number;
  unread_count: number;
  muted_until: number | null;
  marked_unread: number;
}

/** Joins the last message's columns, prefixed `lm_`, so one query draws a whole list row. */
export const CONVERSATION_SELECT = `
  SELECT c.id, c.line_id, l.account_id, c.provider_chat_id, c.kind, c.title, c.avatar_url, c.phone,
         c.meta, c.activity_key, c.unread_count, c.muted_until, c.marked_unread,
         m.id AS lm_id, m.conversation_id AS lm_conversation_id, m.direction AS lm_direction,
         m.origin AS lm_origin, m.type AS lm_type, m.text AS lm_text, m.body AS lm_body,
         m.time AS lm_time, m.status AS lm_status, m.edited AS lm_edited, m.deleted AS lm_deleted
  FROM conversations c
  JOIN lines l ON l.id = c.line_id
  LEFT JOIN messages m ON m.id = c.last_message_id`;

type Prefixed = { [K in keyof MessageRow as `lm_${K}`]: MessageRow[K] | null };

export function conversationFromRow(row: ConversationRow & Prefixed): Conversation {
  const conversation: Conversation = {
    id: row.id,
    lineId: row.line_id,
    accountId: row.account_id,
    providerChatId: row.provider_chat_id,
    kind: row.kind as ConversationKind,
    title: row.title ?? row.phone ?? row.provider_chat_id,
    meta: JSON.parse(row.meta) as ConversationMeta,
    unread: row.unread_count,
    activityKey: row.activity_key,
  };
  if (row.avatar_url) conversation.avatarUrl = row.avatar_url;
  // A mute that has ended is no mute: nothing needs to clear it.
  if (row.muted_until !== null && row.muted_until > Date.now())
    conversation.mutedUntil = row.muted_until;
  if (row.marked_unread) conversation.markedUnread = true;
  if (row.phone) conversation.phone = row.phone;
  if (row.lm_id !== null) {
    conversation.lastMessage = messageFromRow({
      id: row.lm_id,
      conversation_id: row.lm_conversation_id ?? row.id,
      direction: row.lm_direction ?? 'in',
      origin: row.lm_origin ?? 'contact',
      type: row.lm_type ?? 'unknown',
      text: row.lm_text,
      body: row.lm_body,
      time: row.lm_time ?? 0,
      status: row.lm_status,
      edited: row.lm_edited ?? 0,
      deleted: row.lm_deleted ?? 0,
    });
  }
  return conversation;
}

export interface LineRow {
  id: string;
  account_id: string;
  provider_line_id: string;
  messenger: string;
  title: string | null;
  phone: string | null;
  login: string;
  muted: number;
}

export function lineFromRow(row: LineRow): Line {
  const line: Line = {
    id: row.id,
    accountId: row.account_id,
    providerLineId: row.provider_line_id,
    messenger: row.messenger as Messenger,
    login: JSON.parse(row.login) as LoginState,
    muted: row.muted === 1,
  };
  if (row.title) line.title = row.title;
  if (row.phone) line.phone = row.phone;
  return line;
}
