import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core.node.ts';
import { customerSays, shopCore } from '../helpers/core.ts';
import { until } from '../integration/chatapp/harness.ts';

const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

describe('unread counts', () => {
  it('are counted per line and in total without muted lines, and pushed when they change', async () => {
    const core = shopCore(cores, [
      { providerLineId: 'wa', messenger: 'whatsapp' },
      { providerLineId: 'tg', messenger: 'telegram' },
    ]);
    const pushed: unknown[] = [];
    core.on((event, payload) => event === 'unread.changed' && pushed.push(payload));
    expect(await core.call('unread.counts', {})).toEqual({ total: 0, lines: {} });
    let n = 0;
    const say = (line: string, chat: string) => customerSays(core, line, chat, `m${++n}`);
    say('wa', 'c1');
    say('wa', 'c2');
    say('tg', 'c3');
    core.queue.flushNow();
    await until(() => pushed.length === 1, 'one push for the burst');
    expect(pushed[0]).toEqual({ total: 3, lines: { 'a/wa': 2, 'a/tg': 1 } });
    await core.call('lines.setMuted', { lineId: 'a/tg', muted: true });
    await until(() => pushed.length === 2, 'a push after muting');
    expect(pushed[1]).toEqual({ total: 2, lines: { 'a/wa': 2, 'a/tg': 1 } });
    expect(await core.call('unread.counts', {})).toEqual(pushed[1]);
  });
});
