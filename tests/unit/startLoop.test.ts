import { describe, expect, it } from 'vitest';
import { StartLoop } from '../../main/providers/startLoop.node.ts';
import { ProviderAuthError, ProviderUnavailable } from '../../main/providers/errors.node.ts';
import type { ConnectionState } from '../../shared/model/connection.std.ts';

/** The start every provider shares: sign-in needed stops, anything else retries, stop stops. */
describe('a connection coming up', () => {
  const loop = (failures: Error[]) => {
    const states: ConnectionState['state'][] = [];
    let attempts = 0;
    let started = 0;
    const start = new StartLoop({
      attempt: async () => {
        attempts += 1;
        const failure = failures.shift();
        if (failure) throw failure;
      },
      started: () => void (started += 1),
      report: (state) => void states.push(state.state),
    });
    return { start, states, counts: () => ({ attempts, started }) };
  };

  it('retries an unreachable provider until it answers, then starts once', async () => {
    const { start, states, counts } = loop([
      new ProviderUnavailable('down'),
      new ProviderUnavailable('still down'),
    ]);
    await start.start();
    await expect.poll(() => counts().started, { timeout: 10_000 }).toBe(1);
    expect(counts().attempts).toBe(3);
    expect(states).toEqual(['reconnecting', 'reconnecting']);
  });

  it('stops at "sign-in needed" when the credentials are refused: no retry', async () => {
    const { start, states, counts } = loop([new ProviderAuthError('refused')]);
    await start.start();
    await new Promise((r) => setTimeout(r, 1200));
    expect(states).toEqual(['auth_error']);
    expect(counts()).toEqual({ attempts: 1, started: 0 });
  });

  it('cancels a pending retry when stopped', async () => {
    const { start, counts } = loop([new ProviderUnavailable('down')]);
    await start.start();
    start.stop();
    await new Promise((r) => setTimeout(r, 1200));
    expect(counts()).toEqual({ attempts: 1, started: 0 });
  });
});
