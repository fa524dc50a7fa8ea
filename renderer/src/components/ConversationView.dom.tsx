import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Message } from '../../../shared/model/entities.std.ts';
import { useConversation, type ConversationController } from '../store/conversation.dom.ts';
import { useWorkspace } from '../store/workspace.dom.ts';
import { useT } from '../i18n/i18n.dom.ts';
import { MessageBubble } from './MessageBubble.dom.tsx';
import { Composer, type Draft } from './Composer.dom.tsx';
import type { MediaUrl } from './MediaPreview.dom.tsx';
import { Icon } from './Icon.dom.tsx';
import { ConversationHeader } from './ConversationHeader.dom.tsx';
import { messageRows } from './messageRows.dom.ts';
import { useMessageScroll } from './useMessageScroll.dom.ts';
import { useToday } from './useNow.dom.ts';
import { useSeenMessages } from './useSeenMessages.dom.ts';
import { Lightbox } from './Lightbox.dom.tsx';

const isPicture = (m: Message) =>
  m.type === 'image' || m.type === 'sticker' || (m.media?.mime?.startsWith('image/') ?? false);

interface ViewProps {
  controller: ConversationController;
  onSend: (draft: Draft) => Promise<void>;
  onRetry: (id: number) => void;
  /** Gives up a send that never went; resolves whether it is gone. */
  onDiscard: (id: number) => Promise<boolean>;
  onSearchHere?: (scope: { conversationId: number; title: string }) => void;
  onReact?: (message: Message, emoji: string | null) => void;
  onDelete?: (message: Message) => void;
  onMute?: (conversationId: number, forMs: number | null) => void;
  onUnmute?: (conversationId: number) => void;
  mediaUrl?: MediaUrl;
}

