import type { MessageType } from '../../../shared/model/entities.std.ts';
import type {
  ChatRef,
  NormalizedMessage,
  ProviderEvent,
} from '../../../shared/model/events.std.ts';
import type { z } from 'zod';
import { messageIdOf, type LineKey } from './lines.node.ts';
import { statusOfWhatsApp } from './statuses.node.ts';
import type {
  FileData,
  FlatIncoming,
  TdlibCall,
  WhatsAppCall,
  WhatsAppIncoming,
  WhatsAppStatus,
  WireMessage,
} from './wire.node.ts';

/** Signed download links in webhooks live 48 hours (`X-Amz-Expires=172800`). */
export const MEDIA_LINK_LIFETIME_MS = 48 * 3600_000;

const msOf = (seconds: number | null | undefined, now: number) =>
  seconds == null ? now : seconds > 1e12 ? seconds : seconds * 1000;

/** WhatsApp formats a number as a name with bidi marks: "\u202a+995…\u202c". */
const clean = (name: string | null | undefined) =>
  name?.replace(/[\u202a-\u202e\u200e\u200f]/g, '').trim() || undefined;

function typeOf(message: z.infer<typeof WireMessage>): MessageType {
  const declared = (message.type ?? '').toLowerCase();
  const mime = message.file_data?.mime_type ?? '';
  if (declared === 'text' || declared === 'formattedtext' || (!message.file_data && !declared))
    return 'text';
  if (
    ['image', 'video', 'audio', 'voice', 'document', 'sticker', 'location', 'contact'].includes(
      declared,
    )
  )
    return declared as MessageType;
  if (declared === 'ptt') return 'voice';
  if (mime.startsWith('image/')) return 'image';
  if (mime.startsWith('video/')) return 'video';
  if (mime.startsWith('audio/'))
    return mime.includes('ogg') || mime.includes('opus') ? 'voice' : 'audio';
  if (message.file_data) return 'document';
  return 'unknown';
}

function mediaOf(
  file: z.infer<typeof FileData> | null | undefined,
  receivedAt: number,
): NormalizedMessage['media'] {
  if (!file?.download_url) return undefined;
  const path = (() => {
    try {
      return decodeURIComponent(new URL(file.download_url).pathname.split('/').pop() ?? '');
    } catch {
      return '';
    }
  })();
  const fileName = file.file_name ?? (path.includes('.') ? path : undefined);
  return {
    url: file.download_url,
    urlExpiresAt: receivedAt + MEDIA_LINK_LIFETIME_MS,
    ...(file.mime_type ? { mime: file.mime_type } : {}),
    ...(fileName ? { fileName } : {}),
  };
}

function baseMessage(
  line: LineKey,
  chatId: string,
  m: z.infer<typeof WireMessage>,
  outgoing: boolean,
  deliveryId: string | null,
  now: number,
  fallbackTime?: number | null,
): NormalizedMessage {
  const message: NormalizedMessage = {
    ids: {
      provider: messageIdOf(line, chatId, m.id),
      ...(deliveryId ? { internal: deliveryId } : {}),
    },
    direction: outgoing ? 'out' : 'in',
    // An outgoing echo with a delivery id was sent through the API: ours merge into the
    // optimistic row by that id (keeping `this_app`); others came from another integration.
    origin: outgoing
      ? deliveryId || m.id.endsWith('THISISBOT')
        ? 'api_other'
        : 'phone'
      : 'contact',
    type: typeOf(m),
    time: msOf(m.timestamp ?? fallbackTime, now),
  };
  // A file's text is often "" beside its caption: an empty text must not hide the caption.
  const text = m.text?.trim() ? m.text : m.file_data?.caption;
  if (text) message.text = text;
  const media = mediaOf(m.file_data, now);
  if (media) message.media = media;
  if (m.reply_to_message_id)
    message.quoted = { providerId: messageIdOf(line, chatId, m.reply_to_message_id) };
  if (outgoing) message.status = { tick: 'sent' };
  return message;
}

