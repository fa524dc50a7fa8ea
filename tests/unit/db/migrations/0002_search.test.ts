import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../main/db/openDatabase.node.ts';
import { migration0001 } from '../../../../main/db/migrations/0001_core.node.ts';
import { migration0002 } from '../../../../main/db/migrations/0002_search.node.ts';

function dbAtVersion1WithMessages() {
  const db = new Sqlite(':memory:');
  migrate(db, [migration0001]);
  db.exec(`
    INSERT INTO accounts (id, provider, label, created_at) VALUES ('a', 'chatapp', 'A', 1);
    INSERT INTO lines (id, account_id, provider_line_id, messenger) VALUES ('a/1', 'a', '1', 'whatsapp');
    INSERT INTO conversations (line_id, provider_chat_id, activity_key) VALUES ('a/1', 'c', 0);
    INSERT INTO messages (id, conversation_id, direction, origin, type, text, time)
      VALUES (1000, 1, 'in', 'contact', 'text', 'доставка завтра', 1), (2000, 1, 'in', 'contact', 'text', 'invoice paid', 2);`);
  return db;
}

const hits = (db: Sqlite.Database, match: string) =>
  db.prepare('SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rowid').pluck().all(match);

describe('migration 0002: message search', () => {
  it('indexes the messages that were already cached when it runs', () => {
    const db = dbAtVersion1WithMessages();
    expect(migrate(db, [migration0001, migration0002])).toBe(2);
    expect(hits(db, 'доставка')).toEqual([1000]);
    expect(hits(db, 'invoice')).toEqual([2000]);
  });

  it('follows inserts, edits, deletions for everyone and row removal', () => {
    const db = dbAtVersion1WithMessages();
    migrate(db, [migration0001, migration0002]);
    db.exec(`INSERT INTO messages (id, conversation_id, direction, origin, type, text, time) VALUES (3000, 1, 'out', 'this_app', 'text', 'refund sent', 3)`);
    expect(hits(db, 'refund')).toEqual([3000]);
    db.exec(`UPDATE messages SET text = 'invoice overdue' WHERE id = 2000`);
    expect(hits(db, 'paid')).toEqual([]);
    expect(hits(db, 'overdue')).toEqual([2000]);
    db.exec('UPDATE messages SET deleted = 1 WHERE id = 3000');
    expect(hits(db, 'refund')).toEqual([]);
    db.exec('DELETE FROM messages WHERE id = 1000');
    expect(hits(db, 'доставка')).toEqual([]);
  });

  it('folds diacritics and case, so "cafe" finds "Café"', () => {
    const db = dbAtVersion1WithMessages();
    migrate(db, [migration0001, migration0002]);
    db.exec(`INSERT INTO messages (id, conversation_id, direction, origin, type, text, time) VALUES (4000, 1, 'in', 'contact', 'text', 'Meet at Café Noir', 4)`);
    expect(hits(db, 'cafe')).toEqual([4000]);
  });
});
