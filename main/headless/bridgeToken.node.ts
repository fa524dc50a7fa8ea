import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const TOKEN_FILE = 'bridge-token';

/**
 * The bridge's token for this data folder, the same on every start, so a tab left open
 * reconnects by itself after a restart. Kept in `<data>/bridge-token`, readable by its owner
 * only (0600); made on the first start. A file others could read is tightened first.
 */
export function stableToken(dataDir: string): string {
  const file = path.join(dataDir, TOKEN_FILE);
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    const saved = fs.readFileSync(file, 'utf8').split(/\r?\n/)[0]?.trim() ?? '';
    if (saved.length >= 16) {
      if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0)
        fs.chmodSync(file, 0o600);
      return saved;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const token = randomBytes(24).toString('base64url');
  fs.writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return token;
}
