import { create } from 'zustand';
import type { Conversation, Message } from '../../../shared/model/entities.std.ts';
import type { CoreClient } from '../ipc/client.dom.ts';

interface OpenConversation {
  conversationId: number | null;
  /** The chat itself, fetched on opening: it may lie outside the list's loaded pages or filter. */
  conversation: Conversation | null;
  messages: Message[];
  hasOlder: boolean;
  loadingOlder: boolean;
  /** Opened at a search hit: newer messages still to page in below. */
  hasNewer: boolean;
  /** The message to scroll to and mark (a search hit). */
  highlightId: number | null;
  /** The first message that was unread when the chat was opened: the "new messages" divider goes above it. */
  firstUnreadId: number | null;
  unreadAtOpen: number;
  error: string | undefined;
}

export const useConversation = create<OpenConversation>(() => ({
  conversationId: null,
  conversation: null,
  messages: [],
  hasOlder: false,
  loadingOlder: false,
  hasNewer: false,
  highlightId: null,
  firstUnreadId: null,
  unreadAtOpen: 0,
  error: undefined,
}));

const PAGE = 60;

/** Where the unread part starts: the `unread`-th incoming message from the end, or the oldest loaded one. */
export function firstUnreadOf(messages: readonly Message[], unread: number): number | null {
  if (unread <= 0) return null;
  let seen = 0;
  let candidate: number | null = null;
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.direction !== 'in' || m.type === 'system') continue;
    candidate = m.id;
    if (++seen === unread) break;
  }
  return candidate;
}

