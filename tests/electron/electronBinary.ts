import fs from 'node:fs';
import path from 'node:path';

/** The downloaded Electron binary, found without requiring 'electron' (which throws when it is missing). */
export function electronBinary(): string | null {
  const dir = path.resolve('node_modules/electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const binary = path.join(
    process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(dir, 'dist'),
    fs.readFileSync(pathFile, 'utf8').trim(),
  );
  return fs.existsSync(binary) ? binary : null;
}

export const NO_ELECTRON =
  'No Electron binary on this machine (node_modules/electron/dist is missing: its download was blocked or skipped). ' +
  'These tests drive the real Electron shell; run `node node_modules/electron/install.js` where Electron can be downloaded.';
