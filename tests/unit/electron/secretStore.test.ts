import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  SafeSecretStore,
  protectionOf,
  type SafeStorageLike,
} from '../../../main/electron/secretStore.main.ts';

const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-store-'));
vi.mock('electron', () => ({
  default: {
    app: {
      getPath: () => userData,
      getVersion: () => '1.0.0',
      getName: () => 'Switchboard',
      on: () => undefined,
    },
    ipcMain: { on: () => undefined, handle: () => undefined },
    shell: {},
  },
  app: {
    getPath: () => userData,
    getVersion: () => '1.0.0',
    getName: () => 'Switchboard',
    on: () => undefined,
  },
  ipcMain: { on: () => undefined, handle: () => undefined },
  shell: {},
}));

/** Stands in for the OS keychain: reversible, and visibly not plaintext. */
function fakeSafeStorage(
  backend = 'gnome_libsecret',
  available = true,
): SafeStorageLike & { encryptString: ReturnType<typeof vi.fn> } {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: vi.fn((plain: string) =>
      Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)),
    ),
    decryptString: (encrypted: Buffer) =>
      Buffer.from(encrypted.map((b) => b ^ 0x5a)).toString('utf8'),
  };
}

async function electronStore(name: string) {
  const { default: Store } = await import('electron-store');
  return new Store<Record<string, unknown>>({ name, cwd: userData });
}

describe('secrets in the Electron shell', () => {
  it('encrypts with safeStorage into electron-store: nothing readable on disk, read back after a restart', async () => {
    const safe = fakeSafeStorage();
    const store = new SafeSecretStore(await electronStore('secrets-a'), safe, () => false, 'linux');
    store.set('acc-1', { token: 'eyJ-very-secret-token', idempotencyKey: 'Z5F2idBj' });
    expect(safe.encryptString).toHaveBeenCalledTimes(1);
    const onDisk = fs.readFileSync(path.join(userData, 'secrets-a.json'), 'utf8');
    expect(onDisk).not.toContain('very-secret');
    expect(onDisk).not.toContain('Z5F2idBj');
    const restarted = new SafeSecretStore(
      await electronStore('secrets-a'),
      safe,
      () => false,
      'linux',
    );
    expect(restarted.persistent).toBe(true);
    expect(restarted.get('acc-1')).toEqual({
      token: 'eyJ-very-secret-token',
      idempotencyKey: 'Z5F2idBj',
    });
    restarted.delete('acc-1');
    expect(
      new SafeSecretStore(await electronStore('secrets-a'), safe, () => false, 'linux').get(
        'acc-1',
      ),
    ).toBeUndefined();
  });

  it('with the basic_text backend keeps secrets in memory only until the user opts in', async () => {
    const safe = fakeSafeStorage('basic_text');
    let optedIn = false;
    const kv = await electronStore('secrets-b');
    const store = new SafeSecretStore(kv, safe, () => optedIn, 'linux');
    expect(store.protection).toBe('basic_text');
    expect(store.persistent).toBe(false);
    store.set('acc-2', { apiKey: 'mt_key' });
    expect(store.get('acc-2')).toEqual({ apiKey: 'mt_key' });
    expect(kv.get('secrets.acc-2')).toBeUndefined();
    expect(safe.encryptString).not.toHaveBeenCalled();
    optedIn = true;
    store.set('acc-2', { apiKey: 'mt_key' });
    expect(typeof kv.get('secrets.acc-2')).toBe('string');
  });

  it('names the protection level: OS keychain, basic_text, or none', () => {
    expect(protectionOf(fakeSafeStorage('kwallet5'), 'linux')).toBe('os');
    expect(protectionOf(fakeSafeStorage('basic_text'), 'linux')).toBe('basic_text');
    expect(protectionOf(fakeSafeStorage('basic_text'), 'darwin')).toBe('os');
    expect(protectionOf(fakeSafeStorage('gnome_libsecret', false), 'linux')).toBe('none');
  });

  it('treats secrets it cannot decrypt (another OS user) as absent', async () => {
    const kv = await electronStore('secrets-c');
    kv.set('secrets.acc-3', Buffer.from('garbage').toString('base64'));
    const store = new SafeSecretStore(kv, fakeSafeStorage(), () => false, 'linux');
    expect(store.get('acc-3')).toBeUndefined();
  });

  it('lets the user change their mind about storing without a keyring, losing no sign-in either way', async () => {
    const safe = fakeSafeStorage('basic_text');
    const kv = await electronStore('secrets-d');
    let allowed = false;
    const open = () =>
      new SafeSecretStore(
        kv,
        safe,
        () => allowed,
        'linux',
        (allow) => (allowed = allow),
      );
    const store = open();
    expect(store.storage()).toEqual({ where: 'memory', choosable: true });
    store.set('acc-4', { password: 'hunter2-long' });
    expect(kv.get('secrets.acc-4')).toBeUndefined();

    store.setStoreWithoutKeyring(true);
    expect(store.storage()).toEqual({ where: 'weak', choosable: true });
    expect(fs.readFileSync(path.join(userData, 'secrets-d.json'), 'utf8')).not.toContain('hunter2');
    expect(open().get('acc-4')).toEqual({ password: 'hunter2-long' });

    // Back to memory only: gone from disk, still signed in for this run.
    const later = open();
    later.setStoreWithoutKeyring(false);
    expect(kv.get('secrets.acc-4')).toBeUndefined();
    expect(later.get('acc-4')).toEqual({ password: 'hunter2-long' });
    expect(later.storage()).toEqual({ where: 'memory', choosable: true });
  });

  it('offers no choice where the keychain works, or where there is no encryption at all', async () => {
    const kv = await electronStore('secrets-e');
    expect(
      new SafeSecretStore(kv, fakeSafeStorage('gnome_libsecret'), () => false, 'linux').storage(),
    ).toEqual({ where: 'keychain', choosable: false });
    expect(
      new SafeSecretStore(
        kv,
        fakeSafeStorage('gnome_libsecret', false),
        () => false,
        'linux',
      ).storage(),
    ).toEqual({ where: 'memory', choosable: false });
  });
});
