import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../../../main/core/core.node.ts';
import { JsonSettingsStore } from '../../../main/core/settingsStore.node.ts';
import { tempDir } from '../../helpers/cache.ts';

const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

const webhook = { bindAddress: '0.0.0.0', port: 48123, publicBaseUrl: 'https://hooks.example.com' };

function savedDir() {
  const dir = tempDir();
  const store = new JsonSettingsStore(path.join(dir, 'settings.json'));
  store.set({ webhook, language: 'ru', theme: 'dark' });
  return dir;
}

describe('a damaged settings.json', () => {
  it('keeps the webhook receiver’s address and the public URL when the file is cut short', () => {
    const dir = savedDir();
    const file = path.join(dir, 'settings.json');
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, text.slice(0, Math.floor(text.length * 0.6)));
    const store = new JsonSettingsStore(file);
    expect(store.get().webhook).toEqual(webhook);
    expect(store.get().language).toBe('ru');
    expect(store.damage).toMatchObject({ keptAt: expect.stringContaining('settings.damaged-') });
    expect(fs.existsSync(store.damage!.keptAt)).toBe(true);
  });

  it('keeps every field that is still valid when one is not', () => {
    const dir = savedDir();
    const file = path.join(dir, 'settings.json');
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    fs.rmSync(`${file}.bak`, { force: true });
    fs.writeFileSync(file, JSON.stringify({ ...saved, theme: 'neon', notifications: 'loud' }));
    const store = new JsonSettingsStore(file);
    expect(store.get().webhook).toEqual(webhook);
    expect(store.get().language).toBe('ru');
    expect(store.get().theme).toBe('system');
    expect(store.damage?.reset).toEqual(expect.arrayContaining(['theme', 'notifications']));
  });

  it('is told to the user, and the webhook receiver listens where it did', async () => {
    const dir = tempDir();
    const first = Core.open({ dataDir: dir });
    cores.push(first);
    const free = 40_000 + Math.floor(Math.random() * 20_000);
    await first.call('settings.set', {
      webhook: { bindAddress: '127.0.0.1', port: free, publicBaseUrl: 'https://hooks.example.com' },
    });
    await first.close();
    const file = path.join(dir, 'settings.json');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').slice(0, 40));
    const core = Core.open({ dataDir: dir });
    cores.push(core);
    await core.startAccounts();
    expect(core.webhooks.port).toBe(free);
    const info = await core.call('app.info', {});
    expect(info.problems).toEqual([
      expect.objectContaining({
        code: 'storage',
        words: expect.objectContaining({ key: 'settings.damaged' }),
      }),
    ]);
  });
});