export function ConversationView({
  controller,
  onSend,
  onRetry,
  onDiscard,
  onSearchHere,
  onReact,
  onDelete,
  onMute,
  onUnmute,
  mediaUrl,
}: ViewProps) {
  const t = useT();
  const conversationId = useConversation((s) => s.conversationId);
  const messages = useConversation((s) => s.messages);
  const hasOlder = useConversation((s) => s.hasOlder);
  const loadingOlder = useConversation((s) => s.loadingOlder);
  const hasNewer = useConversation((s) => s.hasNewer);
  const highlightId = useConversation((s) => s.highlightId);
  const firstUnreadId = useConversation((s) => s.firstUnreadId);
  const unreadAtOpen = useConversation((s) => s.unreadAtOpen);
  const listed = useWorkspace((s) => s.conversations.find((c) => c.id === conversationId));
  const fetched = useConversation((s) => s.conversation);
  const conversation = listed ?? fetched ?? undefined;
  const line = useWorkspace((s) => s.lines.find((l) => l.id === conversation?.lineId));
  const haveChats = useWorkspace((s) => s.conversations.length > 0);
  // Older pages come from the provider: while its account is offline, nothing is loading.
  const accountOnline = useWorkspace(
    (s) => s.accounts.find((a) => a.id === conversation?.accountId)?.connection.state === 'online',
  );
  const language = useWorkspace((s) => s.settings?.language ?? 'en');
  const [replyTo, setReplyTo] = useState<Message | null>(null);
  useEffect(() => setReplyTo(null), [conversationId]);
  const [viewing, setViewing] = useState<number | null>(null);
  useEffect(() => setViewing(null), [conversationId]);
  // A failed send taken back to the composer: its text goes in once it is gone from the chat.
  const [refill, setRefill] = useState<{ text: string; seq: number } | null>(null);
  const editUnsent = (message: Message) =>
    void onDiscard(message.id).then(
      (gone) => gone && setRefill({ text: message.text ?? '', seq: message.id }),
    );

  const today = useToday();
  const rows = useMemo(
    () =>
      messageRows(messages, language, firstUnreadId, {
        now: Math.max(today, Date.now()),
        today: t('time.today'),
        yesterday: t('time.yesterday'),
      }),
    [messages, language, firstUnreadId, today, t],
  );
  const scroll = useMessageScroll({
    conversationId,
    shown: conversation !== undefined,
    rows,
    messages,
    highlightId,
    firstUnreadId,
    hasOlder,
    hasNewer,
    loadingOlder,
    controller,
  });
  const observeSeen = useSeenMessages(
    scroll.scroller,
    controller.seen,
    `${conversationId}:${conversation !== undefined}`,
  );
  const { virtualizer } = scroll;
  // One stable ref: a new function each render would measure and re-observe every row each time.
  const measureElement = virtualizer.measureElement;
  const rowRef = useCallback(
    (element: HTMLDivElement | null) => {
      measureElement(element);
      return observeSeen(element);
    },
    [measureElement, observeSeen],
  );

  if (conversationId === null || !conversation) {
    return (
      <div className="conversation-empty muted">
        {t(haveChats ? 'conversation.pick' : 'conversation.noneYet')}
      </div>
    );
  }
  const time = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' });
  const signedIn = line?.login.state === 'authorized';
  const actions = signedIn
    ? { onReply: setReplyTo, ...(onReact ? { onReact } : {}), ...(onDelete ? { onDelete } : {}) }
    : undefined;

  return (
    <section className="conversation-view" aria-label={conversation.title}>
      <ConversationHeader
        conversation={conversation}
        line={line}
        time={time}
        onBack={() => void controller.open(null)}
        onMute={onMute && ((forMs) => onMute(conversationId, forMs))}
        onUnmute={onUnmute && (() => onUnmute(conversationId))}
        onSearchHere={
          onSearchHere && (() => onSearchHere({ conversationId, title: conversation.title }))
        }
      />
      <div className="message-area">
        <div
          ref={scroll.scroller}
          className="message-scroller"
          role="log"
          aria-live="polite"
          onScroll={scroll.onScroll}
        >
          {loadingOlder && accountOnline && (
            <div className="muted loading-older">{t('conversation.loadingOlder')}</div>
          )}
          <div
            ref={scroll.sizer}
            style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
          >
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index]!;
              return (
                <div
                  key={item.key}
                  data-index={item.index}
                  data-message-id={row.kind === 'message' ? row.message.id : undefined}
                  ref={rowRef}
                  className="virtual-row"
                  style={{ transform: `translateY(${item.start}px)` }}
                >
                  {row.kind === 'date' ? (
                    <div className="date-separator">{row.label}</div>
                  ) : row.kind === 'unread' ? (
                    <div className="unread-divider" role="separator" data-testid="unread-divider">
                      {t('conversation.newMessages', { count: unreadAtOpen })}
                    </div>
                  ) : (
                    <MessageBubble
                      message={row.message}
                      time={time.format(row.message.time)}
                      group={conversation.kind === 'group'}
                      highlighted={row.message.id === highlightId}
                      onRetry={onRetry}
                      onEditUnsent={editUnsent}
                      onDiscard={(message) => void onDiscard(message.id)}
                      onOpenPicture={(message) => setViewing(message.id)}
                      {...(actions ? { actions } : {})}
                      {...(mediaUrl ? { mediaUrl } : {})}
                    />
                  )}
                </div>
              );
            })}
          </div>
        </div>
        {scroll.showJump && (
          <button
            type="button"
            className="jump-to-bottom"
            onClick={scroll.jumpToBottom}
            aria-label={
              scroll.unseen
                ? t('conversation.jumpNew', { count: scroll.unseen })
                : t('conversation.jump')
            }
            title={t('conversation.jump')}
          >
            <Icon name="down" />
            {scroll.unseen > 0 && <span className="jump-count">{scroll.unseen}</span>}
          </button>
        )}
      </div>
      {viewing !== null && (
        <Lightbox
          pictures={messages.filter((m) => m.media && isPicture(m) && !m.deleted)}
          startId={viewing}
          mediaUrl={mediaUrl}
          onClose={() => setViewing(null)}
        />
      )}
      <Composer
        conversationId={conversationId}
        disabledReason={signedIn ? undefined : t('composer.notSignedIn')}
        replyTo={replyTo}
        contactName={conversation.title}
        refill={refill}
        onCancelReply={() => setReplyTo(null)}
        onSend={async (draft) => {
          await onSend(draft);
          setReplyTo(null);
          scroll.jumpToBottom();
        }}
      />
    </section>
  );
}
