import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Message } from '../../../shared/model/entities.std.ts';
import { useConversation, type ConversationController } from '../store/conversation.dom.ts';
import { useWorkspace } from '../store/workspace.dom.ts';
import { useT } from '../i18n/i18n.dom.ts';
import { MessageBubble } from './MessageBubble.dom.tsx';
import { Composer, type Draft } from './Composer.dom.tsx';
import type { MediaUrl } from './MediaPreview.dom.tsx';
import { Icon } from './Icon.dom.tsx';

type Row =
  | { kind: 'date'; key: string; label: string }
  | { kind: 'unread'; key: string }
  | { kind: 'message'; key: string; message: Message };

interface ViewProps {
  controller: ConversationController;
  onSend: (draft: Draft) => Promise<void>;
  onRetry: (id: number) => void;
  onSearchHere?: (scope: { conversationId: number; title: string }) => void;
  onReact?: (message: Message, emoji: string | null) => void;
  onDelete?: (message: Message) => void;
  mediaUrl?: MediaUrl;
}

export function ConversationView({ controller, onSend, onRetry, onSearchHere, onReact, onDelete, mediaUrl }: ViewProps) {
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
  const shown = conversation !== undefined;
  const line = useWorkspace((s) => s.lines.find((l) => l.id === conversation?.lineId));
  // Older pages come from the provider: while its account is offline, nothing is loading.
  const accountOnline = useWorkspace((s) => s.accounts.find((a) => a.id === conversation?.accountId)?.connection.state === 'online');
  const language = useWorkspace((s) => s.settings?.language ?? 'en');
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const lastTop = useRef(0);
  // Which jump target (a search hit, the unread divider) was already scrolled to.
  const shownTarget = useRef<string | null>(null);
  const previous = useRef<{ first: number | undefined; size: number }>({ first: undefined, size: 0 });
  const [showJump, setShowJump] = useState(false);
  const [seenUpTo, setSeenUpTo] = useState(0);
  const [replyTo, setReplyTo] = useState<Message | null>(null);

  const rows = useMemo<Row[]>(() => {
    const day = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', year: 'numeric' });
    const out: Row[] = [];
    let lastDay = '';
    for (const message of messages) {
      const label = day.format(message.time);
      if (label !== lastDay) out.push({ kind: 'date', key: `d${message.id}`, label });
      lastDay = label;
      if (message.id === firstUnreadId) out.push({ kind: 'unread', key: 'unread' });
      out.push({ kind: 'message', key: String(message.id), message });
    }
    return out;
  }, [messages, language, firstUnreadId]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => (rows[i]?.kind === 'message' ? 64 : 36),
    overscan: 8,
    getItemKey: (i) => rows[i]!.key,
  });

  // Opening a conversation: start at the newest message, the first unread one, or the search hit.
  useEffect(() => {
    atBottom.current = highlightId === null;
    shownTarget.current = null;
    previous.current = { first: undefined, size: 0 };
    setShowJump(false);
    setSeenUpTo(0);
  }, [conversationId, highlightId]);
  useEffect(() => setReplyTo(null), [conversationId]);

  const newest = messages.at(-1)?.id ?? 0;
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const size = virtualizer.getTotalSize();
    const first = messages[0]?.id;
    const target = highlightId !== null ? `hit:${highlightId}` : firstUnreadId !== null ? 'unread' : null;
    const targetIndex =
      target !== null && shownTarget.current !== target
        ? rows.findIndex((r) => (highlightId !== null ? r.kind === 'message' && r.message.id === highlightId : r.kind === 'unread'))
        : -1;
    if (targetIndex >= 0) {
      shownTarget.current = target;
      atBottom.current = false;
      virtualizer.scrollToIndex(targetIndex, { align: highlightId !== null ? 'center' : 'start' });
    } else if (previous.current.first !== undefined && first !== undefined && first < previous.current.first) {
      // Older messages were prepended: keep the view where the reader was.
      el.scrollTop += size - previous.current.size;
    } else if (atBottom.current && rows.length > 0) {
      virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
    }
    previous.current = { first, size };
  }, [rows, messages, virtualizer, highlightId, firstUnreadId]);

  // Rows taller than estimated (quotes, pictures) are measured after they render: a reader at
  // the bottom stays at the true bottom as the content grows.
  const sizer = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = scroller.current;
    const inner = sizer.current;
    if (!el || !inner || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (atBottom.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(inner);
    return () => observer.disconnect();
  }, [conversationId, shown]);

  // What arrives while the reader is at the bottom counts as seen.
  useEffect(() => {
    if (atBottom.current && !hasNewer) setSeenUpTo(newest);
  }, [newest, hasNewer]);

  if (conversationId === null || !conversation) {
    return <div className="conversation-empty muted">{t('conversation.pick')}</div>;
  }
  const time = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' });
  const signedIn = line?.login.state === 'authorized';
  const window24h = conversation.meta.window;
  const unseen = messages.filter((m) => m.id > seenUpTo && m.direction === 'in').length;

  const jumpToBottom = () => {
    setShowJump(false);
    atBottom.current = true;
    if (hasNewer) void controller.latest();
    // The element, not an index: this may run from a closure older than the newest rows.
    else if (scroller.current) scroller.current.scrollTop = scroller.current.scrollHeight;
    setSeenUpTo(newest);
  };

  return (
    <section className="conversation-view" aria-label={conversation.title}>
      <header className="conversation-header">
        <div className="conversation-header-main">
          <div className="conversation-header-title">{conversation.title}</div>
          <div className="muted">{line?.title ?? line?.phone}</div>
          {conversation.meta.tags && conversation.meta.tags.length > 0 && (
            <ul className="conversation-tags" aria-label={t('conversation.tags')}>
              {conversation.meta.tags.map((tag) => (
                <li key={tag.id} className="chat-tag" style={tag.color && /^#[0-9a-f]{3,8}$/i.test(tag.color) ? { borderColor: tag.color } : undefined}>
                  {tag.name}
                </li>
              ))}
            </ul>
          )}
          {window24h && (
            <div className="muted">{window24h.endsAt > Date.now() ? t('conversation.window', { time: time.format(window24h.endsAt) }) : t('conversation.windowClosed')}</div>
          )}
        </div>
        {onSearchHere && (
          <button type="button" className="secondary" onClick={() => onSearchHere({ conversationId, title: conversation.title })} aria-label={t('search.inConversation')} title={t('search.inConversation')}>
            <Icon name="search" />
          </button>
        )}
      </header>
      <div className="message-area">
        <div
          ref={scroller}
          className="message-scroller"
          role="log"
          aria-live="polite"
          onScroll={(event) => {
            const el = event.currentTarget;
            // Only the reader leaves the bottom, by scrolling up; content growing below (a measured
            // picture, a new message) scrolls nothing back and must not unstick it.
            if (el.scrollHeight - el.scrollTop - el.clientHeight < 48) atBottom.current = true;
            else if (el.scrollTop < lastTop.current) atBottom.current = false;
            lastTop.current = el.scrollTop;
            const away = !atBottom.current || hasNewer;
            if (away !== showJump) setShowJump(away);
            if (atBottom.current && !hasNewer && seenUpTo !== newest) setSeenUpTo(newest);
            if (el.scrollTop < 200 && hasOlder && !loadingOlder) void controller.loadOlder();
            if (atBottom.current && hasNewer) void controller.loadNewer();
          }}
        >
          {loadingOlder && accountOnline && <div className="muted loading-older">{t('conversation.loadingOlder')}</div>}
          <div ref={sizer} style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index]!;
              return (
                <div key={item.key} data-index={item.index} ref={virtualizer.measureElement} className="virtual-row" style={{ transform: `translateY(${item.start}px)` }}>
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
                      {...(signedIn ? { actions: { onReply: setReplyTo, ...(onReact ? { onReact } : {}), ...(onDelete ? { onDelete } : {}) } } : {})}
                      {...(mediaUrl ? { mediaUrl } : {})}
                    />
                  )}
                </div>
              );
            })}
          </div>
        </div>
        {showJump && (
          <button type="button" className="jump-to-bottom" onClick={jumpToBottom} aria-label={unseen ? t('conversation.jumpNew', { count: unseen }) : t('conversation.jump')} title={t('conversation.jump')}>
            <Icon name="down" />
            {unseen > 0 && <span className="jump-count">{unseen}</span>}
          </button>
        )}
      </div>
      <Composer
        conversationId={conversationId}
        disabledReason={signedIn ? undefined : t('composer.notSignedIn')}
        replyTo={replyTo}
        onCancelReply={() => setReplyTo(null)}
        onSend={async (draft) => {
          await onSend(draft);
          setReplyTo(null);
          jumpToBottom();
        }}
      />
    </section>
  );
}
