import type { Migration } from './migration.node.ts';

/**
 * The search index moves to its own file (see searchFile.node.ts), written by a worker
 * thread while this file takes the next batch: one SQLite file has one writer at a time,
 * and indexing was half of what a burst of messages cost.
 *
 * What the index must catch up on is kept here, in the same transaction as the change:
 * one backlog row per batch, listing the message ids whose text appeared, changed or went
 * away. The index records the last row it applied, so a crash between the two files loses
 * nothing and applies nothing twice. AUTOINCREMENT: sequence numbers are never reused once
 * applied rows are trimmed.
 *
 * The token names this cache; an index file holding another token (a restored backup, a
 * copied profile) is rebuilt from the messages, as is the missing file after this step.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'search index in its own file',
  up(db) {
    db.exec(`
      DROP TRIGGER messages_fts_delete;
      DROP TABLE messages_fts;

      CREATE TABLE search_backlog (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        ids TEXT NOT NULL
      ) STRICT;

      CREATE TABLE search_identity (token TEXT NOT NULL) STRICT;
      INSERT INTO search_identity (token) VALUES (lower(hex(randomblob(16))));

      -- Rows removed by a cascade (an account deleted) leave the index through the backlog too.
      CREATE TRIGGER search_backlog_on_delete AFTER DELETE ON messages
      WHEN old.text IS NOT NULL AND old.deleted = 0 BEGIN
        INSERT INTO search_backlog (ids) VALUES (json_array(old.id));
      END;
    `);
  },
};
