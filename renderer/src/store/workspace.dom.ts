import { addWords } from '../../../shared/i18n/catalog.std.ts';
import { create } from 'zustand';
import type { Account, Conversation, Line } from '../../../shared/model/entities.std.ts';
import type { Settings } from '../../../shared/model/settings.std.ts';
import { ACCOUNT_NOTICES_KEY, AccountNotices } from '../../../shared/model/notices.std.ts';
import type { ConnectionState } from '../../../shared/model/connection.std.ts';
import type { CoreClient } from '../ipc/client.dom.ts';
import type { Result } from '../../../shared/ipc/contract.std.ts';
import type { IpcError } from '../../../shared/ipc/errors.std.ts';
import type { ConnectionStatus } from '../ipc/transport.dom.ts';
import { useConversation } from './conversation.dom.ts';
import {
  NO_CAPABILITIES,
  type Capabilities,
  type ProviderDescriptor,
} from '../../../shared/ipc/providers.std.ts';

export type ListFilter = 'all' | 'unread';

function noticesOf(value: unknown): AccountNotices | undefined {
  const parsed = AccountNotices.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

type Cursor = NonNullable<Result<'conversations.list'>['next']>;

interface WorkspaceState {
  status: ConnectionStatus;
  filter: ListFilter;
  /** One account's conversations, or null for the unified inbox. */
  scope: string | null;
  /** Where the next page of the list starts; null when all of it is loaded. */
  next: Cursor | null;
  loadingMore: boolean;
  app: Result<'app.info'> | undefined;
  unread: Result<'unread.counts'>;
  accounts: Account[];
  lines: Line[];
  conversations: Conversation[];
  settings: Settings | undefined;
  notices: Record<string, AccountNotices>;
  /** Each provider's descriptor: what its accounts can do decides what the interface offers. */
  providers: ProviderDescriptor[];
  /** What the core reported going wrong (at start, or since), until the user dismisses it. */
  problems: IpcError[];
  error: string | undefined;
}

export const useWorkspace = create<WorkspaceState>(() => ({
  status: 'connecting',
  filter: 'all',
  scope: null,
  next: null,
  loadingMore: false,
  app: undefined,
  unread: { total: 0, lines: {} },
  accounts: [],
  lines: [],
  conversations: [],
  settings: undefined,
  notices: {},
  providers: [],
  problems: [],
  error: undefined,
}));

/** A problem said once, however often the core repeats it. */
function addProblems(current: IpcError[], added: IpcError[]): IpcError[] {
  const seen = new Set(current.map((p) => p.message));
  return [...current, ...added.filter((p) => !seen.has(p.message) && seen.add(p.message))];
}

/** What the account's provider can do; nothing where the account or provider is unknown. */
export function capabilitiesOf(
  state: Pick<WorkspaceState, 'accounts' | 'providers'>,
  accountId: string | undefined,
): Capabilities {
  const kind = state.accounts.find((a) => a.id === accountId)?.provider;
  return state.providers.find((p) => p.kind === kind)?.capabilities ?? NO_CAPABILITIES;
}

export function dismissProblem(message: string): void {
  useWorkspace.setState((s) => ({ problems: s.problems.filter((p) => p.message !== message) }));
}

const byActivity = (a: Conversation, b: Conversation) =>
  b.activityKey - a.activityKey || b.id - a.id;

const PAGE = 200;

/** What the list shows: the filter and scope the user chose. */
function listQuery() {
  const { filter, scope } = useWorkspace.getState();
  return {
    limit: PAGE,
    ...(filter === 'unread' ? { unreadOnly: true } : {}),
    ...(scope ? { accountId: scope } : {}),
  };
}

/** Whether a pushed conversation belongs in the list as filtered now. */
function belongs(c: Conversation): boolean {
  const { filter, scope } = useWorkspace.getState();
  if (scope && c.accountId !== scope) return false;
  // In "unread", a chat leaves once read, except the one on screen.
  return filter === 'all' || c.unread > 0 || c.id === useConversation.getState().conversationId;
}

function mergeConversations(current: Conversation[], updates: Conversation[]): Conversation[] {
  const byId = new Map(current.map((c) => [c.id, c]));
  for (const update of updates) byId.set(update.id, update);
  return [...byId.values()].sort(byActivity);
}

/** Loads the workspace and keeps it live from pushed events. Returns a disposer. */
export function bindWorkspace(client: CoreClient): () => void {
  const set = useWorkspace.setState;
  const report = (error: unknown) =>
    set({ error: error instanceof Error ? error.message : String(error) });

  const reload = async () => {
    try {
      const [accounts, settings, app, unread, providers] = await Promise.all([
        client.call('accounts.list', {}),
        client.call('settings.get', {}),
        client.call('app.info', {}),
        client.call('unread.counts', {}),
        client.call('providers.list', {}),
      ]);
      client.language = settings.language;
      // Each provider's own words join the page's catalog before anything says them.
      for (const provider of providers) addWords(provider.words);
      set((s) => ({
        accounts: accounts.accounts,
        lines: accounts.lines,
        settings,
        app,
        unread,
        providers,
        error: undefined,
        problems: addProblems(s.problems, app.problems),
      }));
      // The list lands the moment it arrives: awaiting anything after it would let a chat pushed
      // in between be overwritten by this older answer, and vanish until its next message.
      const conversations = await client.call('conversations.list', listQuery());
      set({ conversations: conversations.items, next: conversations.next });
      const notices: Record<string, AccountNotices> = {};
      for (const account of accounts.accounts) {
        const found = noticesOf(
          (await client.call('accounts.workspace', { accountId: account.id }))[ACCOUNT_NOTICES_KEY],
        );
        if (found) notices[account.id] = found;
      }
      set({ notices });
    } catch (error) {
      report(error);
    }
  };

  const setConnection = (accountId: string, connection: ConnectionState) =>
    set((s) => ({
      accounts: s.accounts.map((a) => (a.id === accountId ? { ...a, connection } : a)),
    }));

  const offs = [
    client.onStatus((status) => {
      set({ status });
      if (status === 'open') void reload();
    }),
    client.on('accounts.changed', ({ accounts, lines }) => {
      set({ accounts, lines });
      const { scope } = useWorkspace.getState();
      if (scope && !accounts.some((a) => a.id === scope)) void setScope(client, null).catch(report);
    }),
    client.on('connection.changed', ({ accountId, state }) => setConnection(accountId, state)),
    client.on('login.changed', ({ lineId, state }) =>
      set((s) => ({ lines: s.lines.map((l) => (l.id === lineId ? { ...l, login: state } : l)) })),
    ),
    client.on('conversations.upserted', ({ conversations }) =>
      set((s) => ({
        conversations: mergeConversations(s.conversations, conversations).filter(belongs),
      })),
    ),
    client.on('conversations.invalidated', () => void reload()),
    client.on('settings.changed', (settings) => {
      client.language = settings.language;
      set({ settings });
    }),
    client.on('unread.changed', (unread) => set({ unread })),
    client.on('problem', (problem) =>
      set((s) => ({ problems: addProblems(s.problems, [problem]) })),
    ),
    client.on('workspace.changed', ({ accountId, key, value }) => {
      const found = key === ACCOUNT_NOTICES_KEY ? noticesOf(value) : undefined;
      if (found) set((s) => ({ notices: { ...s.notices, [accountId]: found } }));
    }),
  ];
  return () => offs.forEach((off) => off());
}

async function reloadList(client: CoreClient): Promise<void> {
  const query = listQuery();
  const { items, next } = await client.call('conversations.list', query);
  // The user may have switched again meanwhile: only the latest choice lands.
  if (JSON.stringify(listQuery()) === JSON.stringify(query))
    useWorkspace.setState({ conversations: items, next, loadingMore: false });
}

/** Switches between all chats and unread ones, asking the core (unread chats may lie beyond the first screen). */
export async function setListFilter(client: CoreClient, filter: ListFilter): Promise<void> {
  useWorkspace.setState({ filter });
  await reloadList(client);
}

/** Shows one account's conversations, or (null) every account's: the unified inbox. */
export async function setScope(client: CoreClient, scope: string | null): Promise<void> {
  useWorkspace.setState({ scope });
  await reloadList(client);
}

/** The next page of the list, when the user scrolls near its end. */
export async function loadMoreConversations(client: CoreClient): Promise<void> {
  const { next, loadingMore } = useWorkspace.getState();
  if (!next || loadingMore) return;
  const query = listQuery();
  useWorkspace.setState({ loadingMore: true });
  try {
    const page = await client.call('conversations.list', { ...query, after: next });
    if (JSON.stringify(listQuery()) !== JSON.stringify(query)) return;
    useWorkspace.setState((s) => ({
      conversations: mergeConversations(s.conversations, page.items),
      next: page.next,
    }));
  } finally {
    useWorkspace.setState({ loadingMore: false });
  }
}
