import { chategyPlugin } from '../../../main/providers/chategy/plugin.node.ts';
import { phoenixTimings } from '../../../main/providers/chategy/phoenix.node.ts';
import { pollTimings } from '../../../main/providers/chategy/poller.node.ts';
import {
  ChategySimulator,
  type ChategySimulatorOptions,
} from '../../../main/providers/chategy/simulator/simulator.node.ts';
import { openTestCore } from '../../helpers/core.ts';
import { until } from '../chatapp/harness.ts';

export { until };

// Phoenix's and the poller's clocks, shortened so a test takes milliseconds, not minutes.
Object.assign(phoenixTimings, {
  heartbeatMs: 200,
  pushTimeoutMs: 2000,
  reconnectAfterMs: () => 30,
  rejoinAfterMs: () => 30,
});
Object.assign(pollTimings, { firstMs: 30, maxMs: 120, readWatchFirstMs: 30 });

export type Env = Awaited<ReturnType<typeof startChategy>>;

/** A core with only Chategy, its simulator, and the webhook receiver reachable at 127.0.0.1. */
export async function startChategy(
  cleanups: (() => Promise<void>)[],
  options: ChategySimulatorOptions = {},
) {
  const sim = await new ChategySimulator(options).start();
  cleanups.push(() => sim.stop());
  const { core, settings, logins, reopen } = await openTestCore(chategyPlugin, cleanups, {
    webhooks: true,
  });
  const add = async (config: Record<string, string> = {}, secrets: Record<string, string> = {}) => {
    const account = await core.call('accounts.add', {
      provider: 'chategy',
      label: 'Shop',
      config: { ...sim.accountConfig(), ...config },
      secrets: {
        token: sim.token,
        idempotencyKey: sim.options.idempotencyKey,
        developerKey: sim.options.developerKey,
        ...secrets,
      },
    });
    await until(() => core.connections.state(account.id).state === 'online', 'online');
    await core.call('webhooks.register', { accountId: account.id, replaceForeign: false });
    return account;
  };
  const conversation = async (accountId: string, line: string, chatId: string) => {
    core.queue.flushNow();
    return (
      await core.call('conversations.list', { lineId: `${accountId}/${line}`, limit: 100 })
    ).items.find((c) => c.providerChatId === chatId);
  };
  const messages = async (conversationId: number) => {
    core.queue.flushNow();
    return (await core.call('messages.page', { conversationId, limit: 100 })).items;
  };
  const lastLogin = (lineId: string) =>
    [...logins].reverse().find((l) => l.lineId === lineId)?.state;
  return { sim, core, settings, logins, add, conversation, messages, lastLogin, reopen };
}
