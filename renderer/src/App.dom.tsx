import { useWorkspace } from './store/workspace.dom.ts';
import { useT } from './i18n/i18n.dom.ts';
import { AccountSidebar } from './components/AccountSidebar.dom.tsx';
import { ConversationList } from './components/ConversationList.dom.tsx';

export function App() {
  const t = useT();
  const status = useWorkspace((s) => s.status);
  const error = useWorkspace((s) => s.error);
  return (
    <div className="app">
      {status !== 'open' && (
        <div className="banner" role="status">
          {status === 'connecting' ? t('core.connecting') : t('core.offline')}
        </div>
      )}
      {error && (
        <div className="banner banner-error" role="alert">
          {t('error.generic', { message: error })}
        </div>
      )}
      <div className="layout">
        <AccountSidebar />
        <main className="conversations">
          <h1 className="visually-hidden">{t('conversations.label')}</h1>
          <ConversationList />
        </main>
      </div>
    </div>
  );
}
