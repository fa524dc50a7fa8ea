import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../main/db/openDatabase.node.ts';
import { MIGRATIONS } from '../../../../main/db/migrations/index.node.ts';

const UP_TO_3 = MIGRATIONS.filter((m) => m.version <= 3);

function dbAtVersion3() {
  const db = new Sqlite(':memory:');
  migrate(db, UP_TO_3);
  db.exec(`
    INSERT INTO accounts (id, provider, label, created_at) VALUES ('a', 'chatapp', 'A', 1);
    INSERT INTO lines (id, account_id, provider_line_id, messenger) VALUES ('a/1', 'a', '1', 'whatsapp');
    INSERT INTO conversations (line_id, provider_chat_id, activity_key) VALUES ('a/1', 'c', 0);
    INSERT INTO messages (id, conversation_id, direction, origin, type, text, time, deleted) VALUES
      (1000, 1, 'in', 'contact', 'text', 'доставка завтра', 1, 0),
      (2000, 1, 'in', 'contact', 'text', 'invoice paid', 2, 0),
      (3000, 1, 'in', 'contact', 'image', NULL, 3, 0);`);
  return db;
}

const tables = (db: Sqlite.Database) =>
  db.prepare("SELECT name FROM sqlite_schema WHERE type IN ('table', 'trigger')").pluck().all();
const backlog = (db: Sqlite.Database) =>
  db.prepare('SELECT seq, ids FROM search_backlog ORDER BY seq').all();

describe('migration 0004: the search index in its own file', () => {
  it('drops the in-file index and keeps every message', () => {
    const db = dbAtVersion3();
    expect(
      migrate(
        db,
        MIGRATIONS.filter((m) => m.version <= 4),
      ),
    ).toBe(4);
    expect(tables(db)).not.toContain('messages_fts');
    expect(tables(db)).not.toContain('messages_fts_delete');
    expect(db.prepare('SELECT id FROM messages ORDER BY id').pluck().all()).toEqual([
      1000, 2000, 3000,
    ]);
    // Nothing queued: the index file is built from the messages themselves (see searchIndex.test.ts).
    expect(backlog(db)).toEqual([]);
  });

  it('names the cache with a token of its own, so an index file from another cache is not trusted', () => {
    const a = dbAtVersion3();
    const b = dbAtVersion3();
    migrate(a);
    migrate(b);
    const tokenOf = (db: Sqlite.Database) =>
      db.prepare('SELECT token FROM search_identity').pluck().all() as string[];
    expect(tokenOf(a)).toHaveLength(1);
    expect(tokenOf(a)[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(tokenOf(a)).not.toEqual(tokenOf(b));
  });

  it('queues removed messages with text for the index, as when an account is deleted', () => {
    const db = dbAtVersion3();
    migrate(db);
    db.exec('PRAGMA foreign_keys = ON');
    db.exec("DELETE FROM accounts WHERE id = 'a'");
    expect(db.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(0);
    // The image without text was never in the index.
    expect(
      backlog(db)
        .map((r) => JSON.parse((r as { ids: string }).ids) as number[])
        .flat()
        .sort(),
    ).toEqual([1000, 2000]);
  });

  it('never reuses a sequence number once applied rows are trimmed', () => {
    const db = dbAtVersion3();
    migrate(db);
    db.exec(`INSERT INTO search_backlog (ids) VALUES ('[1000]'), ('[2000]')`);
    db.exec('DELETE FROM search_backlog');
    db.exec(`INSERT INTO search_backlog (ids) VALUES ('[3000]')`);
    expect(backlog(db)).toEqual([{ seq: 3, ids: '[3000]' }]);
  });
});
