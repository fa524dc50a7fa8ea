import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOKEN_FILE, stableToken } from '../../../main/headless/bridgeToken.node.ts';
import { tempDir } from '../../helpers/cache.ts';

describe('the bridge token of a data folder', () => {
  it('is made once, readable by its owner only, and the same on every start', () => {
    const dir = tempDir();
    const first = stableToken(dir);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(stableToken(dir)).toBe(first);
    if (process.platform !== 'win32')
      expect(fs.statSync(path.join(dir, TOKEN_FILE)).mode & 0o777).toBe(0o600);
  });

  it.skipIf(process.platform === 'win32')('tightens a file others could read', () => {
    const dir = tempDir();
    const file = path.join(dir, TOKEN_FILE);
    fs.writeFileSync(file, 'a-token-someone-wrote-by-hand\n', { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    expect(stableToken(dir)).toBe('a-token-someone-wrote-by-hand');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('replaces a file too short to be a token', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, TOKEN_FILE), 'short\n');
    expect(stableToken(dir)).not.toBe('short');
  });
});
