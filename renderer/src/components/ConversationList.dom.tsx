import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { kindWords } from './messageKind.dom.ts';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Conversation, Line } from '../../../shared/model/entities.std.ts';
import { useWorkspace, type ListFilter } from '../store/workspace.dom.ts';
import { useT } from '../i18n/i18n.dom.ts';
import { Ticks } from './Ticks.dom.tsx';
import { Avatar } from './Avatar.dom.tsx';
import { useListTime } from './listTime.dom.ts';
import { BellIcon } from './BellIcon.dom.tsx';
import { MessengerIcon } from './MessengerIcon.dom.tsx';

/** Every row is this tall, so positions are exact and a live reorder can keep the view still. */
export const ROW_HEIGHT = 68;
/** Ask for the next page this many rows before the end. */
const PREFETCH = 30;

function usePreview() {
  const t = useT();
  return (conversation: Conversation): string => {
    const last = conversation.lastMessage;
    if (!last) return '';
    return last.deleted
      ? t('message.deleted')
      : (last.text ??
          (last.media ? (last.media.fileName ?? t('message.media')) : (kindWords(t, last) ?? '')));
  };
}

export function ConversationList({
  selectedId,
  onOpen,
  onFilter,
  onLoadMore,
}: {
  selectedId: number | null;
  onOpen(id: number): void;
  onFilter(filter: ListFilter): void;
  onLoadMore(): void;
}) {
  const t = useT();
  const preview = usePreview();
  const listTime = useListTime();
  const conversations = useWorkspace((s) => s.conversations);
  const filter = useWorkspace((s) => s.filter);
  const scope = useWorkspace((s) => s.scope);
  const next = useWorkspace((s) => s.next);
  const lines = useWorkspace((s) => s.lines);
  const accounts = useWorkspace((s) => s.accounts);
  const scroller = useRef<HTMLDivElement>(null);
  // The first row in view and how far it was scrolled past, to hold it in place when rows above it move.
  const anchor = useRef<{ id: number; offset: number } | null>(null);

  const virtualizer = useVirtualizer({
    count: conversations.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    getItemKey: (i) => conversations[i]!.id,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;

  // Roving focus, as a list should be to a keyboard: one Tab stop (the row last focused, or
  // the open chat, or the first one on screen), arrows, Home and End inside.
  const [rovingId, setRovingId] = useState<number | null>(null);
  const focusAfterRender = useRef(false);
  const rendered = items.map((item) => conversations[item.index]!.id);
  const tabStop =
    [rovingId, selectedId].find((id) => id !== null && rendered.includes(id)) ?? rendered[0];
  const moveFocus = (event: KeyboardEvent, from: number) => {
    const to =
      event.key === 'ArrowDown'
        ? from + 1
        : event.key === 'ArrowUp'
          ? from - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? conversations.length - 1
              : null;
    if (to === null) return false;
    event.preventDefault();
    const index = Math.max(0, Math.min(to, conversations.length - 1));
    const target = conversations[index];
    if (!target) return true;
    setRovingId(target.id);
    focusAfterRender.current = true;
    virtualizer.scrollToIndex(index);
    return true;
  };
  useEffect(() => {
    if (!focusAfterRender.current || rovingId === null) return;
    const row = scroller.current?.querySelector<HTMLElement>(
      `[data-conversation-id="${rovingId}"]`,
    );
    if (!row) return;
    focusAfterRender.current = false;
    row.focus();
  });

  useEffect(() => {
    if (next && lastIndex >= conversations.length - PREFETCH) onLoadMore();
  }, [lastIndex, conversations.length, next, onLoadMore]);

  // At the top, new activity shows up at the top as in any messenger; scrolled down, the rows
  // the user is reading stay where they are while others move above them.
  useLayoutEffect(() => {
    const el = scroller.current;
    const held = anchor.current;
    if (!el || !held || el.scrollTop === 0) return;
    const index = conversations.findIndex((c) => c.id === held.id);
    if (index >= 0 && index * ROW_HEIGHT - held.offset !== el.scrollTop)
      el.scrollTop = index * ROW_HEIGHT - held.offset;
  }, [conversations]);

  const lineById = new Map(lines.map((l) => [l.id, l]));
  const labelOf = (line: Line | undefined) => {
    if (!line) return '';
    const account = accounts.find((a) => a.id === line.accountId);
    const name = line.title ?? line.phone ?? line.providerLineId;
    return scope || !account ? name : `${account.label} · ${name}`;
  };
  const showLine = !scope && lines.length > 1;

  const filters = (
    <div className="list-filters" role="group" aria-label={t('conversations.filter')}>
      {(['all', 'unread'] as const).map((f) => (
        <button key={f} type="button" aria-pressed={filter === f} onClick={() => onFilter(f)}>
          {t(`conversations.filter.${f}`)}
        </button>
      ))}
    </div>
  );
  if (conversations.length === 0) {
    return (
      <>
        {filters}
        <p className="muted empty">
          {filter === 'unread' ? t('conversations.noUnread') : t('conversations.empty')}
        </p>
      </>
    );
  }
  return (
    <>
      {filters}
      <div
        ref={scroller}
        className="conversation-scroller"
        onScroll={(event) => {
          const top = event.currentTarget.scrollTop;
          const index = Math.floor(top / ROW_HEIGHT);
          const first = conversations[index];
          anchor.current = first ? { id: first.id, offset: index * ROW_HEIGHT - top } : null;
        }}
      >
        <div
          className="conversation-list"
          role="list"
          aria-label={t('conversations.label')}
          style={{ height: virtualizer.getTotalSize() }}
        >
          {items.map((item) => {
            const c = conversations[item.index]!;
            const line = lineById.get(c.lineId);
            const last = c.lastMessage;
            const selected = c.id === selectedId;
            return (
              <div
                key={item.key}
                role="listitem"
                className={`conversation-row${selected ? ' conversation-row-selected' : ''}`}
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                data-testid="conversation-row"
                aria-current={selected ? 'true' : undefined}
                data-conversation-id={c.id}
                tabIndex={c.id === tabStop ? 0 : -1}
                onFocus={() => setRovingId(c.id)}
                onClick={() => onOpen(c.id)}
                onKeyDown={(e) => {
                  if (moveFocus(e, item.index)) return;
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    onOpen(c.id);
                  }
                }}
              >
                <Avatar id={c.id} title={c.title} url={c.avatarUrl} />
                <div className="conversation-main">
                  <div className="conversation-top">
                    <span className="conversation-title">{c.title}</span>
                    {c.mutedUntil !== undefined && (
                      <span className="chat-muted" role="img" aria-label={t('chat.muted')}>
                        <BellIcon muted />
                      </span>
                    )}
                    {last && (
                      <time
                        className="muted conversation-time"
                        dateTime={new Date(last.time).toISOString()}
                      >
                        {listTime(last.time)}
                      </time>
                    )}
                  </div>
                  <div className="conversation-bottom">
                    <span className="conversation-preview">
                      {last?.direction === 'out' && !last.deleted && (
                        <>
                          <span className="preview-you">{t('conversations.youPrefix')}</span>
                          <Ticks status={last.status} />
                        </>
                      )}
                      {preview(c)}
                    </span>
                    {c.unread > 0 ? (
                      <span
                        className={`unread${line?.muted || c.mutedUntil !== undefined ? ' unread-muted' : ''}`}
                        aria-label={t('conversations.unread', { count: c.unread })}
                      >
                        {c.unread}
                      </span>
                    ) : (
                      c.markedUnread && (
                        <span
                          className={`unread unread-mark${c.mutedUntil !== undefined ? ' unread-muted' : ''}`}
                          aria-label={t('chat.markedUnread')}
                        />
                      )
                    )}
                  </div>
                  {showLine && line && (
                    <div className="conversation-line muted">
                      <MessengerIcon messenger={line.messenger} />
                      <span>{labelOf(line)}</span>
                    </div>
                  )}
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </>
  );
}
