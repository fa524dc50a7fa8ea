/**
 * `npm run chaos`: what Switchboard loses when things die, measured.
 *
 *  1. kill -9 during ingest, ×10: webhooks answered 200 against rows stored.
 *  2. provider restarts during a stream, ×10 for each provider: lost, duplicated, and the
 *     time from the provider being back to the connection being online again.
 *  3. 200 sends made while the provider is offline, with the core killed twice meanwhile:
 *     each delivered once, in order, once the provider is back.
 *
 * Every provider is its simulator speaking its wire protocol; the core is the real one (in a
 * child process where it is killed). Prints a table and exits non-zero if anything is lost.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import WebSocket from 'ws';
import { Core } from '../../main/core/core.node.ts';
import { MemorySettingsStore } from '../../main/core/settingsStore.node.ts';
import { MemorySecretStore } from '../../main/core/secretStore.node.ts';
import { createRegistry } from '../../main/providers/builtins.node.ts';
import { ChatAppSimulator } from '../../main/providers/chatapp/simulator/simulator.node.ts';
import { MultiWaSimulator } from '../../main/providers/multiwa/simulator/simulator.node.ts';
import { MaytapiSimulator } from '../../main/providers/maytapi/simulator/simulator.node.ts';
import { ChategySimulator } from '../../main/providers/chategy/simulator/simulator.node.ts';

const ROUNDS = Number(process.env.CHAOS_ROUNDS ?? 10);
const OFFLINE_SENDS = Number(process.env.CHAOS_SENDS ?? 200);
const print = (line = '') => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-chaos-'));

async function until<T>(
  probe: () => T | Promise<T>,
  what: string,
  timeoutMs = 30_000,
): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

// ── the core in a child process, driven over the bridge ───────────────────────────────

interface Child {
  process: ChildProcess;
  call(method: string, params?: unknown): Promise<unknown>;
  kill(): Promise<void>;
}

async function startChild(dataDir: string, webhookPort: number): Promise<Child> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(import.meta.dirname, 'coreChild.node.ts'),
      dataDir,
      String(webhookPort),
    ],
    {
      env: { ...process.env, SWITCHBOARD_QUIET: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const line = buffer.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { port: number }).port);
    });
    child.once('exit', (code) =>
      reject(new Error(`the core exited (${code}) before it was ready`)),
    );
  });
  const ws = new WebSocket(`ws://127.0.0.1:${port}/bridge?token=chaos-token-0000000000`, {
    origin: `http://127.0.0.1:${port}`,
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  ws.on('error', () => undefined);
  let next = 1;
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as {
      id?: number;
      ok?: boolean;
      result?: unknown;
      error?: { message: string };
    };
    if (frame.id === undefined) return;
    const w = waiting.get(frame.id);
    waiting.delete(frame.id);
    if (frame.ok) w?.resolve(frame.result);
    else w?.reject(new Error(frame.error?.message ?? 'refused'));
  });
  ws.on('close', () => {
    for (const w of waiting.values()) w.reject(new Error('the core went away'));
    waiting.clear();
  });
  return {
    process: child,
    call: (method, params = {}) =>
      new Promise((resolve, reject) => {
        const id = next++;
        waiting.set(id, { resolve, reject });
        ws.send(JSON.stringify({ id, method, params }));
      }),
    kill: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

async function onlineOf(child: Child, accountId: string): Promise<boolean> {
  const { accounts } = (await child.call('accounts.list')) as {
    accounts: { id: string; connection: { state: string } }[];
  };
  return accounts.find((a) => a.id === accountId)?.connection.state === 'online';
}

/** The stored texts with a prefix, read straight from the cache file once the core is gone. */
function storedTexts(dataDir: string, prefix: string): string[] {
  const db = new Sqlite(path.join(dataDir, 'switchboard.sqlite'), { readonly: true });
  try {
    return db
      .prepare('SELECT text FROM messages WHERE text LIKE ? ORDER BY id')
      .pluck()
      .all(`${prefix}%`) as string[];
  } finally {
    db.close();
  }
}

// ── 1. kill -9 during ingest ─────────────────────────────────────────────────────────

