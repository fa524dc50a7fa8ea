import type { z } from 'zod';
import type { DeliveryStatus } from '../../../shared/model/delivery.std.ts';
import type { ConversationKind, MessageType } from '../../../shared/model/entities.std.ts';
import type {
  ChatRef,
  NormalizedMessage,
  ProviderEvent,
} from '../../../shared/model/events.std.ts';
import {
  ChatStatusItem,
  ConversationItem,
  DestroyItem,
  MessageItem,
  ReactionItem,
  StatusItem,
  SystemItem,
  TagItem,
  itemsOf,
  type Chat,
} from './wire.node.ts';

export interface Mapped {
  events: ProviderEvent[];
  /** Items that could not be understood, each with why: they go to quarantine. */
  rejected: { reason: string; item: unknown }[];
  /**
   * Items understood but naming too little to apply (seed001's abbreviated examples: a
   * message or a tag with no chat). Nothing is guessed; they are counted, not quarantined.
   */
  skipped: { reason: string; item: unknown }[];
}

/** An item that is well-formed but cannot be applied. */
interface Skip {
  skip: string;
}

export interface MappingContext {
  /** Our own API app id: `fromApp.id` equal to it means this app sent the message. */
  appId: string;
  /** Messages fetched by history are not news: no unread, no notification. */
  historical?: boolean;
}

/** ChatApp times are unix seconds; tolerate milliseconds. */
export function toMs(time: number | null | undefined): number {
  if (time == null) return Date.now();
  return time > 1e12 ? time : time * 1000;
}

const TYPES: Record<string, MessageType> = {
  text: 'text',
  chat: 'text',
  image: 'image',
  photo: 'image',
  video: 'video',
  audio: 'audio',
  voice: 'voice',
  ptt: 'voice',
  document: 'document',
  file: 'document',
  sticker: 'sticker',
  location: 'location',
  contact: 'contact',
  vcard: 'contact',
  poll: 'poll',
  call: 'call',
  system: 'system',
};

function chatRef(chat: z.infer<typeof Chat>): ChatRef {
  const kind: ConversationKind =
    chat.type === 'group' ? 'group' : chat.type === 'channel' ? 'channel' : 'private';
  const ref: ChatRef = { id: chat.id, kind };
  const title = chat.name || chat.username || chat.phone;
  if (title) ref.title = title;
  if (chat.phone) ref.phone = chat.phone;
  if (chat.image) ref.avatarUrl = chat.image;
  return ref;
}

const STATUSES: Record<string, DeliveryStatus['tick']> = {
  sent: 'sent',
  delivered: 'delivered',
  viewed: 'read',
  read: 'read',
  failed: 'failed',
  error: 'failed',
};

export function messageOf(item: MessageItem, context: MappingContext): NormalizedMessage {
  const out = item.side === 'out' || item.fromMe === true;
  const origin = !out
    ? 'contact'
    : item.fromApi
      ? item.fromApp?.id === context.appId
        ? 'this_app'
        : 'api_other'
      : 'phone';
  const body = item.message;
  const message: NormalizedMessage = {
    ids: { provider: item.id, ...(item.internalId ? { internal: item.internalId } : {}) },
    direction: out ? 'out' : 'in',
    origin,
    type: TYPES[item.type ?? 'text'] ?? 'unknown',
    time: toMs(item.time),
  };
  const text = body?.text || body?.caption;
  if (text) message.text = text;
  const file = body?.file;
  const url = file?.link ?? file?.url;
  if (file && url) {
    message.media = { url };
    const fileName = file.name ?? file.fileName;
    const mime = file.mime ?? file.mimeType;
    if (fileName) message.media.fileName = fileName;
    if (mime) message.media.mime = mime;
    if (file.size != null) message.media.size = file.size;
  }
  if (item.quotedMessage) {
    message.quoted = { providerId: item.quotedMessage.id };
    if (item.quotedMessage.message?.text) message.quoted.preview = item.quotedMessage.message.text;
    if (item.quotedMessage.fromUser?.name)
      message.quoted.senderName = item.quotedMessage.fromUser.name;
  }
  if (item.fromUser) {
    message.sender = { id: item.fromUser.id };
    if (item.fromUser.name) message.sender.name = item.fromUser.name;
    if (item.fromUser.phone != null) message.sender.phone = String(item.fromUser.phone);
  }
  if (out) message.status = { tick: 'sent' };
  return message;
}

type Handler = (
  item: unknown,
  line: string,
  context: MappingContext,
) => ProviderEvent | string | Skip;

/** The abbreviated form: everything of its kind except the chat it belongs to. */
function chatless(item: unknown, key: string): Skip | undefined {
  const i = item as Record<string, unknown> | null;
  if (!i || typeof i !== 'object' || i.chat != null || i[key] == null) return undefined;
  return { skip: 'names no chat' };
}

