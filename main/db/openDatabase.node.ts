import Sqlite, { type Database } from 'better-sqlite3';
import { MIGRATIONS } from './migrations/index.node.ts';
import type { Migration } from './migrations/migration.node.ts';
import { StorageError, toStorageError } from './storageError.node.ts';

export interface OpenOptions {
  /** For tests of a single migration step. */
  migrations?: readonly Migration[];
  readonly?: boolean;
}

/**
 * Opens (creating if needed) the cache, in WAL mode, and brings its schema up to date.
 * Failures come back as StorageError with a message a user can act on; nothing is deleted.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Database {
  let db: Database | undefined;
  try {
    db = new Sqlite(file, { readonly: options.readonly ?? false, timeout: 5000 });
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('cache_size = -32000');
    db.pragma('temp_store = MEMORY');
    if (!options.readonly) migrate(db, options.migrations ?? MIGRATIONS);
    return db;
  } catch (error) {
    db?.close();
    throw toStorageError(error, file);
  }
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies each pending migration in its own transaction; a failed one leaves the previous version intact. */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number {
  const current = schemaVersion(db);
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new StorageError(
      'too_new',
      `This message cache was written by a newer Switchboard (schema ${current}, this one knows ${latest}). ` +
        'Update Switchboard to open it.',
    );
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return schemaVersion(db);
}
