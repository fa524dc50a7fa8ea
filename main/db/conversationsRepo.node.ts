import type { Database } from 'better-sqlite3';

/** Lookups on conversations outside the hot read paths. (Counters change only through the ingest writer.) */
export function createConversationsRepo(db: Database) {
  const exists = db.prepare('SELECT 1 FROM conversations WHERE id = ?').pluck();
  const lineOf = db.prepare(
    'SELECT c.line_id AS lineId, c.provider_chat_id AS providerChatId FROM conversations c WHERE c.id = ?',
  );
  return {
    exists: (id: number): boolean => exists.get(id) !== undefined,
    lineOf: (id: number) =>
      lineOf.get(id) as { lineId: string; providerChatId: string } | undefined,
  };
}

export type ConversationsRepo = ReturnType<typeof createConversationsRepo>;
