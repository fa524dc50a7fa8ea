import type { Conversation } from '../../../shared/model/entities.std.ts';
import { useWorkspace, type ListFilter } from '../store/workspace.dom.ts';
import { useT } from '../i18n/i18n.dom.ts';

function usePreview() {
  const t = useT();
  return (conversation: Conversation): string => {
    const last = conversation.lastMessage;
    if (!last) return '';
    const text = last.deleted ? t('message.deleted') : (last.text ?? (last.media ? t('message.media') : ''));
    return last.direction === 'out' ? t('conversations.you', { text }) : text;
  };
}

export function ConversationList({ selectedId, onOpen, onFilter }: { selectedId: number | null; onOpen(id: number): void; onFilter(filter: ListFilter): void }) {
  const t = useT();
  const preview = usePreview();
  const conversations = useWorkspace((s) => s.conversations);
  const filter = useWorkspace((s) => s.filter);
  const filters = (
    <div className="list-filters" role="group" aria-label={t('conversations.filter')}>
      {(['all', 'unread'] as const).map((f) => (
        <button key={f} type="button" aria-pressed={filter === f} onClick={() => onFilter(f)}>
          {t(`conversations.filter.${f}`)}
        </button>
      ))}
    </div>
  );
  const language = useWorkspace((s) => s.settings?.language ?? 'en');
  const time = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' });
  if (conversations.length === 0) {
    return (
      <>
        {filters}
        <p className="muted empty">{filter === 'unread' ? t('conversations.noUnread') : t('conversations.empty')}</p>
      </>
    );
  }
  return (
    <>
    {filters}
    <ul className="conversation-list" role="list" aria-label={t('conversations.label')}>
      {conversations.map((c) => (
        <li key={c.id} className={`conversation-row${c.id === selectedId ? ' conversation-row-selected' : ''}`} data-testid="conversation-row" aria-current={c.id === selectedId ? 'true' : undefined} onClick={() => onOpen(c.id)} onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && onOpen(c.id)} tabIndex={0}>
          <div className="avatar" aria-hidden="true">
            {c.title.slice(0, 1).toUpperCase()}
          </div>
          <div className="conversation-main">
            <div className="conversation-top">
              <span className="conversation-title">{c.title}</span>
              {c.lastMessage && <time className="muted">{time.format(c.lastMessage.time)}</time>}
            </div>
            <div className="conversation-bottom">
              <span className="conversation-preview">{preview(c)}</span>
              {c.unread > 0 && (
                <span className="unread" aria-label={t('conversations.unread', { count: c.unread })}>
                  {c.unread}
                </span>
              )}
            </div>
          </div>
        </li>
      ))}
    </ul>
    </>
  );
}
