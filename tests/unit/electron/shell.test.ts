import { beforeEach, describe, expect, it, vi } from 'vitest';
import { isTrustedSender } from '../../../main/electron/senderCheck.main.ts';
import { isSafeExternalUrl, secureWindowOptions } from '../../../main/electron/window.main.ts';

const exposed: Record<string, unknown> = {};
const invoke = vi.fn();
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: { invoke, on: vi.fn(), removeListener: vi.fn() },
}));

describe('the Electron shell', () => {
  it('opens its window with context isolation, sandbox, no Node and web security', () => {
    const prefs = secureWindowOptions('/app/dist/main/preload.cjs').webPreferences!;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(prefs.preload).toBe('/app/dist/main/preload.cjs');
  });

  it('trusts IPC only from its own renderer page', () => {
    const ours = 'file:///opt/Switchboard/resources/app.asar/dist/renderer/index.html';
    expect(isTrustedSender(ours, ours)).toBe(true);
    expect(isTrustedSender(`${ours}#/chat/4`, ours)).toBe(true);
    expect(isTrustedSender('file:///tmp/evil.html', ours)).toBe(false);
    expect(isTrustedSender('https://example.com/', ours)).toBe(false);
    expect(isTrustedSender(undefined, ours)).toBe(false);
    expect(isTrustedSender('http://127.0.0.1:5173/', 'http://127.0.0.1:5173/index.html')).toBe(
      true,
    );
    expect(isTrustedSender('http://127.0.0.1:5174/', 'http://127.0.0.1:5173/index.html')).toBe(
      false,
    );
  });

  it('opens only http(s) links externally', () => {
    expect(isSafeExternalUrl('https://shop.example/item?id=1')).toBe(true);
    expect(isSafeExternalUrl('http://example.com')).toBe(true);
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'ms-msdt:/id',
      'not a url',
    ]) {
      expect(isSafeExternalUrl(url)).toBe(false);
    }
  });

  describe('the preload', () => {
    beforeEach(async () => {
      invoke.mockReset();
      vi.resetModules();
      await import('../../../preload/preload.preload.ts');
    });

    it('exposes exactly invoke and onEvent', () => {
      expect(Object.keys(exposed.switchboard as object).sort()).toEqual(['invoke', 'onEvent']);
    });

    it('forwards contract methods and refuses anything else without touching IPC', async () => {
      const api = exposed.switchboard as { invoke(m: string, p: unknown): Promise<unknown> };
      invoke.mockResolvedValue({ ok: true, result: [] });
      await api.invoke('providers.list', {});
      expect(invoke).toHaveBeenCalledWith('switchboard:invoke', 'providers.list', {});
      expect(await api.invoke('shell.exec', { cmd: 'rm -rf /' })).toMatchObject({
        ok: false,
        error: { code: 'unknown_method' },
      });
      expect(await api.invoke('__proto__', {})).toMatchObject({ ok: false });
      expect(invoke).toHaveBeenCalledTimes(1);
    });
  });
});
