import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../main/db/openDatabase.node.ts';
import { migration0001 } from '../../../../main/db/migrations/0001_core.node.ts';
import { migration0002 } from '../../../../main/db/migrations/0002_search.node.ts';
import { migration0003 } from '../../../../main/db/migrations/0003_sendErrorWords.node.ts';

describe('migration 0003: send error words', () => {
  it('keeps the outbox as it was, English errors included, and adds room for their words', () => {
    const db = new Sqlite(':memory:');
    migrate(db, [migration0001, migration0002]);
    db.exec(`
      INSERT INTO accounts (id, provider, label, created_at) VALUES ('a', 'maytapi', 'A', 1);
      INSERT INTO lines (id, account_id, provider_line_id, messenger) VALUES ('a/1', 'a', '1', 'whatsapp');
      INSERT INTO conversations (line_id, provider_chat_id, activity_key) VALUES ('a/1', 'c', 0);
      INSERT INTO messages (id, conversation_id, direction, origin, type, text, time, deleted) VALUES (1000, 1, 'out', 'this_app', 'text', 'hi', 1, 0);
      INSERT INTO outbox (message_id, line_id, client_ref, request, state, last_error, created_at) VALUES (1000, 'a/1', 'ref-00000001', '{}', 'failed', 'Maytapi refused it.', 1);`);
    expect(migrate(db, [migration0001, migration0002, migration0003])).toBe(3);
    expect(db.prepare('SELECT last_error, last_error_words FROM outbox').get()).toEqual({
      last_error: 'Maytapi refused it.',
      last_error_words: null,
    });
    db.prepare('UPDATE outbox SET last_error_words = ? WHERE message_id = 1000').run(
      '{"key":"maytapi.imagesOnly","params":{}}',
    );
    expect(db.prepare('SELECT last_error_words FROM outbox').pluck().get()).toBe(
      '{"key":"maytapi.imagesOnly","params":{}}',
    );
  });
});
