import type { Migration } from './migration.node.ts';

/**
 * When the current attempt of a send started. A send that was in flight when the app died
 * may have reached the provider: after a restart it is looked for in the chat's history
 * from that moment on, before anything is sent again.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'outbox attempt start',
  up(db) {
    db.exec('ALTER TABLE outbox ADD COLUMN attempt_started_at INTEGER');
  },
};