async function killDuringIngest(): Promise<{
  answered: number;
  stored: number;
  lost: number;
  duplicated: number;
}> {
  const sim = await new MaytapiSimulator({ ackStepMs: 0 }).start();
  const dataDir = tmp();
  const webhookPort = await freePort();
  let child = await startChild(dataDir, webhookPort);
  const { id } = (await child.call('accounts.add', {
    provider: 'maytapi',
    label: 'Chaos',
    config: sim.accountConfig(),
    secrets: { apiKey: sim.options.apiKey },
  })) as { id: string };
  await until(() => onlineOf(child, id), 'Maytapi online');
  await child.call('webhooks.register', { accountId: id, replaceForeign: false });
  const answered = new Set<number>();
  const pending = new Set<number>();
  let n = 0;
  const body = (i: number) => ({
    product_id: sim.options.productId,
    phone_id: '10101',
    type: 'message',
    message: {
      id: `false_90555${String(i % 50).padStart(7, '0')}@c.us_CHAOS${i}`,
      type: 'text',
      text: `kill9 ${i}`,
      fromMe: false,
    },
    user: { id: `90555${String(i % 50).padStart(7, '0')}@c.us`, name: `Customer ${i % 50}` },
    conversation: `90555${String(i % 50).padStart(7, '0')}@c.us`,
    timestamp: Math.floor(Date.now() / 1000),
  });
  const deliver = async (i: number) => {
    const status = await sim.post(body(i)).then(
      (d) => d.status,
      () => 0,
    );
    if (status === 200) {
      answered.add(i);
      pending.delete(i);
    } else pending.add(i);
  };
  for (let round = 0; round < ROUNDS; round++) {
    let stop = false;
    const workers = Array.from({ length: 6 }, async () => {
      while (!stop) await deliver(n++);
    });
    await sleep(150 + Math.random() * 400);
    await child.kill();
    stop = true;
    await Promise.all(workers);
    child = await startChild(dataDir, webhookPort);
  }
  // As Maytapi does: what was not answered 200 is sent again, with the same ids.
  for (const i of [...pending]) await deliver(i);
  await sleep(300);
  await child.kill();
  await sim.stop();
  const texts = storedTexts(dataDir, 'kill9 ');
  const distinct = new Set(texts);
  const lost = [...answered].filter((i) => !distinct.has(`kill9 ${i}`)).length;
  return {
    answered: answered.size,
    stored: distinct.size,
    lost,
    duplicated: texts.length - distinct.size,
  };
}

// ── 2. provider restarts during a stream ─────────────────────────────────────────────

interface RestartFigures {
  provider: string;
  sent: number;
  lost: number;
  duplicated: number;
  reconnectMs: number[];
}

