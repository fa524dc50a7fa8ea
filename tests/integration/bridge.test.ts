import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Core } from '../../main/core/core.node.ts';
import { startBridge, type Bridge } from '../../main/bridge/wsBridge.node.ts';
import { MemorySettingsStore } from '../../main/core/settingsStore.node.ts';
import { lineIdOf } from '../../main/db/accountsRepo.node.ts';
import { tempDir } from '../helpers/cache.ts';

const open: { core: Core; bridge: Bridge }[] = [];
afterEach(async () => {
  for (const { core, bridge } of open.splice(0)) {
    await bridge.close();
    await core.close();
  }
});

async function start() {
  const core = Core.open({ dataDir: tempDir(), settings: new MemorySettingsStore() });
  const bridge = await startBridge({ core, port: 0, token: 'correct-horse-battery' });
  open.push({ core, bridge });
  return { core, bridge };
}

/** Resolves with the HTTP status of a refused upgrade, or 101 when the socket opened. */
function connectStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(-1));
  });
}

function client(url: string) {
  const ws = new WebSocket(url);
  const frames: unknown[] = [];
  ws.on('message', (data) => frames.push(JSON.parse(data.toString())));
  const opened = new Promise<void>((resolve, reject) => {
    ws.on('open', () => resolve());
    ws.on('error', reject);
  });
  const next = async (match: (f: Record<string, unknown>) => boolean) => {
    for (let i = 0; i < 300; i++) {
      const found = frames.find((f) => match(f as Record<string, unknown>));
      if (found) return found as Record<string, unknown>;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('no matching frame');
  };
  return { ws, opened, next };
}

describe('the WebSocket bridge', () => {
  it('refuses a missing or wrong token, and a foreign page origin even with the right token', async () => {
    const { bridge } = await start();
    const base = `ws://127.0.0.1:${bridge.port}/bridge`;
    expect(await connectStatus(base)).toBe(401);
    expect(await connectStatus(`${base}?token=wrong`)).toBe(401);
    expect(
      await connectStatus(`${base}?token=correct-horse-battery`, {
        Origin: 'https://evil.example',
      }),
    ).toBe(403);
    expect(
      await connectStatus(`${base}?token=correct-horse-battery`, {
        Origin: `http://127.0.0.1:${bridge.port}`,
      }),
    ).toBe(101);
    expect(
      await connectStatus(`ws://127.0.0.1:${bridge.port}/other?token=correct-horse-battery`),
    ).toBe(404);
  });

  it('serves requests, answers malformed frames with a typed error, and pushes events', async () => {
    const { core, bridge } = await start();
    const c = client(`ws://127.0.0.1:${bridge.port}/bridge?token=correct-horse-battery`);
    await c.opened;

    c.ws.send('{not json');
    expect(await c.next((f) => f.id === -1)).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
    c.ws.send(JSON.stringify({ id: 1, method: 'conversations.list', params: { limit: -1 } }));
    expect(await c.next((f) => f.id === 1)).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });

    core.cache.accounts.add({
      id: 'a1',
      provider: 'chatapp',
      label: 'Shop',
      config: {},
      demo: false,
      createdAt: 1,
    });
    core.cache.accounts.upsertLine('a1', { providerLineId: 'L', messenger: 'telegram' });
    core.ingest({
      kind: 'message',
      line: lineIdOf('a1', 'L'),
      chat: { id: 'c', title: 'Olga' },
      message: {
        ids: { provider: 'p1' },
        direction: 'in',
        origin: 'contact',
        type: 'text',
        text: 'Привет!',
        time: Date.now(),
      },
    });
    const pushed = await c.next((f) => f.event === 'messages.upserted');
    expect(pushed).toMatchObject({ payload: { messages: [{ text: 'Привет!' }] } });

    c.ws.send(JSON.stringify({ id: 2, method: 'conversations.list', params: { limit: 5 } }));
    expect(await c.next((f) => f.id === 2)).toMatchObject({
      ok: true,
      result: { items: [{ title: 'Olga', unread: 1 }] },
    });
    c.ws.close();
  });
});

describe('local media over the bridge', () => {
  it('serves a copied file by name with the token, inline for pictures and as a download otherwise', async () => {
    const { core, bridge } = await start();
    const fs = await import('node:fs');
    const path = await import('node:path');
    fs.mkdirSync(core.media.dir, { recursive: true });
    fs.writeFileSync(path.join(core.media.dir, '12-photo.jpg'), Buffer.from([0xff, 0xd8, 0xff]));
    fs.writeFileSync(path.join(core.media.dir, '13-page.html'), '<script>alert(1)</script>');
    fs.writeFileSync(path.join(path.dirname(core.media.dir), 'secret.txt'), 'no');
    const base = `http://127.0.0.1:${bridge.port}/media/`;
    const photo = await fetch(`${base}12-photo.jpg?token=correct-horse-battery`);
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    expect(photo.headers.get('content-disposition')).toMatch(/^inline/);
    expect([...new Uint8Array(await photo.arrayBuffer())]).toEqual([0xff, 0xd8, 0xff]);
    const page = await fetch(`${base}13-page.html?token=correct-horse-battery`);
    expect(page.headers.get('content-type')).toBe('application/octet-stream');
    expect(page.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await fetch(`${base}12-photo.jpg`)).status).toBe(401);
    expect((await fetch(`${base}12-photo.jpg?token=wrong`)).status).toBe(401);
    for (const name of [
      '..%2Fsecret.txt',
      '%2e%2e%2fsecret.txt',
      '.hidden',
      'missing.jpg',
      '%E0%A4%A',
    ]) {
      expect((await fetch(`${base}${name}?token=correct-horse-battery`)).status, name).toBe(404);
    }
  });

  it('serves a file we sent from outgoing/, but never an upload still waiting for its send', async () => {
    const { core, bridge } = await start();
    const fs = await import('node:fs');
    const path = await import('node:path');
    const outgoing = path.join(path.dirname(core.media.dir), 'outgoing');
    fs.mkdirSync(path.join(outgoing, 'uploads'), { recursive: true });
    fs.writeFileSync(path.join(outgoing, 'client-ref-1-invoice.pdf'), '%PDF');
    fs.writeFileSync(path.join(outgoing, 'uploads', 'u1'), 'waiting');
    const base = `http://127.0.0.1:${bridge.port}/media/`;
    const sent = await fetch(`${base}client-ref-1-invoice.pdf?token=correct-horse-battery`);
    expect(sent.status).toBe(200);
    expect(await sent.text()).toBe('%PDF');
    expect(sent.headers.get('content-disposition')).toMatch(/^attachment/);
    for (const name of ['uploads%2Fu1', 'u1', 'uploads'])
      expect((await fetch(`${base}${name}?token=correct-horse-battery`)).status, name).toBe(404);
  });
});
