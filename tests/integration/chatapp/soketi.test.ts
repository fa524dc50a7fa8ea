import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import Pusher from 'pusher';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WA, startChatApp, until } from './harness.ts';

/**
 * The ChatApp client against soketi, a real Pusher-protocol server, instead of the
 * simulator's own socket. The simulator still serves REST and signs channels with the
 * app secret soketi knows; events are triggered through soketi's HTTP API, as a
 * ChatApp backend would.
 */
const APP = { id: 'chatapp-sim', key: 'ChatsAppApiProdKey', secret: 'soketi-secret' };
let soketi: ChildProcess;
let port = 0;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port: p } = server.address() as net.AddressInfo;
      server.close(() => resolve(p));
    });
  });
}

beforeAll(async () => {
  port = await freePort();
  soketi = spawn(
    process.execPath,
    [path.resolve('node_modules/@soketi/soketi/bin/server.js'), 'start'],
    {
      env: {
        ...process.env,
        SOKETI_PORT: String(port),
        SOKETI_HOST: '127.0.0.1',
        SOKETI_DEFAULT_APP_ID: APP.id,
        SOKETI_DEFAULT_APP_KEY: APP.key,
        SOKETI_DEFAULT_APP_SECRET: APP.secret,
        SOKETI_METRICS_ENABLED: 'false',
        AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
      },
      stdio: 'ignore',
    },
  );
  await until(
    async () => (await fetch(`http://127.0.0.1:${port}/`).catch(() => undefined))?.ok,
    'soketi to listen',
    30_000,
  );
}, 40_000);

afterAll(() => {
  soketi?.kill('SIGTERM');
});

describe('ChatApp over soketi', () => {
  it('authorizes private channels and receives ChatApp-shaped events triggered through the HTTP API', async () => {
    const api = new Pusher({
      appId: APP.id,
      key: APP.key,
      secret: APP.secret,
      host: '127.0.0.1',
      port: String(port),
      useTLS: false,
    });
    const env = await startChatApp(
      {
        appKey: APP.key,
        appSecret: APP.secret,
        statusStepMs: 20,
        publish: async (channel, event, data) => void (await api.trigger(channel, event, data)),
      },
      { host: '127.0.0.1', port },
    );
    try {
      const account = await env.addAccount();
      await env.online(account.id);
      const channel = 'private-v1.licenses.1229.messengers.grWhatsApp';
      await until(async () => {
        const res = await api.get({ path: `/channels/${channel}` });
        return ((await res.json()) as { occupied?: boolean }).occupied;
      }, 'the client on the channel');

      await env.sim.receive(WA, '79005550201@c.us', 'Hello via soketi', { name: 'Olga' });
      const conversation = await until(
        () => env.conversationOf(account.id, WA, '79005550201@c.us'),
        'message via soketi',
      );
      expect(conversation).toMatchObject({
        title: 'Olga',
        unread: 1,
        lastMessage: { text: 'Hello via soketi' },
      });

      const sent = await env.core.call('messages.send', {
        conversationId: conversation.id,
        clientRef: 'soketi-00001',
        text: 'Hi Olga',
      });
      await until(
        async () =>
          (await env.messages(conversation.id)).find((m) => m.id === sent.id)?.status?.tick ===
          'read',
        'read ticks via soketi',
      );
      expect(
        (await env.messages(conversation.id)).filter((m) => m.direction === 'out'),
      ).toHaveLength(1);
    } finally {
      await env.close();
    }
  }, 60_000);
});
