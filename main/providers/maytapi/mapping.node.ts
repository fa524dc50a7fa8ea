import type { DeliveryStatus } from '../../../shared/model/delivery.std.ts';
import type { MessageType } from '../../../shared/model/entities.std.ts';
import type { NormalizedMessage, ProviderEvent } from '../../../shared/model/events.std.ts';
import { type LoginState, loginSaid } from '../../../shared/model/login.std.ts';
import type { z } from 'zod';
import type { AckItem, MessageHook } from './wire.node.ts';
import { words } from '../../../shared/words/coreWords.std.ts';
import { createHash } from 'node:crypto';

/** A message without an id still needs one that is the same on every retry of the webhook. */
function derivedId(hook: z.infer<typeof MessageHook>): string {
  const m = hook.message;
  const basis = JSON.stringify([
    hook.conversation,
    hook.timestamp,
    m.type,
    m.text ?? m.caption ?? m.url ?? m.payload ?? '',
    hook.user?.id ?? '',
  ]);
  return `derived:${createHash('sha256').update(basis).digest('hex').slice(0, 24)}`;
}

/** Maytapi's phone statuses (listPhones and status webhooks). */
export function loginOf(status: string | null | undefined): LoginState {
  switch (status) {
    case 'active':
      return { state: 'authorized' };
    case 'qr-code':
      // Waiting for a scan nobody has started here: the user starts it, and then the QR is fetched.
      return loginSaid.loggedOut(words('login.notSignedIn'));
    case 'loading':
      return loginSaid.connecting(words('login.sessionStarting'));
    case 'idle':
      return loginSaid.error(words('login.qrExpired'), true);
    case 'phone-error':
      return loginSaid.error(words('login.phoneOffline'), true);
    case 'disabled':
      return loginSaid.loggedOut(words('login.phoneDisabled'));
    default:
      return { state: 'unknown' };
  }
}

/**
 * Maytapi's ack codes. The trap: its "delivered" (1) means delivered to WhatsApp's servers,
 * one tick; "reached" (2) is the recipient's phone, two ticks.
 */
export function ackOf(item: AckItem): DeliveryStatus | 'deleted' | null {
  const byType: Record<string, number> = {
    delivered: 1,
    reached: 2,
    seen: 3,
    read: 3,
    played: 4,
    deleted: 5,
  };
  const code = item.ackCode ?? (item.ackType ? byType[item.ackType] : undefined);
  switch (code) {
    case 1:
      return { tick: 'sent' };
    case 2:
      return { tick: 'delivered' };
    case 3:
      return { tick: 'read' };
    case 4:
      return { tick: 'read', played: true };
    case 5:
      return 'deleted';
    default:
      return null;
  }
}

const TYPES: Record<string, MessageType> = {
  text: 'text',
  image: 'image',
  video: 'video',
  audio: 'audio',
  ptt: 'voice',
  document: 'document',
  sticker: 'sticker',
  location: 'location',
  vcard: 'contact',
  multi_vcard: 'contact',
  info: 'system',
};

const INFO: Record<string, string> = {
  add: 'added',
  remove: 'removed',
  promote: 'made an admin',
  demote: 'is no longer an admin',
  invite: 'joined by invite link',
  leave: 'left',
};

export function messageOf(hook: z.infer<typeof MessageHook>): ProviderEvent {
  const m = hook.message;
  // The older generation has no fromMe: it delivers only what others wrote to us.
  const out = m.fromMe === true;
  const message: NormalizedMessage = {
    ids: { provider: m.id ?? derivedId(hook) },
    direction: out ? 'out' : 'in',
    origin: m.type === 'info' ? 'system' : out ? 'phone' : 'contact',
    type: TYPES[m.type] ?? 'unknown',
    time: hook.timestamp > 1e12 ? hook.timestamp : hook.timestamp * 1000,
  };
  const text = m.text ?? m.caption;
  if (text) message.text = text;
  if (m.url)
    message.media = {
      url: m.url,
      ...(m.mime ? { mime: m.mime } : {}),
      ...(m.filename ? { fileName: m.filename } : {}),
    };
  if (m.type === 'location' && m.payload) {
    const [lat, lng] = m.payload.split(',').map(Number);
    if (Number.isFinite(lat) && Number.isFinite(lng)) message.location = { lat: lat!, lng: lng! };
  }
  if (m.vcardList?.length)
    message.text = m.vcardList.map((v) => v.displayName ?? 'Contact').join(', ');
  if (m.type === 'info')
    message.text = `${m.participant ?? 'Someone'} ${INFO[m.subtype ?? ''] ?? m.subtype ?? 'changed the group'}`;
  if (hook.quoted)
    message.quoted = {
      providerId: hook.quoted.id,
      ...(hook.quoted.text || hook.quoted.caption
        ? { preview: (hook.quoted.text ?? hook.quoted.caption)! }
        : {}),
    };
  if (!out && hook.user)
    message.sender = {
      id: hook.user.id ?? hook.conversation,
      ...(hook.user.name ? { name: hook.user.name } : {}),
      ...(hook.user.phone != null ? { phone: String(hook.user.phone) } : {}),
    };
  if (out) message.status = { tick: 'sent' };
  const group = hook.conversation.endsWith('@g.us');
  const title = hook.conversation_name ?? (group ? undefined : hook.user?.name) ?? undefined;
  return {
    kind: 'message',
    line: hook.phone_id,
    chat: {
      id: hook.conversation,
      kind: group ? 'group' : 'private',
      ...(title ? { title } : {}),
      ...(group ? {} : { phone: hook.conversation.split('@')[0]! }),
      ...(!group && hook.user?.image ? { avatarUrl: hook.user.image } : {}),
    },
    message,
  };
}
