import { describe, expect, it } from 'vitest';
import { retrying } from '../../main/providers/retrying.node.ts';

describe('retrying a sync after a reconnect', () => {
  it('tries again after a failure, and gives the result of the first success', async () => {
    let calls = 0;
    const result = await retrying(
      async () => {
        calls += 1;
        if (calls < 3) throw new Error('read ECONNRESET');
        return 'synced';
      },
      { signal: new AbortController().signal, firstDelayMs: 1 },
    );
    expect([result, calls]).toEqual(['synced', 3]);
  });

  it('gives up after its attempts, and at once when the connection is stopped', async () => {
    let calls = 0;
    const failing = async () => {
      calls += 1;
      throw new Error('down');
    };
    await expect(
      retrying(failing, { signal: new AbortController().signal, attempts: 3, firstDelayMs: 1 }),
    ).rejects.toThrow('down');
    expect(calls).toBe(3);
    const stopped = new AbortController();
    stopped.abort();
    calls = 0;
    await expect(retrying(failing, { signal: stopped.signal, firstDelayMs: 1 })).rejects.toThrow(
      'down',
    );
    expect(calls).toBe(1);
  });
});
