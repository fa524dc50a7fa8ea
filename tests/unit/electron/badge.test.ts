import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../main/core/core.node.ts';
import { bindBadge } from '../../../main/electron/badge.main.ts';
import { followCore } from '../../../main/coreHost/shellView.node.ts';
import { customerSays, shopCore } from '../../helpers/core.ts';
import { until } from '../../integration/chatapp/harness.ts';

const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

describe('the badge', () => {
  it('counts unread messages on lines that are not muted, and follows reading and muting', async () => {
    const core = shopCore(cores, [
      { providerLineId: 'wa', messenger: 'whatsapp' },
      { providerLineId: 'tg', messenger: 'telegram' },
    ]);
    const counts: number[] = [];
    const off = bindBadge(await followCore(core), (n) => counts.push(n));
    const say = (line: string, chat: string, id: string) => customerSays(core, line, chat, id);
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
