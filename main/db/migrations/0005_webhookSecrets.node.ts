import type { Migration } from './migration.node.ts';

/**
 * The secret in each webhook account's URL path lives in the cache, beside the account.
 * It is our own address, not a provider credential, and it must outlive an account update
 * and a headless restart (whose provider secrets are kept in memory only): a lost one turns
 * every later webhook into a 404.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'webhook secrets',
  up(db) {
    db.exec(`
      CREATE TABLE webhook_secrets (
        account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        secret TEXT NOT NULL,
        issued_at INTEGER NOT NULL
      ) STRICT;`);
  },
};
