import type { Migration } from './migration.node.ts';

/**
 * Full-text search over message text. The index shares rowids with messages, whose ids are
 * time-ordered, so "newest matches first" walks the index backwards and stops after one
 * page instead of sorting every match.
 *
 * The ingest writer keeps the index in step with inserts, edits and deletions for everyone,
 * in the same transaction. It is not fed by insert/update triggers: each triggering
 * statement opens a savepoint, and FTS5 flushes its in-memory index at every savepoint,
 * which measured half the ingest rate. Only row removal (account deletion cascades) uses
 * a trigger.
 */
export const migration0002: Migration = {
  version: 2,
  name: 'message search',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE messages_fts USING fts5(
        text,
        content = 'messages',
        content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2',
        columnsize = 0
      );

      CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages
      WHEN old.text IS NOT NULL AND old.deleted = 0 BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
      END;

      -- Bursts (a history page, a reconnect) index in bigger in-memory runs, merge less
      -- often and write fuller pages; with columnsize = 0 (no per-row size record: results
      -- are ordered by recency, never by bm25) ingest gains about a quarter, queries nothing.
      INSERT INTO messages_fts (messages_fts, rank) VALUES ('hashsize', 8388608);
      INSERT INTO messages_fts (messages_fts, rank) VALUES ('automerge', 8);
      INSERT INTO messages_fts (messages_fts, rank) VALUES ('pgsz', 4050);

      -- Messages cached before this version, minus those deleted for everyone.
      INSERT INTO messages_fts (rowid, text) SELECT id, text FROM messages WHERE text IS NOT NULL AND deleted = 0;
    `);
  },
};
