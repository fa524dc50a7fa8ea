import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-prompt-'));
const showMessageBoxSync = vi.fn();
const backend = { name: 'basic_text' };
const safeStorage = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => backend.name,
  encryptString: (plain: string) => Buffer.from(plain).reverse(),
  decryptString: (data: Buffer) => Buffer.from(data).reverse().toString(),
};
vi.mock('electron', () => {
  const app = {
    getPath: () => userData,
    getVersion: () => '1.0.0',
    getName: () => 'Switchboard',
    on: () => undefined,
  };
  const mod = {
    app,
    ipcMain: { on: () => undefined, handle: () => undefined },
    shell: {},
    dialog: { showMessageBoxSync },
    safeStorage,
  };
  return { ...mod, default: mod };
});

const { openSecretStore } = await import('../../../main/electron/secrets.main.ts');

describe('the no-keyring warning', () => {
  beforeEach(() => {
    showMessageBoxSync.mockReset();
    fs.rmSync(path.join(userData, 'secrets.json'), { force: true });
    delete process.env.SWITCHBOARD_NO_SECRET_PROMPT;
    backend.name = 'basic_text';
  });

  // basic_text is the Linux backend without a keyring; elsewhere safeStorage always has the OS keychain.
  const linuxOnly = it.skipIf(process.platform !== 'linux');

  linuxOnly('says what storing without a keyring means, and remembers the choice', () => {
    showMessageBoxSync.mockReturnValue(1);
    const store = openSecretStore();
    expect(showMessageBoxSync).toHaveBeenCalledOnce();
    const options = showMessageBoxSync.mock.calls[0]![0] as {
      type: string;
      message: string;
      detail: string;
      buttons: string[];
      defaultId: number;
    };
    expect(options.type).toBe('warning');
    expect(options.message).toContain('no keyring');
    expect(options.detail).toContain('readable by anyone who can read your files');
    expect(options.buttons).toEqual(['Keep in memory only', 'Store them anyway']);
    expect(options.defaultId).toBe(0);
    expect(store.storage()).toEqual({ where: 'weak', choosable: true });
    // Asked once: the next start remembers.
    openSecretStore();
    expect(showMessageBoxSync).toHaveBeenCalledOnce();
  });

  linuxOnly(
    'keeps secrets in memory when the user says so, and never asks where the keychain works',
    () => {
      showMessageBoxSync.mockReturnValue(0);
      expect(openSecretStore().storage()).toEqual({ where: 'memory', choosable: true });
      fs.rmSync(path.join(userData, 'secrets.json'), { force: true });
      backend.name = 'gnome_libsecret';
      showMessageBoxSync.mockReset();
      expect(openSecretStore().storage()).toEqual({ where: 'keychain', choosable: false });
      expect(showMessageBoxSync).not.toHaveBeenCalled();
    },
  );

  linuxOnly('does not ask in unattended runs', () => {
    process.env.SWITCHBOARD_NO_SECRET_PROMPT = '1';
    expect(openSecretStore().storage()).toEqual({ where: 'memory', choosable: true });
    expect(showMessageBoxSync).not.toHaveBeenCalled();
  });
});
