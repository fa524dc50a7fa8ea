import { describe, expect, it } from 'vitest';
import { checksumOf } from '../../../main/providers/chategy/checksum.node.ts';
import { customerIdOf } from '../../../main/providers/chategy/jwt.node.ts';
import {
  effectOfStatusId,
  statusOfWhatsApp,
} from '../../../main/providers/chategy/statuses.node.ts';
import { queryOf, wordsOf } from '../../../main/providers/chategy/api.node.ts';
import { noticesOf, sessionLogin } from '../../../main/providers/chategy/account.node.ts';
import { telegramLoginOf } from '../../../main/providers/chategy/logins.node.ts';

describe('Chategy checksum', () => {
  it('matches the seed’s worked example', () => {
    // The seed prints the joined string "10071233456789text" and its digest; its params
    // object shows another phone, edited after the digest was made (see the protocol brief).
    expect(checksumOf({ text: 'text', phone: '71233456789', external_id: '100' }, 'Z5F2idBj')).toBe(
      'ebb290126ea4302ebca339f5efe419b4a67edfe57e1ea844e7cec85ccef53f23',
    );
  });

  it('orders by key, joins values without separators, and arrays value after value', () => {
    const a = checksumOf(
      { text: 'hi', dispatch_routing: ['whatsapp', 'sms'], external_id: 'x1' },
      'k',
    );
    expect(a).toBe(
      checksumOf({ external_id: 'x1', text: 'hi', dispatch_routing: ['whatsapp', 'sms'] }, 'k'),
    );
    expect(a).not.toBe(
      checksumOf({ external_id: 'x1', text: 'hi', dispatch_routing: ['sms', 'whatsapp'] }, 'k'),
    );
    expect(a).not.toBe(
      checksumOf({ external_id: 'x2', text: 'hi', dispatch_routing: ['whatsapp', 'sms'] }, 'k'),
    );
  });

  it('writes arrays Rails-style in the query', () => {
    expect(queryOf({ text: 'a b', dispatch_routing: ['whatsapp', 'sms'] })).toBe(
      'text=a+b&dispatch_routing%5B%5D=whatsapp&dispatch_routing%5B%5D=sms',
    );
  });
});

describe('Chategy token', () => {
  it('reads customer_id from the seed’s sample token', () => {
    expect(
      customerIdOf(
        'eyJhbGciOiJIUzI1NiJ9.eyJjdXN0b21lcl9pZCI6ODEzLCJkYXRldGltZSI6MTYwMDcyMDU5MH0.iSZxL5MA5LL6ViIKOfdCTvMJ9Lc_KQzuXm0',
      ),
    ).toBe(813);
  });
  it.each(['', 'abc', 'a.b.c', 'eyJhbGciOiJIUzI1NiJ9.eyJmb28iOjF9.x'])('refuses %j', (token) => {
    expect(customerIdOf(token)).toBeNull();
  });
});

describe('Chategy statuses', () => {
  it('maps intermediate ids to pending/sent and final ones to delivered, read, deleted or failed', () => {
    for (const id of [6, 14, 15, 21, 46])
      expect(effectOfStatusId(id)).toEqual({ status: { tick: 'pending' }, final: false });
    expect(effectOfStatusId(1)).toEqual({ status: { tick: 'sent' }, final: false });
    expect(effectOfStatusId(2)).toEqual({ status: { tick: 'delivered' }, final: true });
    expect(effectOfStatusId(16)).toEqual({ status: { tick: 'read' }, final: true });
    expect(effectOfStatusId(4)).toEqual({ deleted: true, final: true });
    expect(effectOfStatusId(18)).toMatchObject({
      status: { tick: 'failed', code: 18, reason: 'The delivery was cancelled.' },
      final: true,
    });
    for (const id of [
      0, 3, 5, 7, 8, 9, 10, 11, 12, 13, 17, 20, 22, 25, 26, 27, 28, 31, 32, 33, 34, 35, 36, 37, 44,
      45, 47, 48, 49, 50, 51, 69, 88, 257, 555, 1281, 1282, 1283, 1284, 1285, 1286, 1287, 1288,
      1293, 1299, 2291, 38, 52, 53, 56, 57, 58,
    ]) {
      expect(effectOfStatusId(id)).toMatchObject({
        status: { tick: 'failed', code: id, reason: expect.stringMatching(/\.$/) },
        final: true,
      });
    }
  });

  it('leaves unknown ids to the caller', () => {
    expect(effectOfStatusId(999)).toBeNull();
  });

  it('maps the WhatsApp status strings', () => {
    expect(statusOfWhatsApp('sent')).toEqual({ tick: 'sent' });
    expect(statusOfWhatsApp('received')).toEqual({ tick: 'delivered' });
    expect(statusOfWhatsApp('read')).toEqual({ tick: 'read' });
    expect(statusOfWhatsApp('played')).toEqual({ tick: 'read', played: true });
    for (const s of [
      'failed',
      'expired',
      'content_gone',
      'content_too_big',
      'content_unuploadable',
      'inactive',
    ])
      expect(statusOfWhatsApp(s)).toMatchObject({ tick: 'failed', code: s });
    expect(statusOfWhatsApp('bogus')).toBeNull();
  });
});

describe('Chategy words and states', () => {
  it('puts 422 reasons in words', () => {
    expect(wordsOf({ phone: ['Phone number has invalid format'] })).toMatch(/not valid/);
    expect(wordsOf({ base: ['something odd'] })).toBe('Something odd.');
    expect(wordsOf({})).toBeUndefined();
  });

  it('maps sessions and auth states to sign-in states', () => {
    expect(sessionLogin('whatsapp', 1)).toEqual({ state: 'authorized' });
    expect(sessionLogin('tdlib', 1)).toEqual({ state: 'code' });
    expect(sessionLogin('tdlib', 4)).toMatchObject({ state: 'logged_out' });
    expect(sessionLogin('tdlib', 5)).toMatchObject({ state: 'error', retryable: false });
    expect(sessionLogin('max', 2)).toEqual({ state: 'authorized' });
    expect(sessionLogin('max', undefined)).toEqual({ state: 'unknown' });
    expect(
      ['wait_phone', 'wait_code', 'wait_password', 'authorized', 'odd'].map(
        (s) => telegramLoginOf(s)?.state ?? null,
      ),
    ).toEqual(['phone', 'code', 'password', 'authorized', null]);
  });

  it('warns before the subscription ends', () => {
    const soon = noticesOf(
      {
        total_amount: '500',
        subscription_status: 'active',
        subscription_paid_until: '2026-11-22',
        subscription_cost: '100.00',
      },
      new Date('2026-11-21T10:00:00Z'),
    );
    expect(soon.warnings).toEqual([{ code: 'subscription_ends', date: '2026-11-22' }]);
    expect(
      noticesOf(
        {
          total_amount: '500',
          subscription_status: 'active',
          subscription_paid_until: '2027-01-01',
          subscription_cost: '100.00',
        },
        new Date('2026-11-21'),
      ).warnings,
    ).toEqual([]);
  });
});
