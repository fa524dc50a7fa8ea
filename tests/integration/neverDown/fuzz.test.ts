import http from 'node:http';
import fc from 'fast-check';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import maytapiSeed from '../../fixtures/maytapi/seed002.json' with { type: 'json' };
import chategyHooks from '../../fixtures/chategy/webhooks.json' with { type: 'json' };
import chatappSeeds from '../../fixtures/chatapp/seeds.json' with { type: 'json' };
import multiwaSeed from '../../fixtures/multiwa/seed003.json' with { type: 'json' };
import { maytapiPlugin } from '../../../main/providers/maytapi/plugin.node.ts';
import { MaytapiSimulator } from '../../../main/providers/maytapi/simulator/simulator.node.ts';
import { chategyPlugin } from '../../../main/providers/chategy/plugin.node.ts';
import { ChategySimulator } from '../../../main/providers/chategy/simulator/simulator.node.ts';
import { chatAppPlugin } from '../../../main/providers/chatapp/plugin.node.ts';
import { ChatAppSimulator } from '../../../main/providers/chatapp/simulator/simulator.node.ts';
import { LINE_EVENT_NAMES } from '../../../main/providers/chatapp/mapping.node.ts';
import { multiWaPlugin } from '../../../main/providers/multiwa/plugin.node.ts';
import { MultiWaSimulator } from '../../../main/providers/multiwa/simulator/simulator.node.ts';
import { Core } from '../../../main/core/core.node.ts';
import { MemorySettingsStore } from '../../../main/core/settingsStore.node.ts';
import { MemorySecretStore } from '../../../main/core/secretStore.node.ts';
import { ProviderRegistry } from '../../../main/providers/registry.node.ts';
import { startBridge, type Bridge } from '../../../main/bridge/wsBridge.node.ts';
import { tempDir } from '../../helpers/cache.ts';
import { until } from '../chatapp/harness.ts';

/**
 * Random and mutated input through every real entry point of one core: the webhook sinks
 * (over HTTP), the socket providers' connections (through their simulators' servers), the
 * bridge and the static server. The core must answer every request afterwards, quarantine
 * what it refused with a reason, and never throw: vitest fails the run on an unhandled error.
 * Bounded: a few dozen runs per property (the chaos script runs longer ones).
 */
const RUNS = Number(process.env.SWITCHBOARD_FUZZ_RUNS ?? 40);

/** A sample with a few of its values deleted, retyped, or replaced by random JSON. */
function mutated(samples: unknown[]): fc.Arbitrary<unknown> {
  const op = fc.record({
    at: fc.nat(),
    kind: fc.constantFrom('delete', 'replace', 'stringify', 'array'),
    value: fc.jsonValue({ maxDepth: 3 }),
  });
  return fc
    .tuple(fc.constantFrom(...samples), fc.array(op, { minLength: 1, maxLength: 4 }))
    .map(([sample, ops]) => {
      const copy = structuredClone(sample) as unknown;
      for (const { at, kind, value } of ops) {
        const holders: [Record<string, unknown> | unknown[], string | number][] = [];
        const walk = (node: unknown) => {
          if (node && typeof node === 'object')
            for (const key of Object.keys(node)) {
              holders.push([
                node as Record<string, unknown>,
                Array.isArray(node) ? Number(key) : key,
              ]);
              walk((node as Record<string, unknown>)[key]);
            }
        };
        walk(copy);
        if (!holders.length) continue;
        const [holder, key] = holders[at % holders.length]!;
        const target = holder as Record<string | number, unknown>;
        if (kind === 'delete') delete target[key];
        else if (kind === 'replace') target[key] = value;
        else if (kind === 'stringify') target[key] = JSON.stringify(target[key]);
        else target[key] = [target[key]];
      }
      return copy;
    });
}

const anyBody = (samples: unknown[]) =>
  fc.oneof(
    mutated(samples),
    fc.jsonValue({ maxDepth: 4 }),
    fc.string().map((s) => ({ raw: s })),
  );

let core: Core;
let bridge: Bridge;
const sims: { stop(): Promise<void> }[] = [];
const accounts: Record<string, string> = {};
let maytapi: MaytapiSimulator;
let chategy: ChategySimulator;
let chatapp: ChatAppSimulator;
let multiwa: MultiWaSimulator;

