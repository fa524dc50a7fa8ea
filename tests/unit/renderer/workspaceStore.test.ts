// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { CoreClient } from '../../../renderer/src/ipc/client.dom.ts';
import type { ConnectionStatus, Transport } from '../../../renderer/src/ipc/transport.dom.ts';
import { bindWorkspace, useWorkspace } from '../../../renderer/src/store/workspace.dom.ts';
import type { Conversation } from '../../../shared/model/entities.std.ts';
import { DEFAULT_SETTINGS } from '../../../shared/model/settings.std.ts';

const chat = (id: number, title: string): Conversation => ({
  id,
  lineId: 'a/1',
  accountId: 'a',
  providerChatId: `c${id}`,
  kind: 'private',
  title,
  meta: {},
  unread: 1,
  activityKey: id,
});

/**
 * A core in miniature: list answers come from its current chats, and a new chat is pushed as
 * an event after it is stored, as the real core does. `app.info` answers only when released.
 */
function fakeCore() {
  const chats: Conversation[] = [chat(1, 'Olga')];
  const events = new Set<(event: string, payload: unknown) => void>();
  const status = new Set<(s: ConnectionStatus) => void>();
  let releaseInfo = () => undefined as void;
  const infoReleased = new Promise<void>((resolve) => (releaseInfo = resolve));
  const transport: Transport = {
    async invoke(method) {
      const ok = (result: unknown) => ({ ok: true as const, result });
      if (method === 'accounts.list') return ok({ accounts: [], lines: [] });
      if (method === 'settings.get') return ok(DEFAULT_SETTINGS);
      if (method === 'unread.counts') return ok({ total: 0, lines: {} });
      if (method === 'providers.list') return ok([]);
      if (method === 'app.info')
        return infoReleased.then(() =>
          ok({
            version: '1',
            demo: false,
            electron: false,
            secrets: { where: 'memory', choosable: false },
            problems: [],
            logFile: null,
          }),
        );
      if (method === 'conversations.list')
        return ok({ items: [...chats].sort((a, b) => b.activityKey - a.activityKey), next: null });
      return { ok: false as const, error: { code: 'unknown_method' as const, message: method } };
    },
    onEvent: (listener) => (events.add(listener), () => events.delete(listener)),
    onStatus: (listener) => (status.add(listener), () => status.delete(listener)),
    mediaUrl: (name) => name,
    fileContent: async () => ({ dataBase64: '' }),
  };
  return {
    client: new CoreClient(transport),
    open: () => status.forEach((l) => l('open')),
    customerWrites(c: Conversation) {
      chats.push(c);
      events.forEach((l) => l('conversations.upserted', { conversations: [c] }));
    },
    releaseInfo,
  };
}

describe('the workspace store', () => {
  it('keeps a chat that arrives while the workspace is loading', async () => {
    const core = fakeCore();
    const off = bindWorkspace(core.client);
    core.open();
    await new Promise((r) => setTimeout(r, 10));
    core.customerWrites(chat(2, 'Anna'));
    core.releaseInfo();
    await new Promise((r) => setTimeout(r, 10));
    expect(useWorkspace.getState().conversations.map((c) => c.title)).toEqual(['Anna', 'Olga']);
    off();
  });
});
