import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../main/db/openDatabase.node.ts';
import { MIGRATIONS } from '../../../../main/db/migrations/index.node.ts';
import { migration0009 } from '../../../../main/db/migrations/0009_chatTriage.node.ts';

describe('migration 0009: per-chat mute and mark as unread', () => {
  it('adds both to every chat, unmuted and not marked, and keeps the chats', () => {
    const db = new Sqlite(':memory:');
    const before = MIGRATIONS.filter((m) => m.version < 9);
    migrate(db, before);
    db.exec(`
      INSERT INTO accounts (id, provider, label, config, demo, created_at) VALUES ('a', 'chatapp', 'Shop', '{}', 0, 1);
      INSERT INTO lines (id, account_id, provider_line_id, messenger, login) VALUES ('a/L', 'a', 'L', 'whatsapp', '{}');
      INSERT INTO conversations (line_id, provider_chat_id, kind, activity_key, unread_count) VALUES ('a/L', 'c1', 'private', 5, 3);`);
    expect(migrate(db, [...before, migration0009])).toBe(9);
    expect(
      db.prepare('SELECT unread_count, muted_until, marked_unread FROM conversations').get(),
    ).toEqual({ unread_count: 3, muted_until: null, marked_unread: 0 });
  });
});
