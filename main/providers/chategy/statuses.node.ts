import type { DeliveryStatus } from '../../../shared/model/delivery.std.ts';

/** What one of Chategy's numeric delivery statuses means for the ticks. */
export type StatusEffect =
  { status: DeliveryStatus; final: boolean } | { deleted: true; final: true };

const PENDING = new Set([6, 14, 15, 21, 46]);

/** The seed's failure list, with the description a user should read. */
const FAILED: Record<number, string> = {
  0: 'The operator reported an error.',
  3: 'The message expired before it could be delivered.',
  5: 'The message could not be delivered.',
  7: 'The delivery result is unknown.',
  8: 'The operator rejected the message.',
  9: 'Chategy had an internal error.',
  10: 'Chategy had an unexpected error.',
  11: 'The number is incorrect.',
  12: 'Sending to this number is forbidden.',
  13: 'Not enough money on the Chategy balance.',
  17: 'Telegram limited sending (too many requests).',
  18: 'The delivery was cancelled.',
  20: 'The operator’s queue expired.',
  22: 'Moderation declined the message.',
  25: 'An external restriction blocked the message.',
  26: 'The message is too long.',
  27: 'Blocked by a Kazakhstan restriction.',
  28: 'The operator restricted the message.',
  31: 'The payment failed.',
  32: 'The Chategy subscription has expired.',
  33: 'The delivery parameters are incorrect.',
  34: 'Foreign deliveries are restricted.',
  35: 'Too many messages: the sending queue is full.',
  36: 'Blocked because the subscription expired.',
  37: 'The daily sending limit is reached.',
  38: 'The sender name is not allowed.',
  44: 'This number is not on WhatsApp.',
  45: 'WhatsApp is not signed in at Chategy.',
  47: 'The SMS center has not enough money.',
  48: 'The number is unavailable.',
  49: 'Sending is forbidden.',
  50: 'Telegram is not signed in at Chategy.',
  51: 'Cancelled by the account’s delivery time settings.',
  52: 'WhatsApp Business is not signed in.',
  53: 'The mobile operator could not be identified.',
  56: 'The safe sending limit is exceeded.',
  57: 'Too many messages to new contacts.',
  58: 'This user is not on Telegram.',
  69: 'The SMS connection failed.',
  88: 'The SMS sending limit is reached.',
  257: 'SMS to this region is not allowed.',
  555: 'The number is blacklisted.',
  1281: 'The sender address is forbidden.',
  1282: 'The number is blacklisted by the operator.',
  1283: 'The message violates a template.',
  1284: 'The message is blacklisted by the operator.',
  1285: 'The SMS center has not enough money.',
  1286: 'Foreign deliveries are restricted by the operator.',
  1287: 'The recipient’s phone is off or unreachable.',
  1288: 'Wrong operator (MegaFon).',
  1293: 'Wrong operator (Beeline).',
  1299: 'Blocked by the operator’s partner (Beeline).',
  2291: 'Blocked by the operator’s anti-spam.',
};

/**
 * Maps a `status_id` (seed: "List of service statuses"; 38, 52–58 from a third-party client).
 * Unknown ids answer null: the caller keeps what it had and logs.
 */
export function effectOfStatusId(id: number, description?: string | null): StatusEffect | null {
  if (PENDING.has(id)) return { status: { tick: 'pending' }, final: false };
  if (id === 1) return { status: { tick: 'sent' }, final: false };
  if (id === 2) return { status: { tick: 'delivered' }, final: true };
  if (id === 16) return { status: { tick: 'read' }, final: true };
  if (id === 4) return { deleted: true, final: true };
  const reason = FAILED[id];
  if (reason === undefined) return null;
  return {
    status: { tick: 'failed', code: id, reason: reason || description || `Chategy status ${id}` },
    final: true,
  };
}

const WHATSAPP_FAILURES: Record<string, string> = {
  failed: 'WhatsApp could not send the message.',
  expired: 'The message expired before it could be delivered.',
  content_gone: 'The attachment is no longer available.',
  content_too_big: 'The attachment is too big for WhatsApp.',
  content_unuploadable: 'WhatsApp could not upload the attachment.',
  inactive: 'The recipient’s WhatsApp account is gone or banned.',
};

/** The `whatsapp_status_msg` / `message_status` strings. */
export function statusOfWhatsApp(value: string): DeliveryStatus | null {
  switch (value) {
    case 'sent':
      return { tick: 'sent' };
    case 'received':
      return { tick: 'delivered' };
    case 'read':
      return { tick: 'read' };
    case 'played':
      return { tick: 'read', played: true };
    default: {
      const reason = WHATSAPP_FAILURES[value];
      return reason ? { tick: 'failed', code: value, reason } : null;
    }
  }
}

/** A status reached after WhatsApp failed in a cascade came by SMS, and says so. */
export function withVia(effect: StatusEffect, bySms: boolean): StatusEffect {
  if (
    !bySms ||
    'deleted' in effect ||
    effect.status.tick === 'failed' ||
    effect.status.tick === 'pending'
  )
    return effect;
  return { ...effect, status: { ...effect.status, via: 'sms' } };
}
