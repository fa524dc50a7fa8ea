import type { Database } from 'better-sqlite3';

/** Lookups on conversations outside the hot read paths. (Counters change only through the ingest writer.) */
export function createConversationsRepo(db: Database) {
  const exists = db.prepare('SELECT 1 FROM conversations WHERE id = ?').pluck();
  const lineOf = db.prepare(
    'SELECT c.line_id AS lineId, c.provider_chat_id AS providerChatId FROM conversations c WHERE c.id = ?',
  );
  const setMuted = db.prepare('UPDATE conversations SET muted_until = ? WHERE id = ?');
  const mutedUntil = db.prepare('SELECT muted_until FROM conversations WHERE id = ?').pluck();
  const markUnread = db.prepare(
    'UPDATE conversations SET marked_unread = 1 WHERE id = ? AND marked_unread = 0 AND unread_count = 0',
  );
  return {
    /** Muted until then (epoch ms), or not muted (null). */
    setMutedUntil: (id: number, until: number | null): void => void setMuted.run(until, id),
    /** Whether the chat is muted now. */
    isMuted: (id: number, now = Date.now()): boolean =>
      ((mutedUntil.get(id) as number | null | undefined) ?? 0) > now,
    /** Marks a read chat unread; one with unread messages is unread already. Returns whether it changed. */
    markUnread: (id: number): boolean => markUnread.run(id).changes > 0,
    exists: (id: number): boolean => exists.get(id) !== undefined,
    lineOf: (id: number) =>
      lineOf.get(id) as { lineId: string; providerChatId: string } | undefined,
  };
}

export type ConversationsRepo = ReturnType<typeof createConversationsRepo>;
