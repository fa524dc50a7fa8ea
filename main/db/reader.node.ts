import type { Database, Statement } from 'better-sqlite3';
import type { Conversation, Message, SearchHit } from '../../shared/model/entities.std.ts';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../shared/model/entities.std.ts';
import type { MessageRef } from '../../shared/model/events.std.ts';
import { toFtsQuery } from './ftsQuery.std.ts';
import { fromSearchable } from './searchText.std.ts';
import {
  CONVERSATION_SELECT,
  MESSAGE_COLUMNS,
  MESSAGE_FROM,
  conversationFromRow,
  messageFromRow,
  type MessageRow,
} from './rows.node.ts';

export interface ConversationQuery {
  accountId?: string;
  lineId?: string;
  unreadOnly?: boolean;
  after?: { activityKey: number; id: number };
  limit: number;
}

export interface MessagePageQuery {
  conversationId: number;
  before?: number;
  after?: number;
  around?: number;
  limit: number;
}

export interface MessagePage {
  items: Message[];
  hasOlder: boolean;
  hasNewer: boolean;
}

export interface SearchQuery {
  query: string;
  conversationId?: number;
  before?: number;
  limit: number;
}

/** Everything the UI reads from the cache. Queries are keyset-paged and index-ordered. */
export interface CacheReader {
  listConversations(query: ConversationQuery): {
    items: Conversation[];
    next: { activityKey: number; id: number } | null;
  };
  getConversation(id: number): Conversation | undefined;
  messagesPage(query: MessagePageQuery): MessagePage;
  getMessages(ids: readonly number[]): Message[];
  search(query: SearchQuery): SearchHit[];
  /** A message by any of its aliases (see ingestWriter's aliasesOf). */
  messageIdByAlias(lineId: string, alias: string): number | undefined;
  /** The oldest cached message of a conversation: where fetching older history starts. */
  oldestMessage(conversationId: number): Message | undefined;
  /** Every provider id known for a message, e.g. to quote it in a reply. */
  refsOf(lineId: string, messageId: number): MessageRef | undefined;
  /** For gap-fill: the newest cached message of a chat on a line. */
  /** `before` (epoch ms): the newest one older than that, e.g. held before a connection dropped. */
  lastMessageOf(lineId: string, providerChatId: string, before?: number): Message | undefined;
  /** Chats of a line by recent activity, for gap-fill after a reconnect. */
  activeChats(
    lineId: string,
    limit: number,
  ): { providerChatId: string; lastMessageTime: number | null }[];
  /** Unread messages per line (muted lines included, the sidebar greys those), and the total outside muted lines (the badge). */
  unreadCounts(): { total: number; lines: Record<string, number> };
  /** Provider-internal ids of our messages since `sinceMs` still short of read or failed (to resume status polling). */
  unsettledOutgoing(lineId: string, sinceMs: number, limit: number): string[];
}

type HitRow = MessageRow & { conversation_title: string; snippet: string };

/**
 * `searchDb` is a second, read-only connection to the cache with the search index file
 * attached as `search`; the writer's connection never attaches it, so a write transaction
 * there never waits for the index's writer.
 */
