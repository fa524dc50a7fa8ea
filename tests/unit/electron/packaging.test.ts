import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface BuilderConfig {
  appId: string;
  electronFuses: Record<string, boolean>;
  linux: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
  mac: { target: string[]; icon: string };
  protocols: { schemes: string[] }[];
  asarUnpack: string[];
  files: string[];
  publish: { provider: string };
}
const builder = parse(fs.readFileSync('electron-builder.yml', 'utf8')) as BuilderConfig;

describe('the package', () => {
  it('sets every Electron fuse explicitly, with the dangerous ones off', () => {
    expect(builder.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('builds AppImage and deb, NSIS and dmg with the app id, icons that exist, and the switchboard:// scheme', () => {
    expect(builder.appId).toBe('online.switchboard.desktop');
    expect(builder.linux.target).toEqual(['AppImage', 'deb']);
    expect(builder.win.target).toEqual(['nsis']);
    expect(builder.mac.target).toEqual(['dmg']);
    for (const icon of [builder.linux.icon, builder.win.icon, builder.mac.icon])
      expect(fs.existsSync(icon), icon).toBe(true);
    expect(builder.protocols[0]!.schemes).toEqual(['switchboard']);
  });

  it('unpacks native modules and leaves better-sqlite3’s sources and build leftovers out', () => {
    expect(builder.asarUnpack).toContain('**/*.node');
    for (const pattern of [
      '!node_modules/better-sqlite3/deps/**',
      '!node_modules/better-sqlite3/src/**',
      '!node_modules/better-sqlite3/build/Release/obj/**',
    ]) {
      expect(builder.files).toContain(pattern);
    }
  });

  it('ships the tray icons with every count the tray can show', () => {
    for (const name of [
      'tray',
      ...Array.from({ length: 9 }, (_, i) => `tray-${i + 1}`),
      'tray-9plus',
      'overlay-unread',
      'icon',
    ]) {
      expect(fs.existsSync(`assets/${name}.png`), name).toBe(true);
    }
    expect(builder.files).toContain('assets/tray*.png');
  });

  it('has an update feed for electron-updater', () => {
    expect(builder.publish).toMatchObject({ provider: 'github' });
  });
});

describe('the renderer’s Content-Security-Policy', () => {
  const html = fs.readFileSync('renderer/index.html', 'utf8');
  const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
  const directives = Object.fromEntries(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values]),
  );

  it('runs only its own scripts, never inline or eval’d ones', () => {
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'none'"]);
    expect(csp).not.toContain('unsafe-eval');
  });

  it('connects only to itself and the local core', () => {
    for (const source of directives['connect-src']!)
      expect(source).toMatch(/^('self'|ws:\/\/127\.0\.0\.1:\*|ws:\/\/localhost:\*)$/);
  });
});