function merge(current: Message[], incoming: Message[]): Message[] {
  const byId = new Map(current.map((m) => [m.id, m]));
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

const looking = () => document.visibilityState === 'visible' && document.hasFocus();

/** Opens, pages and keeps live the conversation on screen. */
export function createConversationController(client: CoreClient) {
  const set = useConversation.setState;
  const get = useConversation.getState;
  /**
   * Read only what was seen, as in WhatsApp: the view reports each message that came on
   * screen (`seen`), and the chat is read up to the newest of them while the user is looking.
   * A chat just opened by the user is read as far as it shows even in an unfocused window.
   */
  // ready: the chat's unread count at opening is known (the divider), so reading may begin.
  const reading = { seen: 0, reported: 0, justOpened: false, ready: false };
  const reportSeen = () => {
    const { conversationId } = get();
    if (conversationId === null || !reading.ready || reading.seen <= reading.reported) return;
    if (!looking() && !reading.justOpened) return;
    reading.reported = reading.seen;
    reading.justOpened = false;
    void client
      .call('conversations.markRead', { id: conversationId, upTo: reading.seen })
      .catch(() => undefined);
  };
  const startReading = (justOpened: boolean, ready: boolean) => {
    reading.seen = 0;
    reading.reported = 0;
    reading.justOpened = justOpened;
    reading.ready = ready;
  };

  const reload = async (conversationId: number) => {
    try {
      const page = await client.call('messages.page', { conversationId, limit: PAGE });
      if (get().conversationId !== conversationId) return;
      set({
        messages: page.items,
        hasOlder: page.hasOlder || page.loadingOlder === true,
        loadingOlder: page.loadingOlder === true,
        error: undefined,
      });
    } catch (error) {
      set({ error: error instanceof Error ? error.message : String(error) });
    }
  };

  const fetchConversation = async (id: number): Promise<Conversation | null> => {
    try {
      const conversation = await client.call('conversations.get', { id });
      if (get().conversationId === id) set({ conversation });
      return conversation;
    } catch (error) {
      if (get().conversationId === id)
        set({ error: error instanceof Error ? error.message : String(error) });
      return null;
    }
  };

  const offs = [
    // Its account was removed (the demo taken away, say): what was open closes with it.
    client.on('accounts.changed', ({ lines }) => {
      const open = get().conversation;
      if (open && !lines.some((l) => l.id === open.lineId)) void controller.open(null);
    }),
    client.on('conversations.upserted', ({ conversations }) => {
      const open = get().conversationId;
      const updated = conversations.find((c) => c.id === open);
      if (updated) set({ conversation: updated });
    }),
    client.on('messages.upserted', ({ conversationId, messages }) => {
      if (get().conversationId !== conversationId) return;
      // Read once it comes on screen (the view reports it), not merely by arriving.
      set({ messages: merge(get().messages, messages) });
    }),
    client.on('messages.removed', ({ conversationId, ids }) => {
      if (get().conversationId !== conversationId) return;
      const gone = new Set(ids);
      set({ messages: get().messages.filter((m) => !gone.has(m.id)) });
    }),
    client.on('messages.invalidated', ({ conversationId }) => {
      const { conversationId: open, messages } = get();
      if (open !== conversationId) return;
      // Older pages arrived from the provider: fetch what lies before what we show.
      void (async () => {
        const before = messages[0]?.id;
        const page = await client.call('messages.page', {
          conversationId,
          limit: PAGE,
          ...(before ? { before } : {}),
        });
        if (get().conversationId !== conversationId) return;
        set({
          messages: merge(get().messages, page.items),
          hasOlder: page.hasOlder || page.loadingOlder === true,
          loadingOlder: page.loadingOlder === true,
        });
      })();
    }),
  ];

  // The core holds back notifications only for a chat the user is looking at: on screen, in a focused window.
  const tellFocus = () =>
    void client
      .call('ui.focus', { conversationId: looking() ? get().conversationId : null })
      .catch(() => undefined);
  // Coming back to the window reads what came on screen in the chat meanwhile.
  const reportFocus = () => {
    tellFocus();
    reportSeen();
  };
  window.addEventListener('focus', reportFocus);
  window.addEventListener('blur', reportFocus);
  document.addEventListener('visibilitychange', reportFocus);
  offs.push(() => {
    window.removeEventListener('focus', reportFocus);
    window.removeEventListener('blur', reportFocus);
    document.removeEventListener('visibilitychange', reportFocus);
  });

  const controller = {
    /** A message of the open chat came on screen. */
    seen(messageId: number) {
      if (messageId <= reading.seen) return;
      reading.seen = messageId;
      reportSeen();
    },
    async open(conversationId: number | null) {
      startReading(true, false);
      set({
        conversationId,
        conversation: null,
        messages: [],
        hasOlder: false,
        loadingOlder: false,
        hasNewer: false,
        highlightId: null,
        firstUnreadId: null,
        unreadAtOpen: 0,
        error: undefined,
      });
      if (conversationId === null) {
        tellFocus();
        return;
      }
      // What was unread is read before marking it read: the divider shows where it starts.
      const [conversation] = await Promise.all([
        fetchConversation(conversationId),
        reload(conversationId),
      ]);
      if (get().conversationId !== conversationId) return;
      const unread = conversation?.unread ?? 0;
      set({ unreadAtOpen: unread, firstUnreadId: firstUnreadOf(get().messages, unread) });
      tellFocus();
      // What came on screen while the page loaded is read now that the divider is placed.
      reading.ready = true;
      reportSeen();
    },
    /** Opens a conversation centred on one message (a search hit), marked. */
    async openAt(conversationId: number, messageId: number) {
      // No divider here: what comes on screen around the hit may be read at once.
      startReading(true, true);
      set({
        conversationId,
        conversation: null,
        messages: [],
        hasOlder: false,
        loadingOlder: false,
        hasNewer: false,
        highlightId: messageId,
        firstUnreadId: null,
        unreadAtOpen: 0,
        error: undefined,
      });
      reportFocus();
      void fetchConversation(conversationId);
      try {
        const page = await client.call('messages.page', {
          conversationId,
          around: messageId,
          limit: PAGE,
        });
        if (get().conversationId !== conversationId) return;
        set({ messages: page.items, hasOlder: page.hasOlder, hasNewer: page.hasNewer });
      } catch (error) {
        set({ error: error instanceof Error ? error.message : String(error) });
      }
    },
    /** Back to the newest page after a jump into the past (a search hit). */
    async latest() {
      const { conversationId } = get();
      if (conversationId === null) return;
      set({ highlightId: null, hasNewer: false });
      await reload(conversationId);
    },
    async loadNewer() {
      const { conversationId, messages, hasNewer } = get();
      const after = messages.at(-1)?.id;
      if (conversationId === null || !hasNewer || after === undefined) return;
      set({ hasNewer: false });
      const page = await client.call('messages.page', { conversationId, after, limit: PAGE });
      if (get().conversationId !== conversationId) return;
      set({ messages: merge(get().messages, page.items), hasNewer: page.hasNewer });
    },
    async loadOlder() {
      const { conversationId, messages, hasOlder, loadingOlder } = get();
      if (conversationId === null || !hasOlder || loadingOlder) return;
      set({ loadingOlder: true });
      const before = messages[0]?.id;
      try {
        const page = await client.call('messages.page', {
          conversationId,
          limit: PAGE,
          ...(before ? { before } : {}),
        });
        if (get().conversationId !== conversationId) return;
        set({
          messages: merge(get().messages, page.items),
          hasOlder: page.hasOlder || page.loadingOlder === true,
          loadingOlder: page.loadingOlder === true,
        });
      } catch (error) {
        set({ loadingOlder: false, error: error instanceof Error ? error.message : String(error) });
      }
    },
    dispose() {
      offs.forEach((off) => off());
    },
  };
  return controller;
}

export type ConversationController = ReturnType<typeof createConversationController>;