async function providerRestarts(): Promise<RestartFigures[]> {
  const results: RestartFigures[] = [];
  const core = Core.open({
    dataDir: tmp(),
    registry: createRegistry(),
    settings: new MemorySettingsStore(),
    secrets: new MemorySecretStore(),
  });
  await core.startAccounts();
  core.settings.set({
    webhook: {
      bindAddress: '127.0.0.1',
      port: core.webhooks.port!,
      publicBaseUrl: `http://127.0.0.1:${core.webhooks.port}`,
    },
  });
  const online = (id: string) => core.connections.state(id).state === 'online';
  const texts = (accountId: string, prefix: string) => {
    core.queue.flushNow();
    return core.cache.db
      .prepare(
        'SELECT m.text FROM messages m JOIN conversations c ON c.id = m.conversation_id JOIN lines l ON l.id = c.line_id WHERE l.account_id = ? AND m.text LIKE ?',
      )
      .pluck()
      .all(accountId, `${prefix}%`) as string[];
  };
  const settle = async (accountId: string, prefix: string, expected: number) => {
    await until(
      () => new Set(texts(accountId, prefix)).size >= expected,
      `${prefix} all stored`,
      60_000,
    ).catch(() => undefined);
    const all = texts(accountId, prefix);
    const distinct = new Set(all);
    return { lost: expected - distinct.size, duplicated: all.length - distinct.size };
  };

  // Socket providers: the simulator's server goes away and comes back on the same port;
  // what is written meanwhile stays in its history, for the gap-fill.
  const only = process.env.CHAOS_ONLY?.split(',');
  for (const kind of (['chatapp', 'multiwa'] as const).filter((k) => !only || only.includes(k))) {
    const port = await freePort();
    const sim =
      kind === 'chatapp'
        ? await new ChatAppSimulator({ statusStepMs: 0 }).start(port)
        : await new MultiWaSimulator({ protocols: ['socketio'], ackStepMs: 0 }).start(port);
    const config =
      sim instanceof ChatAppSimulator ? sim.accountConfig() : sim.accountConfig('socketio');
    const secrets: Record<string, string> =
      sim instanceof ChatAppSimulator
        ? { password: sim.options.password }
        : { apiKey: sim.options.apiKey };
    const { id } = await core.call('accounts.add', {
      provider: kind,
      label: kind,
      config,
      secrets,
    });
    await until(() => online(id), `${kind} online`);
    let up = true;
    let n = 0;
    let stop = false;
    const write = async (i: number) => {
      const chat = `restart-${i % 20}`;
      if (sim instanceof ChatAppSimulator)
        await sim
          .receive('1229:telegram', chat, `${kind} ${i}`, { live: up })
          .catch(() => undefined);
      else
        sim.receive(
          'profile-sales',
          `62855${String(i % 20).padStart(7, '0')}@c.us`,
          `${kind} ${i}`,
          { live: up },
        );
    };
    const stream = (async () => {
      while (!stop) {
        await write(n++);
        await sleep(15);
      }
    })();
    const reconnectMs: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await sleep(200);
      up = false;
      await sim.stop();
      await until(() => !online(id), `${kind} noticed the drop`, 15_000).catch(() => undefined);
      await sleep(300);
      await sim.start(port);
      up = true;
      const back = Date.now();
      await until(() => online(id), `${kind} back online`, 30_000);
      reconnectMs.push(Date.now() - back);
    }
    stop = true;
    await stream;
    const figures = await settle(id, `${kind} `, n);
    results.push({ provider: kind, sent: n, ...figures, reconnectMs });
    await core.call('accounts.remove', { id });
    await sim.stop();
  }

  // Webhook providers: while the provider is down it delivers nothing; when it is back it
  // sends what was not answered 200, as both retry. The account's own connection is REST.
  for (const kind of (['maytapi', 'chategy'] as const).filter((k) => !only || only.includes(k))) {
    const sim =
      kind === 'maytapi'
        ? await new MaytapiSimulator({ ackStepMs: 0 }).start()
        : await new ChategySimulator({ sessions: { whatsapp: 1 }, stepMs: 0 }).start();
    const config = sim.accountConfig();
    const secrets: Record<string, string> =
      sim instanceof MaytapiSimulator
        ? { apiKey: sim.options.apiKey }
        : {
            token: sim.token,
            idempotencyKey: sim.options.idempotencyKey,
            developerKey: sim.options.developerKey,
          };
    const { id } = await core.call('accounts.add', {
      provider: kind,
      label: kind,
      config,
      secrets,
    });
    await until(() => online(id), `${kind} online`);
    await core.call('webhooks.register', { accountId: id, replaceForeign: false });
    const post = (i: number) => {
      const chat = `99555500${String(i % 20).padStart(4, '0')}`;
      if (sim instanceof MaytapiSimulator) {
        return sim.post({
          product_id: sim.options.productId,
          phone_id: '10101',
          type: 'message',
          message: {
            id: `false_${chat}@c.us_R${i}`,
            type: 'text',
            text: `${kind} ${i}`,
            fromMe: false,
          },
          user: { id: `${chat}@c.us` },
          conversation: `${chat}@c.us`,
          timestamp: Math.floor(Date.now() / 1000),
        });
      }
      return sim.post('whatsapp_incoming_msg', {
        ...sim.instance(),
        new_message: {
          message: {
            id: `false_${chat}@c.us_R${i}`,
            timestamp: Math.floor(Date.now() / 1000),
            type: 'text',
            text: `${kind} ${i}`,
          },
          direction: 'incoming',
          sender_id: `${chat}@c.us`,
          chat_id: `${chat}@c.us`,
          chat_phone: chat,
        },
        delivery_id: null,
      });
    };
    let up = true;
    let n = 0;
    const backlog: number[] = [];
    let stop = false;
    const stream = (async () => {
      while (!stop) {
        const i = n++;
        if (up) await post(i).catch(() => backlog.push(i));
        else backlog.push(i);
        await sleep(15);
      }
    })();
    const reconnectMs: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await sleep(200);
      up = false;
      await sleep(300);
      up = true;
      const back = Date.now();
      for (const i of backlog.splice(0)) await post(i).catch(() => backlog.push(i));
      reconnectMs.push(Date.now() - back);
    }
    stop = true;
    await stream;
    const figures = await settle(id, `${kind} `, n);
    results.push({ provider: kind, sent: n, ...figures, reconnectMs });
    await core.call('accounts.remove', { id });
    await sim.stop();
  }
  await core.close();
  return results;
}

// ── 3. offline sends with kills ──────────────────────────────────────────────────────

