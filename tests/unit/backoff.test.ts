import { describe, expect, it } from 'vitest';
import { Backoff } from '../../main/providers/backoff.node.ts';

describe('reconnect backoff', () => {
  it('doubles up to the ceiling, with jitter between half and all of it', () => {
    const noQuick = { forMs: 0, maxMs: 0 };
    const low = new Backoff(1000, 8000, () => 0, noQuick);
    const high = new Backoff(1000, 8000, () => 0.999999, noQuick);
    expect([1, 2, 3, 4, 5].map(() => low.next())).toEqual([500, 1000, 2000, 4000, 4000]);
    expect([1, 2, 3, 4, 5].map(() => high.next())).toEqual([1000, 2000, 4000, 8000, 8000]);
    expect(low.attempt).toBe(5);
  });

  it('spreads clients out and starts over after a success', () => {
    const delays = new Set(Array.from({ length: 20 }, () => new Backoff().next()));
    expect(delays.size).toBeGreaterThan(10);
    const b = new Backoff(1000, 60_000, () => 0.5, { forMs: 0, maxMs: 0 });
    b.next();
    b.next();
    b.reset();
    expect(b.next()).toBe(750);
  });

  it('keeps retrying every two seconds or less for the first minute of an outage, then backs off', () => {
    let now = 0;
    const b = new Backoff(
      1000,
      60_000,
      () => 0.999999,
      { forMs: 60_000, maxMs: 2000 },
      () => now,
    );
    const early = Array.from({ length: 10 }, () => {
      const delay = b.next();
      now += delay;
      return delay;
    });
    expect(Math.max(...early)).toBeLessThanOrEqual(2000);
    now = 61_000;
    expect(b.next()).toBeGreaterThan(30_000);
    b.reset();
    expect(b.next()).toBeLessThanOrEqual(1000);
  });
});
