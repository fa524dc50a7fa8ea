import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { maytapiPlugin } from '../../../main/providers/maytapi/plugin.node.ts';
import { MaytapiSimulator } from '../../../main/providers/maytapi/simulator/simulator.node.ts';
import { openTestCore } from '../../helpers/core.ts';
import { until } from '../chatapp/harness.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start() {
  const sim = await new MaytapiSimulator().start();
  cleanups.push(() => sim.stop());
  const { core } = await openTestCore(maytapiPlugin, cleanups, { webhooks: true });
  const account = await core.call('accounts.add', {
    provider: 'maytapi',
    label: 'Hosted',
    config: sim.accountConfig(),
    secrets: { apiKey: sim.options.apiKey },
  });
  await until(() => core.connections.state(account.id).state === 'online', 'online');
  await core.call('webhooks.register', { accountId: account.id, replaceForeign: false });
  return { sim, core, account };
}

/** Posts `size` bytes to the URL, declaring the length or streaming it chunked. */
function postBytes(
  url: string,
  size: number,
  declare: boolean,
): Promise<{ status: number; reset: boolean }> {
  return new Promise((resolve) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(declare ? { 'content-length': String(size) } : {}),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, reset: false }));
      },
    );
    req.on('error', () => resolve({ status: 0, reset: true }));
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < size) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

describe('webhook bodies a careless provider or an attacker sends', () => {
  it('quarantines a body nested 5,000 levels deep and answers 200, so the provider stops retrying', async () => {
    const { sim, core, account } = await start();
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const delivery = await sim.post(deep);
    expect(delivery.status).toBe(200);
    const objectDeep = `{"type":"message","x":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}`;
    expect((await sim.post(objectDeep)).status).toBe(200);
    const kept = core.cache.quarantine.list(account.id);
    expect(kept.filter((q) => /nested/.test(q.reason))).toHaveLength(2);
    // and the receiver still takes an ordinary message
    expect((await sim.receive('10101', '905550001111', 'still here')).status).toBe(200);
  });

  it('answers 413 to an oversized body, declared or streamed, without resetting the connection first', async () => {
    const { core, account } = await start();
    const url = core.webhooks.localUrl(account.id)!;
    expect(await postBytes(url, 3 * 1024 * 1024, true)).toEqual({ status: 413, reset: false });
    expect(await postBytes(url, 3 * 1024 * 1024, false)).toEqual({ status: 413, reset: false });
  });
});
