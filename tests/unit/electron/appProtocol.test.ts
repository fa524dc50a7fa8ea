import fs from 'node:fs';
import path from 'node:path';
import { mediaHeaders } from '../../../main/core/mediaFiles.node.ts';
import { tempDir } from '../../helpers/cache.ts';
import { describe, expect, it } from 'vitest';
import {
  RENDERER_URL,
  appResponseHeaders,
  contentTypeOf,
  resolveAppRequest,
} from '../../../main/electron/appProtocol.main.ts';
import { isTrustedSender } from '../../../main/electron/senderCheck.main.ts';
import { onWindowClose } from '../../../main/electron/closeToTray.main.ts';

const root = path.resolve('/opt/Switchboard/resources/app.asar/dist/renderer');

describe('the app:// scheme', () => {
  it('serves the renderer bundle', () => {
    expect(resolveAppRequest(RENDERER_URL, root)?.file).toBe(path.join(root, 'index.html'));
    expect(resolveAppRequest('app://switchboard/', root)?.file).toBe(path.join(root, 'index.html'));
    expect(resolveAppRequest('app://switchboard/assets/index-abc.js?v=1', root)).toEqual({
      file: path.join(root, 'assets/index-abc.js'),
      media: false,
    });
    expect(contentTypeOf('x/index-abc.js')).toBe('text/javascript; charset=utf-8');
  });

  it('sends the CSP as a header with the page and its assets, connecting nowhere', () => {
    const page = appResponseHeaders(resolveAppRequest(RENDERER_URL, root)!);
    expect(page['content-type']).toMatch(/^text\/html/);
    const csp = page['content-security-policy']!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self';");
    expect(csp).not.toMatch(/ws:/);
    expect(
      appResponseHeaders(resolveAppRequest('app://switchboard/assets/index-abc.js', root)!)[
        'content-security-policy'
      ],
    ).toBe(csp);
  });

  it('refuses other hosts, other schemes and escapes from the bundle', () => {
    for (const url of [
      'app://evil/index.html',
      'file:///etc/passwd',
      'app://switchboard/..%2f..%2fswitchboard.sqlite',
      'app://switchboard/%00index.html',
      'app://switchboard/%E0%A4%A',
    ]) {
      expect(resolveAppRequest(url, root), url).toBeNull();
    }
    // Dot segments, even encoded, are folded by URL parsing and stay inside the bundle.
    expect(resolveAppRequest('app://switchboard/%2e%2e/%2e%2e/secrets.json', root)?.file).toBe(
      path.join(root, 'secrets.json'),
    );
  });

  it('serves the core’s media copies by name, and nothing else from the data folder', () => {
    const data = tempDir();
    const media = path.join(data, 'media');
    fs.mkdirSync(media);
    fs.writeFileSync(path.join(media, '7-voice.ogg'), 'OggS');
    fs.writeFileSync(path.join(data, 'switchboard.sqlite'), '');
    expect(resolveAppRequest('app://switchboard/media/7-voice.ogg', root, media)).toEqual({
      file: path.join(media, '7-voice.ogg'),
      media: true,
    });
    expect(mediaHeaders(path.join(media, '7-voice.ogg'))['content-type']).toBe('audio/ogg');
    for (const url of [
      'app://switchboard/media/..%2fswitchboard.sqlite',
      'app://switchboard/media/missing.ogg',
      'app://switchboard/media/sub/7-voice.ogg',
    ]) {
      expect(resolveAppRequest(url, root, media), url).toBeNull();
    }
    expect(resolveAppRequest('app://switchboard/media/7-voice.ogg', root)).toBeNull();
  });

  it('is the only page whose IPC is trusted', () => {
    expect(isTrustedSender('app://switchboard/index.html', RENDERER_URL)).toBe(true);
    expect(isTrustedSender('app://switchboard/index.html#/chat/1', RENDERER_URL)).toBe(true);
    expect(isTrustedSender('app://evil/index.html', RENDERER_URL)).toBe(false);
    expect(
      isTrustedSender(
        'file:///opt/Switchboard/resources/app.asar/dist/renderer/index.html',
        RENDERER_URL,
      ),
    ).toBe(false);
  });
});

describe('closing the window', () => {
  it('keeps the app in the tray when the setting says so, and says so the first time only', () => {
    expect(
      onWindowClose({ quitting: false, closeToTray: true, hasTray: true, hintShown: false }),
    ).toEqual({ keepRunning: true, showHint: true });
    expect(
      onWindowClose({ quitting: false, closeToTray: true, hasTray: true, hintShown: true }),
    ).toEqual({ keepRunning: true, showHint: false });
  });

  it('lets the window go on quit, with the setting off, or with no tray to come back through', () => {
    expect(
      onWindowClose({ quitting: true, closeToTray: true, hasTray: true, hintShown: false })
        .keepRunning,
    ).toBe(false);
    expect(
      onWindowClose({ quitting: false, closeToTray: false, hasTray: true, hintShown: false })
        .keepRunning,
    ).toBe(false);
    expect(
      onWindowClose({ quitting: false, closeToTray: true, hasTray: false, hintShown: false })
        .keepRunning,
    ).toBe(false);
  });
});
