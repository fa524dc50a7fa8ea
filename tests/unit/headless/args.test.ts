import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHeadlessArgs } from '../../../main/headless/args.node.ts';
import { tempDir } from '../../helpers/cache.ts';

describe('the headless core’s token', () => {
  const base = ['--data-dir', '/tmp/x', '--port', '0'];

  it('comes from a file, so it never shows in the process list', () => {
    const file = path.join(tempDir(), 'token');
    fs.writeFileSync(file, 'k3Y9-very-long-bridge-token\nignored second line\n', { mode: 0o600 });
    expect(parseHeadlessArgs([...base, '--token-file', file]).token).toBe(
      'k3Y9-very-long-bridge-token',
    );
  });

  it('refuses an empty, short or missing token file in words instead of making up a token', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'empty'), '\n');
    expect(() => parseHeadlessArgs([...base, '--token-file', path.join(dir, 'empty')])).toThrow(
      /holds no token of at least 16 characters/,
    );
    expect(() => parseHeadlessArgs([...base, '--token-file', path.join(dir, 'absent')])).toThrow(
      /could not be read: ENOENT/,
    );
  });

  it('comes from SWITCHBOARD_TOKEN when no file or flag is given', () => {
    const saved = process.env.SWITCHBOARD_TOKEN;
    process.env.SWITCHBOARD_TOKEN = 'from-the-environment-0001';
    try {
      expect(parseHeadlessArgs(base).token).toBe('from-the-environment-0001');
    } finally {
      if (saved === undefined) delete process.env.SWITCHBOARD_TOKEN;
      else process.env.SWITCHBOARD_TOKEN = saved;
    }
  });
});
