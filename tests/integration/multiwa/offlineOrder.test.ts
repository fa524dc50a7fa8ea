import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../../../main/core/core.node.ts';
import { MemorySettingsStore } from '../../../main/core/settingsStore.node.ts';
import { ProviderRegistry } from '../../../main/providers/registry.node.ts';
import { multiWaPlugin } from '../../../main/providers/multiwa/plugin.node.ts';
import { MultiWaSimulator } from '../../../main/providers/multiwa/simulator/simulator.node.ts';
import { tempDir } from '../../helpers/cache.ts';
import { until } from '../chatapp/harness.ts';

/** Messages typed while the provider is down go out in the order they were typed, as soon as it is back. */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('sends made while MultiWA is offline', () => {
  it('go out once it is back, in the order typed, without waiting for their retry times', async () => {
    const sim = await new MultiWaSimulator({ protocols: ['socketio'], ackStepMs: 0 }).start();
    const port = Number(new URL(sim.baseUrl).port);
    const core = Core.open({
      dataDir: tempDir(),
      registry: new ProviderRegistry().register(multiWaPlugin),
      settings: new MemorySettingsStore(),
    });
    cleanups.push(async () => {
      await core.close();
      await sim.stop();
    });
    const { id } = await core.call('accounts.add', {
      provider: 'multiwa',
      label: 'G',
      config: sim.accountConfig('socketio'),
      secrets: { apiKey: sim.options.apiKey },
    });
    await until(() => core.connections.state(id).state === 'online', 'online');
    const jid = '6285550004321@c.us';
    sim.receive('profile-sales', jid, 'hello');
    const chat = await until(async () => {
      core.queue.flushNow();
      return (await core.call('conversations.list', { accountId: id, limit: 10 })).items.find(
        (c) => c.providerChatId === jid,
      );
    }, 'the chat');
    await sim.stop();
    // The first sends find the server gone and are put off; later ones wait behind them.
    for (let i = 0; i < 12; i += 1) {
      await core.call('messages.send', {
        conversationId: chat.id,
        clientRef: `order-${String(i).padStart(4, '0')}`,
        text: `typed ${i}`,
      });
      if (i < 3) await new Promise((r) => setTimeout(r, 250));
    }
    await sim.start(port);
    const outgoing = () =>
      [...sim.state.messages.values()]
        .flat()
        .filter((m) => m.direction === 'outgoing')
        .map((m) => String(m.content.text));
    // Well before the put-off sends' own retry times (seconds to minutes away).
    await until(() => outgoing().length === 12, 'all twelve sent', 8_000);
    expect(outgoing()).toEqual(Array.from({ length: 12 }, (_, i) => `typed ${i}`));
  });
});
