import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  capabilitiesOf,
  loadMoreConversations,
  setListFilter,
  setScope,
  useWorkspace,
} from './store/workspace.dom.ts';
import type { Message } from '../../shared/model/entities.std.ts';
import { sendDraft } from './actions/send.dom.ts';
import { messageActions } from './actions/messages.dom.ts';
import { chatActions } from './actions/chats.dom.ts';
import { loginActions } from './actions/login.dom.ts';
import {
  accountDialogActions,
  addAccount,
  isWebhookAccount,
  lineActions,
} from './actions/accounts.dom.ts';
import { settingsActions } from './actions/settings.dom.ts';

const messages = messageActions(client);
const chats = chatActions(client);
const lines = lineActions(client);
const settingsOf = settingsActions(client);
import { useT } from './i18n/i18n.dom.ts';
import { client, conversation } from './core.dom.ts';
import { AccountSidebar } from './components/AccountSidebar.dom.tsx';
import { ConversationList } from './components/ConversationList.dom.tsx';
import { ConversationView } from './components/ConversationView.dom.tsx';
import { LoginDialog } from './components/LoginDialog.dom.tsx';
import { loginMethodOf } from '../../shared/model/login.std.ts';
import { useConversation } from './store/conversation.dom.ts';
import { AddAccountDialog } from './components/AddAccountDialog.dom.tsx';
import { SearchPanel, type SearchScope } from './components/SearchPanel.dom.tsx';
import { SettingsDialog } from './components/SettingsDialog.dom.tsx';
import { ProblemBanners } from './components/ProblemBanners.dom.tsx';
import { OfflineBanner } from './components/OfflineBanner.dom.tsx';
import { AccountDialog, type AccountActions } from './components/AccountDialog.dom.tsx';
import { allowWebNotifications } from './webNotifications.dom.ts';
import { ShortcutSheet } from './components/shortcuts.dom.tsx';
import type { ProviderDescriptor } from '../../shared/ipc/providers.std.ts';

/** Below this width the list and the chat take turns (kept in step with styles.css). */
const ONE_PANE_QUERY = '(max-width: 719px)';

const mediaUrl = (localPath: string) => client.mediaUrl(localPath);

