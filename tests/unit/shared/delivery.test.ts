import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeStatus, tickRank, type DeliveryStatus } from '../../../shared/model/delivery.std.ts';

const progress: fc.Arbitrary<DeliveryStatus> = fc.oneof(
  fc.constant<DeliveryStatus>({ tick: 'pending' }),
  fc.constant<DeliveryStatus>({ tick: 'sent' }),
  fc.constant<DeliveryStatus>({ tick: 'delivered' }),
  fc.constant<DeliveryStatus>({ tick: 'read' }),
  fc.constant<DeliveryStatus>({ tick: 'read', played: true }),
);
const anyStatus: fc.Arbitrary<DeliveryStatus> = fc.oneof(
  progress,
  fc.constant<DeliveryStatus>({ tick: 'failed', reason: 'number not on WhatsApp', code: 44 }),
);

const fold = (events: DeliveryStatus[]) =>
  events.reduce<DeliveryStatus | null>((s, e) => mergeStatus(s, e), null);

describe('delivery status', () => {
  it('never moves backwards, whatever order receipts arrive in', () => {
    fc.assert(
      fc.property(fc.array(anyStatus, { minLength: 1, maxLength: 30 }), (events) => {
        let current: DeliveryStatus | null = null;
        for (const event of events) {
          const next = mergeStatus(current, event);
          if (current && current.tick !== 'failed' && next.tick !== 'failed') {
            expect(tickRank(next.tick)).toBeGreaterThanOrEqual(tickRank(current.tick));
          }
          if (current?.tick === 'failed' && !('via' in event && event.via))
            expect(next).toEqual(current);
          current = next;
        }
      }),
    );
  });

  it('ends at the highest tick reported, in any shuffle, when nothing failed', () => {
    fc.assert(
      fc.property(
        fc
          .array(progress, { minLength: 1, maxLength: 20 })
          .chain((events) =>
            fc.tuple(
              fc.constant(events),
              fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }),
            ),
          ),
        ([events, shuffled]) => {
          const best = Math.max(...events.map((e) => tickRank(e.tick)));
          const a = fold(events);
          const b = fold(shuffled);
          expect(tickRank(a!.tick)).toBe(best);
          expect(b).toEqual(a);
        },
      ),
    );
  });

  it('keeps "read" when a late "delivered" arrives, and keeps "played" once seen', () => {
    expect(mergeStatus({ tick: 'read' }, { tick: 'delivered' })).toEqual({ tick: 'read' });
    expect(mergeStatus({ tick: 'read', played: true }, { tick: 'read' })).toEqual({
      tick: 'read',
      played: true,
    });
    expect(mergeStatus({ tick: 'read' }, { tick: 'read', played: true })).toEqual({
      tick: 'read',
      played: true,
    });
  });

  it('treats failure as final, and ignores a failure report for an already delivered message', () => {
    const failed: DeliveryStatus = { tick: 'failed', reason: 'expired' };
    expect(mergeStatus({ tick: 'sent' }, failed)).toEqual(failed);
    expect(mergeStatus(failed, { tick: 'read' })).toEqual(failed);
    expect(mergeStatus({ tick: 'delivered' }, failed)).toEqual({ tick: 'delivered' });
  });

  it('lets a cascade out of failure: WhatsApp failed, then the SMS was delivered', () => {
    const failed: DeliveryStatus = {
      tick: 'failed',
      reason: 'This number is not on WhatsApp.',
      code: 44,
    };
    expect(mergeStatus(failed, { tick: 'delivered', via: 'sms' })).toEqual({
      tick: 'delivered',
      via: 'sms',
    });
    expect(mergeStatus(failed, { tick: 'sent', via: 'sms' })).toEqual({ tick: 'sent', via: 'sms' });
    // Without a channel it is a stale report of the failed message, and "failed" stays.
    expect(mergeStatus(failed, { tick: 'delivered' })).toEqual(failed);
    // And once out, the SMS delivery moves forward only.
    expect(mergeStatus({ tick: 'delivered', via: 'sms' }, failed)).toEqual({
      tick: 'delivered',
      via: 'sms',
    });
  });
});
