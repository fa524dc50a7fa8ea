import { create } from 'zustand';
import type { Account, Conversation, Line } from '../../../shared/model/entities.std.ts';
import type { Settings } from '../../../shared/model/settings.std.ts';
import { ACCOUNT_NOTICES_KEY, AccountNotices } from '../../../shared/model/notices.std.ts';
import type { ConnectionState } from '../../../shared/model/connection.std.ts';
import type { CoreClient } from '../ipc/client.dom.ts';
import type { ConnectionStatus } from '../ipc/transport.dom.ts';
import { useConversation } from './conversation.dom.ts';

export type ListFilter = 'all' | 'unread';

function noticesOf(value: unknown): AccountNotices | undefined {
  const parsed = AccountNotices.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

interface WorkspaceState {
  status: ConnectionStatus;
  filter: ListFilter;
  accounts: Account[];
  lines: Line[];
  conversations: Conversation[];
  settings: Settings | undefined;
  notices: Record<string, AccountNotices>;
  error: string | undefined;
}

export const useWorkspace = create<WorkspaceState>(() => ({
  status: 'connecting',
  filter: 'all',
  accounts: [],
  lines: [],
  conversations: [],
  settings: undefined,
  notices: {},
  error: undefined,
}));

const byActivity = (a: Conversation, b: Conversation) => b.activityKey - a.activityKey || b.id - a.id;

function mergeConversations(current: Conversation[], updates: Conversation[]): Conversation[] {
  const byId = new Map(current.map((c) => [c.id, c]));
  for (const update of updates) byId.set(update.id, update);
  return [...byId.values()].sort(byActivity);
}

/** Loads the workspace and keeps it live from pushed events. Returns a disposer. */
export function bindWorkspace(client: CoreClient): () => void {
  const set = useWorkspace.setState;
  const report = (error: unknown) => set({ error: error instanceof Error ? error.message : String(error) });

  const reload = async () => {
    try {
      const [accounts, conversations, settings] = await Promise.all([
        client.call('accounts.list', {}),
        client.call('conversations.list', { limit: 200, ...(useWorkspace.getState().filter === 'unread' ? { unreadOnly: true } : {}) }),
        client.call('settings.get', {}),
      ]);
      set({ accounts: accounts.accounts, lines: accounts.lines, conversations: conversations.items, settings, error: undefined });
      const notices: Record<string, AccountNotices> = {};
      for (const account of accounts.accounts) {
        const found = noticesOf((await client.call('accounts.workspace', { accountId: account.id }))[ACCOUNT_NOTICES_KEY]);
        if (found) notices[account.id] = found;
      }
      set({ notices });
    } catch (error) {
      report(error);
    }
  };

  const setConnection = (accountId: string, connection: ConnectionState) =>
    set((s) => ({ accounts: s.accounts.map((a) => (a.id === accountId ? { ...a, connection } : a)) }));

  const offs = [
    client.onStatus((status) => {
      set({ status });
      if (status === 'open') void reload();
    }),
    client.on('accounts.changed', ({ accounts, lines }) => set({ accounts, lines })),
    client.on('connection.changed', ({ accountId, state }) => setConnection(accountId, state)),
    client.on('login.changed', ({ lineId, state }) =>
      set((s) => ({ lines: s.lines.map((l) => (l.id === lineId ? { ...l, login: state } : l)) })),
    ),
    client.on('connection.changed', ({ accountId, state }) => setConnection(accountId, state)),
    client.on('conversations.upserted', ({ conversations }) =>
      set((s) => ({
        conversations: mergeConversations(s.conversations, conversations).filter(
          // In "unread", a chat leaves once read, except the one on screen.
          (c) => s.filter === 'all' || c.unread > 0 || c.id === useConversation.getState().conversationId,
        ),
      })),
    ),
    client.on('conversations.invalidated', () => void reload()),
    client.on('settings.changed', (settings) => set({ settings })),
    client.on('workspace.changed', ({ accountId, key, value }) => {
      const found = key === ACCOUNT_NOTICES_KEY ? noticesOf(value) : undefined;
      if (found) set((s) => ({ notices: { ...s.notices, [accountId]: found } }));
    }),
  ];
  return () => offs.forEach((off) => off());
}

/** Switches between all chats and unread ones, asking the core (unread chats may lie beyond the first screen). */
export async function setListFilter(client: CoreClient, filter: ListFilter): Promise<void> {
  useWorkspace.setState({ filter });
  const { items } = await client.call('conversations.list', { limit: 200, ...(filter === 'unread' ? { unreadOnly: true } : {}) });
  if (useWorkspace.getState().filter === filter) useWorkspace.setState({ conversations: items });
}
