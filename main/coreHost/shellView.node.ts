import { events, type EventName, type EventPayload } from '../../shared/ipc/contract.std.ts';
import type { Settings } from '../../shared/model/settings.std.ts';
import type { ConnectionState } from '../../shared/model/connection.std.ts';
import { createLogger } from '../log/logger.node.ts';
import { request, type CoreEndpoint } from '../core/endpoint.node.ts';
import { only, type CoreListener } from '../core/eventBus.node.ts';

const log = createLogger('shell-view');

export interface ShellAccount {
  id: string;
  label: string;
  state: ConnectionState['state'];
}

/**
 * What the desktop shell shows of the core (tray, badge, notifications, start at login):
 * settings, the unread total and each account's state, kept from the core's replies and
 * events, so the shell's main thread never reads the cache. Events the shell acts on are
 * validated here, where they enter it; after a core restart everything is asked again.
 */
export interface ShellView {
  settings(): Settings;
  unreadTotal(): number;
  accounts(): ShellAccount[];
  /** The settings, the unread total or an account changed (or all were read again after a restart). */
  onChange(listener: () => void): () => void;
  /** A validated event the shell acts on, after the view has taken it in. */
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
  dispose(): void;
}

export async function followCore(endpoint: CoreEndpoint): Promise<ShellView> {
  let settings = await request(endpoint, 'settings.get', {});
  let unread = (await request(endpoint, 'unread.counts', {})).total;
  const states = new Map<string, ConnectionState['state']>();
  let accounts: { id: string; label: string }[] = [];
  const takeAccounts = (list: EventPayload<'accounts.changed'>) => {
    accounts = list.accounts.map((a) => ({ id: a.id, label: a.label }));
    for (const a of list.accounts) states.set(a.id, a.connection.state);
  };
  takeAccounts(await request(endpoint, 'accounts.list', {}));

  const listeners = new Set<CoreListener>();
  const changeListeners = new Set<() => void>();
  const changed = () => {
    for (const listener of changeListeners) listener();
  };
  const refetch = async () => {
    settings = await request(endpoint, 'settings.get', {});
    unread = (await request(endpoint, 'unread.counts', {})).total;
    takeAccounts(await request(endpoint, 'accounts.list', {}));
    changed();
  };
  const CHANGES = new Set<EventName>([
    'settings.changed',
    'unread.changed',
    'accounts.changed',
    'connection.changed',
  ]);
  const WATCHED = new Set<EventName>([
    'settings.changed',
    'unread.changed',
    'accounts.changed',
    'connection.changed',
    'notification',
    'conversations.upserted',
    'core.status',
  ]);
  const off = endpoint.on((event, payload) => {
    if (!WATCHED.has(event)) return;
    const parsed = events[event].safeParse(payload);
    if (!parsed.success) return void log.warn(`ignored a malformed ${event} event`);
    const value = parsed.data as unknown;
    if (event === 'settings.changed') settings = value as Settings;
    if (event === 'unread.changed') unread = (value as EventPayload<'unread.changed'>).total;
    if (event === 'accounts.changed') takeAccounts(value as EventPayload<'accounts.changed'>);
    if (event === 'connection.changed') {
      const { accountId, state } = value as EventPayload<'connection.changed'>;
      states.set(accountId, state.state);
    }
    if (event === 'core.status' && (value as EventPayload<'core.status'>).state === 'ready')
      refetch().catch((error: unknown) =>
        log.warn('could not read the restarted core', { error: String(error) }),
      );
    for (const listener of listeners) listener(event, value);
    if (CHANGES.has(event)) changed();
  });

  return {
    settings: () => settings,
    unreadTotal: () => unread,
    accounts: () => accounts.map((a) => ({ ...a, state: states.get(a.id) ?? 'offline' })),
    onChange(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    on(name, listener) {
      const wrapped = only(name, listener);
      listeners.add(wrapped);
      return () => listeners.delete(wrapped);
    },
    dispose() {
      off();
      listeners.clear();
      changeListeners.clear();
    },
  };
}