async function offlineSends(): Promise<{
  sent: number;
  delivered: number;
  duplicated: number;
  inOrder: boolean;
}> {
  const port = await freePort();
  const sim = await new MultiWaSimulator({ protocols: ['socketio'], ackStepMs: 0 }).start(port);
  const dataDir = tmp();
  const webhookPort = await freePort();
  let child = await startChild(dataDir, webhookPort);
  const { id } = (await child.call('accounts.add', {
    provider: 'multiwa',
    label: 'Offline',
    config: sim.accountConfig('socketio'),
    secrets: { apiKey: sim.options.apiKey },
  })) as { id: string };
  await until(() => onlineOf(child, id), 'MultiWA online');
  const jid = '6285550001234@c.us';
  sim.receive('profile-sales', jid, 'before going offline');
  const conversationId = await until(async () => {
    const { items } = (await child.call('conversations.list', { accountId: id, limit: 50 })) as {
      items: { id: number; providerChatId: string }[];
    };
    return items.find((c) => c.providerChatId === jid)?.id;
  }, 'the chat');
  await sim.stop();
  const kills = new Set([Math.floor(OFFLINE_SENDS * 0.35), Math.floor(OFFLINE_SENDS * 0.7)]);
  for (let i = 0; i < OFFLINE_SENDS; i++) {
    if (kills.has(i)) {
      await child.kill();
      child = await startChild(dataDir, webhookPort);
    }
    await child.call('messages.send', {
      conversationId,
      clientRef: `offline-send-${String(i).padStart(5, '0')}`,
      text: `offline ${i}`,
    });
  }
  await sim.start(port);
  const outgoing = () =>
    [...sim.state.messages.values()]
      .flat()
      .filter(
        (m) => m.direction === 'outgoing' && String(m.content.text ?? '').startsWith('offline '),
      );
  await until(
    () => new Set(outgoing().map((m) => m.content.text)).size >= OFFLINE_SENDS,
    'every offline send delivered',
    120_000,
  ).catch(() => undefined);
  const texts = outgoing().map((m) => String(m.content.text));
  const order = texts.map((t) => Number(t.split(' ')[1]));
  await child.kill();
  await sim.stop();
  return {
    sent: OFFLINE_SENDS,
    delivered: new Set(texts).size,
    duplicated: texts.length - new Set(texts).size,
    inOrder: order.every((v, i) => i === 0 || v > order[i - 1]!),
  };
}

// ── the report ───────────────────────────────────────────────────────────────────────

const started = Date.now();
print(
  `Switchboard chaos: ${ROUNDS} rounds each, node ${process.version}, ${os.cpus().length} cores`,
);
print();
const kill = await killDuringIngest();
print(`kill -9 during ingest ×${ROUNDS} (Maytapi webhooks, core in a child process)`);
print(
  `  answered 200: ${kill.answered}   stored: ${kill.stored}   lost after 200: ${kill.lost}   duplicated: ${kill.duplicated}`,
);
print();
const restarts = await providerRestarts();
print(`provider restarts during a stream ×${ROUNDS}`);
print(
  `  ${'provider'.padEnd(9)} ${'messages'.padStart(8)} ${'lost'.padStart(5)} ${'dup'.padStart(4)}   back online after the provider returns (median / worst)`,
);
for (const r of restarts) {
  const sorted = [...r.reconnectMs].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const worst = sorted.at(-1) ?? 0;
  const socket = r.provider === 'chatapp' || r.provider === 'multiwa';
  print(
    `  ${r.provider.padEnd(9)} ${String(r.sent).padStart(8)} ${String(r.lost).padStart(5)} ${String(r.duplicated).padStart(4)}   ${socket ? `${median} ms / ${worst} ms` : `webhooks: the backlog is applied in ${median} ms / ${worst} ms`}`,
  );
}
print();
const offline = await offlineSends();
print(`${offline.sent} sends while MultiWA is offline, the core killed twice meanwhile`);
print(
  `  delivered: ${offline.delivered}/${offline.sent}   duplicated: ${offline.duplicated}   in order: ${offline.inOrder ? 'yes' : 'no'}`,
);
print();
print(`took ${((Date.now() - started) / 1000).toFixed(0)} s`);
const bad =
  kill.lost > 0 ||
  kill.duplicated > 0 ||
  restarts.some((r) => r.lost > 0 || r.duplicated > 0) ||
  offline.delivered < offline.sent ||
  offline.duplicated > 0 ||
  !offline.inOrder;
process.exit(bad ? 1 : 0);
