import type { Migration } from './migration.node.ts';

/**
 * The cache's core tables. Message ids are sort keys (time ms × 1000 + tie-breaker), so
 * history pages, previews and "newest first" are all plain index order.
 * Aliases carry no foreign key: cascading through them would scan the table per message,
 * so the writer deletes them by line instead.
 */
export const migration0001: Migration = {
  version: 1,
  name: 'core tables',
  up(db) {
    db.exec(`
      CREATE TABLE accounts (
        id TEXT PRIMARY KEY,
        provider TEXT NOT NULL,
        label TEXT NOT NULL,
        config TEXT NOT NULL DEFAULT '{}',
        demo INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE lines (
        id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        provider_line_id TEXT NOT NULL,
        messenger TEXT NOT NULL,
        title TEXT,
        phone TEXT,
        login TEXT NOT NULL DEFAULT '{"state":"unknown"}',
        muted INTEGER NOT NULL DEFAULT 0,
        UNIQUE (account_id, provider_line_id)
      ) STRICT;

      CREATE TABLE conversations (
        id INTEGER PRIMARY KEY,
        line_id TEXT NOT NULL REFERENCES lines(id) ON DELETE CASCADE,
        provider_chat_id TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT 'private',
        title TEXT,
        avatar_url TEXT,
        phone TEXT,
        meta TEXT NOT NULL DEFAULT '{}',
        activity_key INTEGER NOT NULL,
        last_message_id INTEGER,
        unread_count INTEGER NOT NULL DEFAULT 0,
        read_key INTEGER NOT NULL DEFAULT 0,
        UNIQUE (line_id, provider_chat_id)
      ) STRICT;
      CREATE INDEX conversations_by_activity ON conversations (activity_key, id);
      CREATE INDEX conversations_by_line_activity ON conversations (line_id, activity_key, id);

      CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        direction TEXT NOT NULL,
        origin TEXT NOT NULL,
        type TEXT NOT NULL,
        text TEXT,
        body TEXT,
        time INTEGER NOT NULL,
        status TEXT,
        edited INTEGER NOT NULL DEFAULT 0,
        deleted INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX messages_by_conversation ON messages (conversation_id, id);

      CREATE TABLE message_aliases (
        line_id TEXT NOT NULL,
        alias TEXT NOT NULL,
        message_id INTEGER NOT NULL,
        PRIMARY KEY (line_id, alias)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE early_events (
        line_id TEXT NOT NULL,
        alias TEXT NOT NULL,
        event TEXT NOT NULL,
        received_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX early_events_by_alias ON early_events (line_id, alias);

      CREATE TABLE outbox (
        message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
        line_id TEXT NOT NULL,
        client_ref TEXT NOT NULL UNIQUE,
        request TEXT NOT NULL,
        state TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER,
        last_error TEXT,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX outbox_due ON outbox (state, next_attempt_at);

      CREATE TABLE quarantine (
        id INTEGER PRIMARY KEY,
        account_id TEXT,
        line_id TEXT,
        source TEXT NOT NULL,
        reason TEXT NOT NULL,
        raw TEXT NOT NULL,
        received_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE workspace (
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (account_id, key)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
