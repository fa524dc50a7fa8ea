import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { maytapiPlugin } from '../../../main/providers/maytapi/plugin.node.ts';
import { timings } from '../../../main/providers/maytapi/connection.node.ts';
import {
  MaytapiSimulator,
  type MaytapiSimulatorOptions,
} from '../../../main/providers/maytapi/simulator/simulator.node.ts';
import { openTestCore } from '../../helpers/core.ts';
import { until } from '../chatapp/harness.ts';

interface Sample {
  name: string;
  route: string;
  filled: unknown;
}
const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/maytapi/seed002.json', import.meta.url), 'utf8'),
) as { samples: Sample[] };
const sample = (name: string, fill: Record<string, string> = {}): unknown => {
  const found = fixture.samples.find((s) => s.name === name);
  if (!found) throw new Error(`no sample ${name}`);
  return JSON.parse(
    JSON.stringify(found.filled).replace(/\{(\w+)\}/g, (whole, key: string) => fill[key] ?? whole),
  );
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  Object.assign(timings, { loginPollMs: 3000, qrRefreshMs: 5000 });
});

async function start(options: MaytapiSimulatorOptions = {}) {
  const sim = await new MaytapiSimulator(options).start();
  cleanups.push(() => sim.stop());
  const { core, logins } = await openTestCore(maytapiPlugin, cleanups, { webhooks: true });
  const add = async () => {
    const account = await core.call('accounts.add', {
      provider: 'maytapi',
      label: 'Hosted',
      config: sim.accountConfig(),
      secrets: { apiKey: sim.options.apiKey },
    });
    await until(() => core.connections.state(account.id).state === 'online', 'online');
    await core.call('webhooks.register', { accountId: account.id, replaceForeign: false });
    return account;
  };
  const conversation = async (accountId: string, chatId: string) => {
    core.queue.flushNow();
    return (
      await core.call('conversations.list', { lineId: `${accountId}/10101`, limit: 100 })
    ).items.find((c) => c.providerChatId === chatId);
  };
  return { sim, core, logins, add, conversation };
}

describe('Maytapi, seed 002 older generation', () => {
  it('reads every sample of the seed through the real client and webhook sink', async () => {
    const env = await start({ generation: 'seed', ackStepMs: 0 });
    const fill = () => ({ productId: env.sim.options.productId, webhook: env.sim.webhook ?? '' });
    env.sim.verbatim.set('GET /listPhones', sample('GET listPhones reply'));
    env.sim.verbatim.set('GET /product', sample('GET product reply', fill()));
    env.sim.verbatim.set('GET /10102/status', sample('GET status reply'));
    const account = await env.add();

    // The seed lists phones without a status; each is asked at once.
    await until(
      () => env.core.cache.accounts.line(`${account.id}/10101`)?.login.state === 'authorized',
      'the signed-in phone',
    );
    expect(env.core.cache.accounts.line(`${account.id}/10102`)?.login).toMatchObject({
      state: 'logged_out',
      words: { key: 'login.notSignedIn' },
    });
    expect(env.sim.ackPreference).toBe(true);

    // The camelCase message webhook, with no fromMe and no message id, delivered twice.
    const message = sample('incoming message webhook', fill());
    expect((await env.sim.post(message)).status).toBe(200);
    expect((await env.sim.post(message)).status).toBe(200);
    const chat = await until(
      () => env.conversation(account.id, '905551112233@c.us'),
      'the conversation',
    );
    expect(chat).toMatchObject({
      title: 'Ali',
      unread: 1,
      lastMessage: { text: 'Merhaba', direction: 'in' },
    });
    const rows = (await env.core.call('messages.page', { conversationId: chat.id, limit: 10 }))
      .items;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      origin: 'contact',
      sender: { name: 'Ali', phone: '905551112233' },
      time: 1_700_000_000_000,
    });

    // A send as the seed documents it, then the bare array of acks for its msgId.
    const reply = sample('POST sendMessage reply') as { data: { msgId: string } };
    env.sim.verbatim.set('POST /10101/sendMessage', reply);
    const sent = await env.core.call('messages.send', {
      conversationId: chat.id,
      clientRef: 'seed002-send-1',
      text: 'Hello',
    });
    await until(() => env.sim.sent.length === 1, 'the send');
    expect(Object.keys(env.sim.sent[0]!)).toEqual(
      expect.arrayContaining(Object.keys(sample('POST sendMessage body') as object)),
    );
    await until(
      async () =>
        (await env.core.call('messages.page', { conversationId: chat.id, limit: 10 })).items.find(
          (m) => m.id === sent.id,
        )?.status?.tick === 'sent',
      'the send accepted',
    );
    expect((await env.sim.post(sample('acknowledgements webhook'))).status).toBe(200);
    env.core.queue.flushNow();
    const out = (
      await env.core.call('messages.page', { conversationId: chat.id, limit: 10 })
    ).items.find((m) => m.id === sent.id);
    expect(out).toMatchObject({ status: { tick: 'read' } });
    expect(env.core.cache.quarantine.list(account.id)).toEqual([]);
  });

  it('takes a live message from the simulator speaking the older generation', async () => {
    const env = await start({ generation: 'seed' });
    const account = await env.add();
    expect((await env.sim.receive('10101', '905550001111', 'Sipariş nerede?')).status).toBe(200);
    const chat = await until(
      () => env.conversation(account.id, '905550001111@c.us'),
      'the conversation',
    );
    expect(chat.lastMessage).toMatchObject({ text: 'Sipariş nerede?', direction: 'in' });
    expect(env.core.cache.quarantine.list(account.id)).toEqual([]);
  });
});

