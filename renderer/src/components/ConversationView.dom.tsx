import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Message } from '../../../shared/model/entities.std.ts';
import { useConversation, type ConversationController } from '../store/conversation.dom.ts';
import { useWorkspace } from '../store/workspace.dom.ts';
import { useT } from '../i18n/i18n.dom.ts';
import { MessageBubble } from './MessageBubble.dom.tsx';
import { Composer } from './Composer.dom.tsx';

type Row = { kind: 'date'; key: string; label: string } | { kind: 'message'; key: string; message: Message };

export function ConversationView({ controller, onSend, onRetry }: { controller: ConversationController; onSend: (text: string) => Promise<void>; onRetry: (id: number) => void }) {
  const t = useT();
  const conversationId = useConversation((s) => s.conversationId);
  const messages = useConversation((s) => s.messages);
  const hasOlder = useConversation((s) => s.hasOlder);
  const loadingOlder = useConversation((s) => s.loadingOlder);
  const hasNewer = useConversation((s) => s.hasNewer);
  const highlightId = useConversation((s) => s.highlightId);
  const shownHighlight = useRef<number | null>(null);
  const listed = useWorkspace((s) => s.conversations.find((c) => c.id === conversationId));
  const fetched = useConversation((s) => s.conversation);
  const conversation = listed ?? fetched ?? undefined;
  const line = useWorkspace((s) => s.lines.find((l) => l.id === conversation?.lineId));
  const language = useWorkspace((s) => s.settings?.language ?? 'en');
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const previous = useRef<{ first: number | undefined; size: number }>({ first: undefined, size: 0 });

  const rows = useMemo<Row[]>(() => {
    const day = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', year: 'numeric' });
    const out: Row[] = [];
    let lastDay = '';
    for (const message of messages) {
      const label = day.format(message.time);
      if (label !== lastDay) out.push({ kind: 'date', key: `d${message.id}`, label });
      lastDay = label;
      out.push({ kind: 'message', key: String(message.id), message });
    }
    return out;
  }, [messages, language]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => (rows[i]?.kind === 'date' ? 36 : 64),
    overscan: 8,
    getItemKey: (i) => rows[i]!.key,
  });

  // Opening a conversation: start at the newest message, or at the search hit.
  useEffect(() => {
    atBottom.current = highlightId === null;
    shownHighlight.current = null;
    previous.current = { first: undefined, size: 0 };
  }, [conversationId, highlightId]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const size = virtualizer.getTotalSize();
    const first = messages[0]?.id;
    const hit = highlightId !== null && shownHighlight.current !== highlightId ? rows.findIndex((r) => r.kind === 'message' && r.message.id === highlightId) : -1;
    if (hit >= 0) {
      shownHighlight.current = highlightId;
      virtualizer.scrollToIndex(hit, { align: 'center' });
    } else if (previous.current.first !== undefined && first !== undefined && first < previous.current.first) {
      // Older messages were prepended: keep the view where the reader was.
      el.scrollTop += size - previous.current.size;
    } else if (atBottom.current && rows.length > 0) {
      virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
    }
    previous.current = { first, size };
  }, [rows, messages, virtualizer, highlightId]);

  if (conversationId === null || !conversation) {
    return <div className="conversation-empty muted">{t('conversation.pick')}</div>;
  }
  const time = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' });
  const signedIn = line?.login.state === 'authorized';
  const window24h = conversation.meta.window;

  return (
    <section className="conversation-view" aria-label={conversation.title}>
      <header className="conversation-header">
        <div className="conversation-header-title">{conversation.title}</div>
        <div className="muted">{line?.title ?? line?.phone}</div>
        {window24h && (
          <div className="muted">{window24h.endsAt > Date.now() ? t('conversation.window', { time: time.format(window24h.endsAt) }) : t('conversation.windowClosed')}</div>
        )}
      </header>
      <div
        ref={scroller}
        className="message-scroller"
        role="log"
        aria-live="polite"
        onScroll={(event) => {
          const el = event.currentTarget;
          atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
          if (el.scrollTop < 200 && hasOlder && !loadingOlder) void controller.loadOlder();
          if (atBottom.current && hasNewer) void controller.loadNewer();
        }}
      >
        {loadingOlder && <div className="muted loading-older">{t('conversation.loadingOlder')}</div>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            return (
              <div key={item.key} data-index={item.index} ref={virtualizer.measureElement} className="virtual-row" style={{ transform: `translateY(${item.start}px)` }}>
                {row.kind === 'date' ? (
                  <div className="date-separator">{row.label}</div>
                ) : (
                  <MessageBubble message={row.message} time={time.format(row.message.time)} group={conversation.kind === 'group'} highlighted={row.message.id === highlightId} onRetry={onRetry} />
                )}
              </div>
            );
          })}
        </div>
      </div>
      <Composer conversationId={conversationId} disabledReason={signedIn ? undefined : t('composer.notSignedIn')} onSend={onSend} />
    </section>
  );
}
