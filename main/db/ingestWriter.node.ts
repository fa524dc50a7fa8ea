import type { Database } from 'better-sqlite3';
import { mergeStatus, tickRank, type DeliveryStatus } from '../../shared/model/delivery.std.ts';
import type { ConversationMeta } from '../../shared/model/entities.std.ts';
import type {
  ChatRef,
  LineEvent,
  MessageRef,
  NormalizedMessage,
} from '../../shared/model/events.std.ts';
import { parseBody, type MessageBody } from './rows.node.ts';

/** Events that change the cache. `line` holds the core's own line id by the time they get here. */
export type CacheEvent = Extract<
  LineEvent,
  { kind: 'message' | 'status' | 'deleted' | 'edited' | 'reaction' | 'conversation' | 'tag' }
> & {
  /** When the core received it (epoch ms), where it differs from the batch's arrival. */
  receivedAt?: number;
};
type ReceiptEvent = Extract<CacheEvent, { kind: 'status' | 'deleted' | 'edited' | 'reaction' }>;

export interface BatchResult {
  /** Conversations whose list row changed. */
  conversations: Set<number>;
  /** Messages inserted or changed, per conversation. */
  messages: Map<number, Set<number>>;
  /** New live incoming messages, in arrival order: candidates for a notification. */
  incoming: { conversationId: number; messageId: number }[];
  /** Rows merged into another (two rows found to be one message), per conversation: gone from the page. */
  removed: Map<number, Set<number>>;
  /** Media behind links that expire (Chategy: 48 h), to copy locally while they work. */
  media: {
    conversationId: number;
    messageId: number;
    url: string;
    fileName?: string;
    expiresAt: number;
  }[];
}

interface ConversationState {
  id: number;
  activityKey: number;
  lastMessageId: number | null;
  unread: number;
  readKey: number;
}

interface ChatInfo {
  id: number;
  title: string | null;
  phone: string | null;
  avatar: string | null;
}

const MS_SLOTS = 1000;
const MAX_TIME_MS = 9_000_000_000_000; // year 2255: ids stay below 2^53

/** The keys under which a message can be found again. Namespaced so ids of different kinds never collide. */
export function aliasesOf(ref: MessageRef): string[] {
  const out: string[] = [];
  if (ref.provider) out.push(`p:${ref.provider}`);
  if (ref.internal) out.push(`i:${ref.internal}`);
  if (ref.clientRef) out.push(`c:${ref.clientRef}`);
  return out;
}

/**
 * Applies a batch of normalized events in one transaction. Idempotent: replaying any
 * event, in any order, leaves the same rows. Conversation counters are accumulated in
 * memory and written once per conversation per batch.
 */