describe('Maytapi QR sign-in', () => {
  it('shows a fresh QR at once when a phone goes from idle back to a QR, without waiting for the refresh', async () => {
    // The refresh is far beyond the wait below: only an immediate fetch can pass.
    Object.assign(timings, { loginPollMs: 40, qrRefreshMs: 60_000 });
    const env = await start();
    const account = await env.add();
    const line = `${account.id}/10102`;
    const qrs = () =>
      env.logins
        .filter((l) => l.lineId === line && l.state.state === 'qr')
        .map((l) => (l.state as { qr: { dataUrl: string } }).qr.dataUrl);
    await env.core.call('login.start', { lineId: line, method: 'qr' });
    await until(() => qrs().length === 1, 'the first QR');
    await env.sim.becomes('10102', 'idle');
    await until(
      () => env.core.cache.accounts.line(line)?.login.state === 'error',
      'the QR expired',
    );
    await env.sim.becomes('10102', 'qr-code');
    const [, second] = await until(
      () => (qrs().length >= 2 ? qrs() : undefined),
      'a second QR',
      5_000,
    );
    expect(second).not.toBe(qrs()[0]);
    expect(env.core.cache.accounts.line(line)?.login.state).toBe('qr');
  });

  it('shows a new QR at once when the status webhook says qr-code again during the same attempt', async () => {
    Object.assign(timings, { loginPollMs: 40, qrRefreshMs: 60_000 });
    const env = await start();
    const account = await env.add();
    const line = `${account.id}/10102`;
    const qrs = () => env.logins.filter((l) => l.lineId === line && l.state.state === 'qr');
    await env.core.call('login.start', { lineId: line, method: 'qr' });
    await until(() => qrs().length === 1, 'the first QR');
    await env.sim.becomes('10102', 'qr-code');
    await until(() => qrs().length === 2, 'the new code', 5_000);
  });

  it('ends Cancel with "not signed in" and a Start button, and no second poller is left running', async () => {
    Object.assign(timings, { loginPollMs: 30, qrRefreshMs: 60_000 });
    const env = await start();
    const account = await env.add();
    const line = `${account.id}/10102`;
    await env.core.call('login.start', { lineId: line, method: 'qr' });
    await env.core.call('login.start', { lineId: line, method: 'qr' });
    await until(() => env.core.cache.accounts.line(line)?.login.state === 'qr', 'the QR');
    const cancelled = await env.core.call('login.cancel', { lineId: line });
    expect(cancelled).toMatchObject({ state: 'logged_out', words: { key: 'login.notSignedIn' } });
    const polls = env.sim.requests.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(env.sim.requests.slice(polls).filter((r) => r.includes('/10102/'))).toEqual([]);
    expect(env.core.cache.accounts.line(line)?.login.state).toBe('logged_out');
  });
});