beforeAll(async () => {
  maytapi = await new MaytapiSimulator({ ackStepMs: 0 }).start();
  chategy = await new ChategySimulator({ sessions: { whatsapp: 0, tdlib: 3 }, stepMs: 0 }).start();
  chatapp = await new ChatAppSimulator({ statusStepMs: 0 }).start();
  multiwa = await new MultiWaSimulator({ protocols: ['socketio', 'raw'], ackStepMs: 0 }).start();
  sims.push(maytapi, chategy, chatapp, multiwa);
  const settings = new MemorySettingsStore();
  const registry = new ProviderRegistry()
    .register(maytapiPlugin)
    .register(chategyPlugin)
    .register(chatAppPlugin)
    .register(multiWaPlugin);
  core = Core.open({ dataDir: tempDir(), registry, settings, secrets: new MemorySecretStore() });
  await core.startAccounts();
  settings.set({
    webhook: {
      bindAddress: '127.0.0.1',
      port: core.webhooks.port!,
      publicBaseUrl: `http://127.0.0.1:${core.webhooks.port}`,
    },
  });
  const add = async (
    provider: 'maytapi' | 'chategy' | 'chatapp' | 'multiwa',
    config: Record<string, string>,
    secrets: Record<string, string>,
  ) => {
    const { id } = await core.call('accounts.add', { provider, label: provider, config, secrets });
    await until(() => core.connections.state(id).state === 'online', `${provider} online`, 20_000);
    accounts[provider] = id;
  };
  await add('maytapi', maytapi.accountConfig(), { apiKey: maytapi.options.apiKey });
  await add('chategy', chategy.accountConfig(), {
    token: chategy.token,
    idempotencyKey: chategy.options.idempotencyKey,
    developerKey: chategy.options.developerKey,
  });
  await add('chatapp', chatapp.accountConfig(), { password: chatapp.options.password });
  await add('multiwa', multiwa.accountConfig('auto'), { apiKey: multiwa.options.apiKey });
  await core.call('webhooks.register', { accountId: accounts.maytapi!, replaceForeign: false });
  await core.call('webhooks.register', { accountId: accounts.chategy!, replaceForeign: false });
  bridge = await startBridge({
    core,
    port: 0,
    token: 'fuzz-token-000000000000',
    staticDir: 'dist/renderer',
    allowedOrigins: [],
  });
}, 60_000);

afterAll(async () => {
  await bridge?.close();
  await core?.close();
  for (const sim of sims) await sim.stop();
});

/** The core still answers, and every quarantined item says why. */
async function stillServing(): Promise<void> {
  expect(await core.handle('accounts.list', {})).toMatchObject({ ok: true });
  for (const item of core.cache.quarantine.list(null))
    expect(item.reason.length).toBeGreaterThan(3);
}

async function post(url: string, body: unknown): Promise<number> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  await response.arrayBuffer();
  return response.status;
}

describe('fuzzing the webhook sinks', () => {
  it('Maytapi: random and mutated webhooks are answered 200 and never throw', async () => {
    const url = (await core.call('webhooks.info', { accountId: accounts.maytapi! })).publicUrl!;
    const samples = maytapiSeed.samples.filter((s) => s.route === 'webhook').map((s) => s.filled);
    await fc.assert(
      fc.asyncProperty(
        anyBody(samples),
        async (body) => void expect(await post(url, body)).toBe(200),
      ),
      { numRuns: RUNS },
    );
    await stillServing();
  });

  it('Chategy: random and mutated webhooks and callbacks are answered 200 and never throw', async () => {
    const url = (await core.call('webhooks.info', { accountId: accounts.chategy! })).publicUrl!;
    const samples = [
      ...chategyHooks.samples,
      { delivery: { id: 1, status: { status_id: 2, dispatch_routing: 'sms' } } },
    ];
    await fc.assert(
      fc.asyncProperty(
        anyBody(samples),
        async (body) => void expect(await post(url, body)).toBe(200),
      ),
      { numRuns: RUNS },
    );
    await stillServing();
  });
});

