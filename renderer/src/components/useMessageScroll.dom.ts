import { useEffect, useLayoutEffect, useRef, useState, type UIEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Message } from '../../../shared/model/entities.std.ts';
import type { ConversationController } from '../store/conversation.dom.ts';
import type { Row } from './messageRows.dom.ts';

interface ScrollInput {
  conversationId: number | null;
  /** The view is on screen (its elements exist). */
  shown: boolean;
  rows: Row[];
  messages: Message[];
  highlightId: number | null;
  firstUnreadId: number | null;
  hasOlder: boolean;
  hasNewer: boolean;
  loadingOlder: boolean;
  controller: ConversationController;
}

/**
 * How the conversation scrolls, as in WhatsApp: it opens at the newest message, the unread
 * divider or a search hit; older pages load above without moving what is read; a reader at the
 * bottom stays there as messages arrive and rows are measured; a reader further up sees a
 * jump button counting what arrived below.
 */
export function useMessageScroll(input: ScrollInput) {
  const {
    conversationId,
    shown,
    rows,
    messages,
    highlightId,
    firstUnreadId,
    hasOlder,
    hasNewer,
    loadingOlder,
    controller,
  } = input;
  const scroller = useRef<HTMLDivElement>(null);
  const sizer = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const lastTop = useRef(0);
  // Which jump target (a search hit, the unread divider) was already scrolled to.
  const shownTarget = useRef<string | null>(null);
  const previous = useRef<{ first: number | undefined; size: number }>({
    first: undefined,
    size: 0,
  });
  const [showJump, setShowJump] = useState(false);
  const [seenUpTo, setSeenUpTo] = useState(0);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => (rows[i]?.kind === 'message' ? 64 : 36),
    overscan: 8,
    getItemKey: (i) => rows[i]!.key,
  });

  useEffect(() => {
    atBottom.current = highlightId === null;
    shownTarget.current = null;
    previous.current = { first: undefined, size: 0 };
    setShowJump(false);
    setSeenUpTo(0);
  }, [conversationId, highlightId]);

  const newest = messages.at(-1)?.id ?? 0;
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const size = virtualizer.getTotalSize();
    const first = messages[0]?.id;
    const target =
      highlightId !== null ? `hit:${highlightId}` : firstUnreadId !== null ? 'unread' : null;
    const targetIndex =
      target !== null && shownTarget.current !== target
        ? rows.findIndex((r) =>
            highlightId !== null
              ? r.kind === 'message' && r.message.id === highlightId
              : r.kind === 'unread',
          )
        : -1;
    if (targetIndex >= 0) {
      shownTarget.current = target;
      atBottom.current = false;
      virtualizer.scrollToIndex(targetIndex, { align: highlightId !== null ? 'center' : 'start' });
    } else if (
      previous.current.first !== undefined &&
      first !== undefined &&
      first < previous.current.first
    ) {
      // Older messages were prepended: keep the view where the reader was.
      el.scrollTop += size - previous.current.size;
    } else if (atBottom.current && rows.length > 0) {
      virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
    }
    previous.current = { first, size };
  }, [rows, messages, virtualizer, highlightId, firstUnreadId]);

  // Rows taller than estimated (quotes, pictures) are measured after they render.
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

  const onScroll = (event: UIEvent<HTMLDivElement>) => {
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
  };

  const jumpToBottom = () => {
    setShowJump(false);
    atBottom.current = true;
    if (hasNewer) void controller.latest();
    // The element, not an index: this may run from a closure older than the newest rows.
    else if (scroller.current) scroller.current.scrollTop = scroller.current.scrollHeight;
    setSeenUpTo(newest);
  };

  const unseen = messages.filter((m) => m.id > seenUpTo && m.direction === 'in').length;
  return { scroller, sizer, virtualizer, onScroll, showJump, unseen, jumpToBottom };
}
