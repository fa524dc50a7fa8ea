import type { Migration } from './migration.node.ts';

/**
 * Triage of one chat, as in Telegram and WhatsApp: muted until a time (NULL: not muted; a
 * time far ahead: always), and marked unread by the user (cleared when the chat is read).
 */
export const migration0009: Migration = {
  version: 9,
  name: 'chat triage',
  up(db) {
    db.exec(`
      ALTER TABLE conversations ADD COLUMN muted_until INTEGER;
      ALTER TABLE conversations ADD COLUMN marked_unread INTEGER NOT NULL DEFAULT 0;`);
  },
};
