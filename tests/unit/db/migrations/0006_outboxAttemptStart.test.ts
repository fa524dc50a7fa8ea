import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../main/db/openDatabase.node.ts';
import { MIGRATIONS } from '../../../../main/db/migrations/index.node.ts';
import { migration0006 } from '../../../../main/db/migrations/0006_outboxAttemptStart.node.ts';

describe('migration 0006: when a send’s attempt started', () => {
  it('keeps every outbox entry, with no start time until its next attempt', () => {
    const db = new Sqlite(':memory:');
    const before = MIGRATIONS.filter((m) => m.version < 6);
    migrate(db, before);
    db.exec(`
      INSERT INTO accounts (id, provider, label, created_at) VALUES ('a', 'multiwa', 'A', 1);
      INSERT INTO lines (id, account_id, provider_line_id, messenger) VALUES ('a/1', 'a', '1', 'whatsapp');
      INSERT INTO conversations (line_id, provider_chat_id, activity_key) VALUES ('a/1', 'c', 0);
      INSERT INTO messages (id, conversation_id, direction, origin, type, text, time, deleted) VALUES (1000, 1, 'out', 'this_app', 'text', 'hi', 1, 0);
      INSERT INTO outbox (message_id, line_id, client_ref, request, state, created_at) VALUES (1000, 'a/1', 'ref-00000001', '{}', 'sending', 1);`);
    expect(migrate(db, [...before, migration0006])).toBe(6);
    expect(db.prepare('SELECT state, attempt_started_at AS started FROM outbox').get()).toEqual({
      state: 'sending',
      started: null,
    });
    db.prepare('UPDATE outbox SET attempt_started_at = 1234').run();
    expect(db.prepare('SELECT attempt_started_at FROM outbox').pluck().get()).toBe(1234);
  });
});