export function whatsAppMessageOf(p: z.infer<typeof WhatsAppIncoming>, now: number): ProviderEvent {
  const n = p.new_message;
  const outgoing = n.direction === 'outgoing';
  const group = n.chat_id.endsWith('@g.us');
  const message = baseMessage(
    'whatsapp',
    n.chat_id,
    n.message,
    outgoing,
    p.delivery_id ?? null,
    now,
  );
  const name = clean(n.pushname) ?? clean(n.sender_name);
  if (!outgoing)
    message.sender = {
      id: n.sender_id ?? n.chat_id,
      ...(name ? { name } : {}),
      ...(n.sender_phone_number ? { phone: n.sender_phone_number } : {}),
    };
  const title = n.chat_name ?? (!group && !outgoing ? name : undefined);
  const chat: ChatRef = {
    id: n.chat_id,
    kind: group ? 'group' : 'private',
    ...(title ? { title } : {}),
    ...(!group && n.chat_phone ? { phone: n.chat_phone } : {}),
  };
  return { kind: 'message', line: 'whatsapp', chat, message };
}

export function flatMessageOf(
  line: LineKey,
  p: z.infer<typeof FlatIncoming>,
  now: number,
): ProviderEvent {
  const outgoing = p.direction === 'outgoing';
  const group =
    (p.chat_type != null && p.chat_type !== 'person' && p.chat_type !== 'private') ||
    Number(p.chat_id) < 0;
  const message = baseMessage(
    line,
    p.chat_id,
    p.message,
    outgoing,
    p.delivery_id ?? null,
    now,
    p.timestamp,
  );
  const name = clean(p.sender_name);
  if (!outgoing)
    message.sender = {
      id: p.sender_id ?? p.chat_id,
      ...(name ? { name } : {}),
      ...(p.sender_phone_number ? { phone: p.sender_phone_number } : {}),
    };
  const phone = group ? undefined : outgoing ? p.recipient_phone_number : p.sender_phone_number;
  const title =
    p.chat_name ?? (group ? undefined : outgoing ? (p.recipient_username ?? undefined) : name);
  const chat: ChatRef = {
    id: p.chat_id,
    kind: group ? 'group' : 'private',
    ...(title ? { title } : {}),
    ...(phone ? { phone } : {}),
  };
  return { kind: 'message', line, chat, message };
}

const CALL_REASONS: Record<string, string> = {
  callDiscardReasonMissed: 'Missed call',
  callDiscardReasonDeclined: 'Declined call',
  callDiscardReasonDisconnected: 'Call (disconnected)',
  callDiscardReasonHungUp: 'Call',
  callDiscardReasonEmpty: 'Call',
  callDiscardReasonAllowGroupCall: 'Call (moved to a group call)',
};

export function telegramCallOf(p: z.infer<typeof TdlibCall>, now: number): ProviderEvent {
  const outgoing = p.direction === 'outgoing';
  const kind = CALL_REASONS[p.call.reason ?? ''] ?? 'Call';
  const name = clean(p.sender_name);
  return {
    kind: 'message',
    line: 'tdlib',
    chat: {
      id: p.chat_id,
      kind: 'private',
      ...(name && !outgoing ? { title: name } : {}),
      ...(p.sender_phone_number && !outgoing ? { phone: p.sender_phone_number } : {}),
    },
    message: {
      ids: { provider: `call:${p.call.id}` },
      direction: outgoing ? 'out' : 'in',
      origin: 'system',
      type: 'call',
      text: `${p.call.is_video ? 'Video' : 'Voice'}: ${kind}`,
      time: now,
      ...(outgoing ? {} : { sender: { id: p.sender_id ?? p.chat_id, ...(name ? { name } : {}) } }),
    },
  };
}

export function whatsAppCallOf(p: z.infer<typeof WhatsAppCall>, now: number): ProviderEvent {
  const c = p.incoming_call;
  const group = c.chat_id.endsWith('@g.us') || c.call.is_group === true;
  return {
    kind: 'message',
    line: 'whatsapp',
    chat: {
      id: c.chat_id,
      kind: group ? 'group' : 'private',
      ...(c.chat_phone && !group ? { phone: c.chat_phone } : {}),
    },
    message: {
      ids: { provider: `call:${c.call.id}` },
      direction: 'in',
      origin: 'system',
      type: 'call',
      text: c.call.type === 'video' ? 'Incoming video call' : 'Incoming voice call',
      time: msOf(c.call.timestamp, now),
      sender: { id: c.sender_id ?? c.chat_id },
    },
  };
}

/** A WhatsApp receipt; null for a status string we do not know. */
export function whatsAppStatusOf(
  p: z.infer<typeof WhatsAppStatus>,
): Extract<ProviderEvent, { kind: 'status' }> | null {
  const status = statusOfWhatsApp(p.message_status.status);
  if (!status) return null;
  return {
    kind: 'status',
    line: 'whatsapp',
    ref: { provider: p.message_status.id, ...(p.delivery_id ? { internal: p.delivery_id } : {}) },
    status,
  };
}
