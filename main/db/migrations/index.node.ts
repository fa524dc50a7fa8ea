import type { Migration } from './migration.node.ts';
import { migration0001 } from './0001_core.node.ts';
import { migration0002 } from './0002_search.node.ts';
import { migration0003 } from './0003_sendErrorWords.node.ts';
import { migration0004 } from './0004_searchFile.node.ts';
import { migration0005 } from './0005_webhookSecrets.node.ts';
import { migration0006 } from './0006_outboxAttemptStart.node.ts';
import { migration0007 } from './0007_quarantineReplays.node.ts';
import { migration0008 } from './0008_appMeta.node.ts';
import { migration0009 } from './0009_chatTriage.node.ts';

/** In order; a version is never edited once released, only followed by a new one. */
export const MIGRATIONS: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
];
