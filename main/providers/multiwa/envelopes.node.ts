import type { RealtimeHandlers } from './realtime.node.ts';
import { RawAck, RawEvent, RawQr, RawStatus } from './wire.node.ts';

/**
 * One `{type:'event', payload:{event, profileId, data}}` envelope of MultiWA's RealtimeGateway
 * (seed 003's protocol). It arrives on the documented raw socket and, on the real server, also
 * on the Socket.IO namespace's `message` event; both read it here.
 */
export function dispatchEventEnvelope(
  payload: unknown,
  fallbackProfileId: string | undefined,
  on: RealtimeHandlers,
): void {
  const event = RawEvent.safeParse(payload);
  if (!event.success)
    return on.malformed('an event envelope without event and data', payload, fallbackProfileId);
  const profileId = event.data.profileId ?? fallbackProfileId;
  if (!profileId) return on.malformed(`event "${event.data.event}" names no profile`, payload);
  const data = event.data.data;
  switch (event.data.event) {
    case 'qr.updated': {
      const qr = RawQr.safeParse(data);
      return qr.success
        ? on.qr(profileId, qr.data.qr)
        : on.malformed('qr.updated without qr', payload, profileId);
    }
    case 'session.status': {
      const status = RawStatus.safeParse(data);
      return status.success
        ? on.status(
            profileId,
            status.data.status,
            status.data.phone ?? undefined,
            status.data.reason ?? undefined,
          )
        : on.malformed('session.status without status', payload, profileId);
    }
    case 'message.received':
      return on.received(profileId, data);
    case 'message.ack': {
      const ack = RawAck.safeParse(data);
      return ack.success
        ? on.ack(
            profileId,
            ack.data.messageId,
            ack.data.status ?? undefined,
            ack.data.ack ?? undefined,
          )
        : on.malformed('message.ack without messageId', payload, profileId);
    }
    default:
      return on.malformed(`unknown event "${event.data.event}"`, payload, profileId);
  }
}

/** The envelope types that only acknowledge, answer a ping, or say a request failed. */
export function isControlEnvelope(type: unknown): type is 'ack' | 'pong' | 'error' {
  return type === 'ack' || type === 'pong' || type === 'error';
}
