import type { Migration } from './migration.node.ts';

/**
 * Full-text search over message text. The index shares rowids with messages, whose ids are
 * time-ordered, so "newest matches first" walks the index backwards and stops after one
 * page instead of sorting every match. Deleted messages leave the index.
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
        tokenize = 'unicode61 remove_diacritics 2'
      );

      CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages
      WHEN new.text IS NOT NULL AND new.deleted = 0 BEGIN
        INSERT INTO messages_fts (rowid, text) VALUES (new.id, new.text);
      END;

      CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages
      WHEN old.text IS NOT NULL AND old.deleted = 0 BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
      END;

      CREATE TRIGGER messages_fts_update AFTER UPDATE OF text, deleted ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, text)
          SELECT 'delete', old.id, old.text WHERE old.text IS NOT NULL AND old.deleted = 0;
        INSERT INTO messages_fts (rowid, text)
          SELECT new.id, new.text WHERE new.text IS NOT NULL AND new.deleted = 0;
      END;

      INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');
    `);
  },
};
