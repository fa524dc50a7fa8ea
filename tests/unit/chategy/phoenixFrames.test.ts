import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePhoenixFrame } from '../../../main/providers/chategy/phoenixFrames.node.ts';

describe('the Phoenix frame decoder', () => {
  it('reads the seed’s integer refs as strings', () => {
    expect(
      decodePhoenixFrame('[5,5,"room:v1:telegram:auth","phx_reply",{"status":"ok","response":{}}]'),
    ).toEqual({
      ok: true,
      message: {
        join_ref: '5',
        ref: '5',
        topic: 'room:v1:telegram:auth',
        event: 'phx_reply',
        payload: { status: 'ok', response: {} },
      },
    });
    expect(decodePhoenixFrame('[null,"12","phoenix","phx_reply",{}]')).toMatchObject({
      ok: true,
      message: { join_ref: null, ref: '12' },
    });
  });

  it('never throws, whatever the frame', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
          fc.uint8Array(),
        ),
        (raw) => {
          const result = decodePhoenixFrame(raw);
          expect(typeof result.ok).toBe('boolean');
        },
      ),
      { numRuns: 2000 },
    );
  });
});
