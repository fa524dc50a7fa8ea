import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../../../main/core/core.node.ts';
import { MemorySettingsStore } from '../../../main/core/settingsStore.node.ts';
import { tempDir } from '../../helpers/cache.ts';

const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

const TOTAL = 3000;

/** A data folder whose cache holds TOTAL messages, then has two pages in its middle overwritten. */
async function damagedDataDir(): Promise<{ dir: string; file: string }> {
  const dir = tempDir();
  const core = Core.open({ dataDir: dir, settings: new MemorySettingsStore() });
  core.cache.accounts.add({
    id: 'a',
    provider: 'chatapp',
    label: 'Shop',
    config: { licenseId: '1' },
    demo: false,
    createdAt: 1,
  });
  core.cache.accounts.upsertLine('a', { providerLineId: 'L', messenger: 'whatsapp' });
  const t0 = Date.now() - 3_600_000;
  for (let i = 0; i < TOTAL; i++) {
    core.ingest({
      kind: 'message',
      line: 'a/L',
      chat: { id: `c${i % 30}` },
      message: {
        ids: { provider: `m${i}` },
        direction: 'in',
        origin: 'contact',
        type: 'text',
        text: `message number ${i} `.repeat(5),
        time: t0 + i * 1000,
      },
    });
  }
  await core.queue.flushed();
  core.cache.db.pragma('wal_checkpoint(TRUNCATE)');
  await core.close();
  const file = path.join(dir, 'switchboard.sqlite');
  const pages = fs.statSync(file).size / 4096;
  const fd = fs.openSync(file, 'r+');
  for (const page of [Math.floor(pages / 2), Math.floor(pages / 2) + 1])
    fs.writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, page * 4096);
  fs.closeSync(fd);
  return { dir, file };
}

function runCore(dir: string, extra: string[] = []) {
  return spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'main/headless/cli.node.ts',
      '--data-dir',
      dir,
      '--port',
      '0',
      '--exit-when-ready',
      ...extra,
    ],
    {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, SWITCHBOARD_QUIET: '1' },
    },
  );
}

describe('a damaged message cache', () => {
  it('is explained in words, kept as it is, and rebuilt from every readable row when asked', async () => {
    const { dir, file } = await damagedDataDir();
    const before = fs.readFileSync(file);

    const refused = runCore(dir);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/message cache .* is damaged/);
    expect(refused.stderr).toContain('--repair-cache');
    expect(fs.readFileSync(file).equals(before)).toBe(true);

    const repaired = runCore(dir, ['--repair-cache']);
    expect(repaired.stderr).toMatch(/rebuilt .* \d+ messages/);
    expect(repaired.status).toBe(0);
    const kept = fs
      .readdirSync(dir)
      .filter((name) => name.startsWith('switchboard.sqlite.damaged-'));
    expect(kept.length).toBeGreaterThan(0);
    expect(
      fs
        .readFileSync(
          path.join(
            dir,
            kept.find((n) => !n.endsWith('-wal') && !n.endsWith('-shm'))!,
          ),
        )
        .equals(before),
    ).toBe(true);

    const core = Core.open({ dataDir: dir, settings: new MemorySettingsStore() });
    cores.push(core);
    const { accounts } = await core.call('accounts.list', {});
    expect(accounts.map((a) => a.label)).toEqual(['Shop']);
    const { items } = await core.call('conversations.list', { limit: 100 });
    const counts = await Promise.all(
      items.map(
        async (c) =>
          (await core.call('messages.page', { conversationId: c.id, limit: 500 })).items.length,
      ),
    );
    const recovered = counts.reduce((a, b) => a + b, 0);
    // Two 4 KiB pages hold at most a few dozen rows of this size; everything else is back.
    expect(recovered).toBeGreaterThan(TOTAL - 200);
    expect(recovered).toBeLessThanOrEqual(TOTAL);
  }, 120_000);
});

describe('a cache file that is not a database at all', () => {
  it('is kept aside and replaced by an empty cache with --repair-cache', () => {
    const dir = tempDir();
    const file = path.join(dir, 'switchboard.sqlite');
    fs.writeFileSync(file, Buffer.alloc(16384, 0x42));
    const repaired = runCore(dir, ['--repair-cache']);
    expect(repaired.status).toBe(0);
    expect(repaired.stderr).toMatch(/rebuilt .* 0 messages/);
    const kept = fs
      .readdirSync(dir)
      .find(
        (name) =>
          name.startsWith('switchboard.sqlite.damaged-') &&
          !name.includes('-wal') &&
          !name.includes('-shm'),
      )!;
    expect(fs.statSync(path.join(dir, kept)).size).toBe(16384);
  }, 60_000);
});
