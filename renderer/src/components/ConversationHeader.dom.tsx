import type { Conversation, Line } from '../../../shared/model/entities.std.ts';
import { useT } from '../i18n/i18n.dom.ts';
import { Icon } from './Icon.dom.tsx';
import { MuteButton } from './MuteButton.dom.tsx';

/** The chat's name, its line, CRM tags and WhatsApp's 24-hour window, and search within it. */
export function ConversationHeader({
  conversation,
  line,
  time,
  onSearchHere,
  onBack,
  onMute,
  onUnmute,
}: {
  conversation: Conversation;
  line: Line | undefined;
  time: Intl.DateTimeFormat;
  onSearchHere?: (() => void) | undefined;
  /** Back to the list, where the list and the chat take turns (a narrow window). */
  onBack?: (() => void) | undefined;
  onMute?: ((forMs: number | null) => void) | undefined;
  onUnmute?: (() => void) | undefined;
}) {
  const t = useT();
  const window24h = conversation.meta.window;
  const tags = conversation.meta.tags ?? [];
  return (
    <header className="conversation-header">
      {onBack && (
        <button
          type="button"
          className="back-button"
          onClick={onBack}
          aria-label={t('conversation.back')}
          title={t('conversation.back')}
        >
          <Icon name="back" />
        </button>
      )}
      <div className="conversation-header-main">
        <div className="conversation-header-title">{conversation.title}</div>
        <div className="muted">{line?.title ?? line?.phone}</div>
        {tags.length > 0 && (
          <ul className="conversation-tags" aria-label={t('conversation.tags')}>
            {tags.map((tag) => (
              <li
                key={tag.id}
                className="chat-tag"
                style={
                  tag.color && /^#[0-9a-f]{3,8}$/i.test(tag.color)
                    ? { borderColor: tag.color }
                    : undefined
                }
              >
                {tag.name}
              </li>
            ))}
          </ul>
        )}
        {window24h && (
          <div className="muted">
            {window24h.endsAt > Date.now()
              ? t('conversation.window', { time: time.format(window24h.endsAt) })
              : t('conversation.windowClosed')}
          </div>
        )}
      </div>
      {onMute && onUnmute && (
        <MuteButton
          muted={conversation.mutedUntil !== undefined}
          onMute={onMute}
          onUnmute={onUnmute}
        />
      )}
      {onSearchHere && (
        <button
          type="button"
          className="secondary"
          onClick={onSearchHere}
          aria-label={t('search.inConversation')}
          title={t('search.inConversation')}
        >
          <Icon name="search" />
        </button>
      )}
    </header>
  );
}
