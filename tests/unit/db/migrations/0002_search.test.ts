import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../main/db/openDatabase.node.ts';
import { migration0001 } from '../../../../main/db/migrations/0001_core.node.ts';
import { migration0002 } from '../../../../main/db/migrations/0002_search.node.ts';

/** A cache at version 1 with one conversation holding `messages` (rows of the messages table). */
function dbAtVersion1(messages: string) {
  const db = new Sqlite(':memory:');
  migrate(db, [migration0001]);
  db.exec(`
    INSERT INTO accounts (id, provider, label, created_at) VALUES ('a', 'chatapp', 'A', 1);
    INSERT INTO lines (id, account_id, provider_line_id, messenger) VALUES ('a/1', 'a', '1', 'whatsapp');
    INSERT INTO conversations (line_id, provider_chat_id, activity_key) VALUES ('a/1', 'c', 0);
    INSERT INTO messages (id, conversation_id, direction, origin, type, text, time, deleted) VALUES ${messages};`);
  return db;
}

const dbAtVersion1WithMessages = () =>
  dbAtVersion1(
    "(1000, 1, 'in', 'contact', 'text', 'доставка завтра', 1, 0), (2000, 1, 'in', 'contact', 'text', 'invoice paid', 2, 0)",
  );

const hits = (db: Sqlite.Database, match: string) =>
  db
    .prepare('SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rowid')
    .pluck()
    .all(match);

describe('migration 0002: message search', () => {
  it('indexes the messages that were already cached when it runs', () => {
    const db = dbAtVersion1WithMessages();
    expect(migrate(db, [migration0001, migration0002])).toBe(2);
    expect(hits(db, 'доставка')).toEqual([1000]);
    expect(hits(db, 'invoice')).toEqual([2000]);
  });

  it('drops removed rows from the index, as when an account is deleted', () => {
    const db = dbAtVersion1WithMessages();
    migrate(db, [migration0001, migration0002]);
    db.exec('DELETE FROM messages WHERE id = 1000');
    expect(hits(db, 'доставка')).toEqual([]);
    expect(hits(db, 'invoice')).toEqual([2000]);
  });

  it('leaves out messages deleted for everyone', () => {
    const db = dbAtVersion1("(1000, 1, 'in', 'contact', 'text', 'secret plan', 1, 1)");
    migrate(db, [migration0001, migration0002]);
    expect(hits(db, 'secret')).toEqual([]);
  });

  it('folds diacritics and case, so "cafe" finds "Café"', () => {
    const db = dbAtVersion1WithMessages();
    migrate(db, [migration0001, migration0002]);
    db.exec(`INSERT INTO messages_fts (rowid, text) VALUES (4000, 'Meet at Café Noir')`);
    expect(hits(db, 'cafe')).toEqual([4000]);
  });
});