export function App() {
  const t = useT();
  const error = useWorkspace((s) => s.error);
  const [loginLineId, setLoginLineId] = useState<string>();
  const loginLine = useWorkspace((s) => s.lines.find((l) => l.id === loginLineId));
  const loginAccount = useWorkspace((s) => s.accounts.find((a) => a.id === loginLine?.accountId));
  const openId = useConversation((s) => s.conversationId);
  const openAccountId = useConversation((s) => s.conversation?.accountId);
  // Offered only where the provider can do it: no button that can only fail.
  const canReact = useWorkspace((s) => capabilitiesOf(s, openAccountId).react);
  const canDelete = useWorkspace((s) => capabilitiesOf(s, openAccountId).deleteForEveryone);
  const [actionError, setActionError] = useState<string>();
  const [providers, setProviders] = useState<ProviderDescriptor[]>();
  const [searchFocus, setSearchFocus] = useState(0);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [accountDialog, setAccountDialog] = useState<{ accountId: string; webhook: boolean }>();
  const dialogAccount = useWorkspace((s) =>
    s.accounts.find((a) => a.id === accountDialog?.accountId),
  );
  const accountActions = useMemo<AccountActions | undefined>(
    () =>
      accountDialog
        ? accountDialogActions(client, accountDialog.accountId, () => setAccountDialog(undefined))
        : undefined,
    [accountDialog],
  );
  const dialogAllMuted = useWorkspace((s) => {
    const lines = s.lines.filter((l) => l.accountId === accountDialog?.accountId);
    return lines.length > 0 && lines.every((l) => l.muted);
  });
  const settings = useWorkspace((s) => s.settings);
  const appInfo = useWorkspace((s) => s.app);
  const desktop = appInfo?.electron ?? false;
  const theme = settings?.theme ?? 'system';
  const language = settings?.language ?? 'en';

  // The theme and language apply to the whole page, as the user chose them.
  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
    document.documentElement.lang = language;
  }, [theme, language]);
  const search = useCallback(
    (query: string, scope: SearchScope | null) =>
      client.call('search', {
        query,
        limit: 50,
        ...(scope ? { conversationId: scope.conversationId } : {}),
      }),
    [],
  );
  const [searchScope, setSearchScope] = useState<SearchScope | null>(null);

  // Ctrl/Cmd+K: search, as in Telegram and Slack.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        setSearchFocus((n) => n + 1);
      }
      // Ctrl+/: the sheet of shortcuts.
      if ((event.ctrlKey || event.metaKey) && event.key === '/') {
        event.preventDefault();
        setShortcutsOpen((open) => !open);
      }
      // One pane at a time (a narrow window): Esc goes back from the chat to the list, unless a dialog is open.
      if (
        event.key === 'Escape' &&
        window.matchMedia(ONE_PANE_QUERY).matches &&
        // The topmost layer takes Esc: a dialog, a menu or the emoji picker closes first.
        !document.querySelector('.dialog-backdrop, [role="menu"], .emoji-picker')
      )
        void conversation.open(null);
      // Ctrl+Shift+M: mute or unmute the open chat; Ctrl+Shift+U: mark it unread and go back to the list.
      // The chat as listed, or as fetched on opening: the key works before the fetch returns.
      const openId = useConversation.getState().conversationId;
      const open =
        useWorkspace.getState().conversations.find((c) => c.id === openId) ??
        useConversation.getState().conversation;
      if (open && (event.ctrlKey || event.metaKey) && event.shiftKey) {
        const key = event.key.toLowerCase();
        if (key === 'm') {
          event.preventDefault();
          void act(chats.toggleMute(open));
        } else if (key === 'u') {
          event.preventDefault();
          void act(chats.markUnread(open.id));
          void conversation.open(null);
        }
      }
      // Alt+↑/↓: previous / next conversation, as in Telegram Desktop.
      if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
        event.preventDefault();
        const list = useWorkspace.getState().conversations;
        const at = list.findIndex((c) => c.id === useConversation.getState().conversationId);
        const next = list[event.key === 'ArrowDown' ? at + 1 : at < 0 ? 0 : at - 1];
        if (next) void conversation.open(next.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const act = (work: Promise<unknown>) =>
    work.catch((e: unknown) => setActionError(e instanceof Error ? e.message : String(e)));
  const loadMore = useCallback(
    () =>
      void loadMoreConversations(client).catch((e: unknown) =>
        setActionError(e instanceof Error ? e.message : String(e)),
      ),
    [],
  );

  return (
    <div className="app">
      <OfflineBanner />
      <ProblemBanners />
      {(error || actionError) && (
        <div className="banner banner-error banner-dismissable" role="alert">
          <span>{t('error.generic', { message: (actionError ?? error)! })}</span>
          {actionError && (
            <button type="button" className="link-button" onClick={() => setActionError(undefined)}>
              {t('banner.dismiss')}
            </button>
          )}
        </div>
      )}
      <div className={`layout${openId !== null ? ' layout-chat-open' : ''}`}>
        <AccountSidebar
          onLineClick={(lineId) => setLoginLineId(lineId)}
          onAddAccount={() => void act(client.call('providers.list', {}).then(setProviders))}
          onSettings={() => setSettingsOpen(true)}
          onScope={(accountId) => void act(setScope(client, accountId))}
          onMute={(lineId, muted) => void act(lines.setMuted(lineId, muted))}
          onRemoveDemo={() => void act(lines.removeDemo())}
          onAccountSettings={(accountId) =>
            void act(
              isWebhookAccount(client, accountId).then((webhook) =>
                setAccountDialog({ accountId, webhook }),
              ),
            )
          }
        />
        <main className="conversations">
          <h1 className="visually-hidden">{t('conversations.label')}</h1>
          <SearchPanel
            search={search}
            focusSignal={searchFocus}
            scope={searchScope}
            onClearScope={() => setSearchScope(null)}
            onOpen={(hit) => void conversation.openAt(hit.conversationId, hit.message.id)}
          />
          <ConversationList
            selectedId={openId}
            onOpen={(id) => void conversation.open(id)}
            onFilter={(f) => void act(setListFilter(client, f))}
            onLoadMore={loadMore}
          />
        </main>
        <ConversationView
          controller={conversation}
          onSend={async (draft) => {
            if (openId !== null) await sendDraft(client, openId, draft);
          }}
          mediaUrl={mediaUrl}
          onSearchHere={(scope) => {
            setSearchScope(scope);
            setSearchFocus((n) => n + 1);
          }}
          onRetry={(id) => void act(messages.retry(id))}
          onMute={(id, forMs) => void act(chats.mute(id, forMs))}
          onUnmute={(id) => void act(chats.unmute(id))}
          onDiscard={(id) => act(messages.discard(id)).then((done) => done !== undefined)}
          {...(canReact
            ? {
                onReact: (message: Message, emoji: string | null) =>
                  void act(messages.react(message, emoji)),
              }
            : {})}
          {...(canDelete
            ? { onDelete: (message: Message) => void act(messages.deleteForEveryone(message)) }
            : {})}
        />
      </div>
      {shortcutsOpen && <ShortcutSheet onClose={() => setShortcutsOpen(false)} />}
      {settingsOpen && settings && (
        <div className="dialog-backdrop">
          <SettingsDialog
            settings={settings}
            desktop={desktop}
            {...(appInfo ? { secrets: appInfo.secrets, logFile: appInfo.logFile } : {})}
            onStoreWithoutKeyring={(allow) => void act(settingsOf.storeWithoutKeyring(allow))}
            onAllowBrowserNotifications={allowWebNotifications}
            onApplyWebhook={settingsOf.applyWebhook}
            onChange={(patch) => void act(settingsOf.change(patch))}
            onClose={() => setSettingsOpen(false)}
          />
        </div>
      )}
      {accountDialog && dialogAccount && accountActions && (
        <div className="dialog-backdrop">
          <AccountDialog
            account={dialogAccount}
            webhook={accountDialog.webhook}
            allMuted={dialogAllMuted}
            actions={accountActions}
          />
        </div>
      )}
      {providers && (
        <div className="dialog-backdrop">
          <AddAccountDialog
            providers={providers}
            onClose={() => setProviders(undefined)}
            onSubmit={(provider, label, config, secrets) =>
              addAccount(client, { provider, label, config, secrets })
            }
          />
        </div>
      )}
      {loginLine && (
        <div className="dialog-backdrop">
          <LoginDialog
            title={loginLine.title ?? loginLine.providerLineId}
            state={loginLine.login}
            method={loginMethodOf(loginLine.messenger)}
            demo={loginAccount?.demo ?? false}
            onStart={() => void act(loginActions(client, loginLine).start())}
            onSubmit={async (step) => {
              await act(loginActions(client, loginLine).submit(step));
            }}
            onCancel={() => void act(loginActions(client, loginLine).cancel())}
            onSimulateScan={() => void act(loginActions(client, loginLine).simulateScan())}
            onLogout={() => void act(loginActions(client, loginLine).logout())}
            onClose={() => setLoginLineId(undefined)}
          />
        </div>
      )}
    </div>
  );
}
