import { describe, expect, it } from 'vitest';
import { describeSocketError } from '../../../main/providers/chatapp/realtime.node.ts';

describe('describing a socket error', () => {
  it('never throws on the circular objects pusher-js can hand over', () => {
    const client: Record<string, unknown> = { name: 'Client' };
    client.self = client;
    const error = {
      type: 'WebSocketError',
      error: { type: 'PusherError', data: { code: 1006 }, client },
    };
    expect(() => JSON.stringify(error)).toThrow(/circular/);
    expect(describeSocketError(error)).toBe('WebSocketError PusherError 1006');
    expect(describeSocketError(null)).toBe('null');
  });
});
