import type { Database } from 'better-sqlite3';
import { openDatabase } from './openDatabase.node.ts';
import { createReader, type CacheReader } from './reader.node.ts';
import { createIngestWriter, type IngestWriter } from './ingestWriter.node.ts';
import { createAccountsRepo, type AccountsRepo } from './accountsRepo.node.ts';
import { createConversationsRepo, type ConversationsRepo } from './conversationsRepo.node.ts';
import { createOutboxRepo, type OutboxRepo } from './outboxRepo.node.ts';
import { createQuarantineRepo, type QuarantineRepo } from './quarantineRepo.node.ts';

/** The SQLite cache behind typed readers and writers; nothing else holds SQL. */
export interface Cache {
  readonly db: Database;
  readonly reader: CacheReader;
  readonly ingest: IngestWriter;
  readonly accounts: AccountsRepo;
  readonly conversations: ConversationsRepo;
  readonly outbox: OutboxRepo;
  readonly quarantine: QuarantineRepo;
  close(): void;
}

export function openCache(file: string): Cache {
  const db = openDatabase(file);
  const ingest = createIngestWriter(db);
  const accounts = createAccountsRepo(db);
  return {
    db,
    reader: createReader(db),
    ingest,
    accounts: {
      ...accounts,
      remove(id: string) {
        accounts.remove(id);
        ingest.forgetCached();
      },
    },
    conversations: createConversationsRepo(db),
    outbox: createOutboxRepo(db),
    quarantine: createQuarantineRepo(db),
    close() {
      if (!db.open) return;
      try {
        db.pragma('optimize');
      } catch {
        // Optional upkeep; a full or read-only disk must not keep the database open.
      }
      db.close();
    },
  };
}
