import { afterEach, describe, expect, it, vi } from 'vitest';
import { Core } from '../../main/core/core.node.ts';
import { MemorySettingsStore } from '../../main/core/settingsStore.node.ts';
import { SafeSecretStore } from '../../main/electron/secretStore.main.ts';
import { tempDir } from '../helpers/cache.ts';

vi.mock('electron', () => ({}));

const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

/** A keyring-less Linux: safeStorage's basic_text backend (reversible, not plaintext). */
const basicText = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'basic_text',
  encryptString: (plain: string) => Buffer.from(plain).reverse(),
  decryptString: (data: Buffer) => Buffer.from(data).reverse().toString(),
};

describe('where account secrets are kept, through the contract', () => {
  it('is reported and, without a keyring, can be switched', async () => {
    const kv = new Map<string, unknown>();
    let allowed = false;
    const secrets = new SafeSecretStore(
      {
        get: (k) => kv.get(k),
        set: (k, v) => kv.set(k, v),
        delete: (k) => kv.delete(k),
        get store() {
          return Object.fromEntries(kv);
        },
      },
      basicText,
      () => allowed,
      'linux',
      (a) => (allowed = a),
    );
    const core = Core.open({
      dataDir: tempDir(),
      settings: new MemorySettingsStore(),
      secrets,
      electron: true,
    });
    cores.push(core);
    secrets.set('acc', { token: 'secret-token' });
    expect((await core.call('app.info', {})).secrets).toEqual({ where: 'memory', choosable: true });
    expect(await core.call('secrets.storeWithoutKeyring', { allow: true })).toEqual({
      where: 'weak',
      choosable: true,
    });
    expect(kv.has('secrets.acc')).toBe(true);
    expect(await core.call('secrets.storeWithoutKeyring', { allow: false })).toEqual({
      where: 'memory',
      choosable: true,
    });
    expect(kv.has('secrets.acc')).toBe(false);
  });

  it('is memory only in the headless core, with nothing to choose', async () => {
    const core = Core.open({ dataDir: tempDir(), settings: new MemorySettingsStore() });
    cores.push(core);
    expect((await core.call('app.info', {})).secrets).toEqual({
      where: 'memory',
      choosable: false,
    });
    expect(await core.handle('secrets.storeWithoutKeyring', { allow: true })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', words: { key: 'secrets.notChoosable' } },
    });
  });
});