describe('fuzzing the socket connections', () => {
  it('ChatApp: random and mutated events on a line channel leave the connection online', async () => {
    const channel = 'private-v1.licenses.1229.messengers.telegram';
    const samples = [
      ...Object.values(chatappSeeds.seed000),
      ...Object.values(chatappSeeds.seed001),
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...LINE_EVENT_NAMES, 'typing', 'pusher:error'),
        anyBody(samples),
        async (event, body) => {
          await chatapp.publishRaw(channel, event, body);
        },
      ),
      { numRuns: RUNS },
    );
    chatapp.pusher.sendRaw(
      channel,
      '{"event":"message","channel":"' + channel + '","data":"{not json',
    );
    await chatapp.receive('1229:telegram', 'fuzz-marker', 'still here');
    await until(
      async () =>
        (
          await core.call('conversations.list', { accountId: accounts.chatapp!, limit: 500 })
        ).items.some((c) => c.providerChatId === 'fuzz-marker'),
      'a good event after the fuzz',
      20_000,
    );
    expect(core.connections.state(accounts.chatapp!).state).toBe('online');
    await stillServing();
  });

  it('MultiWA: random and mutated Socket.IO events and raw frames leave it serving', async () => {
    const samples = [
      ...Object.values(multiwaSeed.serverToClient),
      {
        type: 'message:received',
        message: { id: 'x', direction: 'incoming', timestamp: 1 },
        conversation: { id: 'c', jid: 'j@c.us' },
      },
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('message', 'message:ack', 'qr:update', 'connection:status'),
        anyBody(samples),
        fc.string({ maxLength: 200 }),
        async (event, body, raw) => {
          multiwa.emitSocketIo(event, body);
          multiwa.sendRawFrame('profile-sales', raw);
          multiwa.sendRawFrame('profile-sales', JSON.stringify(body));
        },
      ),
      { numRuns: RUNS },
    );
    multiwa.receive('profile-sales', '6285550000777@c.us', 'after the fuzz');
    await until(
      async () =>
        (
          await core.call('conversations.list', { accountId: accounts.multiwa!, limit: 500 })
        ).items.some((c) => c.providerChatId === '6285550000777@c.us'),
      'a good message after the fuzz',
      20_000,
    );
    await stillServing();
  });

  it('Chategy sign-in socket: random frames are quarantined, never thrown', async () => {
    const line = `${accounts.chategy!}/whatsapp`;
    await core.call('login.start', { lineId: line, method: 'qr' });
    await until(() => chategy.phoenix.connections > 0, 'the sign-in socket');
    const frame = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      fc
        .tuple(fc.jsonValue(), fc.jsonValue(), fc.string(), fc.string(), fc.jsonValue())
        .map((t) => JSON.stringify(t)),
    );
    await fc.assert(
      fc.asyncProperty(frame, async (text) => chategy.phoenix.sendRaw(text)),
      { numRuns: RUNS },
    );
    await core.call('login.cancel', { lineId: line });
    await stillServing();
  });
});

describe('fuzzing the bridge and the static server', () => {
  it('random frames from a client that holds the token are refused in words, and the client keeps its answers', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${bridge.port}/bridge?token=fuzz-token-000000000000`, {
      origin: `http://127.0.0.1:${bridge.port}`,
    });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const replies: unknown[] = [];
    ws.on('message', (data) => replies.push(JSON.parse(data.toString())));
    const frame = fc.oneof(
      fc.string({ maxLength: 500 }),
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
      fc
        .record({
          id: fc.oneof(fc.integer(), fc.string()),
          method: fc.string(),
          params: fc.jsonValue(),
        })
        .map((v) => JSON.stringify(v)),
    );
    await fc.assert(
      fc.asyncProperty(frame, async (text) => void ws.send(text)),
      { numRuns: RUNS * 3 },
    );
    ws.send(JSON.stringify({ id: 987654321, method: 'accounts.list', params: {} }));
    await until(
      () =>
        replies.some(
          (r) =>
            (r as { id?: unknown; ok?: boolean }).id === 987654321 &&
            (r as { ok?: boolean }).ok === true,
        ),
      'the answer to a good request after the noise',
    );
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
    await stillServing();
  });

  it('random paths to the static server get a status, never a crash', async () => {
    const get = (path: string) =>
      new Promise<number>((resolve) => {
        const req = http.request(
          { host: '127.0.0.1', port: bridge.port, path, method: 'GET' },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', () => resolve(-1));
        req.end();
      });
    const path = fc.oneof(
      fc.webPath(),
      fc.string({ maxLength: 100 }).map((s) => `/${encodeURIComponent(s).replace(/%2F/gi, '/')}`),
      fc.stringMatching(/^\/[%a-zA-Z0-9./_-]{0,60}$/),
    );
    await fc.assert(
      fc.asyncProperty(path, async (p) => {
        expect([200, 400, 401, 403, 404, 405]).toContain(
          await get(p.startsWith('/') ? p : `/${p}`),
        );
      }),
      { numRuns: RUNS * 2 },
    );
    await stillServing();
  });
});
