import type { Migration } from './migration.node.ts';

/**
 * How often a quarantined item was offered again. Items are re-applied when the line they
 * name appears (a webhook that beat the phone list) and after an upgrade that may now
 * understand them; the count caps the attempts so a truly bad item stops costing work.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'quarantine replays',
  up(db) {
    db.exec(`
      ALTER TABLE quarantine ADD COLUMN replays INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX quarantine_by_account ON quarantine (account_id, id);`);
  },
};
