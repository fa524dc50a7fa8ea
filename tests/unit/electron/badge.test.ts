import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../../../main/core/core.node.ts';
import { MemorySettingsStore } from '../../../main/core/settingsStore.node.ts';
import { bindBadge } from '../../../main/electron/badge.main.ts';
import { tempDir } from '../../helpers/cache.ts';
import { until } from '../../integration/chatapp/harness.ts';

const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

describe('the badge', () => {
  it('counts unread messages on lines that are not muted, and follows reading and muting', async () => {
    const core = Core.open({ dataDir: tempDir(), settings: new MemorySettingsStore() });
    cores.push(core);
    core.cache.accounts.add({ id: 'a', provider: 'chatapp', label: 'Shop', config: {}, demo: false, createdAt: 1 });
    const counts: number[] = [];
    const off = bindBadge(core, (n) => counts.push(n), 5);
    const say = (line: string, chat: string, id: string) =>
      core.ingest({ kind: 'message', line: `a/${line}`, chat: { id: chat }, message: { ids: { provider: id }, direction: 'in', origin: 'contact', type: 'text', text: 'hi', time: Date.now() } });
    core.cache.accounts.upsertLine('a', { providerLineId: 'wa', messenger: 'whatsapp' });
    core.cache.accounts.upsertLine('a', { providerLineId: 'tg', messenger: 'telegram' });
    say('wa', 'c1', 'm1');
    say('wa', 'c1', 'm2');
    say('tg', 'c2', 'm3');
    core.queue.flushNow();
    await until(() => counts.at(-1) === 3, 'three unread');
    await core.call('lines.setMuted', { lineId: 'a/tg', muted: true });
    await until(() => counts.at(-1) === 2, 'the muted line no longer counts');
    const { items } = await core.call('conversations.list', { lineId: 'a/wa', limit: 10 });
    await core.call('conversations.markRead', { id: items[0]!.id });
    await until(() => counts.at(-1) === 0, 'read');
    expect(counts[0]).toBe(0);
    // Only changes reach the OS.
    expect(counts.every((n, i) => i === 0 || n !== counts[i - 1])).toBe(true);
    off();
  });
});
