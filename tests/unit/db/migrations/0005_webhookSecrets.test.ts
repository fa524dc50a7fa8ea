import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../main/db/openDatabase.node.ts';
import { MIGRATIONS } from '../../../../main/db/migrations/index.node.ts';
import { migration0005 } from '../../../../main/db/migrations/0005_webhookSecrets.node.ts';

describe('migration 0005: webhook secrets', () => {
  it('adds a secret per account that goes with its account, and keeps what was there', () => {
    const db = new Sqlite(':memory:');
    db.pragma('foreign_keys = ON');
    const before = MIGRATIONS.filter((m) => m.version < 5);
    migrate(db, before);
    db.exec(
      `INSERT INTO accounts (id, provider, label, created_at) VALUES ('a', 'maytapi', 'A', 1), ('b', 'chategy', 'B', 2);`,
    );
    expect(migrate(db, [...before, migration0005])).toBe(5);
    expect(db.prepare('SELECT count(*) FROM accounts').pluck().get()).toBe(2);
    db.exec(
      `INSERT INTO webhook_secrets (account_id, secret, issued_at) VALUES ('a', 's3cret-a-0123456789', 10), ('b', 's3cret-b-0123456789', 11);`,
    );
    db.exec(`DELETE FROM accounts WHERE id = 'a'`);
    expect(db.prepare('SELECT account_id FROM webhook_secrets').pluck().all()).toEqual(['b']);
    expect(() =>
      db.exec(
        `INSERT INTO webhook_secrets (account_id, secret, issued_at) VALUES ('nobody', 'x', 1)`,
      ),
    ).toThrow(/FOREIGN KEY/);
  });
});
