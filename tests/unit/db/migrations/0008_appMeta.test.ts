import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../main/db/openDatabase.node.ts';
import { MIGRATIONS } from '../../../../main/db/migrations/index.node.ts';
import { migration0008 } from '../../../../main/db/migrations/0008_appMeta.node.ts';

describe('migration 0008: app meta', () => {
  it('adds an empty key/value table and keeps everything else', () => {
    const db = new Sqlite(':memory:');
    const before = MIGRATIONS.filter((m) => m.version < 8);
    migrate(db, before);
    db.exec(
      `INSERT INTO quarantine (account_id, line_id, source, reason, raw, received_at) VALUES ('a', NULL, 'core', 'not stored', '{}', 5);`,
    );
    expect(migrate(db, [...before, migration0008])).toBe(8);
    expect(db.prepare('SELECT count(*) FROM app_meta').pluck().get()).toBe(0);
    db.prepare('INSERT INTO app_meta (key, value) VALUES (?, ?)').run('version', '0.2.0');
    expect(db.prepare('SELECT value FROM app_meta WHERE key = ?').pluck().get('version')).toBe(
      '0.2.0',
    );
    expect(db.prepare('SELECT count(*) FROM quarantine').pluck().get()).toBe(1);
  });
});
