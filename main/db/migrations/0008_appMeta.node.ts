import type { Migration } from './migration.node.ts';

/**
 * Facts about the app that belong with its data: the version that last opened the cache,
 * so an upgrade is noticed (and quarantined input gets a fresh chance with the new code).
 */
export const migration0008: Migration = {
  version: 8,
  name: 'app meta',
  up(db) {
    db.exec(`CREATE TABLE app_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;`);
  },
};
