import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../../../main/core/core.node.ts';
import { MemorySettingsStore } from '../../../main/core/settingsStore.node.ts';
import { MAX_REPLAYS } from '../../../main/db/quarantineRepo.node.ts';
import { tempDir } from '../../helpers/cache.ts';

/**
 * Input an older version quarantined is offered again when a new version first opens the
 * data: every item gets its tries back, and what the new code accepts is applied.
 */
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

function open(dataDir: string, version: string): Core {
  const core = Core.open({ dataDir, settings: new MemorySettingsStore(), version });
  cores.push(core);
  return core;
}

const event = {
  kind: 'message',
  line: 'a/wa',
  chat: { id: 'c1', title: 'Ayşe' },
  message: {
    ids: { provider: 'm-upgrade-1' },
    direction: 'in',
    origin: 'contact',
    type: 'text',
    text: 'kept for the next version',
    time: Date.UTC(2026, 5, 1),
  },
};

/** A data folder where version 1.0.0 quarantined an event it refused, and tried it until the cap. */
async function quarantinedByOldVersion(): Promise<string> {
  const dataDir = tempDir();
  const core = open(dataDir, '1.0.0');
  core.cache.accounts.add({
    id: 'a',
    provider: 'chatapp',
    label: 'Shop',
    config: {},
    demo: false,
    createdAt: 1,
  });
  core.cache.accounts.upsertLine('a', { providerLineId: 'wa', messenger: 'whatsapp' } as Parameters<
    typeof core.cache.accounts.upsertLine
  >[1]);
  await core.startAccounts();
  const id = core.cache.quarantine.add({
    accountId: 'a',
    lineId: 'a/wa',
    source: 'core',
    reason: 'not stored: an older rule',
    raw: event,
  });
  for (let i = 0; i < MAX_REPLAYS; i += 1)
    core.cache.quarantine.replayFailed(id, 'not stored: an older rule');
  await core.close();
  cores.splice(cores.indexOf(core), 1);
  return dataDir;
}

const stored = (core: Core) =>
  core.cache.db
    .prepare("SELECT text FROM messages WHERE text = 'kept for the next version'")
    .pluck()
    .all();

describe('after an upgrade', () => {
  it('offers the quarantine again and applies what the new version accepts', async () => {
    const core = open(await quarantinedByOldVersion(), '1.1.0');
    await core.startAccounts();
    await core.queue.settled();
    expect(stored(core)).toEqual(['kept for the next version']);
    expect(core.cache.quarantine.list('a')).toEqual([]);
  });

  it('does nothing of the kind when the same version starts again: the tries stay used up', async () => {
    const core = open(await quarantinedByOldVersion(), '1.0.0');
    await core.startAccounts();
    await core.queue.settled();
    expect(stored(core)).toEqual([]);
    expect(core.cache.quarantine.list('a')).toMatchObject([{ replays: MAX_REPLAYS }]);
  });

  it('replays the core’s own refusals from the account dialog too, within the cap', async () => {
    const dataDir = tempDir();
    const core = open(dataDir, '2.0.0');
    core.cache.accounts.add({
      id: 'a',
      provider: 'chatapp',
      label: 'Shop',
      config: {},
      demo: false,
      createdAt: 1,
    });
    core.cache.accounts.upsertLine('a', {
      providerLineId: 'wa',
      messenger: 'whatsapp',
    } as Parameters<typeof core.cache.accounts.upsertLine>[1]);
    await core.startAccounts();
    core.cache.quarantine.add({
      accountId: 'a',
      lineId: 'a/wa',
      source: 'core',
      reason: 'not stored: an older rule',
      raw: event,
    });
    core.cache.quarantine.add({
      accountId: 'a',
      lineId: 'a/wa',
      source: 'core',
      reason: 'not stored: time',
      raw: {
        ...event,
        message: { ...event.message, ids: { provider: 'm-upgrade-2' }, time: Number.NaN },
      },
    });
    expect(await core.call('quarantine.replay', { accountId: 'a' })).toEqual({
      applied: 1,
      kept: 1,
    });
    expect(stored(core)).toEqual(['kept for the next version']);
    expect(core.cache.quarantine.list('a')).toMatchObject([
      { replays: 1, reason: expect.stringContaining('not stored') },
    ]);
  });
});