const parseWith = <T extends z.ZodType>(
  schema: T,
  item: unknown,
  then: (v: z.infer<T>) => ProviderEvent | string | Skip,
): ProviderEvent | string | Skip => {
  const parsed = schema.safeParse(item);
  if (!parsed.success)
    return `does not match the expected shape: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'item'} ${i.message}`).join('; ')}`;
  return then(parsed.data);
};

/** One handler per line-channel event; a string return is the reason to quarantine. */
const LINE_EVENTS: Record<string, Handler> = {
  message: (item, line, context) =>
    parseWith(MessageItem, item, (m) =>
      m.chat
        ? {
            kind: 'message',
            line,
            chat: chatRef(m.chat),
            message: messageOf(m, context),
            ...(context.historical ? { historical: true } : {}),
          }
        : { skip: 'message names no chat' },
    ),
  messageStatus: (item, line) =>
    parseWith(StatusItem, item, (s) => {
      const tick = STATUSES[s.type];
      if (!tick) return `unknown status "${s.type}"`;
      if (tick !== 'failed')
        return { kind: 'status', line, ref: { provider: s.id }, status: { tick } } as ProviderEvent;
      const error =
        typeof s.error === 'string'
          ? { reason: s.error }
          : {
              reason: s.error?.message ?? 'The messenger did not deliver this message.',
              ...(s.error?.code != null ? { code: s.error.code } : {}),
            };
      return {
        kind: 'status',
        line,
        ref: { provider: s.id },
        status: { tick: 'failed', ...error },
      };
    }),
  messageSystem: (item, line) =>
    parseWith(SystemItem, item, (m) =>
      m.chat
        ? {
            kind: 'message',
            line,
            chat: chatRef(m.chat),
            message: {
              ids: { provider: m.id },
              direction: 'in',
              origin: 'system',
              type: 'system',
              text: m.message?.text ?? '',
              time: toMs(m.time),
            },
          }
        : { skip: 'system message names no chat' },
    ),
  messageDestroy: (item, line) =>
    parseWith(DestroyItem, item, (d) => ({ kind: 'deleted', line, ref: { provider: d.id } })),
  messageReaction: (item, line) =>
    parseWith(ReactionItem, item, (r) => {
      const emoji = r.reaction?.trim();
      const removed = !emoji || (r.action != null && r.action !== 'react');
      const from = r.fromMe ? 'me' : (r.fromUser?.id ?? 'contact');
      return {
        kind: 'reaction',
        line,
        ref: { provider: r.id },
        from,
        emoji: removed ? null : emoji,
      };
    }),
  chatTag: (item, line) =>
    chatless(item, 'tag') ??
    parseWith(TagItem, item, (t) => ({
      kind: 'tag',
      line,
      chat: { id: t.chat.id },
      tag: { id: t.tag.id, name: t.tag.name, ...(t.tag.color ? { color: t.tag.color } : {}) },
      op: t.type === 'add' ? 'add' : 'remove',
    })),
  chatConversation: (item, line) =>
    chatless(item, 'conversation') ??
    parseWith(ConversationItem, item, (c) => ({
      kind: 'conversation',
      line,
      chat: { id: c.chat.id },
      meta: {
        window: {
          endsAt: toMs(c.conversation.endTime),
          ...(c.conversation.type ? { kind: c.conversation.type } : {}),
          ...(c.conversation.startTime != null ? { startsAt: toMs(c.conversation.startTime) } : {}),
        },
      },
    })),
  chatStatus: (item, line) =>
    chatless(item, 'type') ??
    parseWith(ChatStatusItem, item, (c) => ({
      kind: 'conversation',
      line,
      chat: { id: c.chat.id },
      meta: { open: c.type !== 'close' },
    })),
};

export const LINE_EVENT_NAMES = Object.keys(LINE_EVENTS);

/** Maps one Pusher event on a line channel. Every item of `data` counts. */
export function mapLineEvent(
  event: string,
  line: string,
  raw: unknown,
  context: MappingContext,
): Mapped {
  const handler = LINE_EVENTS[event];
  if (!handler)
    return {
      events: [],
      rejected: [{ reason: `unknown event "${event}"`, item: raw }],
      skipped: [],
    };
  const items = itemsOf(raw);
  if (!items)
    return {
      events: [],
      rejected: [{ reason: `${event}: neither {data, meta} nor {queue, payload}`, item: raw }],
      skipped: [],
    };
  const mapped: Mapped = { events: [], rejected: [], skipped: [] };
  for (const item of items) {
    const result = handler(item, line, context);
    if (typeof result === 'string') mapped.rejected.push({ reason: `${event}: ${result}`, item });
    else if ('skip' in result) mapped.skipped.push({ reason: `${event}: ${result.skip}`, item });
    else mapped.events.push(result);
  }
  return mapped;
}
