import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/cache.ts';

/** The headless core started where it cannot write: it stops with words, not a stack trace. */
const mounts: string[] = [];
afterEach(() => {
  for (const dir of mounts.splice(0)) spawnSync('umount', [dir]);
});

function startCore(dataDir: string, shellPrefix = '') {
  const command = `${shellPrefix}exec "${process.execPath}" --import tsx main/headless/cli.node.ts --data-dir "${dataDir}" --port 0 --exit-when-ready`;
  return spawnSync('sh', ['-c', command], {
    encoding: 'utf8',
    env: { ...process.env, SWITCHBOARD_QUIET: '1' },
    timeout: 60_000,
  });
}

/** A 256 KB tmpfs, nearly filled: a real ENOSPC. Needs root (CI's container is); skipped with a reason otherwise. */
function fullDisk(): string | null {
  const dir = tempDir();
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', dir]);
  if (mounted.status !== 0) return null;
  mounts.push(dir);
  execFileSync('dd', ['if=/dev/zero', `of=${path.join(dir, 'fill')}`, 'bs=1k', 'count=250'], {
    stdio: 'ignore',
  });
  return dir;
}

describe('starting on a disk that cannot take a write', () => {
  it('says the disk is full, where, and how much is free, when it really is', (context) => {
    const disk = fullDisk();
    if (!disk) return context.skip('mounting a small tmpfs needs root; this machine refused');
    const run = startCore(path.join(disk, 'data'));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /Switchboard could not start: The disk holding .*\/data is full \(\d+ KB free\), so Switchboard cannot save messages\. Free some space; nothing already saved was lost\./,
    );
    expect(run.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('says the disk reported an error, in words, when a write fails for another reason (a size limit)', () => {
    const dataDir = tempDir();
    // A 8 KB file-size limit: SQLite's first writes fail with EFBIG, surfacing as a disk I/O error.
    const run = startCore(dataDir, 'ulimit -f 16; ');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      `Switchboard could not write its message cache at ${path.join(dataDir, 'switchboard.sqlite')}: the disk reported an error.`,
    );
    expect(fs.existsSync(dataDir)).toBe(true);
  });
});
