import { spawn } from 'node:child_process';
import readline from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Core } from '../../../main/core/core.node.ts';
import { MemorySettingsStore } from '../../../main/core/settingsStore.node.ts';
import { MaytapiSimulator } from '../../../main/providers/maytapi/simulator/simulator.node.ts';
import { tempDir } from '../../helpers/cache.ts';
import { until } from '../chatapp/harness.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A contract client over the headless core's bridge. */
function bridge(url: string) {
  const ws = new WebSocket(url);
  let id = 0;
  const waiting = new Map<
    number,
    (reply: { ok: boolean; result?: unknown; error?: unknown }) => void
  >();
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as { id?: number; ok: boolean };
    if (frame.id !== undefined) waiting.get(frame.id)?.(frame);
  });
  const opened = new Promise((resolve) => ws.on('open', resolve));
  return {
    async call(method: string, params: unknown): Promise<unknown> {
      await opened;
      const reply = await new Promise<{ ok: boolean; result?: unknown; error?: unknown }>(
        (resolve) => {
          waiting.set(++id, resolve);
          ws.send(JSON.stringify({ id, method, params }));
        },
      );
      if (!reply.ok) throw new Error(JSON.stringify(reply.error));
      return reply.result;
    },
    close: () => ws.close(),
  };
}

describe('webhook durability', () => {
  it('has the event in the store after the core is killed with SIGKILL right after answering 200', async () => {
    const sim = await new MaytapiSimulator().start();
    cleanups.push(() => sim.stop());
    const dataDir = tempDir();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'main/headless/cli.node.ts', '--data-dir', dataDir, '--port', '0'],
      {
        env: { ...process.env, SWITCHBOARD_QUIET: '1', SWITCHBOARD_TOKEN: 'durability-token' },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    cleanups.push(() => void child.kill('SIGKILL'));
    let port = 0;
    for await (const line of readline.createInterface({ input: child.stdout! })) {
      port = (JSON.parse(line) as { port: number }).port;
      break;
    }
    const client = bridge(`ws://127.0.0.1:${port}/bridge?token=durability-token`);
    cleanups.push(() => client.close());
    const account = (await client.call('accounts.add', {
      provider: 'maytapi',
      label: 'Hosted',
      config: sim.accountConfig(),
      secrets: { apiKey: sim.options.apiKey },
    })) as { id: string };
    await until(
      async () =>
        (
          (await client.call('accounts.list', {})) as {
            accounts: { connection: { state: string } }[];
          }
        ).accounts[0]?.connection.state === 'online',
      'online',
    );
    const info = (await client.call('webhooks.info', { accountId: account.id })) as {
      localUrl: string;
    };
    sim.webhook = info.localUrl;

    const delivery = await sim.receive('10101', '905550009999', 'Please keep this one');
    child.kill('SIGKILL');
    expect(delivery.status).toBe(200);
    await new Promise((resolve) => child.once('exit', resolve));

    const core = Core.open({ dataDir, settings: new MemorySettingsStore() });
    cleanups.push(() => core.close());
    const { items } = await core.call('conversations.list', { limit: 10 });
    expect(items).toMatchObject([
      { providerChatId: '905550009999@c.us', lastMessage: { text: 'Please keep this one' } },
    ]);
  }, 30_000);
});
