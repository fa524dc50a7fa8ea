import type { Database } from 'better-sqlite3';

/** Writes the user makes to conversations (as opposed to what providers report). */
export function createConversationsRepo(db: Database) {
  const markRead = db.prepare(`
    UPDATE conversations SET unread_count = 0, read_key = max(read_key, activity_key)
    WHERE id = ? AND (unread_count > 0 OR read_key < activity_key)`);
  const exists = db.prepare('SELECT 1 FROM conversations WHERE id = ?').pluck();
  const lineOf = db.prepare(
    'SELECT c.line_id AS lineId, c.provider_chat_id AS providerChatId FROM conversations c WHERE c.id = ?',
  );
  return {
    /** Returns whether anything changed. */
    markRead: (id: number): boolean => markRead.run(id).changes > 0,
    exists: (id: number): boolean => exists.get(id) !== undefined,
    lineOf: (id: number) => lineOf.get(id) as { lineId: string; providerChatId: string } | undefined,
  };
}

export type ConversationsRepo = ReturnType<typeof createConversationsRepo>;
