import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../main/db/openDatabase.node.ts';
import { migration0001 } from '../../../../main/db/migrations/0001_core.node.ts';

describe('migration 0001: core tables', () => {
  it('creates every table the cache needs on an empty database', () => {
    const db = new Sqlite(':memory:');
    db.pragma('foreign_keys = ON');
    expect(migrate(db, [migration0001])).toBe(1);
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual(
      expect.arrayContaining([
        'accounts',
        'lines',
        'conversations',
        'messages',
        'message_aliases',
        'outbox',
        'quarantine',
        'early_events',
        'workspace',
      ]),
    );
  });

  it('cascades an account removal to its lines, conversations and messages', () => {
    const db = new Sqlite(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, [migration0001]);
    db.exec(`
      INSERT INTO accounts (id, provider, label, created_at) VALUES ('a', 'chatapp', 'A', 1);
      INSERT INTO lines (id, account_id, provider_line_id, messenger) VALUES ('a/1', 'a', '1', 'whatsapp');
      INSERT INTO conversations (line_id, provider_chat_id, activity_key) VALUES ('a/1', 'c', 0);
      INSERT INTO messages (id, conversation_id, direction, origin, type, time) VALUES (1000, 1, 'in', 'contact', 'text', 1);
      DELETE FROM accounts WHERE id = 'a';`);
    expect(db.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM conversations').pluck().get()).toBe(0);
  });

  it('keeps one conversation per (line, provider chat id)', () => {
    const db = new Sqlite(':memory:');
    migrate(db, [migration0001]);
    db.exec(`INSERT INTO accounts (id, provider, label, created_at) VALUES ('a', 'chatapp', 'A', 1);
      INSERT INTO lines (id, account_id, provider_line_id, messenger) VALUES ('a/1', 'a', '1', 'whatsapp');
      INSERT INTO conversations (line_id, provider_chat_id, activity_key) VALUES ('a/1', 'c', 0);`);
    expect(() =>
      db.exec(
        "INSERT INTO conversations (line_id, provider_chat_id, activity_key) VALUES ('a/1', 'c', 0)",
      ),
    ).toThrow(/UNIQUE/);
    expect(schemaVersion(db)).toBe(1);
  });
});
