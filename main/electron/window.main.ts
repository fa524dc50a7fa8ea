import path from 'node:path';
import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';
import { DEFAULT_SIZE, MIN_SIZE } from './windowState.main.ts';

/** Electron's security checklist, in one place so a test can hold it to it. */
export function secureWindowOptions(
  preloadPath: string,
  place: Partial<Rectangle> = DEFAULT_SIZE,
): BrowserWindowConstructorOptions {
  return {
    ...DEFAULT_SIZE,
    ...place,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Switchboard',
    webPreferences: {
      preload: path.resolve(preloadPath),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: true,
    },
  };
}

/** External links open in the user's browser, and only http(s). */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}
