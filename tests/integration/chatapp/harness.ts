import { Core } from '../../../main/core/core.node.ts';
import { MemorySettingsStore } from '../../../main/core/settingsStore.node.ts';
import { ProviderRegistry } from '../../../main/providers/registry.node.ts';
import { chatAppPlugin } from '../../../main/providers/chatapp/plugin.node.ts';
import {
  ChatAppSimulator,
  type ChatAppSimulatorOptions,
} from '../../../main/providers/chatapp/simulator/simulator.node.ts';
import { tempDir } from '../../helpers/cache.ts';

export const WA = '1229:grWhatsApp';
export const TG = '1229:telegram';

export async function until<T>(
  probe: () => T | Promise<T>,
  what: string,
  timeoutMs = 15_000,
): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

/** A core with the ChatApp plug-in, and a running simulator. */
export async function startChatApp(
  options: ChatAppSimulatorOptions = {},
  socket?: { host: string; port: number },
) {
  const sim = await new ChatAppSimulator(options).start();
  const dataDir = tempDir();
  const core = Core.open({
    dataDir,
    registry: new ProviderRegistry().register(chatAppPlugin),
    settings: new MemorySettingsStore(),
  });
  const events: { event: string; payload: unknown }[] = [];
  core.on((event, payload) => events.push({ event, payload }));
  const addAccount = (password = sim.options.password) =>
    core.call('accounts.add', {
      provider: 'chatapp',
      label: 'Flower shop',
      config: sim.accountConfig(socket),
      secrets: { password },
    });
  const lineId = (accountId: string, line: string) => `${accountId}/${line}`;
  const messages = async (conversationId: number) =>
    (await core.call('messages.page', { conversationId, limit: 500 })).items;
  const conversationOf = async (accountId: string, line: string, chatId: string) => {
    core.queue.flushNow();
    const { items } = await core.call('conversations.list', {
      lineId: lineId(accountId, line),
      limit: 500,
    });
    return items.find((c) => c.providerChatId === chatId);
  };
  const online = (accountId: string) =>
    until(() => core.connections.state(accountId).state === 'online', 'online');
  const close = async () => {
    await core.close();
    await sim.stop();
  };
  return { sim, core, events, addAccount, messages, conversationOf, online, close, dataDir };
}