export function createReader(db: Database, searchDb: Database): CacheReader {
  const conversationStatements = new Map<string, Statement>();
  const conversationStatement = (q: ConversationQuery): Statement => {
    const where: string[] = [];
    if (q.accountId !== undefined) where.push('l.account_id = @accountId');
    if (q.lineId !== undefined) where.push('c.line_id = @lineId');
    if (q.unreadOnly) where.push('(c.unread_count > 0 OR c.marked_unread = 1)');
    if (q.after) where.push('(c.activity_key, c.id) < (@afterKey, @afterId)');
    const sql = `${CONVERSATION_SELECT}
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY c.activity_key DESC, c.id DESC LIMIT @limit`;
    let statement = conversationStatements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      conversationStatements.set(sql, statement);
    }
    return statement;
  };

  const getConversation = db.prepare(`${CONVERSATION_SELECT} WHERE c.id = ?`);
  const newest = db.prepare(
    `SELECT ${MESSAGE_COLUMNS} FROM ${MESSAGE_FROM} WHERE m.conversation_id = ? ORDER BY m.id DESC LIMIT ?`,
  );
  const olderThan = db.prepare(
    `SELECT ${MESSAGE_COLUMNS} FROM ${MESSAGE_FROM} WHERE m.conversation_id = ? AND m.id < ? ORDER BY m.id DESC LIMIT ?`,
  );
  const newerThan = db.prepare(
    `SELECT ${MESSAGE_COLUMNS} FROM ${MESSAGE_FROM} WHERE m.conversation_id = ? AND m.id > ? ORDER BY m.id ASC LIMIT ?`,
  );
  const oldest = db.prepare(
    `SELECT ${MESSAGE_COLUMNS} FROM ${MESSAGE_FROM} WHERE m.conversation_id = ? ORDER BY m.id ASC LIMIT 1`,
  );
  const byAlias = db
    .prepare('SELECT message_id FROM message_aliases WHERE line_id = ? AND alias = ?')
    .pluck();
  const aliasesOf = db
    .prepare('SELECT alias FROM message_aliases WHERE line_id = ? AND message_id = ?')
    .pluck();
  const byId = db.prepare(`SELECT ${MESSAGE_COLUMNS} FROM ${MESSAGE_FROM} WHERE m.id = ?`);
  // A burst's messages in one statement: one per id cost a third of ingest with a window attached.
  const byIds = db.prepare(
    `SELECT ${MESSAGE_COLUMNS} FROM ${MESSAGE_FROM} WHERE m.id IN (SELECT value FROM json_each(?))`,
  );
  const lastOfChat = db.prepare(`
    SELECT ${MESSAGE_COLUMNS} FROM ${MESSAGE_FROM} WHERE m.conversation_id =
      (SELECT id FROM conversations WHERE line_id = ? AND provider_chat_id = ?)
    ORDER BY m.id DESC LIMIT 1`);
  const lastOfChatBefore = db.prepare(`
    SELECT ${MESSAGE_COLUMNS} FROM ${MESSAGE_FROM} WHERE m.conversation_id =
      (SELECT id FROM conversations WHERE line_id = ? AND provider_chat_id = ?) AND m.time < ?
    ORDER BY m.id DESC LIMIT 1`);
  const activeChats = db.prepare(`
    SELECT c.provider_chat_id AS providerChatId, m.time AS lastMessageTime
    FROM conversations c LEFT JOIN messages m ON m.id = c.last_message_id
    WHERE c.line_id = ? ORDER BY c.activity_key DESC LIMIT ?`);

  // A muted chat counts nowhere; one marked unread by the user counts as one.
  const unreadByLine = db.prepare(`
    SELECT c.line_id, l.muted,
      sum(CASE WHEN coalesce(c.muted_until, 0) > @now THEN 0 ELSE max(c.unread_count, c.marked_unread) END) AS unread
    FROM conversations c JOIN lines l ON l.id = c.line_id
    WHERE c.unread_count > 0 OR c.marked_unread = 1 GROUP BY c.line_id`);
  const unsettled = db
    .prepare(
      `
    SELECT substr(a.alias, 3) FROM messages m
    JOIN conversations c ON c.id = m.conversation_id
    JOIN message_aliases a ON a.message_id = m.id AND a.line_id = c.line_id AND a.alias >= 'i:' AND a.alias < 'i;'
    WHERE m.id >= ? AND c.line_id = ? AND m.direction = 'out'
      AND coalesce(json_extract(m.status, '$.tick'), 'pending') IN ('pending', 'sent', 'delivered') AND m.deleted = 0
    ORDER BY m.id DESC LIMIT ?`,
    )
    .pluck();

  // On the search connection: the cache read-only, with the index file attached as `search`.
  const hitColumns = `m.id, m.conversation_id, m.direction, m.origin, m.type, m.text, m.body, m.time,
    m.status, m.edited, m.deleted, coalesce(c.title, c.phone, c.provider_chat_id) AS conversation_title,
    snippet(f.messages_fts, 0, '${HIGHLIGHT_START}', '${HIGHLIGHT_END}', '…', 16) AS snippet`;
  const searchAll = searchDb.prepare(`
    SELECT ${hitColumns} FROM search.messages_fts f
    JOIN messages m ON m.id = f.rowid JOIN conversations c ON c.id = m.conversation_id
    WHERE f.messages_fts MATCH @match AND f.rowid < @before
    ORDER BY f.rowid DESC LIMIT @limit`);
  const searchOne = searchDb.prepare(`
    SELECT ${hitColumns} FROM search.messages_fts f
    JOIN messages m ON m.id = f.rowid JOIN conversations c ON c.id = m.conversation_id
    WHERE f.messages_fts MATCH @match AND f.rowid < @before AND m.conversation_id = @conversationId
    ORDER BY f.rowid DESC LIMIT @limit`);

  const rowsToMessages = (rows: unknown[]): Message[] => (rows as MessageRow[]).map(messageFromRow);

  return {
    listConversations(q) {
      const rows = conversationStatement(q).all({
        accountId: q.accountId,
        lineId: q.lineId,
        afterKey: q.after?.activityKey,
        afterId: q.after?.id,
        limit: q.limit + 1,
      }) as Parameters<typeof conversationFromRow>[0][];
      const items = rows.slice(0, q.limit).map(conversationFromRow);
      const last = items.at(-1);
      const next =
        rows.length > q.limit && last ? { activityKey: last.activityKey, id: last.id } : null;
      return { items, next };
    },

    getConversation(id) {
      const row = getConversation.get(id) as Parameters<typeof conversationFromRow>[0] | undefined;
      return row ? conversationFromRow(row) : undefined;
    },

    messagesPage(q) {
      const { conversationId, limit } = q;
      if (q.after !== undefined) {
        const rows = rowsToMessages(newerThan.all(conversationId, q.after, limit + 1));
        return { items: rows.slice(0, limit), hasOlder: true, hasNewer: rows.length > limit };
      }
      if (q.around !== undefined) {
        const half = Math.max(1, Math.floor(limit / 2));
        const older = rowsToMessages(olderThan.all(conversationId, q.around + 1, half + 1));
        const newer = rowsToMessages(newerThan.all(conversationId, q.around, limit - half + 1));
        return {
          items: [...older.slice(0, half).reverse(), ...newer.slice(0, limit - half)],
          hasOlder: older.length > half,
          hasNewer: newer.length > limit - half,
        };
      }
      const rows = rowsToMessages(
        q.before === undefined
          ? newest.all(conversationId, limit + 1)
          : olderThan.all(conversationId, q.before, limit + 1),
      );
      return {
        items: rows.slice(0, limit).reverse(),
        hasOlder: rows.length > limit,
        hasNewer: q.before !== undefined,
      };
    },

    getMessages(ids) {
      if (ids.length <= 4) {
        return ids.flatMap((id) => {
          const row = byId.get(id) as MessageRow | undefined;
          return row ? [messageFromRow(row)] : [];
        });
      }
      const found = new Map(
        (byIds.all(JSON.stringify(ids)) as MessageRow[]).map((row) => [row.id, row]),
      );
      return ids.flatMap((id) => {
        const row = found.get(id);
        return row ? [messageFromRow(row)] : [];
      });
    },

    search(q) {
      const exact = toFtsQuery(q.query, { prefix: false });
      if (exact === null) return [];
      const run = (match: string) => {
        const params = {
          match,
          before: q.before ?? Number.MAX_SAFE_INTEGER,
          limit: q.limit,
          conversationId: q.conversationId,
        };
        return (
          q.conversationId === undefined ? searchAll.all(params) : searchOne.all(params)
        ) as HitRow[];
      };
      // Whole words first: FTS5 walks one doclist newest-first and stops at a page. A prefix
      // query merges every matching doclist in full (≈10 ms for a word in a third of a
      // million messages), so it runs only when whole words did not fill the page: the
      // user is mid-word, or the word is rare, which is when prefix expansion is cheap.
      let rows = run(exact);
      if (rows.length < q.limit) {
        const seen = new Set(rows.map((r) => r.id));
        const more = run(toFtsQuery(q.query) ?? exact).filter((r) => !seen.has(r.id));
        rows = [...rows, ...more].sort((a, b) => b.id - a.id).slice(0, q.limit);
      }
      return rows.map((row) => ({
        message: messageFromRow(row),
        conversationId: row.conversation_id,
        conversationTitle: row.conversation_title,
        snippet: fromSearchable(row.snippet),
      }));
    },

    oldestMessage(conversationId) {
      const row = oldest.get(conversationId) as MessageRow | undefined;
      return row ? messageFromRow(row) : undefined;
    },

    messageIdByAlias(lineId, alias) {
      return byAlias.get(lineId, alias) as number | undefined;
    },

    refsOf(lineId, messageId) {
      const ref: MessageRef = {};
      for (const alias of aliasesOf.all(lineId, messageId) as string[]) {
        const value = alias.slice(2);
        if (alias.startsWith('p:')) ref.provider = value;
        else if (alias.startsWith('i:')) ref.internal = value;
        else if (alias.startsWith('c:')) ref.clientRef = value;
      }
      return Object.keys(ref).length ? ref : undefined;
    },

    lastMessageOf(lineId, providerChatId, before) {
      const row = (
        before === undefined
          ? lastOfChat.get(lineId, providerChatId)
          : lastOfChatBefore.get(lineId, providerChatId, before)
      ) as MessageRow | undefined;
      return row ? messageFromRow(row) : undefined;
    },

    activeChats(lineId, limit) {
      return activeChats.all(lineId, limit) as {
        providerChatId: string;
        lastMessageTime: number | null;
      }[];
    },

    unreadCounts() {
      const rows = (
        unreadByLine.all({ now: Date.now() }) as {
          line_id: string;
          muted: number;
          unread: number;
        }[]
      ).filter((r) => r.unread > 0);
      return {
        total: rows.reduce((sum, r) => sum + (r.muted ? 0 : r.unread), 0),
        lines: Object.fromEntries(rows.map((r) => [r.line_id, r.unread])),
      };
    },

    unsettledOutgoing(lineId, sinceMs, limit) {
      return unsettled.all(sinceMs * 1000, lineId, limit) as string[];
    },
  };
}
