import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Core } from '../../main/core/core.node.ts';
import { startBridge, MAX_FRAME, type Bridge } from '../../main/bridge/wsBridge.node.ts';
import { MemorySettingsStore } from '../../main/core/settingsStore.node.ts';
import { ProviderRegistry } from '../../main/providers/registry.node.ts';
import { RecordingPlugin } from '../helpers/recordingPlugin.ts';
import { tempDir } from '../helpers/cache.ts';

/** Files reach a send by `POST /upload`, never in a WebSocket frame; frames are small. */
const open: { core: Core; bridge: Bridge }[] = [];
afterEach(async () => {
  for (const { core, bridge } of open.splice(0)) {
    await bridge.close();
    await core.close();
  }
});

const TOKEN = 'correct-horse-battery-staple';

async function start() {
  const plugin = new RecordingPlugin();
  const core = Core.open({
    dataDir: tempDir(),
    registry: new ProviderRegistry().register(plugin),
    settings: new MemorySettingsStore(),
  });
  const bridge = await startBridge({ core, port: 0, token: TOKEN });
  open.push({ core, bridge });
  const account = await core.call('accounts.add', {
    provider: 'multiwa',
    label: 'Shop',
    config: {},
    secrets: { apiKey: 'good-key' },
  });
  await expect.poll(() => core.connections.state(account.id).state).toBe('online');
  plugin.context!.emit({ kind: 'conversation', line: 'line-1', chat: { id: 'c1', title: 'Bob' } });
  await core.queue.flushed();
  const conversationId = (await core.call('conversations.list', { limit: 1 })).items[0]!.id;
  return { core, bridge, plugin, conversationId };
}

const upload = (bridge: Bridge, body: Uint8Array, token = TOKEN) =>
  fetch(`http://127.0.0.1:${bridge.port}/upload`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: new Blob([body as Uint8Array<ArrayBuffer>]),
  });

describe('uploads beside the bridge', () => {
  it('takes a file by HTTP and sends it by its id, byte for byte', async () => {
    const { core, bridge, plugin, conversationId } = await start();
    const bytes = new Uint8Array(3 * 1024 * 1024).map((_, i) => i % 251);
    const response = await upload(bridge, bytes);
    expect(response.status).toBe(200);
    const { uploadId } = (await response.json()) as { uploadId: string };
    await core.call('messages.send', {
      conversationId,
      clientRef: 'upload-send-0001',
      text: 'the catalogue',
      attachment: {
        fileName: 'catalogue.pdf',
        mime: 'application/pdf',
        size: bytes.length,
        uploadId,
      },
    });
    await expect.poll(() => plugin.sent.length).toBe(1);
    expect(Buffer.from(plugin.sent[0]!.attachment!.data).equals(Buffer.from(bytes))).toBe(true);
    // The upload was moved into the outbox's own copy, not left behind.
    expect(fs.readdirSync(`${core.options.dataDir}/outgoing/uploads`)).toEqual([]);
  });

  it('refuses an upload without the token, one over the limit, and a send naming an upload that is gone', async () => {
    const { core, bridge, conversationId } = await start();
    expect((await upload(bridge, new Uint8Array(10), 'wrong')).status).toBe(401);
    const huge = await fetch(`http://127.0.0.1:${bridge.port}/upload`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-length': String(200 * 1024 * 1024) },
      body: new Uint8Array(10),
      duplex: 'half',
    } as RequestInit).catch(() => undefined);
    expect(huge?.status ?? 413).toBe(413);
    const reply = await core.handle('messages.send', {
      conversationId,
      clientRef: 'upload-send-0002',
      attachment: {
        fileName: 'a.pdf',
        mime: 'application/pdf',
        size: 1,
        uploadId: '00000000-0000-4000-8000-000000000000',
      },
    });
    expect(reply).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_request',
        message: 'The upload of “a.pdf” is no longer here. Attach the file again.',
      },
    });
  });

  it('closes a socket that sends a frame over the limit, and the core keeps answering others', async () => {
    const { core, bridge } = await start();
    const ws = new WebSocket(`ws://127.0.0.1:${bridge.port}/bridge?token=${TOKEN}`);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.on('error', () => undefined);
    ws.send(
      JSON.stringify({
        id: 1,
        method: 'messages.send',
        params: { text: 'x'.repeat(MAX_FRAME + 10) },
      }),
    );
    expect(await closed).toBe(1009);
    expect(await core.handle('accounts.list', {})).toMatchObject({ ok: true });
  });
});
