import Sqlite, { type Database } from 'better-sqlite3';
import { openDatabase } from './openDatabase.node.ts';
import { createReader, type CacheReader } from './reader.node.ts';
import { createIngestWriter, type IngestWriter } from './ingestWriter.node.ts';
import { createAccountsRepo, type AccountsRepo } from './accountsRepo.node.ts';
import { createConversationsRepo, type ConversationsRepo } from './conversationsRepo.node.ts';
import { createOutboxRepo, type OutboxRepo } from './outboxRepo.node.ts';
import { createQuarantineRepo, type QuarantineRepo } from './quarantineRepo.node.ts';
import { createAppMetaRepo, type AppMetaRepo } from './appMetaRepo.node.ts';
import { searchFileOf } from './searchFile.node.ts';
import { SearchFeeder, type SearchFeederOptions } from './searchFeeder.node.ts';
import { toStorageError } from './storageError.node.ts';

/** The SQLite cache behind typed readers and writers; nothing else holds SQL. */
export interface Cache {
  readonly db: Database;
  readonly reader: CacheReader;
  readonly ingest: IngestWriter;
  readonly accounts: AccountsRepo;
  readonly conversations: ConversationsRepo;
  readonly outbox: OutboxRepo;
  readonly quarantine: QuarantineRepo;
  readonly meta: AppMetaRepo;
  /** The search index, kept in its own file; `caughtUp()` waits for it to include everything committed. */
  readonly search: Pick<SearchFeeder, 'caughtUp' | 'indexing'>;
  /** Closes the files at once; resolves when the search worker has stopped too. */
  close(): Promise<void>;
}

export interface CacheOptions {
  warn?(message: string): void;
  spawnSearchWorker?: SearchFeederOptions['spawn'];
}

export function openCache(file: string, options: CacheOptions = {}): Cache {
  const db = openDatabase(file);
  const searchFile = searchFileOf(file);
  let feeder: SearchFeeder;
  let searchDb: Database;
  try {
    feeder = new SearchFeeder(db, {
      cacheFile: file,
      searchFile,
      warn: options.warn ?? ((message) => console.warn(message)),
      ...(options.spawnSearchWorker ? { spawn: options.spawnSearchWorker } : {}),
    });
    searchDb = openSearchReader(file, searchFile);
  } catch (error) {
    db.close();
    throw toStorageError(error, searchFile);
  }
  const ingest = createIngestWriter(db);
  const accounts = createAccountsRepo(db);
  return {
    db,
    reader: createReader(db, searchDb),
    ingest: {
      ...ingest,
      applyBatch(events, now) {
        const result = ingest.applyBatch(events, now);
        feeder.changed();
        return result;
      },
      applyWith(events, alongside, now) {
        const done = ingest.applyWith(events, alongside, now);
        feeder.changed();
        return done;
      },
    },
    accounts: {
      ...accounts,
      remove(id: string) {
        accounts.remove(id);
        ingest.forgetCached();
        feeder.changed();
      },
    },
    conversations: createConversationsRepo(db),
    outbox: createOutboxRepo(db),
    quarantine: createQuarantineRepo(db),
    meta: createAppMetaRepo(db),
    search: {
      caughtUp: (withinMs) => feeder.caughtUp(withinMs),
      indexing: () => feeder.indexing(),
    },
    close() {
      if (!db.open) return Promise.resolve();
      const stopped = feeder.close();
      searchDb.close();
      try {
        db.pragma('optimize');
      } catch {
        // Optional upkeep; a full or read-only disk must not keep the database open.
      }
      db.close();
      return stopped;
    },
  };
}

/** A read-only connection to the cache with the index attached: searches join hits to messages in one query. */
function openSearchReader(cacheFile: string, searchFile: string): Database {
  const db = new Sqlite(cacheFile, { readonly: true, timeout: 5000 });
  try {
    db.prepare('ATTACH DATABASE ? AS search').run(searchFile);
    db.pragma('cache_size = -16000');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
