import type { Migration } from './migration.node.ts';

/**
 * Why a send failed, as words the UI can say in the user's language (JSON of a key and
 * values, see shared/ipc/coreWords.std.ts) beside the English `last_error`. Older rows keep
 * their English text and no words.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'send error words',
  up(db) {
    db.exec('ALTER TABLE outbox ADD COLUMN last_error_words TEXT');
  },
};
