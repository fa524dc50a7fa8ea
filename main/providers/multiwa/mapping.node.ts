import type { DeliveryStatus } from '../../../shared/model/delivery.std.ts';
import type { MessageType } from '../../../shared/model/entities.std.ts';
import type { ChatRef, NormalizedMessage } from '../../../shared/model/events.std.ts';
import { type LoginState, type QrCode, loginSaid } from '../../../shared/model/login.std.ts';
import type { ConversationRow, MessageRow } from './wire.node.ts';
import { Content } from './wire.node.ts';
import { words } from '../../../shared/words/coreWords.std.ts';

/** MultiWA's own type names, and whatsapp-web.js's, which its engine stores as they come. */
const TYPES: Record<string, MessageType> = {
  text: 'text',
  chat: 'text',
  image: 'image',
  video: 'video',
  audio: 'audio',
  ptt: 'voice',
  voice: 'voice',
  document: 'document',
  sticker: 'sticker',
  location: 'location',
  contact: 'contact',
  vcard: 'contact',
  multi_vcard: 'contact',
  poll: 'poll',
  poll_creation: 'poll',
  call: 'call',
  call_log: 'call',
  // Group changes (gp2), security-code changes and other notices: rows of the chat's timeline.
  gp2: 'system',
  e2e_notification: 'system',
  notification: 'system',
  notification_template: 'system',
  group_notification: 'system',
};

export function typeOf(type: string | null | undefined): MessageType {
  return TYPES[type ?? 'text'] ?? 'unknown';
}

/** `qrCode` over Socket.IO is a PNG data URL; MultiWA falls back to the raw string. */
export function qrOf(value: string): QrCode {
  return value.startsWith('data:image/')
    ? { kind: 'image', dataUrl: value }
    : { kind: 'raw', value };
}

/** MultiWA's connection statuses, including the engine's "reconnecting (n/3)". */
export function loginOf(
  status: string,
  phone?: string | null,
  reason?: string | null,
): LoginState | null {
  const s = status.toLowerCase();
  if (s === 'connected' || s === 'ready' || s === 'authenticated' || s === 'already_connected')
    return { state: 'authorized', ...(phone ? { phone } : {}) };
  if (s === 'disconnected' || s === 'logged_out' || s === 'logout')
    return { state: 'logged_out', ...(reason ? { reason } : {}) };
  if (s === 'error' || s === 'failed' || s === 'auth_failure')
    return reason
      ? { state: 'error', reason, retryable: true }
      : loginSaid.error(words('login.whatsappRefused'), true);
  const reconnecting = /^reconnecting\s*\((\d+)\/(\d+)\)/i.exec(status);
  if (reconnecting)
    return { state: 'connecting', detail: `Reconnecting (${reconnecting[1]}/${reconnecting[2]})` };
  if (s === 'connecting' || s === 'initializing' || s === 'qr' || s === 'loading')
    return { state: 'connecting' };
  return null;
}

export function tickOf(
  status: string | null | undefined,
  ack?: number | null,
): DeliveryStatus | null {
  const s = status?.toLowerCase();
  if (s === 'played' || ack === 4) return { tick: 'read', played: true };
  if (s === 'read' || ack === 3) return { tick: 'read' };
  if (s === 'delivered' || ack === 2) return { tick: 'delivered' };
  if (s === 'sent' || ack === 1) return { tick: 'sent' };
  if (s === 'queued' || s === 'pending' || ack === 0) return { tick: 'pending' };
  if (s === 'failed' || s === 'error')
    return { tick: 'failed', reason: 'WhatsApp did not deliver this message.' };
  return null;
}

export function chatOf(conversation: ConversationRow): ChatRef {
  return {
    id: conversation.jid,
    kind:
      conversation.type === 'group'
        ? 'group'
        : conversation.type === 'broadcast'
          ? 'broadcast'
          : 'private',
    ...(conversation.name ? { title: conversation.name } : {}),
    ...(conversation.jid.endsWith('@c.us') || conversation.jid.endsWith('@s.whatsapp.net')
      ? { phone: conversation.jid.split('@')[0]! }
      : {}),
  };
}

/** A REST or Socket.IO message row. The WhatsApp id is the provider id; the record id is internal. */
export function messageOfRow(row: MessageRow): NormalizedMessage {
  const content =
    typeof row.content === 'string'
      ? (Content.safeParse(safeJson(row.content)).data ?? { text: row.content })
      : (row.content ?? {});
  const out = row.direction === 'outgoing';
  const type = typeOf(row.type);
  const message: NormalizedMessage = {
    ids: { internal: row.id, ...(row.messageId ? { provider: row.messageId } : {}) },
    direction: out ? 'out' : 'in',
    origin: type === 'system' ? 'system' : out ? 'phone' : 'contact',
    type,
    time: row.timestamp,
  };
  const text = content.text || content.caption;
  if (text) message.text = text;
  if (content.url) {
    message.media = { url: content.url };
    if (content.mimetype) message.media.mime = content.mimetype;
    if (content.filename) message.media.fileName = content.filename;
  }
  if (content.latitude != null && content.longitude != null) {
    message.location = {
      lat: content.latitude,
      lng: content.longitude,
      ...(content.name ? { name: content.name } : {}),
    };
  }
  const quoted = row.quotedMessageId ?? content.quotedMessageId;
  if (quoted) message.quoted = { providerId: quoted };
  if (row.senderJid && !out && type !== 'system')
    message.sender = { id: row.senderJid, ...(row.senderName ? { name: row.senderName } : {}) };
  if (out && type !== 'system') message.status = tickOf(row.status) ?? { tick: 'sent' };
  return message;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
