import { afterEach, describe, expect, it } from 'vitest';
import { startChategy, until } from './harness.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('Chategy accounts and sign-in', () => {
  it('adds an account from its token: customer from the JWT, confirmed by /account, with balance and three lines', async () => {
    const env = await startChategy(cleanups, { balance: '40.00' });
    const refused = await env.core.handle('accounts.add', {
      provider: 'chategy',
      label: 'x',
      config: env.sim.accountConfig(),
      secrets: { token: 'not-a-token' },
    });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_request',
        issues: [{ path: 'token', message: expect.stringContaining('not a Chategy client token') }],
      },
    });
    const forged = `${env.sim.token.split('.')[0]}.${Buffer.from('{"customer_id":813}').toString('base64url')}.bad`;
    expect(
      await env.core.handle('accounts.add', {
        provider: 'chategy',
        label: 'x',
        config: env.sim.accountConfig(),
        secrets: { token: forged },
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'auth', message: expect.stringContaining('Copy the client token again') },
    });

    const account = await env.add();
    expect(account.config.customerId).toBe('813');
    const { lines } = await env.core.call('accounts.list', {});
    expect(lines.map((l) => [l.providerLineId, l.messenger, l.login.state]).sort()).toEqual([
      ['max', 'max', 'logged_out'],
      ['tdlib', 'telegram', 'phone'],
      ['whatsapp', 'whatsapp', 'logged_out'],
    ]);
    const workspace = await env.core.call('accounts.workspace', { accountId: account.id });
    expect(workspace['account.notices']).toMatchObject({
      balance: '40.00',
      subscriptionStatus: 'active',
      paidUntil: '2027-07-01',
      warnings: [{ code: 'balance_low', balance: '40.00', cost: '100.00' }],
    });
    expect(env.sim.webhooks).toEqual([
      expect.objectContaining({
        url: (await env.core.call('webhooks.info', { accountId: account.id })).publicUrl,
        types: expect.arrayContaining([
          'whatsapp_incoming_msg',
          'max_incoming_msg',
          'whatsapp_status_msg',
        ]),
      }),
    ]);
  });

  it('warns when the subscription is inactive', async () => {
    const env = await startChategy(cleanups, { subscriptionStatus: 'inactive' });
    const account = await env.add();
    expect(
      (await env.core.call('accounts.workspace', { accountId: account.id }))['account.notices'],
    ).toMatchObject({ warnings: [{ code: 'subscription_inactive' }] });
  });

  it('signs WhatsApp in by QR over Phoenix: renders each changed code, keeps the socket alive, and turns authorized on scan', async () => {
    const env = await startChategy(cleanups, { qrRotateMs: 60 });
    const account = await env.add();
    const line = `${account.id}/whatsapp`;
    expect(await env.core.call('login.start', { lineId: line, method: 'qr' })).toMatchObject({
      state: 'connecting',
    });
    const codes = await until(() => {
      const seen = env.logins
        .filter((l) => l.lineId === line && l.state.state === 'qr')
        .map((l) => (l.state as { qr: { value: string } }).qr.value);
      return seen.length >= 3 ? seen : undefined;
    }, 'three QR codes');
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes[0]).toMatch(/^2@/);
    await until(() => env.sim.phoenix.heartbeats > 0, 'a heartbeat');
    env.sim.scan();
    await until(
      () => env.core.cache.accounts.line(line)?.login.state === 'authorized',
      'authorized',
    );
    await until(() => env.sim.phoenix.connections === 0, 'the pairing socket closed');
  });

  it('quarantines truncated and non-array Phoenix frames and keeps the QR coming', async () => {
    const env = await startChategy(cleanups, { qrRotateMs: 60 });
    const account = await env.add();
    const line = `${account.id}/whatsapp`;
    await env.core.call('login.start', { lineId: line, method: 'qr' });
    await until(
      () =>
        env.sim.phoenix.connections > 0 &&
        env.logins.some((l) => l.lineId === line && l.state.state === 'qr'),
      'a first QR',
    );
    env.sim.phoenix.sendRaw('[null,null,"room:v1:whats_app:auth:813","qr_co');
    env.sim.phoenix.sendRaw('{"topic":"phoenix","event":"phx_reply"}');
    env.sim.phoenix.sendRaw('[{"x":1},[],"t","e",{}]');
    const before = env.logins.length;
    await until(
      () => env.logins.slice(before).some((l) => l.lineId === line && l.state.state === 'qr'),
      'a QR after the bad frames',
    );
    const reasons = env.core.cache.quarantine.list(account.id).map((q) => q.reason);
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringContaining('not JSON'),
        expect.stringContaining('5-element array'),
        expect.stringContaining('refs'),
      ]),
    );
    expect(env.core.connections.state(account.id).state).toBe('online');
  });

  it('signs in the same with the string refs Phoenix itself echoes', async () => {
    const env = await startChategy(cleanups, { qrRotateMs: 60, phoenixRefs: 'string' });
    const account = await env.add();
    const line = `${account.id}/whatsapp`;
    await env.core.call('login.start', { lineId: line, method: 'qr' });
    await until(() => env.logins.some((l) => l.lineId === line && l.state.state === 'qr'), 'a QR');
    env.sim.scan();
    await until(
      () => env.core.cache.accounts.line(line)?.login.state === 'authorized',
      'authorized',
    );
  });

  it('cancels a WhatsApp pairing, aborting the container session with the developer key', async () => {
    const env = await startChategy(cleanups, { qrRotateMs: 60 });
    const account = await env.add();
    const line = `${account.id}/whatsapp`;
    await env.core.call('login.start', { lineId: line, method: 'qr' });
    await until(() => env.lastLogin(line)?.state === 'qr', 'a QR');
    expect(await env.core.call('login.cancel', { lineId: line })).toMatchObject({
      state: 'logged_out',
    });
    expect(env.sim.pairingAborted).toBe(1);
    await until(() => env.sim.phoenix.connections === 0, 'socket closed');
  });

  it('signs Telegram in: phone, a wrong code shown in words, the right code, the cloud password; then logs out', async () => {
    const env = await startChategy(cleanups, { telegramPassword: 'hunter22' });
    const account = await env.add();
    const line = `${account.id}/tdlib`;
    await env.core.call('login.start', { lineId: line, method: 'phone' });
    await until(() => env.lastLogin(line)?.state === 'phone', 'asks for the phone');
    expect(
      await env.core.call('login.submit', {
        lineId: line,
        step: { step: 'phone', phone: '12-ab' },
      }),
    ).toMatchObject({ state: 'phone', error: expect.stringContaining('not valid') });
    expect(
      await env.core.call('login.submit', {
        lineId: line,
        step: { step: 'phone', phone: '+995 598 464 533' },
      }),
    ).toMatchObject({ state: 'code' });
    expect(
      await env.core.call('login.submit', { lineId: line, step: { step: 'code', code: '00000' } }),
    ).toMatchObject({
      state: 'code',
      error: 'The code is wrong. Check the latest code and try again.',
    });
    expect(
      await env.core.call('login.submit', { lineId: line, step: { step: 'code', code: '12345' } }),
    ).toMatchObject({ state: 'password' });
    expect(
      await env.core.call('login.submit', {
        lineId: line,
        step: { step: 'password', password: 'hunter22' },
      }),
    ).toMatchObject({ state: 'authorized' });
    expect(env.core.cache.accounts.line(line)?.login.state).toBe('authorized');
    expect(env.sim.sessions.tdlib).toBe(3);

    // A reset leaves TDLib waiting for a phone number: that is the next step shown.
    expect(await env.core.call('login.logout', { lineId: line })).toMatchObject({ state: 'phone' });
    expect(env.sim.sessions.tdlib).toBe(0);
    expect(env.core.cache.accounts.line(line)?.login.state).toBe('phone');
  });

  it.each([
    [0, 'phone'],
    [1, 'code'],
    [2, 'password'],
  ] as const)(
    'shows tdlib_session %i from the account read as the %s step, and takes that step without a restart',
    async (session, step) => {
      const env = await startChategy(cleanups, {
        sessions: { tdlib: session },
        telegramPassword: 'hunter22',
      });
      const account = await env.add();
      const line = `${account.id}/tdlib`;
      expect(env.core.cache.accounts.line(line)?.login.state).toBe(step);
      const answers = {
        phone: { step: 'phone', phone: '+995 598 464 533' },
        code: { step: 'code', code: '12345' },
        password: { step: 'password', password: 'hunter22' },
      } as const;
      const next = await env.core.call('login.submit', { lineId: line, step: answers[step] });
      expect(next.state).toBe(
        step === 'phone' ? 'code' : step === 'code' ? 'password' : 'authorized',
      );
    },
  );

  it('keeps the QR up, marked as scanning, while the phone links, then signs in', async () => {
    const env = await startChategy(cleanups, { qrRotateMs: 60_000 });
    const account = await env.add();
    const line = `${account.id}/whatsapp`;
    await env.core.call('login.start', { lineId: line, method: 'qr' });
    const shown = await until(
      () =>
        env.core.cache.accounts.line(line)?.login.state === 'qr'
          ? env.core.cache.accounts.line(line)!.login
          : undefined,
      'the QR',
    );
    env.sim.scanStarts();
    const scanning = await until(() => {
      const login = env.core.cache.accounts.line(line)?.login;
      return login?.state === 'qr' && login.scanning ? login : undefined;
    }, 'the QR marked as scanning');
    expect(scanning).toMatchObject({
      state: 'qr',
      scanning: true,
      qr: (shown as { qr: unknown }).qr,
    });
    expect(env.logins.filter((l) => l.lineId === line).slice(-1)[0]?.state.state).toBe('qr');
    env.sim.scan();
    await until(
      () => env.core.cache.accounts.line(line)?.login.state === 'authorized',
      'authorized',
    );
  });

  it('rejoins after the Phoenix socket drops mid-login and continues where it was', async () => {
    const env = await startChategy(cleanups);
    const account = await env.add();
    const line = `${account.id}/tdlib`;
    await env.core.call('login.start', { lineId: line, method: 'phone' });
    await until(() => env.lastLogin(line)?.state === 'phone', 'asks for the phone');
    expect(
      await env.core.call('login.submit', {
        lineId: line,
        step: { step: 'phone', phone: '995598464533' },
      }),
    ).toMatchObject({ state: 'code' });
    const before = env.logins.length;
    env.sim.phoenix.dropAll();
    // The server pushes auth_state again after the rejoin: the same step, not a restart.
    await until(
      () =>
        env.logins.slice(before).some((l) => l.lineId === line && l.state.state === 'code') &&
        env.sim.phoenix.channels.size === 1,
      'rejoined at the code step',
    );
    expect(
      await env.core.call('login.submit', { lineId: line, step: { step: 'code', code: '12345' } }),
    ).toMatchObject({ state: 'authorized' });
  });

  it('names the origin problem when Chategy refuses the socket', async () => {
    const env = await startChategy(cleanups, { allowedOrigins: ['https://crm.example.com'] });
    const account = await env.add();
    const line = `${account.id}/tdlib`;
    await env.core.call('login.start', { lineId: line, method: 'phone' });
    await until(() => env.lastLogin(line)?.state === 'error', 'refused');
    expect(env.lastLogin(line)).toMatchObject({
      state: 'error',
      reason: expect.stringContaining('origin'),
    });

    await env.core.call('accounts.update', {
      id: account.id,
      config: { socketOrigin: 'https://crm.example.com' },
    });
    await until(() => env.core.connections.state(account.id).state === 'online', 'online again');
    await env.core.call('login.start', { lineId: line, method: 'phone' });
    await until(
      () => env.lastLogin(line)?.state === 'phone',
      'asks for the phone with the allowed origin',
    );
  });

  it('signs MAX in over REST with the 422 reasons on the form, and logs out', async () => {
    const env = await startChategy(cleanups);
    const account = await env.add();
    const line = `${account.id}/max`;
    expect(await env.core.call('login.start', { lineId: line, method: 'phone' })).toMatchObject({
      state: 'phone',
    });
    expect(
      await env.core.call('login.submit', {
        lineId: line,
        step: { step: 'phone', phone: '+995 598 46' },
      }),
    ).toMatchObject({ state: 'phone', error: expect.stringContaining('not valid') });
    expect(
      await env.core.call('login.submit', {
        lineId: line,
        step: { step: 'phone', phone: '+7 981 159 77 45' },
      }),
    ).toMatchObject({ state: 'code' });
    expect(
      await env.core.call('login.submit', { lineId: line, step: { step: 'code', code: '111111' } }),
    ).toMatchObject({ state: 'code', error: expect.stringContaining('code is wrong') });
    expect(
      await env.core.call('login.submit', { lineId: line, step: { step: 'code', code: '848158' } }),
    ).toMatchObject({ state: 'authorized' });
    expect(env.sim.sessions.max).toBe(2);
    expect(await env.core.call('login.logout', { lineId: line })).toMatchObject({
      state: 'logged_out',
    });
    expect(env.sim.sessions.max).toBe(0);
  });
});
