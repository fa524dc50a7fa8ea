import fs from 'node:fs';
import Sqlite, { type Database } from 'better-sqlite3';
import { toStorageError } from './storageError.node.ts';

/**
 * The search index's own SQLite file beside the cache. It holds only what can be rebuilt
 * from the cache's messages, so a damaged or outdated one is replaced, never repaired.
 * Bumping FORMAT (a tokenizer change, say) rebuilds every index once.
 */
const FORMAT = 2; // 2: emoji and emoticons indexed as words (searchText.std.ts)

export function searchFileOf(cacheFile: string): string {
  return cacheFile.replace(/(\.sqlite)?$/, '-search.sqlite');
}

/** Opens the index for writing, creating or replacing it as needed. */
export function openSearchFile(file: string): Database {
  try {
    return openOrCreate(file);
  } catch (error) {
    const storage = toStorageError(error, file);
    if (storage.problem !== 'corrupt') throw storage;
    removeSearchFile(file);
    return openOrCreate(file);
  }
}

export function removeSearchFile(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
}

function openOrCreate(file: string): Database {
  let db = new Sqlite(file, { timeout: 5000 });
  try {
    if ((db.pragma('user_version', { simple: true }) as number) !== FORMAT && hasTables(db)) {
      db.close();
      removeSearchFile(file);
      db = new Sqlite(file, { timeout: 5000 });
    }
    db.pragma('journal_mode = WAL');
    // Derived data: a power cut may lose the last batches of index, which the backlog replays.
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -32000');
    if ((db.pragma('user_version', { simple: true }) as number) !== FORMAT) create(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function hasTables(db: Database): boolean {
  return db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table'").pluck().get() !== 0;
}

function create(db: Database): void {
  db.transaction(() => {
    db.exec(`
      -- token: the cache this index belongs to. applied: its last backlog row indexed.
      -- rebuild_below: while rebuilding, the oldest message id indexed so far (newest first,
      -- so recent messages are searchable soonest); NULL once complete.
      CREATE TABLE state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        token TEXT,
        applied INTEGER NOT NULL DEFAULT 0,
        rebuild_below INTEGER
      ) STRICT;
      INSERT INTO state (id) VALUES (1);

      -- Keeps its own copy of the text: the messages live in another file, and snippets need it.
      CREATE VIRTUAL TABLE messages_fts USING fts5(
        text,
        tokenize = 'unicode61 remove_diacritics 2',
        columnsize = 0
      );
      -- Bursts index in bigger in-memory runs, merge less often and write fuller pages; with
      -- columnsize = 0 (no per-row size record: results are ordered by recency, never by
      -- bm25) ingest gains about a quarter, queries nothing.
      INSERT INTO messages_fts (messages_fts, rank) VALUES ('hashsize', 8388608);
      INSERT INTO messages_fts (messages_fts, rank) VALUES ('automerge', 8);
      INSERT INTO messages_fts (messages_fts, rank) VALUES ('pgsz', 4050);
    `);
    db.pragma(`user_version = ${FORMAT}`);
  })();
}
