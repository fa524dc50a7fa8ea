import { z } from 'zod';
import { Words } from '../words/coreWords.std.ts';

export const Tick = z.enum(['pending', 'sent', 'delivered', 'read', 'failed']);
export type Tick = z.infer<typeof Tick>;

/**
 * The channel a cascade ended on, when it is not the chat's own messenger (Chategy's
 * "WhatsApp, then SMS"): the UI says the message went by SMS.
 */
export const Via = z.enum(['sms']);

export const DeliveryStatus = z.discriminatedUnion('tick', [
  z.object({ tick: z.literal('pending') }),
  z.object({ tick: z.literal('sent'), via: Via.optional() }),
  z.object({ tick: z.literal('delivered'), via: Via.optional() }),
  z.object({ tick: z.literal('read'), played: z.boolean().optional(), via: Via.optional() }),
  z.object({
    tick: z.literal('failed'),
    code: z.union([z.string(), z.number()]).optional(),
    reason: z.string().optional(),
    /** The reason as a key and values, for the UI's language. */
    reasonWords: Words.optional(),
  }),
]);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

const RANK: Record<Exclude<Tick, 'failed'>, number> = {
  pending: 0,
  sent: 1,
  delivered: 2,
  read: 3,
};

export function tickRank(tick: Tick): number {
  return tick === 'failed' ? -1 : RANK[tick];
}

/**
 * Folds a provider's status report into what we already know.
 *
 * Providers deliver receipts late, twice and out of order (ChatApp batches, Maytapi acks
 * every ~2 s, Chategy polls), so the merge is monotonic: pending < sent < delivered < read,
 * "played" sticks once seen, and failed is final. A failure report after the message was
 * already delivered is stale and ignored, as WhatsApp never un-delivers a message.
 *
 * The one way out of "failed" is a cascade: WhatsApp could not deliver, and the next channel
 * (SMS) did. Such a report names its channel in `via`.
 */
export function mergeStatus(
  current: DeliveryStatus | null,
  incoming: DeliveryStatus,
): DeliveryStatus {
  if (current === null) return incoming;
  if (current.tick === 'failed')
    return incoming.tick !== 'failed' && incoming.tick !== 'pending' && incoming.via
      ? incoming
      : current;
  if (incoming.tick === 'failed') {
    return tickRank(current.tick) <= RANK.sent ? incoming : current;
  }
  const cur = tickRank(current.tick);
  const inc = tickRank(incoming.tick);
  if (inc > cur) {
    if (incoming.tick === 'read' && current.tick === 'read') return current;
    return incoming;
  }
  if (current.tick === 'read' && incoming.tick === 'read' && incoming.played && !current.played) {
    return { tick: 'read', played: true };
  }
  return current;
}