export function createIngestWriter(db: Database) {
  const findAlias = db
    .prepare('SELECT message_id FROM message_aliases WHERE line_id = ? AND alias = ?')
    .pluck();
  const addAlias = db.prepare(
    'INSERT OR IGNORE INTO message_aliases (line_id, alias, message_id) VALUES (?, ?, ?)',
  );
  const maxIdInSlot = db.prepare('SELECT max(id) FROM messages WHERE id >= ? AND id < ?').pluck();
  // OR IGNORE: a taken id (another message in the same millisecond) costs a retry, not a lookup per insert.
  const insertMessage = db.prepare(`
    INSERT OR IGNORE INTO messages (id, conversation_id, direction, origin, type, text, body, time, status, edited, deleted)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  // The search index lives in its own file, written by another thread: it is told which messages to look at again.
  const addToSearchBacklog = db.prepare('INSERT INTO search_backlog (ids) VALUES (?)');
  const claimAlias = db.prepare(
    'INSERT OR IGNORE INTO message_aliases (line_id, alias, message_id) VALUES (?, ?, ?)',
  );
  const moveAlias = db.prepare(
    'UPDATE message_aliases SET message_id = ? WHERE line_id = ? AND alias = ?',
  );
  const getMessage = db.prepare(
    'SELECT id, conversation_id, text, body, status, edited, deleted FROM messages WHERE id = ?',
  );
  const updateMessage = db.prepare(
    'UPDATE messages SET text = @text, body = @body, status = @status, edited = @edited, deleted = @deleted WHERE id = @id',
  );
  const findChat = db.prepare(
    'SELECT id, title, phone, avatar_url AS avatar FROM conversations WHERE line_id = ? AND provider_chat_id = ?',
  );
  const insertChat = db.prepare(`
    INSERT INTO conversations (line_id, provider_chat_id, kind, title, avatar_url, phone, activity_key)
    VALUES (@line, @chatId, @kind, @title, @avatar, @phone, @activityKey)`);
  const updateChatInfo = db.prepare(
    'UPDATE conversations SET title = coalesce(@title, title), avatar_url = coalesce(@avatar, avatar_url), phone = coalesce(@phone, phone) WHERE id = @id',
  );
  const getChatMeta = db.prepare('SELECT meta FROM conversations WHERE id = ?').pluck();
  const setChatMeta = db.prepare('UPDATE conversations SET meta = ? WHERE id = ?');
  const loadState = db.prepare(
    'SELECT id, activity_key AS activityKey, last_message_id AS lastMessageId, unread_count AS unread, read_key AS readKey FROM conversations WHERE id = ?',
  );
  const saveState = db.prepare(
    'UPDATE conversations SET activity_key = @activityKey, last_message_id = @lastMessageId, unread_count = @unread, read_key = @readKey WHERE id = @id',
  );
  const countEarly = db.prepare('SELECT count(*) FROM early_events').pluck();
  const addEarly = db.prepare(
    'INSERT INTO early_events (line_id, alias, event, received_at) VALUES (?, ?, ?, ?)',
  );
  const takeEarly = db.prepare(
    'SELECT rowid, event FROM early_events WHERE line_id = ? AND alias = ?',
  );
  const dropEarly = db.prepare('DELETE FROM early_events WHERE rowid = ?');
  // Merging two rows into one: rare (an echo that raced the send reply), so a scan of one line's aliases is fine.
  const moveAllAliases = db.prepare(
    'UPDATE message_aliases SET message_id = ? WHERE line_id = ? AND message_id = ?',
  );
  const outboxOf = db.prepare('SELECT message_id FROM outbox WHERE message_id = ?').pluck();
  const moveOutbox = db.prepare('UPDATE outbox SET message_id = ? WHERE message_id = ?');
  const deleteMessage = db.prepare('DELETE FROM messages WHERE id = ?');
  // A scan of one line's aliases, as for a merge: a user's discard is as rare.
  const dropAliases = db.prepare(
    'DELETE FROM message_aliases WHERE line_id = ? AND message_id = ?',
  );
  const newestOf = db.prepare('SELECT max(id) FROM messages WHERE conversation_id = ?').pluck();

  /** Chat ids seen this session; conversations are never renumbered, so this never goes stale. */
  const chats = new Map<string, Map<string, ChatInfo>>();
  let earlyCount = countEarly.get() as number;

  let result: BatchResult;
  /** Messages whose searchable text appeared, changed or went away in this batch. */
  let searchChanged: number[] = [];
  /**
   * Counters of recently touched conversations, kept between batches: this writer is the
   * only one that changes them (mark-read goes through it too), so the copy stays true.
   */
  const states = new Map<number, ConversationState>();
  const dirty = new Set<ConversationState>();

  const stateOf = (conversationId: number): ConversationState => {
    let state = states.get(conversationId);
    if (!state) {
      state = { ...(loadState.get(conversationId) as ConversationState) };
      states.set(conversationId, state);
    }
    return state;
  };
  const markDirty = (state: ConversationState) => dirty.add(state);

  const touchMessage = (conversationId: number, messageId: number): void => {
    let set = result.messages.get(conversationId);
    if (!set) result.messages.set(conversationId, (set = new Set()));
    set.add(messageId);
  };

  const ensureChat = (line: string, chat: ChatRef): number => {
    let lineChats = chats.get(line);
    if (!lineChats) chats.set(line, (lineChats = new Map()));
    let info = lineChats.get(chat.id);
    if (!info) {
      info = findChat.get(line, chat.id) as ChatInfo | undefined;
      if (!info) {
        const id = Number(
          insertChat.run({
            line,
            chatId: chat.id,
            kind: chat.kind ?? 'private',
            title: chat.title ?? null,
            avatar: chat.avatarUrl ?? null,
            phone: chat.phone ?? null,
            activityKey: 0,
          }).lastInsertRowid,
        );
        info = {
          id,
          title: chat.title ?? null,
          phone: chat.phone ?? null,
          avatar: chat.avatarUrl ?? null,
        };
        result.conversations.add(id);
      }
      lineChats.set(chat.id, info);
    }
    const changed =
      (chat.title !== undefined && chat.title !== info.title) ||
      (chat.phone !== undefined && chat.phone !== info.phone) ||
      (chat.avatarUrl !== undefined && chat.avatarUrl !== info.avatar);
    if (changed) {
      updateChatInfo.run({
        id: info.id,
        title: chat.title ?? null,
        avatar: chat.avatarUrl ?? null,
        phone: chat.phone ?? null,
      });
      info.title = chat.title ?? info.title;
      info.phone = chat.phone ?? info.phone;
      info.avatar = chat.avatarUrl ?? info.avatar;
      result.conversations.add(info.id);
    }
    return info.id;
  };

  /** Next id to try per millisecond, so messages sharing a timestamp (seconds-precision providers) rarely collide. */
  const nextSlot = new Map<number, number>();
  const baseOf = (time: number) => Math.min(Math.max(Math.trunc(time), 1), MAX_TIME_MS) * MS_SLOTS;
  const candidateId = (time: number): number => {
    const base = baseOf(time);
    return nextSlot.get(base) ?? base;
  };

  /** Inserts the row at `id` or, if taken, just past the newest id in its millisecond. Returns the id used. */
  const insertRow = (
    id: number,
    conversationId: number,
    m: NormalizedMessage,
    sortTime: number,
  ): number => {
    const base = baseOf(sortTime);
    const text = m.text ?? null;
    const body = bodyJson(m);
    const time = Math.trunc(m.time);
    const status = m.status ? JSON.stringify(m.status) : null;
    const edited = m.edited ? 1 : 0;
    const deleted = m.deleted ? 1 : 0;
    if (!Number.isSafeInteger(id) || !Number.isFinite(time))
      throw new Error(`message time ${String(m.time)} is not a date`);
    for (
      let attempt = 0;
      insertMessage.run(
        id,
        conversationId,
        m.direction,
        m.origin,
        m.type,
        text,
        body,
        time,
        status,
        edited,
        deleted,
      ).changes === 0;
      attempt++
    ) {
      // Bounded: ids only grow, so this ends; the cap turns a logic error into a refused event, not a frozen core.
      if (attempt > 100_000) throw new Error(`no free message id near ${id}`);
      const max = maxIdInSlot.get(base, base + MS_SLOTS) as number | null;
      // Past a full millisecond the ids spill into the next one: still unique, still in order.
      id = Math.max(id + 1, (max ?? base) + 1);
    }
    if (m.text && !m.deleted) searchChanged.push(id);
    if (nextSlot.size > 100_000) nextSlot.clear();
    nextSlot.set(base, id + 1);
    return id;
  };

  /**
   * The row these ids name. When they name two rows, those are one message (an echo that
   * came before the send's reply, a reconciled send): the rows are merged into the older.
   */
  const findMessage = (line: string, aliases: readonly string[]): number | undefined => {
    let found: number | undefined;
    for (const alias of aliases) {
      const id = findAlias.get(line, alias) as number | undefined;
      if (id === undefined || id === found) continue;
      found = found === undefined ? id : mergeRows(line, Math.min(found, id), Math.max(found, id));
    }
    return found;
  };

  /** Folds row `gone` into row `kept`: ids, status (monotonic), content, reactions; returns `kept`. */
  const mergeRows = (line: string, kept: number, gone: number): number => {
    const keep = getMessage.get(kept) as StoredMessage;
    const other = getMessage.get(gone) as StoredMessage;
    const body = parseBody(keep.body);
    const otherBody = parseBody(other.body);
    const mergedBody = {
      ...otherBody,
      ...body,
      reactions: { ...otherBody.reactions, ...body.reactions },
    };
    if (Object.keys(mergedBody.reactions).length === 0)
      delete (mergedBody as { reactions?: unknown }).reactions;
    const keptStatus = parse(keep.status);
    const otherStatus = parse(other.status);
    // The other row's ticks prove the message went: "failed" on one copy yields to that.
    const status =
      keptStatus && otherStatus
        ? tickRank(otherStatus.tick) > tickRank(keptStatus.tick)
          ? mergeStatus(otherStatus, keptStatus)
          : mergeStatus(keptStatus, otherStatus)
        : (keptStatus ?? otherStatus);
    moveAllAliases.run(kept, line, gone);
    if (outboxOf.get(gone) !== undefined && outboxOf.get(kept) === undefined)
      moveOutbox.run(kept, gone);
    deleteMessage.run(gone);
    const next: StoredMessage = {
      ...keep,
      text: keep.text ?? other.text,
      body: Object.keys(mergedBody).length ? JSON.stringify(mergedBody) : null,
      status: status ? JSON.stringify(status) : null,
      edited: keep.edited || other.edited,
      deleted: keep.deleted || other.deleted,
    };
    updateMessage.run(next);
    searchChanged.push(kept);
    touchMessage(keep.conversation_id, kept);
    for (const conversationId of new Set([keep.conversation_id, other.conversation_id])) {
      const state = forgetRow(conversationId, gone, result);
      if (state) markDirty(state);
    }
    return kept;
  };

  /**
   * A row that is gone (merged into another, or discarded): off the page, and no longer the
   * chat's last message. Returns the chat's counters when they changed, for the caller to save.
   */
  const forgetRow = (
    conversationId: number,
    gone: number,
    into: BatchResult,
  ): ConversationState | undefined => {
    let removed = into.removed.get(conversationId);
    if (!removed) into.removed.set(conversationId, (removed = new Set()));
    removed.add(gone);
    into.messages.get(conversationId)?.delete(gone);
    into.conversations.add(conversationId);
    const state = stateOf(conversationId);
    if (state.lastMessageId !== gone && state.activityKey !== gone) return undefined;
    const newest = newestOf.get(conversationId) as number | null;
    if (state.lastMessageId === gone) state.lastMessageId = newest;
    if (state.activityKey === gone) state.activityKey = newest ?? 0;
    return state;
  };

  /** `claimed`: the first alias is already inserted, pointing at `provisionalId`. */
  const insertNew = (
    event: Extract<CacheEvent, { kind: 'message' }>,
    aliases: string[],
    provisionalId: number,
    claimed: boolean,
    sortTime: number,
  ): void => {
    const m = event.message;
    const conversationId = ensureChat(event.line, event.chat);
    const id = insertRow(provisionalId, conversationId, m, sortTime);
    if (m.media?.url && m.media.urlExpiresAt !== undefined && !m.media.localPath) {
      result.media.push({
        conversationId,
        messageId: id,
        url: m.media.url,
        expiresAt: m.media.urlExpiresAt,
        ...(m.media.fileName ? { fileName: m.media.fileName } : {}),
      });
    }
    aliases.forEach((alias, i) => {
      if (!claimed || i > 0) addAlias.run(event.line, alias, id);
      else if (id !== provisionalId) moveAlias.run(id, event.line, alias);
    });
    touchMessage(conversationId, id);

    const state = stateOf(conversationId);
    if (id > state.activityKey) {
      state.activityKey = id;
      state.lastMessageId = id;
      markDirty(state);
    }
    // A notice (a group change, a security code) is part of the timeline but nobody's message:
    // it neither counts as unread nor reads the chat.
    if (!event.historical && id > state.readKey && m.origin !== 'system') {
      if (m.direction === 'in') {
        state.unread += 1;
        result.incoming.push({ conversationId, messageId: id });
      } else {
        // Replying from any device reads the chat, as on the phone.
        state.unread = 0;
        state.readKey = id;
      }
      markDirty(state);
    }
    if (earlyCount > 0) for (const alias of aliases) replayEarly(event.line, alias);
  };

  const mergeExisting = (id: number, event: Extract<CacheEvent, { kind: 'message' }>): void => {
    const row = getMessage.get(id) as StoredMessage;
    const m = event.message;
    const body = parseBody(row.body);
    const next: StoredMessage = { ...row };
    if (m.text !== undefined) next.text = m.text;
    if (m.media)
      body.media = {
        ...m.media,
        ...(body.media?.localPath ? { localPath: body.media.localPath } : {}),
      };
    if (m.quoted && !body.quoted) body.quoted = m.quoted;
    if (m.sender && !body.sender) body.sender = m.sender;
    if (m.location) body.location = m.location;
    next.body = Object.keys(body).length ? JSON.stringify(body) : null;
    if (m.status) next.status = JSON.stringify(mergeStatus(parse(row.status), m.status));
    if (m.deleted) next.deleted = 1;
    writeIfChanged(row, next, m.edited === true);
  };

  const writeIfChanged = (row: StoredMessage, next: StoredMessage, edited: boolean): void => {
    if (edited) next.edited = 1;
    const same =
      row.text === next.text &&
      row.body === next.body &&
      row.status === next.status &&
      row.deleted === next.deleted &&
      row.edited === next.edited;
    if (same) return;
    updateMessage.run(next);
    if (row.text !== next.text || row.deleted !== next.deleted) searchChanged.push(row.id);
    touchMessage(row.conversation_id, row.id);
    const state = stateOf(row.conversation_id);
    if (state.lastMessageId === row.id) result.conversations.add(row.conversation_id);
  };

  const applyReceipt = (id: number, event: ReceiptEvent): void => {
    const row = getMessage.get(id) as StoredMessage;
    const next: StoredMessage = { ...row };
    let edited = false;
    switch (event.kind) {
      case 'status':
        next.status = JSON.stringify(mergeStatus(parse(row.status), event.status));
        break;
      case 'deleted':
        next.deleted = 1;
        break;
      case 'edited':
        next.text = event.text;
        edited = next.text !== row.text;
        break;
      case 'reaction': {
        const body = parseBody(row.body);
        const reactions = { ...body.reactions };
        if (event.emoji) reactions[event.from] = event.emoji;
        else delete reactions[event.from];
        body.reactions = reactions;
        next.body = JSON.stringify(body);
        break;
      }
    }
    writeIfChanged(row, next, edited);
  };

  const replayEarly = (line: string, alias: string): void => {
    const rows = takeEarly.all(line, alias) as { rowid: number; event: string }[];
    for (const early of rows) {
      const id = findAlias.get(line, alias) as number;
      applyReceipt(id, JSON.parse(early.event) as ReceiptEvent);
      dropEarly.run(early.rowid);
      earlyCount -= 1;
    }
  };

  const applyConversation = (event: Extract<CacheEvent, { kind: 'conversation' }>): void => {
    const id = ensureChat(event.line, event.chat);
    if (event.meta) {
      const meta = {
        ...(JSON.parse(getChatMeta.get(id) as string) as ConversationMeta),
        ...event.meta,
      };
      setChatMeta.run(JSON.stringify(meta), id);
      result.conversations.add(id);
    }
    if (event.unread !== undefined) {
      const state = stateOf(id);
      if (state.unread !== event.unread) {
        state.unread = event.unread;
        markDirty(state);
      }
    }
  };

  const applyTag = (event: Extract<CacheEvent, { kind: 'tag' }>): void => {
    const id = ensureChat(event.line, event.chat);
    const meta = JSON.parse(getChatMeta.get(id) as string) as ConversationMeta;
    const others = (meta.tags ?? []).filter((t) => t.id !== event.tag.id);
    meta.tags = event.op === 'add' ? [...others, event.tag] : others;
    setChatMeta.run(JSON.stringify(meta), id);
    result.conversations.add(id);
  };

  /** A reply that names only the quoted id (Chategy, Maytapi) shows the quoted text, as on the phone. */
  const fillQuote = (event: Extract<CacheEvent, { kind: 'message' }>): void => {
    const quoted = event.message.quoted;
    if (!quoted || (quoted.preview !== undefined && quoted.messageId !== undefined)) return;
    const id = findAlias.get(event.line, `p:${quoted.providerId}`) as number | undefined;
    if (id === undefined) return;
    const row = getMessage.get(id) as StoredMessage;
    const sender = parseBody(row.body).sender?.name;
    const preview = quoted.preview ?? (row.deleted ? undefined : (row.text ?? undefined));
    // The local id lets the interface jump to the quoted message.
    event.message.quoted = {
      ...quoted,
      messageId: id,
      ...(preview ? { preview: preview.slice(0, 200) } : {}),
      ...(sender && !quoted.senderName ? { senderName: sender } : {}),
    };
  };

  const applyOne = (event: CacheEvent, now: number): void => {
    if (event.kind === 'conversation') return applyConversation(event);
    if (event.kind === 'tag') return applyTag(event);
    if (event.kind === 'message') {
      fillQuote(event);
      const aliases = aliasesOf(event.message.ids);
      // Without an id a replay could not be told from a new message: refuse, to quarantine.
      if (aliases.length === 0)
        throw new Error('a message without any provider id or client reference');
      const sortTime = sortTimeOf(event, now);
      const provisionalId = candidateId(sortTime);
      // The common case, one provider id: claiming it is the existence check.
      if (
        aliases.length === 1 &&
        claimAlias.run(event.line, aliases[0], provisionalId).changes === 1
      ) {
        return insertNew(event, aliases, provisionalId, true, sortTime);
      }
      const existing = findMessage(event.line, aliases);
      if (existing === undefined) return insertNew(event, aliases, provisionalId, false, sortTime);
      for (const alias of aliases) addAlias.run(event.line, alias, existing);
      mergeExisting(existing, event);
      // A receipt may have been parked under an id this event just taught us.
      if (earlyCount > 0) for (const alias of aliases) replayEarly(event.line, alias);
      return;
    }
    const aliases = aliasesOf(event.ref);
    const existing = findMessage(event.line, aliases);
    if (existing !== undefined) return applyReceipt(existing, event);
    // A receipt can overtake the message or the send reply; keep it until the message shows up.
    for (const alias of aliases) addEarly.run(event.line, alias, JSON.stringify(event), now);
    earlyCount += aliases.length;
  };

  const applyBatch = db.transaction((events: readonly CacheEvent[], now: number): BatchResult => {
    result = {
      conversations: new Set(),
      messages: new Map(),
      removed: new Map(),
      incoming: [],
      media: [],
    };
    searchChanged = [];
    if (states.size > 50_000) states.clear();
    dirty.clear();
    for (const event of events) applyOne(event, now);
    for (const state of dirty) {
      saveState.run(state);
      result.conversations.add(state.id);
    }
    if (searchChanged.length > 0) addToSearchBacklog.run(JSON.stringify(searchChanged));
    return result;
  });

  const unreadAfter = db
    .prepare(
      `SELECT count(*) FROM messages WHERE conversation_id = ? AND id > ? AND direction = 'in' AND origin != 'system'`,
    )
    .pluck();
  const markRead = db.prepare(`
    UPDATE conversations SET unread_count = 0, read_key = max(read_key, activity_key), marked_unread = 0
    WHERE id = ? AND (unread_count > 0 OR read_key < activity_key OR marked_unread = 1)`);
  const clearMarked = db.prepare(
    'UPDATE conversations SET marked_unread = 0 WHERE id = ? AND marked_unread = 1',
  );

  // Only a failure is undone: a retry of a send whose echo and receipts already came keeps them.
  const resetStatus = db.prepare(
    `UPDATE messages SET status = ? WHERE id = ? AND (status IS NULL OR json_extract(status, '$.tick') = 'failed')`,
  );

  return {
    /** Records where the local copy of a message's media is; returns whether the row exists. */
    setLocalPath(messageId: number, localPath: string): boolean {
      const row = getMessage.get(messageId) as StoredMessage | undefined;
      if (!row) return false;
      const body = parseBody(row.body);
      if (!body.media) return false;
      body.media = { ...body.media, localPath };
      updateMessage.run({ ...row, body: JSON.stringify(body) });
      return true;
    },
    /**
     * Removes one of our sends that never reached the provider, inside the caller's
     * transaction (`applyWith`): the row, the ids it was known by, its search hit, and the
     * conversation's last message if it was that one.
     */
    discardUnsent(messageId: number, line: string, into: BatchResult): void {
      const row = getMessage.get(messageId) as StoredMessage | undefined;
      if (!row) return;
      dropAliases.run(line, messageId);
      deleteMessage.run(messageId);
      addToSearchBacklog.run(JSON.stringify([messageId]));
      // After the batch's own counters were saved: these are saved here.
      const state = forgetRow(row.conversation_id, messageId, into);
      if (state) saveState.run(state);
    },
    /** A user-requested retry is the one way out of "failed": it starts the message over as pending. */
    restartDelivery(messageId: number): void {
      resetStatus.run(JSON.stringify({ tick: 'pending' }), messageId);
    },
    /**
     * The user read the conversation: up to its newest message, or up to and including
     * `upTo` (the last one on screen), the incoming messages after it left unread. Never
     * takes a read back. Returns whether anything changed.
     */
    markRead(conversationId: number, upTo?: number): boolean {
      states.delete(conversationId);
      if (upTo === undefined) return markRead.run(conversationId).changes > 0;
      const state = loadState.get(conversationId) as ConversationState | undefined;
      if (!state) return false;
      // Seen the newest message: the whole chat is read, a provider's own count too.
      if (
        upTo >= state.activityKey ||
        (state.lastMessageId !== null && upTo >= state.lastMessageId)
      )
        return markRead.run(conversationId).changes > 0;
      const readKey = Math.max(state.readKey, upTo);
      // A provider's own count (of messages not in the cache) is never raised by this.
      const unread = Math.min(state.unread, unreadAfter.get(conversationId, readKey) as number);
      // Reading any of it takes the user's "unread" mark away, as in Telegram.
      const unmarked = clearMarked.run(conversationId).changes > 0;
      if (readKey === state.readKey && unread === state.unread) return unmarked;
      saveState.run({ ...state, readKey, unread });
      return true;
    },
    /** After rows were removed outside this writer (an account deleted). */
    forgetCached(): void {
      chats.clear();
      states.clear();
      nextSlot.clear();
    },
    /**
     * Applies `events` and runs `alongside` in the same transaction: both are committed, or
     * neither (a send's optimistic row and its outbox entry).
     */
    applyWith<T>(
      events: readonly CacheEvent[],
      alongside: (result: BatchResult) => T,
      now = Date.now(),
    ): { result: BatchResult; value: T } {
      try {
        return db
          .transaction(() => {
            const batch = applyBatch(events, now);
            return { result: batch, value: alongside(batch) };
          })
          .immediate();
      } catch (error) {
        chats.clear();
        states.clear();
        earlyCount = countEarly.get() as number;
        throw error;
      }
    },
    applyBatch: (events: readonly CacheEvent[], now = Date.now()): BatchResult => {
      try {
        return applyBatch.immediate(events, now);
      } catch (error) {
        // A rolled-back batch may have cached chats and counters that were never committed.
        chats.clear();
        states.clear();
        earlyCount = countEarly.get() as number;
        throw error;
      }
    },
  };
}

export type IngestWriter = ReturnType<typeof createIngestWriter>;

interface StoredMessage {
  id: number;
  conversation_id: number;
  text: string | null;
  body: string | null;
  status: string | null;
  edited: number;
  deleted: number;
}

/**
 * Where a message sorts. Providers that stamp whole seconds (Maytapi, ChatApp) would put a
 * message that just arrived before one we sent earlier in that same second; a live message
 * stamped within the last two seconds sorts by its arrival instead. Its shown time stays.
 */
function sortTimeOf(event: Extract<CacheEvent, { kind: 'message' }>, now: number): number {
  const time = event.message.time;
  const arrival = event.receivedAt ?? now;
  const coarse = time % 1000 === 0;
  return !event.historical && coarse && time <= arrival && arrival - time < 2000 ? arrival : time;
}

function parse(status: string | null): DeliveryStatus | null {
  return status ? (JSON.parse(status) as DeliveryStatus) : null;
}

function bodyJson(m: NormalizedMessage): string | null {
  if (!m.media && !m.location && !m.quoted && !m.sender) return null;
  const body: MessageBody = {};
  if (m.media) body.media = m.media;
  if (m.location) body.location = m.location;
  if (m.quoted) body.quoted = m.quoted;
  if (m.sender) body.sender = m.sender;
  return Object.keys(body).length ? JSON.stringify(body) : null;
}
