import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCoreProcess, type CoreProcess } from './coreProcess.ts';
import { BAD_FRAMES, rawBridgeSocket } from './rawFrames.ts';

let core: CoreProcess;
beforeAll(async () => {
  core = await startCoreProcess();
}, 60_000);
afterAll(() => core?.stop());

function get(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    // A raw path: `new URL` would re-encode the stray '%'.
    const req = http.request({ host: '127.0.0.1', port: core.port, path, method: 'GET' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the headless core under hostile input', () => {
  for (const [name, bytes] of Object.entries(BAD_FRAMES)) {
    it(`survives a bridge client that sends a frame with ${name}, and keeps answering`, async () => {
      const socket = await rawBridgeSocket(core.port, core.token);
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      socket.write(bytes);
      await closed;
      await new Promise((r) => setTimeout(r, 100));
      expect(core.alive()).toBe(true);
      expect(await core.request('accounts.list')).toMatchObject({ ok: true });
    });
  }

  it('answers a malformed percent-escape in a static path with 400, and keeps answering', async () => {
    expect(await get('/%')).toBe(400);
    expect(await get('/%E0%A4%A')).toBe(400);
    expect(await get('/media/%?token=x')).toBe(401);
    expect(core.alive()).toBe(true);
    expect(await get('/')).toBe(200);
    expect(await core.request('accounts.list')).toMatchObject({ ok: true });
  });
});
