import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../main/db/openDatabase.node.ts';
import { MIGRATIONS } from '../../../../main/db/migrations/index.node.ts';
import { migration0007 } from '../../../../main/db/migrations/0007_quarantineReplays.node.ts';

describe('migration 0007: quarantine replays', () => {
  it('keeps every quarantined item, none of them offered again yet', () => {
    const db = new Sqlite(':memory:');
    const before = MIGRATIONS.filter((m) => m.version < 7);
    migrate(db, before);
    db.exec(
      `INSERT INTO quarantine (account_id, line_id, source, reason, raw, received_at) VALUES ('a', NULL, 'webhook', 'message for unknown phone 1', '{"type":"message"}', 5);`,
    );
    expect(migrate(db, [...before, migration0007])).toBe(7);
    expect(
      db.prepare('SELECT account_id AS accountId, reason, raw, replays FROM quarantine').get(),
    ).toEqual({
      accountId: 'a',
      reason: 'message for unknown phone 1',
      raw: '{"type":"message"}',
      replays: 0,
    });
  });
});
